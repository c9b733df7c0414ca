// Builds a World from a scenario: Rancher's global objects, and per cluster the management-side objects
// (management + provisioning cluster, RKEControlPlane, CAPI machines/deployments, machine configs, management
// nodes, projects, provisioning-log) plus the downstream cluster's store. Machines start with their desired plan
// applied (the cluster is reconciled); Nodes, pods and the rest are then produced by the reconciler's rules.

import { KubeObject, shortHash } from '../engine/kube-object';
import { managementRegistry, downstreamRegistry, apiVersionOf } from '../engine/type-registry';
import { DEFAULT_USERS } from '../engine/auth';
import { FEATURES, defaultSettings } from '../world/rancher-defaults';
import {
  Machine, SimCluster, World, rancherMinor,
} from '../world/world';
import type { SimClock } from '../reconciler/clock';
import { desiredPlan } from '../reconciler/plans';
import type { ClusterSpec, PoolSpec, ScenarioSpec } from './schema';

function mk(typeId: string, name: string, namespace: string | undefined, body: Record<string, any> = {}, downstream = false): KubeObject {
  const d = (downstream ? downstreamRegistry : managementRegistry).get(typeId);
  const { metadata, ...rest } = body;

  return {
    apiVersion: apiVersionOf(d),
    kind:       d.kind,
    metadata:   {
      name, ...(namespace ? { namespace } : {}), labels: {}, annotations: {}, ...(metadata || {})
    },
    ...rest,
  };
}

const put = (world: World, typeId: string, o: KubeObject) => world.management.create(typeId, o);

export interface BuildOptions {
  rancherVersion?: string;
  clock: SimClock;
}

export function buildWorld(spec: ScenarioSpec, opts: BuildOptions): World {
  const version = opts.rancherVersion || spec.rancherVersion || 'v2.12.0';

  if (!/^v2\.\d+\.\d+/.test(version)) {
    throw new Error(`invalid Rancher version "${ version }" (expected e.g. v2.11.3 or v2.12.0)`);
  }
  const world = new World(opts.clock, version, spec.name);

  if (!world.supportsRke1 && spec.clusters.some((c) => c.distro === 'rke1')) {
    throw new Error(`scenario "${ spec.name }" has RKE1 clusters, which Rancher ${ version } no longer supports (use --rancher-version v2.11.x)`);
  }
  addGlobals(world, version);
  for (const c of spec.clusters) {
    addCluster(world, c);
  }

  return world;
}

function addGlobals(world: World, version: string) {
  const rke1 = rancherMinor(version) <= 11;

  for (const [name, value] of Object.entries(defaultSettings(version, rke1))) {
    put(world, 'management.cattle.io.setting', mk('management.cattle.io.setting', name, undefined, {
      value, default: value, customized: false, source: ''
    }));
  }
  for (const [name, value] of Object.entries(FEATURES)) {
    put(world, 'management.cattle.io.feature', mk('management.cattle.io.feature', name, undefined, {
      spec: { value: null }, status: {
        default: value, dynamic: false, lockedValue: null, description: name
      }
    }));
  }
  for (const ns of ['default', 'kube-system', 'cattle-system', 'cattle-global-data', 'fleet-default', 'fleet-local', 'cattle-fleet-system']) {
    put(world, 'namespace', mk('namespace', ns, undefined, { spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } }));
  }
  for (const ws of ['fleet-default', 'fleet-local']) {
    put(world, 'fleet.cattle.io.fleetworkspace', mk('fleet.cattle.io.fleetworkspace', ws, undefined, {}));
  }
  for (const u of DEFAULT_USERS) {
    put(world, 'management.cattle.io.user', mk('management.cattle.io.user', u.id, undefined, {
      username: u.username, displayName: u.displayName, principalIds: [u.principalId], enabled: true, mustChangePassword: false
    }));
  }
  put(world, 'management.cattle.io.nodedriver', mk('management.cattle.io.nodedriver', 'amazonec2', undefined, {
    spec: {
      active: true, builtin: true, displayName: 'amazonec2', url: 'local://'
    },
    status: { conditions: [{ type: 'Active', status: 'True' }, { type: 'Downloaded', status: 'True' }] },
  }));
  put(world, 'catalog.cattle.io.clusterrepo', mk('catalog.cattle.io.clusterrepo', 'rancher-charts', undefined, {
    spec: { gitRepo: 'https://git.rancher.io/charts', gitBranch: 'release-v2.12' }, status: { conditions: [{ type: 'Downloaded', status: 'True' }] }
  }));
}

