// A typed in-memory object store with Kubernetes write semantics: resourceVersions from a shared counter,
// optimistic concurrency (stale resourceVersion → 409), generation bumped on non-metadata/non-status changes,
// and synchronous watch fan-out. One store per "apiserver": the management cluster and each downstream cluster.

import { ApiError, conflict, notFound } from './api-error';
import {
  KubeObject, clone, deepEqual, keyOf, objectKey,
} from './kube-object';

export type StoreEventName = 'create' | 'change' | 'remove';

export interface StoreEvent {
  name: StoreEventName;
  type: string;          // schema id, e.g. "provisioning.cattle.io.cluster"
  object: KubeObject;    // the stored object (replaced, never mutated, on later writes): read-only
  store: ObjectStore;
}

export type StoreListener = (e: StoreEvent) => void;

/** Monotonic resourceVersion source shared by every store of one simulated Rancher. */
export class RevisionCounter {
  private value: number;

  constructor(start = 1000) {
    this.value = start;
  }

  next(): string {
    this.value += 1;

    return `${ this.value }`;
  }

  current(): string {
    return `${ this.value }`;
  }
}

export interface StoreOptions {
  revisions: RevisionCounter;
  /** ISO timestamp for creationTimestamp. */
  now: () => string;
  /** For uids: a per-store prefix keeps uids distinct across clusters. */
  name: string;
}

export class ObjectStore {
  readonly name: string;
  private readonly maps = new Map<string, Map<string, KubeObject>>();
  private readonly listeners = new Set<StoreListener>();
  private uidSeq = 0;

  constructor(private readonly opts: StoreOptions) {
    this.name = opts.name;
  }

  revision(): string {
    return this.opts.revisions.current();
  }

  types(): string[] {
    return [...this.maps.keys()];
  }

  private map(type: string): Map<string, KubeObject> {
    let m = this.maps.get(type);

    if (!m) {
      m = new Map();
      this.maps.set(type, m);
    }

    return m;
  }

  /** Objects are returned as stored: callers must not mutate them (use mutate()). */
  list(type: string): KubeObject[] {
    return [...this.map(type).values()];
  }

  count(type: string): number {
    return this.maps.get(type)?.size || 0;
  }

  get(type: string, key: string): KubeObject | undefined {
    return this.map(type).get(key);
  }

  getByName(type: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.get(type, objectKey(namespace, name));
  }

  must(type: string, key: string): KubeObject {
    const o = this.get(type, key);

    if (!o) {
      throw notFound(`${ type } "${ key }"`);
    }

    return o;
  }

  create(type: string, input: KubeObject): KubeObject {
    const key = keyOf(input);

    if (!input.metadata?.name) {
      throw new ApiError(422, 'Invalid', 'metadata.name: Required value: name is required');
    }
    if (this.map(type).has(key)) {
      throw new ApiError(409, 'AlreadyExists', `${ type } "${ key }" already exists`);
    }
    const o = clone(input);

    o.metadata = {
      ...o.metadata,
      uid:               o.metadata.uid || `${ this.name }-${ ++this.uidSeq }-${ o.metadata.name }`.slice(0, 63),
      resourceVersion:   this.opts.revisions.next(),
      generation:        1,
      creationTimestamp: o.metadata.creationTimestamp || this.opts.now(),
      labels:            o.metadata.labels || {},
      annotations:       o.metadata.annotations || {},
    };
    this.map(type).set(key, o);
    this.emit('create', type, o);

    return o;
  }

  /**
   * Replace an object. With `expectedResourceVersion` set, a mismatch is a 409 (optimistic concurrency).
   * Identity fields (uid, creationTimestamp) are kept; generation moves when anything but metadata/status changes.
   */
  update(type: string, input: KubeObject, expectedResourceVersion?: string): KubeObject {
    const key = keyOf(input);
    const prev = this.map(type).get(key);

    if (!prev) {
      throw notFound(`${ type } "${ key }"`);
    }
    if (expectedResourceVersion !== undefined && expectedResourceVersion !== prev.metadata.resourceVersion) {
      throw conflict(`Operation cannot be fulfilled on ${ type } "${ input.metadata.name }": the object has been modified; please apply your changes to the latest version and try again`);
    }
    const next = clone(input);

    next.metadata = {
      ...next.metadata,
      uid:               prev.metadata.uid,
      creationTimestamp: prev.metadata.creationTimestamp,
      generation:        prev.metadata.generation || 1,
      labels:            next.metadata.labels || {},
      annotations:       next.metadata.annotations || {},
      resourceVersion:   prev.metadata.resourceVersion,
    };
    if (deepEqual(prev, next)) {
      return prev; // no-op writes do not bump the resourceVersion (like the apiserver)
    }
    if (!deepEqual(specPart(prev), specPart(next))) {
      next.metadata.generation = (prev.metadata.generation || 1) + 1;
    }
    next.metadata.resourceVersion = this.opts.revisions.next();
    this.map(type).set(key, next);
    this.emit('change', type, next);

    return next;
  }

  /** Read-modify-write for controllers: `fn` edits a copy; nothing is written when it made no change. */
  mutate(type: string, key: string, fn: (draft: KubeObject) => void): KubeObject | undefined {
    const prev = this.get(type, key);

    if (!prev) {
      return undefined;
    }
    const draft = clone(prev);

    fn(draft);

    return this.update(type, draft);
  }

  /** Create, or replace everything but identity/status (controllers applying desired state). */
  apply(type: string, desired: KubeObject, keepStatus = true): KubeObject {
    const prev = this.get(type, keyOf(desired));

    if (!prev) {
      return this.create(type, desired);
    }
    const next = clone(desired);

    next.metadata = { ...prev.metadata, ...next.metadata };
    if (keepStatus && prev.status !== undefined && desired.status === undefined) {
      next.status = clone(prev.status);
    }

    return this.update(type, next);
  }

  delete(type: string, key: string): KubeObject {
    const prev = this.map(type).get(key);

    if (!prev) {
      throw notFound(`${ type } "${ key }"`);
    }
    this.map(type).delete(key);
    this.emit('remove', type, { ...prev, metadata: { ...prev.metadata, resourceVersion: this.opts.revisions.next() } });

    return prev;
  }

  deleteIfExists(type: string, key: string): void {
    if (this.map(type).has(key)) {
      this.delete(type, key);
    }
  }

  watch(listener: StoreListener): () => void {
    this.listeners.add(listener);

    return () => this.listeners.delete(listener);
  }

  private emit(name: StoreEventName, type: string, object: KubeObject) {
    for (const l of [...this.listeners]) {
      l({
        name, type, object, store: this
      });
    }
  }
}

function specPart(o: KubeObject): Record<string, unknown> {
  const { metadata: _m, status: _s, ...rest } = o;

  return rest;
}
