// Minimal RFC 6902 patches between two plain objects, and applying them. Patches are JSON Patch rather than
// merge patch because merge patch replaces whole arrays (machineSelectorConfig) and cannot express "remove
// this element"; JSON Patch touches only the changed leaf and a `test` op makes a stale edit fail.
import type { AnyObject, JsonPatchOp } from './types';
import { isObject } from './effective-config';

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);

    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }

  return false;
}

/** Deep copy of JSON-like data (functions and undefined values dropped, as JSON would). */
export function clone<T>(v: T): T {
  if (Array.isArray(v)) {
    return v.map((x) => clone(x)) as unknown as T;
  }
  if (isObject(v)) {
    const out: AnyObject = {};

    for (const [k, x] of Object.entries(v)) {
      if (x !== undefined && typeof x !== 'function') {
        out[k] = clone(x);
      }
    }

    return out as T;
  }

  return v;
}

export function escapePointer(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapePointer(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function diffArrays(a: unknown[], b: unknown[], path: string, out: JsonPatchOp[]): void {
  if (a.length === b.length) {
    a.forEach((v, i) => diffInto(v, b[i], `${ path }/${ i }`, out));

    return;
  }
  let i = 0;

  while (i < a.length && i < b.length && deepEqual(a[i], b[i])) {
    i++;
  }
  const shorter = a.length < b.length ? a : b;
  const longer = a.length < b.length ? b : a;
  const oneApart = longer.length === shorter.length + 1 && shorter.slice(i).every((v, j) => deepEqual(v, longer[i + 1 + j]));

  if (oneApart && a.length < b.length) {
    out.push({ op: 'add', path: `${ path }/${ i }`, value: clone(b[i]) });
  } else if (oneApart) {
    out.push({ op: 'remove', path: `${ path }/${ i }` });
  } else {
    out.push({ op: 'replace', path, value: clone(b) });
  }
}

function diffInto(a: unknown, b: unknown, path: string, out: JsonPatchOp[]): void {
  if (deepEqual(a, b)) {
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    diffArrays(a, b, path, out);
  } else if (isObject(a) && isObject(b)) {
    for (const k of Object.keys(a)) {
      if (a[k] !== undefined && (!Object.prototype.hasOwnProperty.call(b, k) || b[k] === undefined)) {
        out.push({ op: 'remove', path: `${ path }/${ escapePointer(k) }` });
      }
    }
    for (const [k, v] of Object.entries(b)) {
      if (v === undefined) {
        continue;
      }
      if (!Object.prototype.hasOwnProperty.call(a, k) || a[k] === undefined) {
        out.push({ op: 'add', path: `${ path }/${ escapePointer(k) }`, value: clone(v) });
      } else {
        diffInto(a[k], v, `${ path }/${ escapePointer(k) }`, out);
      }
    }
  } else {
    out.push({ op: 'replace', path, value: clone(b) });
  }
}

/** Ops turning `before` into `after`, guarded by a resourceVersion `test` when the object has one. */
export function diff(before: unknown, after: unknown): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];

  diffInto(before, after, '', ops);
  const rv = isObject(before) && isObject(before.metadata) ? before.metadata.resourceVersion : undefined;

  return ops.length && typeof rv === 'string' ? [{ op: 'test', path: '/metadata/resourceVersion', value: rv }, ...ops] : ops;
}

function parent(root: AnyObject, path: string): { container: any; key: string } {
  const tokens = path.split('/').slice(1).map(unescapePointer);
  const key = tokens.pop() as string;
  let container: any = root;

  for (const t of tokens) {
    container = container?.[Array.isArray(container) ? Number(t) : t];
  }
  if (container === null || typeof container !== 'object') {
    throw new Error(`JSON Patch path not found: ${ path }`);
  }

  return { container, key };
}

/** Applies ops to a copy of `obj`; throws when a `test` fails or a path is missing (as a server would reject it). */
export function applyJsonPatch<T>(obj: T, ops: JsonPatchOp[]): T {
  let root: any = clone(obj);

  for (const op of ops) {
    if (op.path === '') {
      if (op.op === 'test' && !deepEqual(root, op.value)) {
        throw new Error('JSON Patch test failed at the root');
      }
      root = op.op === 'replace' || op.op === 'add' ? clone(op.value) : root;
      continue;
    }
    const { container, key } = parent(root, op.path);
    const isArr = Array.isArray(container);
    const idx = key === '-' ? container.length : Number(key);

    if (op.op === 'test') {
      if (!deepEqual(isArr ? container[idx] : container[key], op.value)) {
        throw new Error(`JSON Patch test failed: ${ op.path }`);
      }
    } else if (op.op === 'remove') {
      isArr ? container.splice(idx, 1) : delete container[key];
    } else if (op.op === 'add' && isArr) {
      container.splice(idx, 0, clone(op.value));
    } else {
      container[isArr ? idx : key] = clone(op.value);
    }
  }

  return root as T;
}