function clusterId(c: ClusterSpec): string {
  if (c.id) {
    return c.id;
  }
  if (c.local) {
    return 'local';
  }

  return c.distro === 'rke1' ? `c-${ shortHash(c.name, 5) }` : `c-m-${ shortHash(c.name, 8) }`;
}

function ipOf(pool: PoolSpec, index: number, poolIndex: number): string {
  const subnet = pool.subnet || `10.0.${ poolIndex + 1 }`;
  const host = (pool.firstHost ?? 11) + index;
  const octets = subnet.split('.').map(Number);

  // more than 254 hosts carry over into the third octet (the 2,000-node scenario)
  return `${ octets[0] }.${ octets[1] }.${ octets[2] + Math.floor(host / 256) }.${ host % 256 }`;
}

function template(t: string, vars: Record<string, string>): string {
  return t.replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? `{${ k }}`);
}

function machinesOf(c: ClusterSpec, id: string): Machine[] {
  const region = c.region || 'us-east-1';
  const dnsSuffix = region === 'us-east-1' ? 'ec2.internal' : `${ region }.compute.internal`;
  const out: Machine[] = [];

  c.pools.forEach((p, pi) => {
    const seed = shortHash(`${ id }/${ p.name }`, 5);

    for (let i = 0; i < p.quantity; i++) {
      const ip = ipOf(p, i, pi);
      const privateDns = `ip-${ ip.replace(/\./g, '-') }.${ dnsSuffix }`;
      const machineName = c.distro === 'rke1' ? `m-${ shortHash(`${ id }/${ p.name }/${ i }`, 5) }` : `${ c.name }-${ p.name }-${ seed }-${ shortHash(`${ p.name }/${ i }`, 5) }`;
      const vars = {
        pool: p.name, cluster: c.name, index: `${ i + 1 }`, ip, ipDashed: ip.replace(/\./g, '-'), machineName, privateDns
      };
      const host = (v: string | undefined) => (!v || v === 'privateDns' ? privateDns : (v === 'machineName' ? machineName : template(v, vars)));

      out.push({
        name:   machineName,
        pool:   p.name,
        roles:  { etcd: p.roles.includes('etcd'), controlPlane: p.roles.includes('controlplane'), worker: p.roles.includes('worker') },
        labels: p.labels || {},
        instance: {
          instanceId:       `i-0${ shortHash(`${ id }/${ machineName }`, 16).replace(/[^0-9a-f]/g, (ch) => 'abcdef0123456789'[ch.charCodeAt(0) % 16]) }`,
          zone:             p.zone || `${ region }a`,
          privateIp:        ip,
          privateDns,
          metadataHostname: host(p.metadataHostname),
          hostname:         host(p.hostname),
          instanceType:     p.instanceType || 't3.xlarge',
        },
        hostnameOverride: p.hostnameOverride ? template(p.hostnameOverride, vars) : undefined,
      });
    }
  });

  return out;
}

