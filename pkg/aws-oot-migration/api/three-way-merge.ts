// Three-way merge for "apply our change onto theirs" after a 409. Pure.
//
// base   = the object the user reviewed (what our change was computed from)
// ours   = base + our change (what we wanted to write)
// theirs = the server's latest (base + someone else's change)
//
// Per path: if only one side changed it, that side wins; if both made the same change, fine; if both changed it
// differently, that is a conflict and the merged object keeps THEIR value — the caller must not write then.
// Objects merge key by key (a missing key is a deletion). Arrays are leaves (whole-value compare) unless the path is
// listed in `keyedArrays`, where entries are matched by identity, not by index:
//
// `machineSelectorConfig` is an ordered override list (every matching entry overwrites whole keys, in array order).
// Index-wise merge is NOT safe there: an entry inserted by either side shifts the indexes, and the merge would then
// combine the config of unrelated selectors and silently change which value wins on a machine. Keyed merge (by the
// entry's `machineLabelSelector`) merges edits inside the same entry, takes entries added or removed by one side,
// and reports a conflict when both sides changed the sequence of entries (their relative order decides the
// effective config, and there is no safe way to interleave two edits of it). Leaf compare would also be safe but
// would report every concurrent edit of any entry as a conflict.

export type PathSegment = string | number;

export interface MergeConflict {
  /** Dotted path, array entries as `[index]` (index in our version, else theirs). */
  path: string;
  base: unknown;
  ours: unknown;
  theirs: unknown;
}

export interface MergeResult<T> {
  merged: T;
  conflicts: MergeConflict[];
}

export interface MergeOptions {
  /** Paths owned by the server (status, resourceVersion …): theirs always wins, never a conflict. */
  theirsWins?: string[];
  /** Arrays merged entry by entry; the function gives an entry's identity. */
  keyedArrays?: Record<string, (entry: any) => string>;
}

type Obj = Record<string, unknown>;

export function isPlainObject(v: unknown): v is Obj {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** JSON equality: key order and keys holding `undefined` do not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) {
    return false;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);

  return [...keys].every((k) => deepEqual(a[k], b[k]));
}

/** Canonical JSON (sorted keys): identity of a selector, order-insensitive. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) {
    return `[${ v.map(canonical).join(',') }]`;
  }
  if (isPlainObject(v)) {
    return `{${ Object.keys(v).sort().filter((k) => v[k] !== undefined).map((k) => `${ JSON.stringify(k) }:${ canonical(v[k]) }`).join(',') }}`;
  }

  return JSON.stringify(v ?? null);
}

export function pathString(path: PathSegment[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${ s }[${ p }]` : (s ? `${ s }.${ p }` : p)), '');
}

class Merger {
  readonly conflicts: MergeConflict[] = [];
  private readonly theirsWins: Set<string>;
  private readonly keyed: Record<string, (entry: any) => string>;

  constructor(opts: MergeOptions) {
    this.theirsWins = new Set(opts.theirsWins || []);
    this.keyed = opts.keyedArrays || {};
  }

  merge(base: unknown, ours: unknown, theirs: unknown, path: PathSegment[]): unknown {
    const at = pathString(path);

    if (this.theirsWins.has(at) || deepEqual(ours, base)) {
      return theirs;
    }
    if (deepEqual(theirs, base) || deepEqual(ours, theirs)) {
      return ours;
    }
    if (isPlainObject(ours) && isPlainObject(theirs) && (isPlainObject(base) || base === undefined)) {
      return this.mergeObjects(base || {}, ours, theirs, path);
    }
    if (this.keyed[at] && Array.isArray(ours) && Array.isArray(theirs) && (Array.isArray(base) || base === undefined)) {
      return this.mergeKeyed(base || [], ours, theirs, path, this.keyed[at]);
    }

    return this.conflict(at, base, ours, theirs);
  }

  private conflict(path: string, base: unknown, ours: unknown, theirs: unknown): unknown {
    this.conflicts.push({
      path, base, ours, theirs
    });

    return theirs; // never overwrite their edit
  }

  private mergeObjects(base: Obj, ours: Obj, theirs: Obj, path: PathSegment[]): Obj {
    const out: Obj = {};
    const keys = new Set([...Object.keys(theirs), ...Object.keys(ours), ...Object.keys(base)]);

    for (const k of keys) {
      const v = this.merge(base[k], ours[k], theirs[k], [...path, k]);

      if (v !== undefined) {
        out[k] = v;
      }
    }

    return out;
  }

  private mergeKeyed(base: unknown[], ours: unknown[], theirs: unknown[], path: PathSegment[], keyOf: (e: any) => string): unknown {
    const [kb, ko, kt] = [base, ours, theirs].map((a) => keysOf(a, keyOf));

    if (!kb || !ko || !kt) {
      return this.conflict(pathString(path), base, ours, theirs); // duplicate identities: cannot match entries
    }
    const order = sameKeys(ko, kb) ? kt : (sameKeys(kt, kb) || sameKeys(ko, kt) ? ko : undefined);

    if (!order) {
      return this.conflict(pathString(path), base, ours, theirs); // both sides changed which entries exist, or their order
    }
    const [mb, mo, mt] = [base, ours, theirs].map((a, i) => byKey(a, [kb, ko, kt][i]));

    if (this.removedWhileEdited(kb, mb, mo, mt, ours, theirs, path)) {
      return theirs;
    }

    return order.map((k) => {
      const index = ko.includes(k) ? ko.indexOf(k) : kt.indexOf(k);

      return this.merge(mb.get(k), mo.get(k), mt.get(k), [...path, index]);
    });
  }

  /** One side deleted an entry the other side edited: a conflict on that entry. */
  private removedWhileEdited(kb: string[], mb: Map<string, unknown>, mo: Map<string, unknown>, mt: Map<string, unknown>, ours: unknown[], theirs: unknown[], path: PathSegment[]): boolean {
    const before = this.conflicts.length;

    kb.forEach((k) => {
      const goneOurs = !mo.has(k);
      const goneTheirs = !mt.has(k);

      if (goneOurs && !goneTheirs && !deepEqual(mb.get(k), mt.get(k))) {
        this.conflict(pathString([...path, theirs.indexOf(mt.get(k))]), mb.get(k), undefined, mt.get(k));
      } else if (goneTheirs && !goneOurs && !deepEqual(mb.get(k), mo.get(k))) {
        this.conflict(pathString([...path, ours.indexOf(mo.get(k))]), mb.get(k), mo.get(k), undefined);
      }
    });

    return this.conflicts.length > before;
  }
}

