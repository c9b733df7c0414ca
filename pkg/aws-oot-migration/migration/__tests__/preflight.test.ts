import { runPreflight } from '../preflight';
import { cluster, nodes } from '../../../../test/fixtures/load';
import type { MigrationInputs, PlanOptions } from '../types';

const statuses = (inputs: MigrationInputs, opts?: PlanOptions) => Object.fromEntries(runPreflight(inputs, opts).map((r) => [r.id, `${ r.status }:${ r.message.key.split('.').pop() }`]));

const COMMON_UNCHECKED = {
  'ebs-csi': 'warn:notChecked', 'lease-rbac': 'warn:notChecked', 'iam-tags': 'warn:acknowledge', 'load-balancers': 'warn:notChecked'
};

describe('runPreflight', () => {
  it.each([
    ['an RKE2 dashboard cluster with healthy nodes', { cluster: cluster('rke2-dashboard-intree'), nodes: nodes('rke2-nodes') }, {}, {
      distro: 'pass:pass', 'kubernetes-version': 'pass:pass', 'ccm-image': 'pass:pass', 'cloud-provider': 'pass:pass', 'selector-labels': 'pass:pass', 'additional-manifest': 'pass:pass', 'existing-args': 'pass:pass', 'end-state': 'pass:B', 'node-provider-ids': 'pass:pass', 'node-names': 'pass:pass', 'csi-migration-gate': 'pass:pass', 'control-plane-count': 'pass:pass', 'cordon-state': 'pass:pass', ...COMMON_UNCHECKED
    }],
    ['an RKE2 cluster with broken nodes', { cluster: cluster('rke2-dashboard-intree'), nodes: nodes('rke2-bad-nodes') }, {}, {
      distro: 'pass:pass', 'kubernetes-version': 'pass:pass', 'ccm-image': 'pass:pass', 'cloud-provider': 'pass:pass', 'selector-labels': 'pass:pass', 'additional-manifest': 'pass:pass', 'existing-args': 'pass:pass', 'end-state': 'pass:B', 'node-provider-ids': 'fail:fail', 'node-names': 'fail:mismatch', 'csi-migration-gate': 'pass:pass', 'control-plane-count': 'pass:pass', 'cordon-state': 'warn:cordoned', ...COMMON_UNCHECKED
    }],
    ['an RKE2 1.27 cluster in leader-migration mode', { cluster: cluster('rke2-1.27') }, {}, {
      distro: 'pass:pass', 'kubernetes-version': 'fail:inTreeRemovedLeaderMigration', 'ccm-image': 'pass:pass', 'cloud-provider': 'pass:pass', 'selector-labels': 'pass:pass', 'additional-manifest': 'pass:pass', 'existing-args': 'pass:pass', 'end-state': 'pass:B', 'node-provider-ids': 'warn:notChecked', 'node-names': 'warn:notChecked', 'csi-migration-gate': 'pass:pass', 'control-plane-count': 'pass:pass', 'cordon-state': 'warn:notChecked', ...COMMON_UNCHECKED
    }],
    ['an RKE2 1.27 cluster in downtime mode, end state C', { cluster: cluster('rke2-1.27') }, { mode: 'downtime', endState: 'C' }, {
      distro: 'pass:pass', 'kubernetes-version': 'warn:inTreeRemoved', 'ccm-image': 'pass:pass', 'cloud-provider': 'pass:pass', 'selector-labels': 'pass:pass', 'additional-manifest': 'pass:pass', 'existing-args': 'pass:pass', 'end-state': 'fail:CUnsupported', 'node-provider-ids': 'warn:notChecked', 'node-names': 'warn:notChecked', 'csi-migration-gate': 'pass:pass', 'control-plane-count': 'pass:pass', 'cordon-state': 'warn:notChecked', ...COMMON_UNCHECKED, 'lease-rbac': 'pass:notNeeded'
    }],
    ['RKE1 (Steve shape) with CSIMigrationAWS=false, upgrading past 1.25', { cluster: cluster('rke1-prov'), management: cluster('rke1-mgmt-aws-steve'), nodes: nodes('rke1-nodes'), leaseAccess: true, acknowledged: ['iam-tags'], services: [] }, { kubernetesVersion: 'v1.27.16-rancher1-1' }, {
      distro: 'pass:pass', 'kubernetes-version': 'pass:pass', 'target-version': 'pass:pass', 'ccm-image': 'pass:pass', 'cloud-provider': 'pass:pass', 'existing-args': 'pass:pass', 'instance-metadata-hostname': 'pass:pass', 'node-provider-ids': 'pass:pass', 'node-names': 'pass:pass', 'csi-migration-gate': 'fail:fail', 'ebs-csi': 'warn:notChecked', 'control-plane-count': 'pass:pass', 'cordon-state': 'pass:pass', 'lease-rbac': 'pass:pass', 'iam-tags': 'pass:pass', 'load-balancers': 'pass:pass'
    }],
  ] as [string, MigrationInputs, PlanOptions, Record<string, string>][])('checks %s', (_name, inputs, opts, expected) => {
    expect(statuses(inputs, opts)).toStrictEqual(expected);
  });

  it('names the offending nodes as evidence', () => {
    const r = runPreflight({ cluster: cluster('rke2-dashboard-intree'), nodes: nodes('rke2-bad-nodes') }).find((c) => c.id === 'node-provider-ids');

    expect(r).toStrictEqual({
      id: 'node-provider-ids', status: 'fail', message: { key: 'awsOotMigration.engine.preflight.node-provider-ids.fail', params: { count: 1 } }, evidence: ['prod-east-cp-7d9f8-x2k4p: rke2://prod-east-cp-7d9f8-x2k4p']
    });
  });

  it.each([
    ['a downgrade', 'v1.25.16+rke2r2', 'fail:downgrade'],
    ['an RKE1 version on RKE2', 'v1.27.16-rancher1-1', 'fail:invalid'],
    ['a skipped minor', 'v1.28.15+rke2r1', 'warn:skipsMinor'],
  ])('rejects %s as target version', (_name, target, expected) => {
    expect(statuses({ cluster: cluster('rke2-dashboard-intree') }, { kubernetesVersion: target })['target-version']).toBe(expected);
  });

  it.each([
    ['in-tree volumes without the EBS CSI driver', [{ metadata: { name: 'gp2' }, provisioner: 'kubernetes.io/aws-ebs' }], [], 'fail:fail'],
    ['in-tree volumes with the EBS CSI driver', [{ metadata: { name: 'gp2' }, provisioner: 'kubernetes.io/aws-ebs' }], [{ metadata: { name: 'ebs.csi.aws.com' } }], 'pass:driverPresent'],
    ['no in-tree volumes', [{ metadata: { name: 'gp3' }, provisioner: 'ebs.csi.aws.com' }], [], 'pass:pass'],
  ])('checks EBS storage: %s', (_name, storageClasses, csiDrivers, expected) => {
    expect(statuses({
      cluster: cluster('rke2-dashboard-intree'), storageClasses, persistentVolumes: [], csiDrivers
    })['ebs-csi']).toBe(expected);
  });

  it('fails on an invalid additionalManifest', () => {
    const c = cluster('rke2-existing-additional-manifest');

    c.spec.rkeConfig.additionalManifest = 'kind: ConfigMap\ndata: [\n';
    expect(statuses({ cluster: c })['additional-manifest']).toBe('fail:invalid');
  });

  it('warns about a single control-plane node in leader-migration mode', () => {
    expect(statuses({ cluster: cluster('rke2-existing-additional-manifest') })['control-plane-count']).toBe('warn:single');
  });
});