function addCluster(world: World, c: ClusterSpec) {
  const id = clusterId(c);
  const namespace = c.namespace || (c.local ? 'fleet-local' : 'fleet-default');
  const now = world.clock.iso();
  const cluster: SimCluster = {
    id,
    name:              c.name,
    namespace,
    distro:            c.distro,
    local:             !!c.local,
    cloud:             c.cloud || (c.machineConfigKind === 'Amazonec2Config' ? 'aws' : 'none'),
    machineConfigKind: c.machineConfigKind,
    machines:          machinesOf(c, id),
    store:             world.newStore(id),
    disconnected:      false,
  };

  world.clusters.set(id, cluster);
  const readyConditions = ['Ready', 'Provisioned', 'Updated', 'Connected'].map((type) => ({
    type, status: 'True', lastUpdateTime: now, reason: '', message: ''
  }));
  const provider = c.distro === 'rke1' ? 'rke' : (c.distro === 'imported' ? 'rke2' : c.distro);
  const driver = c.local ? 'local' : (c.distro === 'rke1' ? 'rancherKubernetesEngine' : 'imported');

  if (id !== 'local' && !world.management.get('namespace', id)) {
    put(world, 'namespace', mk('namespace', id, undefined, { status: { phase: 'Active' } }));
  }
  if (!world.management.get('namespace', namespace)) {
    put(world, 'namespace', mk('namespace', namespace, undefined, { status: { phase: 'Active' } }));
  }
  put(world, 'management.cattle.io.cluster', mk('management.cattle.io.cluster', id, undefined, {
    metadata: { labels: { 'provider.cattle.io': provider } },
    spec:     {
      displayName:        c.name,
      internal:           !!c.local,
      fleetWorkspaceName: namespace,
      ...(c.distro === 'rke1' ? { rancherKubernetesEngineConfig: c.rancherKubernetesEngineConfig } : {}),
    },
    status: {
      provider,
      driver,
      version:     versionInfo(c.kubernetesVersion),
      connected:   true,
      conditions:  readyConditions,
      nodeCount:   cluster.machines.length,
      ...(c.distro === 'rke1' ? { appliedSpec: { rancherKubernetesEngineConfig: c.rancherKubernetesEngineConfig } } : {}),
    },
  }));

  // the local cluster's provisioning object has no rkeConfig in Rancher (it is not provisioned by Rancher)
  const rkeConfig = (c.distro === 'rke2' || c.distro === 'k3s') && !c.local ? {
    ...(c.rkeConfig || {}),
    machinePools: c.pools.map((p) => ({
      name:             p.name,
      quantity:         p.quantity,
      etcdRole:         p.roles.includes('etcd'),
      controlPlaneRole: p.roles.includes('controlplane'),
      workerRole:       p.roles.includes('worker'),
      ...(p.labels ? { labels: p.labels } : {}),
      ...(c.machineConfigKind ? { machineConfigRef: { kind: c.machineConfigKind, name: `nc-${ c.name }-${ p.name }` } } : {}),
    })),
  } : undefined;

  put(world, 'provisioning.cattle.io.cluster', mk('provisioning.cattle.io.cluster', c.name, namespace, {
    metadata: { annotations: { 'field.cattle.io/creatorId': 'user-admin' }, finalizers: ['wrangler.cattle.io/provisioning-cluster-remove'] },
    spec:     {
      ...(rkeConfig ? { kubernetesVersion: c.kubernetesVersion, rkeConfig } : {}),
      localClusterAuthEndpoint: {},
      ...(c.machineConfigKind === 'Amazonec2Config' ? { cloudCredentialSecretName: 'cattle-global-data:cc-aws' } : {}),
    },
    status: {
      clusterName: id, ready: true, agentDeployed: true, clientSecretName: `${ c.name }-kubeconfig`, observedGeneration: 1, fleetWorkspaceName: namespace, conditions: readyConditions.filter((x) => x.type !== 'Connected'),
    },
  }));
  if (rkeConfig) {
    addRke2ManagementObjects(world, cluster, c, rkeConfig);
  } else if (c.distro === 'rke1') {
    addRke1ManagementObjects(world, cluster, c);
  }
  for (const [pid, display] of [['p-default', 'Default'], ['p-system', 'System']]) {
    put(world, 'management.cattle.io.project', mk('management.cattle.io.project', `${ pid }-${ shortHash(id, 5) }`, id, {
      metadata: { labels: { [`authz.management.cattle.io/${ display.toLowerCase() }-project`]: 'true' } },
      spec:     { clusterName: id, displayName: display, description: `${ display } project` },
      status:   { conditions: [{ type: 'BackingNamespaceCreated', status: 'True' }, { type: 'InitialRolesPopulated', status: 'True' }] },
    }));
  }
  put(world, 'configmap', mk('configmap', 'provisioning-log', id, { data: { log: '', last: '' } }));
  for (const raw of c.managementObjects || []) {
    addRaw(world, 'management', raw);
  }
  addDownstreamBasics(world, cluster);
  for (const raw of c.objects || []) {
    addRaw(world, id, raw);
  }
  // the cluster starts reconciled: each machine runs its desired plan
  for (const m of cluster.machines) {
    m.applied = desiredPlan(world, cluster, m);
    m.appliedAt = world.clock.now();
  }
}

function versionInfo(v: string) {
  const m = /^v(\d+)\.(\d+)/.exec(v);

  return {
    gitVersion: v, major: m?.[1] || '1', minor: m?.[2] || '26', platform: 'linux/amd64'
  };
}

