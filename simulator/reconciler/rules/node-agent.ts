// The node agents (rke2-server/agent, RKE1's containers, the kubelet) as the apiserver sees them:
//  - the kubelet registers a Node under the name its flags give it; if that name changes, a NEW Node object
//    registers and the old one goes NotReady (the node lifecycle controller taints it unreachable);
//  - on (re)start with a new plan: an in-tree `aws` kubelet sets providerID aws:///<zone>/<instance> itself;
//    a kubelet with --cloud-provider=external carries node.cloudprovider.kubernetes.io/uninitialized=true:NoSchedule
//    until a cloud controller initialises it;
//  - registration taints: RKE2 dedicated etcd/control-plane nodes get valueless role taints, RKE1 valued ones;
//  - RKE2 control-plane nodes run kube-apiserver / kube-controller-manager / etcd static pods whose args show the
//    effective flags; every node carries its flags in annotations (simulator.cattle.io/*, rke2.io/node-args).

import { KubeObject, setCondition } from '../../engine/kube-object';
import type { Machine, SimCluster } from '../../world/world';
import { cloudProviderOf } from '../component-flags';
import { flagsFor } from '../node-identity';
import type { RuleContext } from '../rule-context';
import { Taint, UNINITIALIZED_TAINT } from '../scheduling';

export const ANN = {
  planHash:      'simulator.cattle.io/plan-hash',
  kubeletArgs:   'simulator.cattle.io/kubelet-args',
  kcmArgs:       'simulator.cattle.io/kube-controller-manager-args',
  apiserverArgs: 'simulator.cattle.io/kube-apiserver-args',
  machine:       'cluster.x-k8s.io/machine',
  nodeArgs:      'rke2.io/node-args',
};

function roleLabels(c: SimCluster, m: Machine): Record<string, string> {
  if (c.distro === 'rke1') {
    return {
      ...(m.roles.controlPlane ? { 'node-role.kubernetes.io/controlplane': 'true' } : {}),
      ...(m.roles.etcd ? { 'node-role.kubernetes.io/etcd': 'true' } : {}),
      ...(m.roles.worker ? { 'node-role.kubernetes.io/worker': 'true' } : {}),
    };
  }

  return {
    ...(m.roles.controlPlane ? { 'node-role.kubernetes.io/control-plane': 'true', 'node-role.kubernetes.io/master': 'true' } : {}),
    ...(m.roles.etcd ? { 'node-role.kubernetes.io/etcd': 'true' } : {}),
    ...(m.roles.worker ? { 'node-role.kubernetes.io/worker': 'true' } : {}),
  };
}

/** rancher planner getTaints (RKE2: no value) / rke (RKE1: value "true"), only on nodes without the worker role. */
function registrationTaints(c: SimCluster, m: Machine): Taint[] {
  if (m.roles.worker || c.distro === 'imported') {
    return [];
  }
  const value = c.distro === 'rke1' ? 'true' : undefined;
  const cpKey = c.distro === 'rke1' ? 'node-role.kubernetes.io/controlplane' : 'node-role.kubernetes.io/control-plane';

  return [
    ...(m.roles.etcd ? [{ key: 'node-role.kubernetes.io/etcd', effect: 'NoExecute' as const, ...(value ? { value } : {}) }] : []),
    ...(m.roles.controlPlane ? [{ key: cpKey, effect: 'NoSchedule' as const, ...(value ? { value } : {}) }] : []),
  ];
}

export function providerIdFor(m: Machine): string {
  return `aws:///${ m.instance.zone }/${ m.instance.instanceId }`;
}

export function awsNodeLabels(m: Machine): Record<string, string> {
  return {
    'node.kubernetes.io/instance-type': m.instance.instanceType,
    'topology.kubernetes.io/zone':      m.instance.zone,
    'topology.kubernetes.io/region':    m.instance.zone.replace(/[a-z]$/, ''),
  };
}

export function nodeAgentRule(ctx: RuleContext) {
  for (const c of ctx.world.clusters.values()) {
    for (const m of c.machines) {
      if (m.applied) {
        syncNode(ctx, c, m);
      }
    }
  }
}

