// Kubernetes scheduling predicates the simulator needs: nodeSelector, taints vs tolerations, cordon.
//  - A toleration matches a taint when the effects match (empty effect = any) and either operator Exists
//    (empty key = every taint) or operator Equal (the default) with equal key and equal value ('' == '').
//  - NoSchedule and NoExecute taints must be tolerated; PreferNoSchedule never blocks.
//  - Cordoned nodes (spec.unschedulable) take no new pods, except DaemonSet pods, which tolerate
//    node.kubernetes.io/unschedulable automatically (with the other DaemonSet default tolerations).

import type { KubeObject } from '../engine/kube-object';

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export const UNINITIALIZED_TAINT = 'node.cloudprovider.kubernetes.io/uninitialized';

export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) {
    return false;
  }
  if ((t.operator || 'Equal') === 'Exists') {
    return !t.key || t.key === taint.key;
  }

  return t.key === taint.key && (t.value || '') === (taint.value || '');
}

export function untoleratedTaints(taints: Taint[], tolerations: Toleration[]): Taint[] {
  return taints.filter((taint) => taint.effect !== 'PreferNoSchedule' && !tolerations.some((t) => tolerates(t, taint)));
}

export function nodeSelectorMatches(node: KubeObject, selector: Record<string, string> | undefined | null): boolean {
  const labels = node.metadata.labels || {};

  return Object.entries(selector || {}).every(([k, v]) => labels[k] === `${ v }`);
}

/** Tolerations the DaemonSet controller adds to every DaemonSet pod. */
export const DAEMONSET_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];
export const HOST_NETWORK_TOLERATION: Toleration = { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' };

export interface PodPlacement {
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
  /** DaemonSet pods ignore cordon (they tolerate node.kubernetes.io/unschedulable). */
  daemonSet?: boolean;
}

/** Why a pod cannot go on this node (undefined = it can). */
export function unschedulableReason(node: KubeObject, p: PodPlacement): string | undefined {
  if (!nodeSelectorMatches(node, p.nodeSelector)) {
    return "didn't match Pod's node affinity/selector";
  }
  const tolerations = [...(p.tolerations || []), ...(p.daemonSet ? DAEMONSET_TOLERATIONS : [])];

  if (node.spec?.unschedulable && !tolerations.some((t) => tolerates(t, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }))) {
    return 'were unschedulable';
  }
  const bad = untoleratedTaints(node.spec?.taints || [], tolerations);

  if (bad.length) {
    return `had untolerated taint {${ bad[0].key }: ${ bad[0].value || '' }}`;
  }

  return undefined;
}

/** The scheduler's FailedScheduling message: "0/6 nodes are available: 3 node(s) were unschedulable, …". */
export function failedSchedulingMessage(nodes: KubeObject[], p: PodPlacement): string {
  const reasons = new Map<string, number>();

  for (const n of nodes) {
    const r = unschedulableReason(n, p);

    if (r) {
      reasons.set(r, (reasons.get(r) || 0) + 1);
    }
  }
  const parts = [...reasons.entries()].map(([r, n]) => `${ n } node(s) ${ r }`);

  return `0/${ nodes.length } nodes are available: ${ parts.join(', ') }. preemption: 0/${ nodes.length } nodes are available.`;
}

export function isNodeReady(node: KubeObject): boolean {
  return (node.status?.conditions || []).some((c: any) => c.type === 'Ready' && c.status === 'True');
}

/** First ready node a (non-DaemonSet) pod fits on, by name for determinism. */
export function pickNode(nodes: KubeObject[], p: PodPlacement): KubeObject | undefined {
  return [...nodes].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)).find((n) => isNodeReady(n) && !unschedulableReason(n, p));
}