function addRke2ManagementObjects(world: World, cluster: SimCluster, c: ClusterSpec, rkeConfig: Record<string, any>) {
  const ns = cluster.namespace;

  put(world, 'rke.cattle.io.rkecontrolplane', mk('rke.cattle.io.rkecontrolplane', c.name, ns, {
    metadata: { labels: { 'rke.cattle.io/cluster-name': c.name } },
    spec:     {
      ...rkeConfig, kubernetesVersion: c.kubernetesVersion, clusterName: c.name, managementClusterName: cluster.id, agentEnvVars: []
    },
    status: {
      observedGeneration: 1,
      ready:              true,
      initialized:        true,
      appliedSpec:        { ...rkeConfig, kubernetesVersion: c.kubernetesVersion, clusterName: c.name, managementClusterName: cluster.id, agentEnvVars: [] },
      conditions:         ['Ready', 'Reconciled', 'Stable', 'Provisioned'].map((type) => ({
        type, status: 'True', reason: '', message: '', lastUpdateTime: world.clock.iso()
      })),
    },
  }));
  put(world, 'cluster.x-k8s.io.cluster', mk('cluster.x-k8s.io.cluster', c.name, ns, {
    spec:   { controlPlaneRef: { apiVersion: 'rke.cattle.io/v1', kind: 'RKEControlPlane', name: c.name, namespace: ns } },
    status: { phase: 'Provisioned', controlPlaneReady: true, infrastructureReady: true },
  }));
  for (const p of c.pools) {
    const md = `${ c.name }-${ p.name }`;
    const labels = { 'cluster.x-k8s.io/cluster-name': c.name, 'cluster.x-k8s.io/deployment-name': md, 'rke.cattle.io/rke-machine-pool-name': p.name };
    const infraKind = c.machineConfigKind === 'Amazonec2Config' ? 'Amazonec2MachineTemplate' : 'CustomMachineTemplate';

    put(world, 'cluster.x-k8s.io.machinedeployment', mk('cluster.x-k8s.io.machinedeployment', md, ns, {
      metadata: { labels },
      spec:     {
        clusterName: c.name,
        replicas:    p.quantity,
        selector:    { matchLabels: labels },
        template:    {
          metadata: { labels },
          spec:     {
            clusterName:       c.name,
            bootstrap:         { configRef: { apiVersion: 'rke.cattle.io/v1', kind: 'RKEBootstrapTemplate', name: `${ md }-bootstrap`, namespace: ns } },
            infrastructureRef: {
              apiVersion: 'rke-machine.cattle.io/v1', kind: infraKind, name: `${ md }-tmpl`, namespace: ns
            },
          },
        },
      },
      status: {
        replicas: p.quantity, readyReplicas: p.quantity, availableReplicas: p.quantity, updatedReplicas: p.quantity, phase: 'Running'
      },
    }));
    if (c.machineConfigKind === 'Amazonec2Config') {
      const aws = {
        region: c.region || 'us-east-1', zone: (p.zone || 'us-east-1a').slice(-1), instanceType: p.instanceType || 't3.xlarge', vpcId: 'vpc-0sim', iamInstanceProfile: `${ c.name }-profile`, rootSize: '64', securityGroup: ['rancher-nodes']
      };

      put(world, 'rke-machine.cattle.io.amazonec2machinetemplate', mk('rke-machine.cattle.io.amazonec2machinetemplate', `${ md }-tmpl`, ns, { spec: { clusterName: c.name, template: { spec: aws } } }));
      put(world, 'rke-machine-config.cattle.io.amazonec2config', mk('rke-machine-config.cattle.io.amazonec2config', `nc-${ c.name }-${ p.name }`, ns, aws));
    } else if (c.machineConfigKind === 'VmwarevsphereConfig') {
      put(world, 'rke-machine-config.cattle.io.vmwarevsphereconfig', mk('rke-machine-config.cattle.io.vmwarevsphereconfig', `nc-${ c.name }-${ p.name }`, ns, {
        cpuCount: '4', memorySize: '8192', datacenter: '/dc1', creationType: 'template'
      }));
    }
  }
  for (const m of cluster.machines) {
    const md = `${ c.name }-${ m.pool }`;

    put(world, 'cluster.x-k8s.io.machine', mk('cluster.x-k8s.io.machine', m.name, ns, {
      metadata: {
        labels: {
          'cluster.x-k8s.io/cluster-name':       c.name,
          'cluster.x-k8s.io/deployment-name':    md,
          'rke.cattle.io/rke-machine-pool-name': m.pool,
          ...(m.roles.controlPlane ? { 'rke.cattle.io/control-plane-role': 'true', 'cluster.x-k8s.io/control-plane': 'true' } : {}),
          ...(m.roles.etcd ? { 'rke.cattle.io/etcd-role': 'true' } : {}),
          ...(m.roles.worker ? { 'rke.cattle.io/worker-role': 'true' } : {}),
          ...m.labels,
        },
      },
      spec: {
        clusterName:       c.name,
        bootstrap:         { dataSecretName: `${ m.name }-machine-bootstrap` },
        infrastructureRef: {
          apiVersion: 'rke-machine.cattle.io/v1', kind: c.machineConfigKind === 'Amazonec2Config' ? 'Amazonec2Machine' : 'CustomMachine', name: m.name, namespace: ns
        },
        ...(cluster.cloud === 'aws' ? { providerID: `aws:///${ m.instance.zone }/${ m.instance.instanceId }` } : {}),
      },
      status: {
        phase:               'Running',
        bootstrapReady:      true,
        infrastructureReady: true,
        addresses:           [{ type: 'InternalIP', address: m.instance.privateIp }, { type: 'Hostname', address: m.instance.hostname }],
        conditions:          [{ type: 'Ready', status: 'True' }, { type: 'PlanApplied', status: 'True' }],
      },
    }));
  }
}

