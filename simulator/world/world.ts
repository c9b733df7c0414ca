// The simulated Rancher's state: the management apiserver's store, one store per downstream cluster, and the
// hidden infrastructure (EC2 instances and the RKE2/RKE1 agents on them) that only the reconciler sees.

import { ObjectStore, RevisionCounter } from '../engine/object-store';
import type { SimClock } from '../reconciler/clock';

export type Distro = 'rke2' | 'k3s' | 'rke1' | 'imported';

export interface Roles {
  etcd: boolean;
  controlPlane: boolean;
  worker: boolean;
}

/** An EC2 (or other) instance as the cloud knows it. */
export interface Instance {
  instanceId: string;       // i-0…
  zone: string;             // us-east-1a
  privateIp: string;
  /** EC2 private DNS name; the AWS CCM finds instances by this name (private-dns-name filter). */
  privateDns: string;
  /** What IMDS `local-hostname` returns (differs from privateDns with a custom DHCP domain). */
  metadataHostname: string;
  /** The OS hostname; a kubelet with no override and no in-tree provider registers under this name. */
  hostname: string;
  instanceType: string;
}

/** The node agent's plan: the effective config it runs with. */
export interface NodePlan {
  hash: string;
  kubernetesVersion: string;
  config: Record<string, any>;
  /** RKE2/K3s control plane: the additionalManifest the server node deploys. */
  manifest?: string;
}

export interface Machine {
  name: string;             // CAPI machine name (RKE2) or mgmt node name (RKE1)
  pool: string;
  roles: Roles;
  /** Pool labels (machineSelectorConfig can match them). */
  labels: Record<string, string>;
  instance: Instance;
  /** RKE1 custom clusters: a --node-name / hostname override. */
  hostnameOverride?: string;
  applied?: NodePlan;
  appliedAt?: number;       // sim time the current plan took effect (node restart)
  upgrading?: { plan: NodePlan; startedAt: number; cordonedByUpgrade: boolean };
  /** Name of the Node object the kubelet currently runs as. */
  nodeName?: string;
}

export interface SimCluster {
  id: string;               // management cluster id (c-m-xxxx, c-xxxxx, local)
  name: string;             // display / provisioning cluster name
  namespace: string;        // provisioning cluster namespace (fleet-default / fleet-local)
  distro: Distro;
  local: boolean;
  cloud: 'aws' | 'vsphere' | 'none';
  machineConfigKind?: string;
  machines: Machine[];
  store: ObjectStore;
  /** Fault injection: the cluster agent is disconnected (the proxy answers 503). */
  disconnected: boolean;
}

export class World {
  readonly revisions = new RevisionCounter();
  readonly management: ObjectStore;
  readonly clusters = new Map<string, SimCluster>();
  readonly preferences = new Map<string, Record<string, string>>();

  constructor(readonly clock: SimClock, readonly rancherVersion: string, readonly scenarioName: string) {
    this.management = this.newStore('local-mgmt');
  }

  newStore(name: string): ObjectStore {
    return new ObjectStore({
      revisions: this.revisions, now: () => this.clock.iso(), name
    });
  }

  cluster(id: string): SimCluster | undefined {
    return this.clusters.get(id);
  }

  /** Rancher 2.11 and earlier still manage RKE1 clusters. */
  get supportsRke1(): boolean {
    return rancherMinor(this.rancherVersion) <= 11;
  }

  allStores(): ObjectStore[] {
    return [this.management, ...[...this.clusters.values()].map((c) => c.store)];
  }
}

export function rancherMinor(version: string): number {
  const m = /^v?2\.(\d+)/.exec(version);

  return m ? Number(m[1]) : 12;
}
