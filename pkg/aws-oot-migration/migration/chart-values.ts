// Helm values for the AWS CCM chart. Helm replaces lists (args, tolerations, clusterRoleRules) and merges maps
// (nodeSelector), which is why every list is complete here and the chart's default nodeSelector key is nulled.
import type { AnyObject, Mode } from './types';
import {
  CCM_IMAGE_TAGS, CLUSTER_ROLE_RULES
} from './constants';
import { CHART_LEADER_MIGRATION_ARG, NODE_ROLE_LABELS, UNINITIALIZED_TAINT } from './labels';
import { minorOf } from './version';

export interface ChartValuesOptions {
  distro: 'rke2' | 'rke1';
  mode: Mode;
  /** Kubernetes version the CCM will run against (the image tag follows its minor). */
  kubernetesVersion: string;
}

/** The chart's default nodeSelector key (`node-role.kubernetes.io/control-plane: ""`). */
const CHART_DEFAULT_SELECTOR_KEY = NODE_ROLE_LABELS.rke2.controlPlane;

export function ccmImageTag(kubernetesVersion: unknown): string | undefined {
  const minor = minorOf(kubernetesVersion);

  return minor ? CCM_IMAGE_TAGS[minor] : undefined;
}

/**
 * `operator: Exists`: Rancher's RKE2 planner taints control-plane nodes with an empty value, which a
 * `value: 'true'` toleration (operator Equal) does not match; RKE1 taints are valued. Exists matches both.
 */
function tolerations(distro: 'rke2' | 'rke1'): AnyObject[] {
  const cp = NODE_ROLE_LABELS[distro].controlPlane;

  return [
    { key: UNINITIALIZED_TAINT, operator: 'Exists', effect: 'NoSchedule' },
    { key: cp, operator: 'Exists', effect: 'NoSchedule' },
    { key: NODE_ROLE_LABELS[distro].etcd, operator: 'Exists', effect: 'NoExecute' },
    { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'CriticalAddonsOnly', operator: 'Exists' },
  ];
}

function nodeSelector(distro: 'rke2' | 'rke1'): AnyObject {
  // RKE2 nodes carry control-plane=true, so overriding the default key is enough; RKE1 nodes carry
  // `controlplane`, and Helm would AND it with the default key → no node matches, 0 pods desired.
  return distro === 'rke2' ? { [CHART_DEFAULT_SELECTOR_KEY]: 'true' } : { [CHART_DEFAULT_SELECTOR_KEY]: null, [NODE_ROLE_LABELS.rke1.controlPlane]: 'true' };
}

function args(mode: Mode): string[] {
  const list = ['--v=2', '--cloud-provider=aws', '--configure-cloud-routes=false', '--use-service-account-credentials=true'];

  return mode === 'leader-migration' ? [...list, CHART_LEADER_MIGRATION_ARG] : list;
}

/** Values for the chart; the image tag is undefined only for a version outside the CCM's table (preflight fails). */
export function buildChartValues(opts: ChartValuesOptions): AnyObject {
  const tag = ccmImageTag(opts.kubernetesVersion);

  return {
    image:            tag ? { tag } : {},
    hostNetworking:   true,
    nodeSelector:     nodeSelector(opts.distro),
    tolerations:      tolerations(opts.distro),
    args:             args(opts.mode),
    clusterRoleRules: CLUSTER_ROLE_RULES.map((r) => ({ apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs] })),
  };
}