function addRke1ManagementObjects(world: World, cluster: SimCluster, c: ClusterSpec) {
  for (const p of c.pools) {
    put(world, 'management.cattle.io.nodepool', mk('management.cattle.io.nodepool', `np-${ shortHash(`${ cluster.id }/${ p.name }`, 5) }`, cluster.id, {
      spec: {
        clusterName: cluster.id, hostnamePrefix: `${ c.name }-${ p.name }-`, quantity: p.quantity, controlPlane: p.roles.includes('controlplane'), etcd: p.roles.includes('etcd'), worker: p.roles.includes('worker'), displayName: p.name
      },
    }));
  }
}

function addDownstreamBasics(world: World, cluster: SimCluster) {
  const s = cluster.store;
  const d = (typeId: string, name: string, namespace: string | undefined, body: Record<string, any> = {}) => s.create(typeId, mk(typeId, name, namespace, body, true));

  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'cattle-system', 'cattle-fleet-system']) {
    d('namespace', ns, undefined, { spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  }
  d('service', 'kubernetes', 'default', { spec: { type: 'ClusterIP', clusterIP: '10.43.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] } });
  for (const [name, url] of [['rancher-charts', 'https://git.rancher.io/charts'], ['rancher-partner-charts', 'https://git.rancher.io/partner-charts'], ...(cluster.distro === 'rke2' ? [['rancher-rke2-charts', 'https://git.rancher.io/rke2-charts']] : [])]) {
    d('catalog.cattle.io.clusterrepo', name, undefined, {
      spec: { gitRepo: url, gitBranch: 'main' }, status: { conditions: [{ type: 'Downloaded', status: 'True' }], observedGeneration: 1 }
    });
  }
  for (const pid of ['Default', 'System']) {
    d('management.cattle.io.project', `p-${ pid.toLowerCase() }-${ shortHash(cluster.id, 5) }`, cluster.id, { spec: { clusterName: cluster.id, displayName: pid } });
  }
}

function addRaw(world: World, where: string, raw: Record<string, any>) {
  const registry = where === 'management' ? managementRegistry : downstreamRegistry;
  const store = where === 'management' ? world.management : world.clusters.get(where)?.store;
  const d = registry.forObject(raw.apiVersion, raw.kind);

  if (!d || !store) {
    throw new Error(`scenario object ${ raw.apiVersion }/${ raw.kind } is not a type the simulator serves`);
  }
  store.create(d.id, {
    ...raw, metadata: {
      labels: {}, annotations: {}, ...raw.metadata, ...(d.namespaced ? { namespace: raw.metadata?.namespace || 'default' } : {})
    }
  } as KubeObject);
}
