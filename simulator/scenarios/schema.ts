// The scenario file format (YAML). A scenario describes the Rancher install and its clusters compactly —
// pools with counts, not node lists — and the builder derives every API object from it. Documented in
// docs/simulator.md ("Scenario files").

export type RoleName = 'etcd' | 'controlplane' | 'worker';

export interface PoolSpec {
  name: string;
  quantity: number;
  roles: RoleName[];
  /** First three octets of the private IPs, e.g. "10.0.1"; hosts count up from `firstHost`. */
  subnet?: string;
  firstHost?: number;
  zone?: string;
  instanceType?: string;
  /**
   * OS hostname of each machine: `privateDns` (default), `machineName` (what Rancher's node driver sets), or a
   * template with {pool} {cluster} {index} {ip} {ipDashed}.
   */
  hostname?: string;
  /** IMDS local-hostname: `privateDns` (default) or a template (e.g. a custom DHCP domain). */
  metadataHostname?: string;
  /** Labels on the machines (matchable by machineSelectorConfig) and the pool. */
  labels?: Record<string, string>;
  /** RKE1 only: node names registered by a custom cluster's `--node-name`/hostname override. */
  hostnameOverride?: string;
}

export interface ClusterSpec {
  name: string;
  /** Management cluster id; default c-m-<hash> (RKE2/K3s) or c-<hash> (RKE1); `local` for the local cluster. */
  id?: string;
  namespace?: string;
  local?: boolean;
  distro: 'rke2' | 'k3s' | 'rke1' | 'imported';
  kubernetesVersion: string;
  cloud?: 'aws' | 'vsphere' | 'none';
  region?: string;
  /** Machine config kind shown as the provider ("Amazonec2Config" → Amazon EC2); omit for custom clusters. */
  machineConfigKind?: string;
  /** RKE2/K3s: spec.rkeConfig without machinePools (generated from `pools`). */
  rkeConfig?: Record<string, any>;
  /** RKE1 (Rancher ≤ 2.11): management cluster spec.rancherKubernetesEngineConfig. */
  rancherKubernetesEngineConfig?: Record<string, any>;
  pools: PoolSpec[];
  /** Extra raw Kubernetes objects for the downstream cluster (StorageClasses, PVs, HelmCharts, DaemonSets …). */
  objects?: Record<string, any>[];
  /** Extra raw objects for the management cluster. */
  managementObjects?: Record<string, any>[];
}

export interface ScenarioSpec {
  name: string;
  description?: string;
  /** v2.12.0 by default; `--rancher-version` overrides it. */
  rancherVersion?: string;
  clusters: ClusterSpec[];
}
