// The DaemonSet controller: one pod per eligible node — nodeSelector matches and every NoSchedule/NoExecute taint
// is tolerated, counting the tolerations DaemonSet pods get automatically (including
// node.kubernetes.io/unschedulable: cordoned nodes still get DaemonSet pods). Rolling update with
// maxUnavailable 1 by template hash. Status counts follow the pods (kubectl rollout status reads them).

import {
  KubeObject, keyOf, shortHash, stableStringify,
} from '../../engine/kube-object';
import type { SimCluster } from '../../world/world';
import type { RuleContext } from '../rule-context';
import { HOST_NETWORK_TOLERATION, unschedulableReason } from '../scheduling';
import { isPodReady, newPod } from './pods';

export function daemonSetRule(ctx: RuleContext) {
  for (const c of ctx.world.clusters.values()) {
    for (const ds of c.store.list('apps.daemonset')) {
      reconcile(ctx, c, ds);
    }
  }
}

export function eligibleNodes(c: SimCluster, ds: KubeObject): KubeObject[] {
  const spec = ds.spec?.template?.spec || {};
  const tolerations = [...(spec.tolerations || []), ...(spec.hostNetwork ? [HOST_NETWORK_TOLERATION] : [])];

  return c.store.list('node').filter((n) => !unschedulableReason(n, { nodeSelector: spec.nodeSelector, tolerations, daemonSet: true }));
}

function reconcile(ctx: RuleContext, c: SimCluster, ds: KubeObject) {
  const ns = ds.metadata.namespace as string;
  const name = ds.metadata.name;
  const template = ds.spec?.template || {};
  const hash = shortHash(stableStringify(template), 10);
  const nodes = eligibleNodes(c, ds);
  const nodeNames = new Set(nodes.map((n) => n.metadata.name));
  const owned = () => c.store.list('pod').filter((p) => p.metadata.namespace === ns && (p.metadata.ownerReferences || []).some((o: any) => o.kind === 'DaemonSet' && o.name === name));

  for (const p of owned()) {
    if (!nodeNames.has(p.spec?.nodeName)) {
      c.store.delete('pod', keyOf(p)); // misscheduled (node gone, selector/taints changed)
    }
  }
  let pods = owned();
  const old = pods.filter((p) => p.metadata.labels?.['controller-revision-hash'] !== hash);

  if (old.length && pods.every((p) => isPodReady(p))) {
    c.store.delete('pod', keyOf(old[0]));
    pods = owned();
  }
  const byNode = new Set(pods.map((p) => p.spec?.nodeName));

  for (const n of nodes) {
    if (!byNode.has(n.metadata.name)) {
      c.store.create('pod', newPod(ctx, {
        name:      `${ name }-${ shortHash(`${ n.metadata.name }/${ hash }`, 5) }`,
        namespace: ns,
        labels:    { ...(template.metadata?.labels || {}), 'controller-revision-hash': hash },
        ownerKind: 'DaemonSet',
        ownerName: name,
        spec:      { ...(template.spec || {}) },
        nodeName:  n.metadata.name,
      }));
    }
  }
  pods = owned();
  const ready = pods.filter(isPodReady);
  const status = {
    desiredNumberScheduled: nodes.length,
    currentNumberScheduled: pods.length,
    updatedNumberScheduled: pods.filter((p) => p.metadata.labels?.['controller-revision-hash'] === hash).length,
    numberReady:            ready.length,
    numberAvailable:        ready.length,
    numberUnavailable:      Math.max(0, nodes.length - ready.length),
    numberMisscheduled:     0,
    observedGeneration:     ds.metadata.generation,
  };

  c.store.mutate('apps.daemonset', keyOf(ds), (d) => {
    d.status = { ...(d.status || {}), ...status };
    if (!status.numberUnavailable) {
      delete d.status.numberUnavailable;
    }
  });
}
