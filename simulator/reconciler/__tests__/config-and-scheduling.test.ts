import { effectiveConfig, machineLabels, selectorMatches } from '../effective-config';
import { coalesceValues } from '../helm-values';
import { tolerates, unschedulableReason } from '../scheduling';
import { rke2Flags, cloudProviderOf } from '../component-flags';
import type { KubeObject } from '../../engine/kube-object';

const cp = machineLabels({ controlPlane: true, etcd: true, worker: false });
const worker = machineLabels({ controlPlane: false, etcd: false, worker: true });
const CP_SELECTOR = { matchExpressions: [{ key: 'rke.cattle.io/control-plane-role', operator: 'In' as const, values: ['true'] }] };

describe("Rancher's config merge (independent implementation)", () => {
  it('applies machineGlobalConfig, then matching selector entries in order, replacing whole keys', () => {
    const rke = {
      machineGlobalConfig:   { 'cloud-provider-name': 'aws', 'kube-controller-manager-arg': ['a=1', 'b=2'] },
      machineSelectorConfig: [
        { config: { 'cloud-provider-name': 'aws', 'protect-kernel-defaults': false } },
        { config: { 'kube-controller-manager-arg': ['enable-leader-migration'] }, machineLabelSelector: CP_SELECTOR },
        { config: { 'cloud-provider-name': 'external' } },
      ],
    };

    expect(effectiveConfig(rke, cp)).toEqual({ 'cloud-provider-name': 'external', 'kube-controller-manager-arg': ['enable-leader-migration'], 'protect-kernel-defaults': false });
    expect(effectiveConfig(rke, worker)['kube-controller-manager-arg']).toEqual(['a=1', 'b=2']);
  });

  it('the first selector-less entry overrides machineGlobalConfig (where the dashboard keeps cloud-provider-name)', () => {
    const rke = { machineGlobalConfig: { 'cloud-provider-name': 'external' }, machineSelectorConfig: [{ config: { 'cloud-provider-name': 'aws' } }] };

    expect(effectiveConfig(rke, worker)['cloud-provider-name']).toBe('aws');
  });

  it('matches matchLabels and matchExpressions operators; an empty selector matches all', () => {
    expect(selectorMatches({ matchLabels: { 'rke.cattle.io/worker-role': 'true' } }, worker)).toBe(true);
    expect(selectorMatches({ matchLabels: { 'rke.cattle.io/worker-role': 'true' } }, cp)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'rke.cattle.io/etcd-role', operator: 'NotIn', values: ['true'] }] }, worker)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'rke.cattle.io/etcd-role', operator: 'Exists' }] }, cp)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'rke.cattle.io/etcd-role', operator: 'DoesNotExist' }] }, cp)).toBe(false);
    expect(selectorMatches({}, cp)).toBe(true);
    expect(selectorMatches(null, worker)).toBe(true);
  });
});

describe('component flags follow the effective config', () => {
  const instance = {
    instanceId: 'i-1', zone: 'us-east-1a', privateIp: '10.0.0.1', privateDns: 'ip-10-0-0-1.ec2.internal', metadataHostname: 'ip-10-0-0-1.ec2.internal', hostname: 'pool-abc', instanceType: 't3.large'
  };

  it('RKE2 1.26 aws: in-tree flags everywhere, user args appended win, node name from metadata', () => {
    const f = rke2Flags({ 'cloud-provider-name': 'aws', 'kubelet-arg': ['cloud-provider=external'] }, { controlPlane: true, etcd: true, worker: false }, 'v1.26.15+rke2r1', instance);

    expect(cloudProviderOf(f.kubeControllerManager)).toBe('aws');
    expect(cloudProviderOf(f.kubelet)).toBe('external');
    expect(f.nodeName).toBe('ip-10-0-0-1.ec2.internal');
    expect(f.stubCloudController).toBe(false);
  });

  it('RKE2 external without a node-name option registers under the OS hostname', () => {
    const f = rke2Flags({ 'cloud-provider-name': 'external' }, { controlPlane: false, etcd: false, worker: true }, 'v1.26.15+rke2r1', instance);

    expect(cloudProviderOf(f.kubelet)).toBe('external');
    expect(f.nodeName).toBe('pool-abc');
  });

  it('RKE2 >= 1.29.11 treats aws as metadata naming only', () => {
    const f = rke2Flags({ 'cloud-provider-name': 'aws' }, { controlPlane: true, etcd: true, worker: false }, 'v1.30.7+rke2r1', instance);

    expect(cloudProviderOf(f.kubeControllerManager)).toBe('');
    expect(f.nodeName).toBe('ip-10-0-0-1.ec2.internal');
  });

  it('no cloud provider: the embedded stub CCM runs and the kubelet is external', () => {
    const f = rke2Flags({}, { controlPlane: true, etcd: true, worker: true }, 'v1.26.15+rke2r1', instance);

    expect(f.stubCloudController).toBe(true);
    expect(cloudProviderOf(f.kubelet)).toBe('external');
  });
});

describe('scheduling predicates', () => {
  const node = (taints: any[], unschedulable = false, labels: Record<string, string> = {}): KubeObject => ({
    apiVersion: 'v1', kind: 'Node', metadata: { name: 'n', labels }, spec: { taints, unschedulable }
  });

  it('Equal tolerations need the same value; Exists matches any value', () => {
    const rke2Cp = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const };

    expect(tolerates({ key: rke2Cp.key, value: 'true', effect: 'NoSchedule' }, rke2Cp)).toBe(false);
    expect(tolerates({ key: rke2Cp.key, effect: 'NoSchedule' }, rke2Cp)).toBe(true);
    expect(tolerates({ key: rke2Cp.key, operator: 'Exists' }, rke2Cp)).toBe(true);
    expect(tolerates({ operator: 'Exists' }, { key: 'anything', value: 'x', effect: 'NoExecute' })).toBe(true);
    expect(tolerates({ key: rke2Cp.key, operator: 'Exists', effect: 'NoExecute' }, rke2Cp)).toBe(false);
  });

  it('DaemonSet pods tolerate cordoned nodes, other pods do not', () => {
    const cordoned = node([], true);

    expect(unschedulableReason(cordoned, { daemonSet: true })).toBeUndefined();
    expect(unschedulableReason(cordoned, {})).toMatch(/unschedulable/);
  });

  it('PreferNoSchedule never blocks', () => {
    expect(unschedulableReason(node([{ key: 'x', effect: 'PreferNoSchedule' }]), {})).toBeUndefined();
  });
});

describe('Helm values coalescing (independent implementation)', () => {
  const defaults = { nodeSelector: { 'node-role.kubernetes.io/control-plane': '' }, args: ['--v=2', '--cloud-provider=aws'], image: { tag: 'v1.27.1', repository: 'r' } };

  it('merges maps into the defaults, so the default nodeSelector key stays', () => {
    expect(coalesceValues(defaults, { nodeSelector: { 'node-role.kubernetes.io/controlplane': 'true' } }).nodeSelector).toEqual({
      'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/controlplane': 'true'
    });
  });

  it('null deletes a default key; lists are replaced', () => {
    const v = coalesceValues(defaults, { nodeSelector: { 'node-role.kubernetes.io/control-plane': null, 'node-role.kubernetes.io/controlplane': 'true' }, args: ['--v=5'], image: { tag: 'v1.26.14' } });

    expect(v.nodeSelector).toEqual({ 'node-role.kubernetes.io/controlplane': 'true' });
    expect(v.args).toEqual(['--v=5']);
    expect(v.image).toEqual({ tag: 'v1.26.14', repository: 'r' });
  });
});
