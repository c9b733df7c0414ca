// The raw Kubernetes object as the simulator stores it. Steve/Norman decoration (id, type, links, state) is
// added by the formatters on the way out, never stored, so the reconciler works on plain k8s shapes.

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonMap = { [k: string]: any };

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: JsonMap[];
  [k: string]: any;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: any;
  status?: any;
  [k: string]: any;
}

/** Store key of an object: `<namespace>/<name>` or `<name>` — also its Steve id. */
export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${ namespace }/${ name }` : name;
}

export function keyOf(o: KubeObject): string {
  return objectKey(o.metadata.namespace, o.metadata.name);
}

/** Objects are plain JSON; a JSON round trip is also available in every runtime (jest 27's sandbox lacks structuredClone). */
export function clone<T>(v: T): T {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return false;
  }
  if (Array.isArray(a) !== Array.isArray(b)) {
    return false;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  const ak = Object.keys(a as object).filter((k) => (a as any)[k] !== undefined);
  const bk = Object.keys(b as object).filter((k) => (b as any)[k] !== undefined);

  return ak.length === bk.length && ak.every((k) => deepEqual((a as any)[k], (b as any)[k]));
}

export function isPlainObject(v: unknown): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deterministic short hash (FNV-1a) — used for pod name suffixes, plan hashes and template hashes. */
export function shortHash(input: string, length = 10): string {
  let h = 0x811c9dc5;

  for (let i = 0; i < input.length; i++) {
    h ^= input.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let h2 = h ^ 0x5bd1e995;

  for (let i = input.length - 1; i >= 0; i--) {
    h2 ^= input.charCodeAt(i);
    h2 = Math.imul(h2, 0x01000193) >>> 0;
  }
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let out = '';
  let n = BigInt(h) * 4294967296n + BigInt(h2);

  while (out.length < length) {
    out += alphabet[Number(n % 27n)];
    n = n / 27n || BigInt(h + out.length * 7919);
  }

  return out;
}

/** A stable JSON string (sorted keys) for hashing configs. */
export function stableStringify(v: unknown): string {
  if (Array.isArray(v)) {
    return `[${ v.map(stableStringify).join(',') }]`;
  }
  if (isPlainObject(v)) {
    return `{${ Object.keys(v).sort().filter((k) => v[k] !== undefined).map((k) => `${ JSON.stringify(k) }:${ stableStringify(v[k]) }`).join(',') }}`;
  }

  return JSON.stringify(v);
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  [k: string]: any;
}

/** Sets a condition in place; keeps lastTransitionTime when the status does not change. */
export function setCondition(conditions: Condition[], c: Condition, nowIso: string): Condition[] {
  const i = conditions.findIndex((x) => x.type === c.type);
  const prev = i >= 0 ? conditions[i] : undefined;
  const same = prev && prev.status === c.status && (prev.reason || '') === (c.reason || '') && (prev.message || '') === (c.message || '');

  if (same) {
    return conditions;
  }
  const next: Condition = {
    ...c,
    reason:             c.reason || '',
    message:            c.message || '',
    lastUpdateTime:     nowIso,
    lastTransitionTime: prev && prev.status === c.status ? prev.lastTransitionTime : nowIso,
  };

  if (i >= 0) {
    conditions[i] = next;
  } else {
    conditions.push(next);
  }

  return conditions;
}

export function getCondition(o: KubeObject | undefined, type: string): Condition | undefined {
  return (o?.status?.conditions || []).find((c: Condition) => c.type === type);
}
