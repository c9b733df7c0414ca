import {
  ALL_PROFILES, GLOBAL, clusterProfiles, effectiveConfig, effectiveProvider, selectorMatches, sourceOf
} from '../effective-config';
import { cluster, nodes } from '../../../../test/fixtures/load';
import type { RoleProfile } from '../types';

const CP: RoleProfile = { controlPlane: true, etcd: false, worker: false };
const ETCD: RoleProfile = { controlPlane: false, etcd: true, worker: false };
const WORKER: RoleProfile = { controlPlane: false, etcd: false, worker: true };
const CP_LABELS = { 'rke.cattle.io/control-plane-role': 'true' };

describe('selectorMatches', () => {
  it.each([
    ['null selector', null, CP_LABELS, true],
    ['empty selector', {}, {}, true],
    ['matchLabels hit', { matchLabels: CP_LABELS }, CP_LABELS, true],
    ['matchLabels miss', { matchLabels: CP_LABELS }, {}, false],
    ['In', { matchExpressions: [{ key: 'rke.cattle.io/control-plane-role', operator: 'In', values: ['true'] }] }, CP_LABELS, true],
    ['NotIn on absent label', { matchExpressions: [{ key: 'rke.cattle.io/worker-role', operator: 'NotIn', values: ['true'] }] }, CP_LABELS, true],
    ['Exists', { matchExpressions: [{ key: 'rke.cattle.io/control-plane-role', operator: 'Exists' }] }, CP_LABELS, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'rke.cattle.io/control-plane-role', operator: 'DoesNotExist' }] }, CP_LABELS, false],
    ['labels and expressions both needed', { matchLabels: CP_LABELS, matchExpressions: [{ key: 'rke.cattle.io/etcd-role', operator: 'Exists' }] }, CP_LABELS, false],
    ['unknown operator', { matchExpressions: [{ key: 'x', operator: 'Gt', values: ['1'] }] }, {}, false],
  ])('%s', (_name, selector, labels, expected) => {
    expect(selectorMatches(selector as any, labels)).toBe(expected);
  });
});

describe('effectiveConfig', () => {
  const rc = cluster('rke2-multiple-selectors').spec.rkeConfig;

  it.each([
    ['control plane', CP, { 'cloud-provider-name': 'aws', 'kube-controller-manager-arg': ['bind-address=0.0.0.0', 'leader-elect-lease-duration=30s'], 'kubelet-arg': ['max-pods=110'] }],
    ['etcd', ETCD, { 'cloud-provider-name': 'aws', 'kube-controller-manager-arg': ['global-arg=1'], 'kubelet-arg': ['eviction-hard=memory.available<500Mi'] }],
    ['worker', WORKER, { 'cloud-provider-name': 'aws', 'kube-controller-manager-arg': ['global-arg=1'], 'kubelet-arg': ['max-pods=250'] }],
  ])('merges whole keys in order for a %s machine', (_name, profile, expected) => {
    expect(effectiveConfig(rc, profile)).toStrictEqual(expected);
  });

  it.each([
    ['kube-controller-manager-arg', CP, 1],
    ['kube-controller-manager-arg', WORKER, GLOBAL],
    ['kubelet-arg', ETCD, 3],
    ['cloud-provider-name', CP, GLOBAL],
    ['disable-cloud-controller', CP, undefined],
  ])('finds where %s lives for %p', (key, profile, expected) => {
    expect(sourceOf(rc, profile, key)).toBe(expected);
  });

  it('finds cloud-provider-name in the dashboard’s selector-less entry', () => {
    expect(sourceOf(cluster('rke2-dashboard-intree').spec.rkeConfig, CP, 'cloud-provider-name')).toBe(0);
  });

  it('lets a later selector-less entry override machineGlobalConfig (the doc’s global edit does nothing)', () => {
    const c = cluster('rke2-dashboard-intree');

    c.spec.rkeConfig.machineGlobalConfig['cloud-provider-name'] = 'external';
    expect(effectiveProvider(c.spec.rkeConfig, CP)).toBe('aws');
  });
});

describe('clusterProfiles', () => {
  it.each([
    ['rke2-dashboard-intree', undefined, [{ controlPlane: true, etcd: true, worker: false }, WORKER]],
    ['rke2-custom', undefined, ALL_PROFILES],
    ['rke2-custom', 'rke2-nodes', [{ controlPlane: true, etcd: true, worker: false }, WORKER]],
  ])('derives the role profiles of %s (nodes %s)', (name, nodeFile, expected) => {
    expect(clusterProfiles(cluster(name), nodeFile ? nodes(nodeFile) : undefined)).toStrictEqual(expected);
  });
});
