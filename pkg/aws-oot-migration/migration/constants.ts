// Facts about the AWS cloud-controller-manager chart (kubernetes/cloud-provider-aws, domain.md §2).
export { CCM_NAME, CCM_NAMESPACE } from './labels';

export const CHART_REPO_URL = 'https://kubernetes.github.io/cloud-provider-aws';
export const CHART_NAME = 'aws-cloud-controller-manager';
/** ClusterRepo the RKE1 path creates (cluster-scoped, in the downstream cluster). */
export const CLUSTER_REPO_NAME = 'aws-cloud-controller-manager';
/**
 * Chart 0.0.8 was the current chart for two years (2023-08 → 2025-07). Every value the templates read is set
 * explicitly below, so the image tag — not the chart's appVersion — decides the CCM version.
 */
export const CHART_VERSION = '0.0.8';

/** Latest CCM patch tag per Kubernetes minor in kubernetes/cloud-provider-aws; the CCM must match the cluster minor. */
export const CCM_IMAGE_TAGS: Record<string, string> = {
  '1.20': 'v1.20.4',
  '1.21': 'v1.21.7',
  '1.22': 'v1.22.8',
  '1.23': 'v1.23.21',
  '1.24': 'v1.24.20',
  '1.25': 'v1.25.16',
  '1.26': 'v1.26.14',
  '1.27': 'v1.27.10',
  '1.28': 'v1.28.11',
  '1.29': 'v1.29.10',
  '1.30': 'v1.30.10',
  '1.31': 'v1.31.9',
  '1.32': 'v1.32.8',
  '1.33': 'v1.33.4',
  '1.34': 'v1.34.3',
  '1.35': 'v1.35.2',
  '1.36': 'v1.36.1',
};

/** The last minor with the in-tree AWS provider. */
export const LAST_IN_TREE_MINOR = 26;
/** Leader migration's default configuration (no config file needed) exists from 1.22. */
export const FIRST_LEADER_MIGRATION_MINOR = 22;
/** The `CSIMigrationAWS` gate is locked on from 1.25 and gone in 1.27: `=false` then stops the kubelet. */
export const CSI_GATE_LOCKED_MINOR = 25;

/** RKE2 releases with `node-name-from-cloud-provider-metadata` (rancher/rke2 commit de8240abc). */
export const NODE_NAME_FROM_METADATA_SINCE: Record<string, number> = {
  '1.29': 11, '1.30': 7, '1.31': 3
};
export const NODE_NAME_FROM_METADATA_ALL_FROM_MINOR = 32;

export const LEADER_MIGRATION_LEASE = 'cloud-provider-extraction-migration';

/** The chart's default ClusterRole rules plus `get` on serviceaccounts (Rancher set-up doc, step 8). */
export const CLUSTER_ROLE_RULES = [
  { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch', 'update'] },
  { apiGroups: [''], resources: ['nodes'], verbs: ['*'] },
  { apiGroups: [''], resources: ['nodes/status'], verbs: ['patch'] },
  { apiGroups: [''], resources: ['services'], verbs: ['list', 'patch', 'update', 'watch'] },
  { apiGroups: [''], resources: ['services/status'], verbs: ['list', 'patch', 'update', 'watch'] },
  { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['create', 'get'] },
  { apiGroups: [''], resources: ['persistentvolumes'], verbs: ['get', 'list', 'update', 'watch'] },
  { apiGroups: [''], resources: ['endpoints'], verbs: ['create', 'get', 'list', 'watch', 'update'] },
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create', 'get', 'list', 'watch', 'update'] },
  { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
  { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
  { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
];
