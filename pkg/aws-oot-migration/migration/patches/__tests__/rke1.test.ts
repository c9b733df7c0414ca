import {
  enableLeaderMigrationRke1, removeLeaderMigrationRke1, revertProviderRke1, switchProviderRke1
} from '../rke1';
import { clone } from '../../json-patch';
import { cluster } from '../../../../../test/fixtures/load';

describe('RKE1 patches', () => {
  it.each([
    ['rke1-mgmt-aws', (c: any) => c.rancherKubernetesEngineConfig],
    ['rke1-mgmt-aws-steve', (c: any) => c.spec.rancherKubernetesEngineConfig],
  ])('enable, switch and revert on %s', (name, rkeOf) => {
    const before = cluster(name);
    const on = enableLeaderMigrationRke1(before).object;
    const expectedOn = clone(before);

    rkeOf(expectedOn).services.kubeController.extraArgs['enable-leader-migration'] = 'true';
    expect(on).toStrictEqual(expectedOn);

    const switched = switchProviderRke1(on, { leaderMigration: true, kubernetesVersion: 'v1.27.16-rancher1-1' }).object;
    const expectedSwitched = clone(before);

    rkeOf(expectedSwitched).kubernetesVersion = 'v1.27.16-rancher1-1';
    rkeOf(expectedSwitched).cloudProvider.name = 'external-aws';
    rkeOf(expectedSwitched).cloudProvider.useInstanceMetadataHostname = true;
    expect(switched).toStrictEqual(expectedSwitched);

    expect(removeLeaderMigrationRke1(on).object).toStrictEqual(before);
    expect(revertProviderRke1(switchProviderRke1(on, { leaderMigration: true }).object, { leaderMigration: true }).object).toStrictEqual(on);
  });

  it('keeps an explicit useInstanceMetadataHostname', () => {
    const before = cluster('rke1-mgmt-aws');

    before.rancherKubernetesEngineConfig.cloudProvider.useInstanceMetadataHostname = false;
    expect(switchProviderRke1(before, { leaderMigration: false }).object.rancherKubernetesEngineConfig.cloudProvider.useInstanceMetadataHostname).toBe(false);
  });

  it('creates the kubeController extraArgs when there are none, and removes them again', () => {
    const before = cluster('rke1-mgmt-aws');

    delete before.rancherKubernetesEngineConfig.services;
    const on = enableLeaderMigrationRke1(before);

    expect(on.object.rancherKubernetesEngineConfig.services).toStrictEqual({ kubeController: { extraArgs: { 'enable-leader-migration': 'true' } } });
    expect(removeLeaderMigrationRke1(on.object).object).toStrictEqual(before);
  });
});
