// Pods as the scheduler and the kubelet move them:
//  - scheduler: a pod without spec.nodeName goes to the first ready node it fits (nodeSelector, taints vs
//    tolerations, cordon); otherwise it stays Pending with PodScheduled=False/Unschedulable and the scheduler's
//    message ("0/6 nodes are available: 3 node(s) were unschedulable, …");
//  - kubelet: podStartMs after scheduling a pod on a ready node runs; a pod with a run time (Job/operation pods)
//    then Succeeds; a cloud-controller-manager container without --cloud-provider=aws crash-loops (Helm replaced
//    the chart's args); pods on a NotReady node are not ready.

import { KubeObject, keyOf, setCondition } from '../../engine/kube-object';
import type { SimCluster } from '../../world/world';
import type { RuleContext } from '../rule-context';
import { failedSchedulingMessage, isNodeReady, pickNode } from '../scheduling';
import { cloudProviderOf } from '../component-flags';

export const POD_ANN = {
  scheduledAt: 'simulator.cattle.io/scheduled-at',
  runMs:       'simulator.cattle.io/run-ms',
  startedAt:   'simulator.cattle.io/started-at',
};

export interface PodInput {
  name: string;
  namespace: string;
  labels?: Record<string, string>;
  ownerKind: string;
  ownerName: string;
  spec: Record<string, any>;
  /** Pods that finish (Jobs, helm operations) run this long once started. */
  runMs?: number;
  /** Pre-assigned node (DaemonSet pods). */
  nodeName?: string;
}

export function newPod(ctx: RuleContext, p: PodInput): KubeObject {
  return {
    apiVersion: 'v1',
    kind:       'Pod',
    metadata:   {
      name:            p.name,
      namespace:       p.namespace,
      labels:          p.labels || {},
      annotations:     {
        ...(p.runMs !== undefined ? { [POD_ANN.runMs]: `${ p.runMs }` } : {}),
        ...(p.nodeName ? { [POD_ANN.scheduledAt]: `${ ctx.now }` } : {}),
      },
      ownerReferences: [{
        apiVersion: p.ownerKind === 'DaemonSet' ? 'apps/v1' : 'batch/v1', kind: p.ownerKind, name: p.ownerName, controller: true
      }],
    },
    spec:   { ...p.spec, ...(p.nodeName ? { nodeName: p.nodeName } : {}) },
    status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: p.nodeName ? 'True' : 'False' }] },
  };
}

export function podsRule(ctx: RuleContext) {
  for (const c of ctx.world.clusters.values()) {
    const nodes = c.store.list('node');

    for (const pod of c.store.list('pod')) {
      if (pod.metadata.annotations?.['kubernetes.io/config.source'] === 'file') {
        continue; // static pods are managed by the node agent
      }
      if (!pod.spec?.nodeName) {
        schedule(ctx, c, pod, nodes);
      } else {
        kubelet(ctx, c, pod);
      }
    }
  }
}

function schedule(ctx: RuleContext, c: SimCluster, pod: KubeObject, nodes: KubeObject[]) {
  const placement = { nodeSelector: pod.spec.nodeSelector, tolerations: pod.spec.tolerations };
  const node = pickNode(nodes, placement);

  c.store.mutate('pod', keyOf(pod), (d) => {
    if (node) {
      d.spec.nodeName = node.metadata.name;
      d.metadata.annotations = { ...(d.metadata.annotations || {}), [POD_ANN.scheduledAt]: `${ ctx.now }` };
      d.status.conditions = setCondition([...(d.status.conditions || [])], { type: 'PodScheduled', status: 'True' }, ctx.iso);
    } else {
      d.status.conditions = setCondition([...(d.status.conditions || [])], {
        type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: failedSchedulingMessage(nodes, placement)
      }, ctx.iso);
    }
  });
}

function crashLoops(pod: KubeObject): boolean {
  const container = pod.spec?.containers?.[0];

  return container?.name === 'aws-cloud-controller-manager' && cloudProviderOf((container.args || []).map(String)) !== 'aws';
}

function kubelet(ctx: RuleContext, c: SimCluster, pod: KubeObject) {
  const node = c.store.get('node', pod.spec.nodeName);
  const key = keyOf(pod);
  const phase = pod.status?.phase;

  if (phase === 'Succeeded' || phase === 'Failed') {
    return;
  }
  if (!node || !isNodeReady(node)) {
    c.store.mutate('pod', key, (d) => {
      d.status.conditions = setCondition([...(d.status.conditions || [])], { type: 'Ready', status: 'False', reason: 'NodeNotReady' }, ctx.iso);
    });

    return;
  }
  const scheduledAt = Number(pod.metadata.annotations?.[POD_ANN.scheduledAt] || ctx.now);
  const startAt = scheduledAt + ctx.timings.podStartMs;

  if (ctx.now < startAt) {
    ctx.wake(startAt);

    return;
  }
  const runMs = pod.metadata.annotations?.[POD_ANN.runMs];
  const containerName = pod.spec?.containers?.[0]?.name || 'main';

  if (runMs !== undefined && ctx.now >= startAt + Number(runMs)) {
    c.store.mutate('pod', key, (d) => {
      d.status = {
        ...d.status, phase: 'Succeeded', conditions: setCondition([...(d.status.conditions || [])], { type: 'Ready', status: 'False', reason: 'PodCompleted' }, ctx.iso),
        containerStatuses: [{ name: containerName, ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
      };
    });

    return;
  }
  if (runMs !== undefined) {
    ctx.wake(startAt + Number(runMs));
  }
  const crash = crashLoops(pod);

  c.store.mutate('pod', key, (d) => {
    d.metadata.annotations = { ...(d.metadata.annotations || {}), [POD_ANN.startedAt]: d.metadata.annotations?.[POD_ANN.startedAt] || `${ startAt }` };
    d.status = {
      ...d.status,
      phase:             'Running',
      hostIP:            node.status?.addresses?.find((a: any) => a.type === 'InternalIP')?.address,
      podIP:             d.spec.hostNetwork ? node.status?.addresses?.find((a: any) => a.type === 'InternalIP')?.address : `10.42.0.${ 10 + (d.metadata.name.length % 200) }`,
      conditions:        setCondition([...(d.status.conditions || [])], crash ? {
        type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${ containerName }]`
      } : { type: 'Ready', status: 'True' }, ctx.iso),
      containerStatuses: [crash ? {
        name: containerName, ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', message: 'cloud provider could not be initialized: unknown cloud provider ""' } }
      } : {
        name: containerName, ready: true, restartCount: 0, state: { running: { startedAt: new Date(startAt).toISOString().replace(/\.\d{3}Z$/, 'Z') } }
      }],
    };
  });
}

export function isPodReady(pod: KubeObject): boolean {
  return pod.status?.phase === 'Running' && (pod.status?.conditions || []).some((x: any) => x.type === 'Ready' && x.status === 'True');
}