function keysOf(a: unknown[], keyOf: (e: any) => string): string[] | undefined {
  const keys = a.map((e) => keyOf(e));

  return new Set(keys).size === keys.length ? keys : undefined;
}

function sameKeys(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

function byKey(a: unknown[], keys: string[]): Map<string, unknown> {
  return new Map(keys.map((k, i) => [k, a[i]]));
}

export function threeWayMerge<T>(base: T, ours: T, theirs: T, opts: MergeOptions = {}): MergeResult<T> {
  const m = new Merger(opts);
  const merged = m.merge(base, ours, theirs, []) as T;

  return { merged, conflicts: m.conflicts };
}

/** Identity of a machineSelectorConfig entry: its selector (none = matches every machine). */
export function selectorEntryKey(entry: any): string {
  return canonical(entry?.machineLabelSelector ?? null);
}

/** Fields Steve or the controllers own, or that only decorate the object: never ours to merge. */
export const SERVER_OWNED = [
  'id', 'type', 'links', 'actions', 'status',
  'metadata.resourceVersion', 'metadata.generation', 'metadata.managedFields', 'metadata.state',
  'metadata.relationships', 'metadata.fields', 'metadata.creationTimestamp', 'metadata.uid',
];

/** Merge rules for a provisioning.cattle.io Cluster. */
export const PROVISIONING_CLUSTER_MERGE: MergeOptions = {
  theirsWins:  SERVER_OWNED,
  keyedArrays: {
    'spec.rkeConfig.machineSelectorConfig': selectorEntryKey,
    'spec.rkeConfig.machinePools':          (p: any) => String(p?.name ?? ''),
  },
};

/** Norman v3 objects are flat; the server-owned fields are top-level. */
export const NORMAN_CLUSTER_MERGE: MergeOptions = {
  theirsWins: [
    'links', 'actions', 'type', 'baseType', 'state', 'transitioning', 'transitioningMessage', 'conditions', 'appliedSpec',
    'resourceVersion', 'uuid', 'created', 'createdTS', 'version', 'allocatable', 'capacity', 'requested', 'limits',
    'connected', 'nodeCount', 'driver', 'provider', 'agentImage', 'apiEndpoint', 'caCert',
  ],
};
