// A Helm release's objects in the downstream store, labelled with their release so an upgrade removes what the
// new render no longer contains and an uninstall removes everything.

import { KubeObject, keyOf } from '../../engine/kube-object';
import { downstreamRegistry } from '../../engine/type-registry';
import type { ObjectStore } from '../../engine/object-store';

export const RELEASE_LABEL = 'simulator.cattle.io/release';

export function applyRelease(store: ObjectStore, release: string, objects: KubeObject[]) {
  const wanted = new Set<string>();

  for (const o of objects) {
    const d = downstreamRegistry.forObject(o.apiVersion, o.kind);

    if (!d) {
      continue;
    }
    wanted.add(`${ d.id }|${ keyOf(o) }`);
    store.apply(d.id, { ...o, metadata: { ...o.metadata, labels: { ...(o.metadata.labels || {}), [RELEASE_LABEL]: release } } });
  }
  deleteRelease(store, release, wanted);
}

export function deleteRelease(store: ObjectStore, release: string, keep: Set<string> = new Set()) {
  for (const type of ['apps.daemonset', 'serviceaccount']) {
    for (const o of store.list(type)) {
      if (o.metadata.labels?.[RELEASE_LABEL] === release && !keep.has(`${ type }|${ keyOf(o) }`)) {
        store.delete(type, keyOf(o));
      }
    }
  }
}
