// Benchmark (not a test): plan + node checks for a cluster with 200 selector entries and 5,000 nodes.
// `npm run bench` prints the median of repeated runs; the target is < 20 ms.
import { buildPlan, checkNodes, detectState } from '../pkg/aws-oot-migration/migration';

const ROLES = ['rke.cattle.io/control-plane-role', 'rke.cattle.io/etcd-role', 'rke.cattle.io/worker-role'];

function selectorEntry(i: number) {
  const key = ROLES[i % 3];

  return i % 2 ? {
    config:              { 'kubelet-arg': [`max-pods=${ 100 + i }`], [`custom-key-${ i }`]: true },
    machineLabelSelector: { matchExpressions: [{ key, operator: i % 4 === 1 ? 'In' : 'NotIn', values: ['true'] }] },
  } : {
    config:              { 'kube-controller-manager-arg': [`arg-${ i }=1`] },
    machineLabelSelector: { matchLabels: { [key]: 'true' } },
  };
}

function node(i: number) {
  const cp = i < 5;
  const ip = `10.${ (i >> 16) & 255 }.${ (i >> 8) & 255 }.${ i & 255 }`;
  const name = `ip-${ ip.replace(/\./g, '-') }.us-west-2.compute.internal`;

  return {
    apiVersion: 'v1',
    kind:       'Node',
    metadata:   { name, labels: cp ? { 'node-role.kubernetes.io/control-plane': 'true', 'node-role.kubernetes.io/etcd': 'true' } : { 'node-role.kubernetes.io/worker': 'true' } },
    spec:       { providerID: `aws:///us-west-2a/i-0${ i.toString(16).padStart(16, '0') }`, ...(cp ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}) },
    status:     { addresses: [{ type: 'InternalIP', address: ip }, { type: 'InternalDNS', address: name }], conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

const cluster = {
  apiVersion: 'provisioning.cattle.io/v1',
  kind:       'Cluster',
  metadata:   { name: 'big', namespace: 'fleet-default', resourceVersion: '1' },
  spec:       {
    kubernetesVersion: 'v1.26.15+rke2r1',
    rkeConfig:         {
      machineGlobalConfig:   { cni: 'calico', 'kube-controller-manager-arg': ['a=1'] },
      machineSelectorConfig: [{ config: { 'cloud-provider-name': 'aws' } }, ...Array.from({ length: 199 }, (_, i) => selectorEntry(i + 1))],
      machinePools:          [
        { name: 'cp', controlPlaneRole: true, etcdRole: true, workerRole: false, quantity: 5 },
        { name: 'wk', controlPlaneRole: false, etcdRole: false, workerRole: true, quantity: 4995 },
      ],
    },
  },
  status: { clusterName: 'c-m-big' },
};
const nodes = Array.from({ length: 5000 }, (_, i) => node(i));
const baselineNodeNames = nodes.map((n) => n.metadata.name);

function once(): number {
  const start = process.hrtime.bigint();
  const plan = buildPlan({ cluster, nodes });
  const report = checkNodes(nodes, { baselineNodeNames });

  if (plan.steps.length !== 12 || report.summary.total !== 5000) {
    throw new Error('unexpected result');
  }

  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);

  return s[Math.floor(s.length / 2)];
}

for (let i = 0; i < 5; i++) {
  once(); // warm-up: JIT
}
const runs = Array.from({ length: 31 }, once);
const stateStart = process.hrtime.bigint();

detectState({ cluster, nodes, baselineNodeNames });
const stateMs = Number(process.hrtime.bigint() - stateStart) / 1e6;

process.stdout.write(`plan + node checks, 200 selector entries, 5,000 nodes: median ${ median(runs).toFixed(2) } ms over ${ runs.length } runs (min ${ Math.min(...runs).toFixed(2) }, max ${ Math.max(...runs).toFixed(2) }); detectState once: ${ stateMs.toFixed(2) } ms\n`);
