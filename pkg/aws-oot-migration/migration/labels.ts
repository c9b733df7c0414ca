// Label, taint and argument names the engine matches on. Kept apart from the bigger constants so the tiny
// classifier (bundled into every Rancher page) can import them without pulling in chart values.

export const MSG = 'awsOotMigration.engine';

/** Machine labels Rancher's planner matches `machineSelectorConfig` selectors against. */
export const MACHINE_ROLE_LABELS = {
  controlPlane: 'rke.cattle.io/control-plane-role',
  etcd:         'rke.cattle.io/etcd-role',
  worker:       'rke.cattle.io/worker-role',
} as const;

/** Node labels. RKE2 spells the control-plane role with a dash, RKE1 without (the doc's cordon defect). */
export const NODE_ROLE_LABELS = {
  rke2: { controlPlane: 'node-role.kubernetes.io/control-plane', etcd: 'node-role.kubernetes.io/etcd', worker: 'node-role.kubernetes.io/worker' },
  rke1: { controlPlane: 'node-role.kubernetes.io/controlplane', etcd: 'node-role.kubernetes.io/etcd', worker: 'node-role.kubernetes.io/worker' },
} as const;

export const UNINITIALIZED_TAINT = 'node.cloudprovider.kubernetes.io/uninitialized';
export const UNSCHEDULABLE_TAINT = 'node.kubernetes.io/unschedulable';

export const KEY_CLOUD_PROVIDER = 'cloud-provider-name';
export const KEY_KCM_ARGS = 'kube-controller-manager-arg';
export const KEY_APISERVER_ARGS = 'kube-apiserver-arg';
export const KEY_KUBELET_ARGS = 'kubelet-arg';
export const KEY_DISABLE_CCM = 'disable-cloud-controller';
export const KEY_NODE_NAME_FROM_METADATA = 'node-name-from-cloud-provider-metadata';

export const ARG_LEADER_MIGRATION = 'enable-leader-migration';
export const ARG_CLOUD_PROVIDER = 'cloud-provider';

export const CCM_NAME = 'aws-cloud-controller-manager';
export const CCM_NAMESPACE = 'kube-system';
export const CHART_LEADER_MIGRATION_ARG = '--enable-leader-migration=true';
