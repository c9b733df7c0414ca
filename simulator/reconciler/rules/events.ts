// Kubernetes Events, de-duplicated like the event recorder does (same object + reason + message → count++).

import { KubeObject, shortHash } from '../../engine/kube-object';
import type { ObjectStore } from '../../engine/object-store';

export function recordEvent(store: ObjectStore, iso: string, involved: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source = 'simulator') {
  const namespace = involved.metadata.namespace || 'default';
  const name = `${ involved.metadata.name }.${ shortHash(`${ reason }/${ message }`, 8) }`;
  const key = `${ namespace }/${ name }`;

  if (store.get('event', key)) {
    return; // already recorded: repeating it every pass would only churn resourceVersions
  }
  store.create('event', {
    apiVersion:     'v1',
    kind:           'Event',
    metadata:       { name, namespace },
    involvedObject: {
      apiVersion: involved.apiVersion, kind: involved.kind, name: involved.metadata.name, namespace: involved.metadata.namespace, uid: involved.metadata.uid
    },
    type,
    reason,
    message,
    count:          1,
    firstTimestamp: iso,
    lastTimestamp:  iso,
    source:         { component: source },
  });
}
