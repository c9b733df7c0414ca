import { classifyCluster, isMigrationCandidate } from '../classify';
import { cluster } from '../../../../test/fixtures/load';

const R = 'awsOotMigration.engine.reasons';

describe('classifyCluster', () => {
  it.each([
    ['rke2-dashboard-intree', undefined, { distro: 'rke2', candidate: true, reasons: [{ key: `${ R }.rke2InTree` }] }],
    ['rke2-yaml-machineglobalconfig', undefined, { distro: 'rke2', candidate: true, reasons: [{ key: `${ R }.rke2InTree` }] }],
    ['rke2-existing-kcm-args', undefined, { distro: 'rke2', candidate: true, reasons: [{ key: `${ R }.rke2InTree` }] }],
    ['rke2-multiple-selectors', undefined, { distro: 'rke2', candidate: true, reasons: [{ key: `${ R }.rke2InTree` }] }],
    ['rke2-custom', undefined, { distro: 'rke2', candidate: true, reasons: [{ key: `${ R }.rke2InTree` }] }],
    ['rke2-1.27', undefined, { distro: 'rke2', candidate: true, reasons: [{ key: `${ R }.rke2InTree` }] }],
    ['rke2-external', undefined, { distro: 'rke2', candidate: false, reasons: [{ key: `${ R }.alreadyExternal` }] }],
    ['rke2-non-aws', undefined, { distro: 'rke2', candidate: false, reasons: [{ key: `${ R }.nonAws`, params: { provider: 'harvester' } }] }],
    ['k3s', undefined, { distro: 'unsupported', candidate: false, reasons: [{ key: `${ R }.k3s` }] }],
    ['imported', undefined, { distro: 'unsupported', candidate: false, reasons: [{ key: `${ R }.imported` }] }],
    ['rke1-prov', 'rke1-mgmt-aws', { distro: 'rke1', candidate: true, reasons: [{ key: `${ R }.rke1InTree` }] }],
    ['rke1-prov', 'rke1-mgmt-aws-steve', { distro: 'rke1', candidate: true, reasons: [{ key: `${ R }.rke1InTree` }] }],
    ['imported', 'hosted-eks', { distro: 'unsupported', candidate: false, reasons: [{ key: `${ R }.hosted`, params: { provider: 'EKS' } }] }],
  ])('classifies %s (management %s)', (prov, mgmt, expected) => {
    expect(classifyCluster(cluster(prov), mgmt ? cluster(mgmt) : undefined)).toStrictEqual(expected);
  });

  it('refuses RKE1 on Rancher 2.12 and later', () => {
    expect(classifyCluster(cluster('rke1-prov'), cluster('rke1-mgmt-aws'), { rancherVersion: 'v2.12.0' })).toStrictEqual({
      distro: 'unsupported', candidate: false, reasons: [{ key: `${ R }.rke1Removed`, params: { rancherVersion: 'v2.12.0' } }]
    });
  });

  it('reads the management cluster from a dashboard model’s mgmt property', () => {
    expect(classifyCluster({ ...cluster('rke1-prov'), mgmt: cluster('rke1-mgmt-aws') })).toStrictEqual({ distro: 'rke1', candidate: true, reasons: [{ key: `${ R }.rke1InTree` }] });
  });

  it('treats a migration left half-way (leader migration still on) as a candidate', () => {
    const c = cluster('rke2-external');

    c.spec.rkeConfig.machineGlobalConfig['kube-controller-manager-arg'] = ['enable-leader-migration'];
    expect(classifyCluster(c)).toStrictEqual({ distro: 'rke2', candidate: true, reasons: [{ key: `${ R }.inProgress` }] });
  });

  it('counts end state B (aws name, external overrides) as external', () => {
    const c = cluster('rke2-yaml-machineglobalconfig');

    Object.assign(c.spec.rkeConfig.machineGlobalConfig, { 'kubelet-arg': ['cloud-provider=external'], 'kube-controller-manager-arg': ['cloud-provider=external'] });
    expect(classifyCluster(c)).toStrictEqual({ distro: 'rke2', candidate: false, reasons: [{ key: `${ R }.alreadyExternal` }] });
  });

  it.each([[undefined], [null], [42], ['cluster'], [[]], [{}], [{ spec: null }], [{ spec: { rkeConfig: 'x' } }]])('tolerates %p', (input) => {
    expect(() => classifyCluster(input)).not.toThrow();
    expect(isMigrationCandidate(input)).toBe(false);
  });
});