function syncNode(ctx: RuleContext, c: SimCluster, m: Machine) {
  const plan = m.applied!;
  const flags = flagsFor(c, m, plan);
  const name = flags.nodeName;
  const store = c.store;

  if (m.nodeName && m.nodeName !== name) {
    orphanNode(ctx, c, m.nodeName);
  }
  m.nodeName = name;
  const existing = store.get('node', name);
  const restarted = !existing || existing.metadata.annotations?.[ANN.planHash] !== plan.hash;

  if (!restarted) {
    return;
  }
  const kubeletProvider = cloudProviderOf(flags.kubelet);
  const inTreeAws = kubeletProvider === 'aws' && c.cloud === 'aws';
  const external = kubeletProvider === 'external';
  const labels = {
    ...(existing?.metadata.labels || {}),
    'kubernetes.io/hostname': name,
    'kubernetes.io/os':       'linux',
    'kubernetes.io/arch':     'amd64',
    'beta.kubernetes.io/os':  'linux',
    'cattle.io/os':           'linux',
    ...roleLabels(c, m),
    ...(inTreeAws ? awsNodeLabels(m) : {}),
  };
  let taints: Taint[] = existing ? [...(existing.spec?.taints || [])] : registrationTaints(c, m);

  taints = taints.filter((t) => t.key !== UNINITIALIZED_TAINT);
  if (external) {
    taints.push({ key: UNINITIALIZED_TAINT, value: 'true', effect: 'NoSchedule' });
  }
  const providerID = existing?.spec?.providerID || (inTreeAws ? providerIdFor(m) : undefined);
  const version = c.distro === 'rke1' ? plan.kubernetesVersion.replace(/-rancher.*$/, '') : plan.kubernetesVersion;
  const node: KubeObject = {
    apiVersion: 'v1',
    kind:       'Node',
    metadata:   {
      ...(existing?.metadata || {}),
      name,
      labels,
      annotations: {
        ...(existing?.metadata.annotations || {}),
        [ANN.planHash]:      plan.hash,
        [ANN.machine]:       m.name,
        [ANN.kubeletArgs]:   JSON.stringify(flags.kubelet),
        ...(m.roles.controlPlane ? { [ANN.kcmArgs]: JSON.stringify(flags.kubeControllerManager), [ANN.apiserverArgs]: JSON.stringify(flags.kubeApiserver) } : {}),
        ...(c.distro === 'rke2' ? { [ANN.nodeArgs]: JSON.stringify(nodeArgs(plan.config, m)) } : {}),
        'node.alpha.kubernetes.io/ttl': '0',
      },
    },
    spec: {
      ...(existing?.spec || {}),
      ...(providerID ? { providerID } : {}),
      ...(taints.length ? { taints } : {}),
      podCIDR: existing?.spec?.podCIDR || `10.42.${ c.machines.indexOf(m) % 250 }.0/24`,
    },
    status: {
      addresses: [
        { type: 'InternalIP', address: m.instance.privateIp },
        { type: 'Hostname', address: name },
        ...(inTreeAws ? [{ type: 'InternalDNS', address: m.instance.privateDns }] : []),
      ],
      capacity:    { cpu: '4', memory: '16248056Ki', pods: '110', 'ephemeral-storage': '64Gi' },
      allocatable: { cpu: '4', memory: '16145656Ki', pods: '110', 'ephemeral-storage': '62Gi' },
      nodeInfo:    {
        kubeletVersion: version, kubeProxyVersion: version, osImage: 'Ubuntu 22.04.4 LTS', kernelVersion: '5.15.0-1057-aws', containerRuntimeVersion: 'containerd://1.7.11-k3s2', architecture: 'amd64', operatingSystem: 'linux', machineID: m.instance.instanceId
      },
      conditions: setCondition([...(existing?.status?.conditions || [])], {
        type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status'
      }, ctx.iso),
    },
  };

  if (!taints.length) {
    delete node.spec.taints;
  }
  if (existing) {
    store.update('node', node);
  } else {
    store.create('node', node);
  }
  if (c.distro === 'rke2' || c.distro === 'k3s') {
    syncStaticPods(ctx, c, m, name, flags.kubeControllerManager, flags.kubeApiserver);
  }
}

/** The rke2 config file a node runs with, as `rke2.io/node-args` shows it. */
function nodeArgs(config: Record<string, any>, m: Machine): string[] {
  const out = [m.roles.controlPlane || m.roles.etcd ? 'server' : 'agent'];

  for (const [k, v] of Object.entries(config)) {
    for (const item of Array.isArray(v) ? v : [v]) {
      out.push(`--${ k }`, `${ item }`);
    }
  }

  return out;
}

function orphanNode(ctx: RuleContext, c: SimCluster, name: string) {
  c.store.mutate('node', name, (n) => {
    const taints: Taint[] = (n.spec?.taints || []).filter((t: Taint) => !t.key.startsWith('node.kubernetes.io/unreachable'));

    taints.push({ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' });
    n.spec = { ...(n.spec || {}), taints };
    n.status = {
      ...(n.status || {}),
      conditions: setCondition([...(n.status?.conditions || [])], {
        type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.'
      }, ctx.iso),
    };
  });
  for (const p of c.store.list('pod')) {
    if (p.metadata.namespace === 'kube-system' && p.spec?.nodeName === name && p.metadata.annotations?.['kubernetes.io/config.source'] === 'file') {
      c.store.delete('pod', `kube-system/${ p.metadata.name }`);
    }
  }
}

function syncStaticPods(ctx: RuleContext, c: SimCluster, m: Machine, nodeName: string, kcm: string[], apiserver: string[]) {
  const pods: Array<[string, string[] | undefined]> = [
    ['kube-controller-manager', m.roles.controlPlane ? kcm : undefined],
    ['kube-apiserver', m.roles.controlPlane ? apiserver : undefined],
    ['etcd', m.roles.etcd ? [] : undefined],
  ];

  for (const [component, args] of pods) {
    const key = `kube-system/${ component }-${ nodeName }`;

    if (!args) {
      c.store.deleteIfExists('pod', key);
      continue;
    }
    if (c.store.get('pod', key)?.metadata.annotations?.['kubernetes.io/config.mirror'] === m.applied?.hash) {
      continue; // unchanged since this plan started
    }
    c.store.apply('pod', {
      apiVersion: 'v1',
      kind:       'Pod',
      metadata:   {
        name:        `${ component }-${ nodeName }`,
        namespace:   'kube-system',
        labels:      { component, tier: 'control-plane' },
        annotations: { 'kubernetes.io/config.source': 'file', 'kubernetes.io/config.mirror': m.applied?.hash || '' },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: nodeName, controller: true }],
      },
      spec: {
        nodeName, hostNetwork: true, priorityClassName: 'system-cluster-critical', containers: [{ name: component, image: `index.docker.io/rancher/hardened-kubernetes:${ (m.applied?.kubernetesVersion || '').replace('+', '-') }`, command: [component], args }]
      },
      status: {
        phase: 'Running', startTime: ctx.iso, conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{
          name: component, ready: true, restartCount: 0, state: { running: { startedAt: ctx.iso } }
        }]
      },
    }, false);
  }
}
