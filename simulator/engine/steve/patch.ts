// The two patch formats Steve passes through to Kubernetes for CRDs: RFC 7386 JSON merge patch (arrays are
// replaced whole — which is why a merge patch of machineSelectorConfig replaces the list) and RFC 6902 JSON patch.

import { ApiError, badRequest } from '../api-error';
import { clone, deepEqual, isPlainObject } from '../kube-object';

export function mergePatch(target: any, patch: any): any {
  if (!isPlainObject(patch)) {
    return clone(patch);
  }
  const out: any = isPlainObject(target) ? clone(target) : {};

  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete out[k];
    } else {
      out[k] = mergePatch(out[k], v);
    }
  }

  return out;
}

interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: unknown;
}

function pointer(path: string): string[] {
  if (path === '') {
    return [];
  }
  if (!path.startsWith('/')) {
    throw badRequest(`invalid JSON pointer "${ path }"`);
  }

  return path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: any, tokens: string[], path: string): { parent: any; key: string } {
  let cur = doc;

  for (const t of tokens.slice(0, -1)) {
    cur = Array.isArray(cur) ? cur[Number(t)] : cur?.[t];
    if (cur === undefined || cur === null || typeof cur !== 'object') {
      throw new ApiError(422, 'Invalid', `the server rejected our request due to an error in our request: path "${ path }" does not exist`);
    }
  }

  return { parent: cur, key: tokens[tokens.length - 1] };
}

function getAt(doc: any, path: string): unknown {
  let cur = doc;

  for (const t of pointer(path)) {
    cur = Array.isArray(cur) ? cur[Number(t)] : cur?.[t];
    if (cur === undefined) {
      throw new ApiError(422, 'Invalid', `path "${ path }" does not exist`);
    }
  }

  return cur;
}

function remove(doc: any, path: string): unknown {
  const { parent, key } = parentOf(doc, pointer(path), path);

  if (Array.isArray(parent)) {
    const i = Number(key);

    if (!(i >= 0 && i < parent.length)) {
      throw new ApiError(422, 'Invalid', `path "${ path }" does not exist`);
    }

    return parent.splice(i, 1)[0];
  }
  if (!(key in parent)) {
    throw new ApiError(422, 'Invalid', `path "${ path }" does not exist`);
  }
  const v = parent[key];

  delete parent[key];

  return v;
}

function add(doc: any, path: string, value: unknown, replace: boolean): any {
  const tokens = pointer(path);

  if (!tokens.length) {
    return clone(value);
  }
  const { parent, key } = parentOf(doc, tokens, path);

  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : Number(key);

    if (!(i >= 0 && i <= parent.length) || (replace && i >= parent.length)) {
      throw new ApiError(422, 'Invalid', `path "${ path }" is out of range`);
    }
    parent.splice(i, replace ? 1 : 0, clone(value));
  } else {
    if (replace && !(key in parent)) {
      throw new ApiError(422, 'Invalid', `replace operation does not apply: doc is missing path: "${ path }"`);
    }
    parent[key] = clone(value);
  }

  return doc;
}

export function jsonPatch(target: any, ops: unknown): any {
  if (!Array.isArray(ops)) {
    throw badRequest('json patch body must be an array of operations');
  }
  let doc = clone(target);

  for (const op of ops as JsonPatchOp[]) {
    switch (op.op) {
    case 'add':
      doc = add(doc, op.path, op.value, false);
      break;
    case 'replace':
      doc = add(doc, op.path, op.value, true);
      break;
    case 'remove':
      remove(doc, op.path);
      break;
    case 'move': {
      const v = remove(doc, op.from || '');

      doc = add(doc, op.path, v, false);
      break;
    }
    case 'copy':
      doc = add(doc, op.path, getAt(doc, op.from || ''), false);
      break;
    case 'test':
      if (!deepEqual(getAt(doc, op.path), op.value)) {
        throw new ApiError(422, 'Invalid', `testing value ${ op.path } failed`);
      }
      break;
    default:
      throw badRequest(`unknown json patch op ${ (op as any).op }`);
    }
  }

  return doc;
}
