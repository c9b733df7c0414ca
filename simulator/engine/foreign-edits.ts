// "Someone else edits the object between your read and your write": a queued edit fires right after the next
// response that served the object (a GET of it, or a list containing it), so the client's following PUT carries
// a stale resourceVersion — exactly the race the dashboard's 409 handling exists for.

import { KubeObject, clone } from './kube-object';
import type { ObjectStore } from './object-store';
import { jsonPatch, mergePatch } from './steve/patch';

export interface ForeignEditSpec {
  /** 'management' (default) or a downstream cluster id. */
  cluster?: string;
  type: string;                 // schema id, e.g. provisioning.cattle.io.cluster
  id: string;                   // <namespace>/<name> or <name>
  mergePatch?: unknown;
  jsonPatch?: unknown[];
  /** 'afterRead' (default): after the next read of the object; 'now': apply immediately. */
  when?: 'afterRead' | 'now';
}

export interface PendingEdit extends ForeignEditSpec {
  seq: number;
  armed: boolean;
}

export function applyEdit(store: ObjectStore, e: ForeignEditSpec): KubeObject {
  const current = store.must(e.type, e.id);
  let next = clone(current);

  if (e.mergePatch !== undefined) {
    next = mergePatch(next, e.mergePatch);
  }
  if (e.jsonPatch) {
    next = jsonPatch(next, e.jsonPatch);
  }
  next.metadata.resourceVersion = current.metadata.resourceVersion;

  return store.update(e.type, next);
}

export class ForeignEdits {
  private pending: PendingEdit[] = [];
  private seq = 0;
  readonly applied: Array<ForeignEditSpec & { resourceVersion: string }> = [];

  queue(spec: ForeignEditSpec): PendingEdit {
    const p: PendingEdit = { ...spec, seq: ++this.seq, armed: false };

    this.pending.push(p);

    return p;
  }

  list(): PendingEdit[] {
    return this.pending;
  }

  clear() {
    this.pending = [];
  }

  /** Called while a response is built: arms matching edits (they fire once the response is sent). */
  onRead(cluster: string, type: string, id: string) {
    for (const p of this.pending) {
      if ((p.cluster || 'management') === cluster && p.type === type && p.id === id) {
        p.armed = true;
      }
    }
  }

  /** Called after the response went out. */
  flush(storeOf: (cluster: string) => ObjectStore | undefined) {
    const due = this.pending.filter((p) => p.armed);

    this.pending = this.pending.filter((p) => !p.armed);
    for (const p of due) {
      const store = storeOf(p.cluster || 'management');

      if (store?.get(p.type, p.id)) {
        const o = applyEdit(store, p);

        this.applied.push({ ...p, resourceVersion: o.metadata.resourceVersion as string });
      }
    }
  }
}
