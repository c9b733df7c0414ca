// Plain object shapes of what Rancher's APIs return. Shell models have the same fields, so either may be passed in;
// everything sent back out is serialised to plain JSON first.

export type AnyObject = Record<string, any>;

// The vuex store the shell hands to pages: all I/O goes through it so the user's session and RBAC apply.
export interface RancherStore {
  dispatch: (action: string, payload?: unknown) => Promise<any>;
  /** The shell's (reactive) getters, e.g. `management/byId`. */
  getters?: Record<string, any>;
}

export interface KubeMetadata {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: any;
}

/** A Kubernetes object as Steve serves it (`id`, `type` and `links` are Steve's decoration). */
export interface KubeObject {
  id?: string;
  type?: string;
  apiVersion?: string;
  kind?: string;
  links?: Record<string, string>;
  metadata: KubeMetadata;
  spec?: AnyObject;
  status?: AnyObject;
  [key: string]: any;
}

export interface SteveCollection<T = KubeObject> {
  type?: 'collection';
  data: T[];
  /** The list's resourceVersion: a watch started from it misses nothing. */
  revision?: string;
  count?: number;
}

/** `management.cattle.io/v3` Cluster through Norman (`/v3/clusters/<id>`): flat fields, no `metadata`. */
export interface NormanCluster {
  id: string;
  type?: string;
  links?: Record<string, string>;
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  rancherKubernetesEngineConfig?: AnyObject;
  resourceVersion?: string;
  [key: string]: any;
}

/** Data of the `provisioning-log` ConfigMap in the management cluster's namespace. */
export interface ProvisioningLog {
  log: string;
  last: string;
}

export interface HistoryEntry {
  step: string;
  user: string;
  /** ISO 8601. */
  time: string;
}

/** Body of `POST …/catalog.cattle.io.clusterrepos/<repo>?action=install|upgrade` (Rancher's ChartInstallAction). */
export interface ChartActionBody {
  namespace: string;
  charts: { chartName: string; version: string; releaseName: string; values?: AnyObject; annotations?: Record<string, string>; resetValues?: boolean }[];
  [key: string]: any;
}

export interface ChartOperationRef {
  operationName: string;
  operationNamespace: string;
}

/** One entry of KDM's `/v1-rke2-release/releases`. */
export interface KdmRelease {
  id?: string;
  version: string;
  minChannelServerVersion?: string;
  maxChannelServerVersion?: string;
  [key: string]: any;
}
