import {
  enableLeaderMigrationRke2, finalizeCcmRke2, installCcmRke2, removeCcmRke2, removeLeaderMigrationRke2, revertProviderRke2,
  switchProviderRke2
} from '../rke2';
import { clusterProfiles } from '../../effective-config';
import { applyJsonPatch, clone } from '../../json-patch';
import { buildChartValues } from '../../chart-values';
import { cluster } from '../../../../../test/fixtures/load';

const CP_SELECTOR = { matchExpressions: [{ key: 'rke.cattle.io/control-plane-role', operator: 'In', values: ['true'] }] };

function edit(name: string, fn: (c: any) => void): any {
  const c = clone(cluster(name));

  fn(c);

  return c;
}

describe('enableLeaderMigrationRke2', () => {
  it.each([
    ['rke2-dashboard-intree', (c: any) => {
      c.spec.rkeConfig.machineGlobalConfig['kube-controller-manager-arg'] = ['enable-leader-migration'];
    }],
    ['rke2-yaml-machineglobalconfig', (c: any) => {
      c.spec.rkeConfig.machineGlobalConfig['kube-controller-manager-arg'] = ['enable-leader-migration'];
    }],
    ['rke2-existing-kcm-args', (c: any) => {
      c.spec.rkeConfig.machineGlobalConfig['kube-controller-manager-arg'] = ['terminated-pod-gc-threshold=100', 'node-monitor-grace-period=20s', 'enable-leader-migration'];
    }],
    ['rke2-multiple-selectors', (c: any) => {
      // the control-plane entry wins for control-plane machines; the global list feeds only non-control-plane ones
      c.spec.rkeConfig.machineSelectorConfig[1].config['kube-controller-manager-arg'] = ['bind-address=0.0.0.0', 'leader-elect-lease-duration=30s', 'enable-leader-migration'];
    }],
  ])('unions into the list in effect on %s', (name, change) => {
    const before = cluster(name);
    const res = enableLeaderMigrationRke2(before, { profiles: clusterProfiles(before) });

    expect(res.object).toStrictEqual(edit(name, change));
    expect(applyJsonPatch(before, res.patch)).toStrictEqual(res.object);
    expect(before).toStrictEqual(cluster(name));
  });

  it('keeps the args a doc-style selector entry would have dropped', () => {
    const before = edit('rke2-existing-kcm-args', (c) => c.spec.rkeConfig.machineSelectorConfig.push({ config: { 'kube-controller-manager-arg': ['node-monitor-grace-period=20s'] }, machineLabelSelector: CP_SELECTOR }));
    const res = enableLeaderMigrationRke2(before, { profiles: clusterProfiles(before) });

    expect(res.object.spec.rkeConfig.machineSelectorConfig[1]).toStrictEqual({ config: { 'kube-controller-manager-arg': ['node-monitor-grace-period=20s', 'enable-leader-migration'] }, machineLabelSelector: CP_SELECTOR });
    expect(res.object.spec.rkeConfig.machineGlobalConfig).toStrictEqual(before.spec.rkeConfig.machineGlobalConfig);
  });

  it('produces a minimal JSON patch guarded by the resourceVersion', () => {
    const before = cluster('rke2-existing-kcm-args');

    expect(enableLeaderMigrationRke2(before, { profiles: clusterProfiles(before) }).patch).toStrictEqual([
      { op: 'test', path: '/metadata/resourceVersion', value: '7001' },
      { op: 'add', path: '/spec/rkeConfig/machineGlobalConfig/kube-controller-manager-arg/2', value: 'enable-leader-migration' },
    ]);
  });

  it('is reverted by removing leader migration', () => {
    const before = cluster('rke2-existing-kcm-args');
    const on = enableLeaderMigrationRke2(before, { profiles: clusterProfiles(before) }).object;

    expect(removeLeaderMigrationRke2(on).object).toStrictEqual(before);
  });
});

describe('switchProviderRke2', () => {
  it('end state B: keeps aws, overrides every component, disables RKE2’s CCM, drops leader migration', () => {
    const before = cluster('rke2-dashboard-intree');
    const profiles = clusterProfiles(before);
    const on = enableLeaderMigrationRke2(before, { profiles }).object;
    const res = switchProviderRke2(on, {
      profiles, endState: 'B', leaderMigration: true
    });

    expect(res.object).toStrictEqual(edit('rke2-dashboard-intree', (c) => {
      Object.assign(c.spec.rkeConfig.machineGlobalConfig, {
        'kube-controller-manager-arg': ['cloud-provider=external'], 'kube-apiserver-arg': ['cloud-provider=external'], 'disable-cloud-controller': true
      });
      c.spec.rkeConfig.machineSelectorConfig[0].config['kubelet-arg'] = ['cloud-provider=external'];
    }));
  });

  it('end state A: edits cloud-provider-name where it lives (the selector-less entry), sets the version', () => {
    const before = cluster('rke2-dashboard-intree');
    const res = switchProviderRke2(before, {
      profiles: clusterProfiles(before), endState: 'A', leaderMigration: false, kubernetesVersion: 'v1.27.16+rke2r2'
    });

    expect(res.object).toStrictEqual(edit('rke2-dashboard-intree', (c) => {
      c.spec.kubernetesVersion = 'v1.27.16+rke2r2';
      c.spec.rkeConfig.machineSelectorConfig[0].config['cloud-provider-name'] = 'external';
      c.spec.rkeConfig.machineGlobalConfig['disable-cloud-controller'] = true;
    }));
  });

  it('end state C on machineGlobalConfig clusters', () => {
    const before = cluster('rke2-yaml-machineglobalconfig');
    const res = switchProviderRke2(before, { profiles: clusterProfiles(before), endState: 'C', leaderMigration: false });

    expect(res.object.spec.rkeConfig.machineGlobalConfig).toStrictEqual({
      'cloud-provider-name': 'external', cni: 'canal', 'node-name-from-cloud-provider-metadata': true, 'disable-cloud-controller': true
    });
  });

  it.each([['A'], ['B'], ['C']] as const)('end state %s is reverted back to the original', (endState) => {
    const before = cluster('rke2-multiple-selectors');
    const profiles = clusterProfiles(before);
    const switched = switchProviderRke2(before, { profiles, endState, leaderMigration: false }).object;

    expect(revertProviderRke2(switched, { profiles, endState, leaderMigration: false }).object).toStrictEqual(before);
  });
});

describe('installCcmRke2', () => {
  const values = buildChartValues({ distro: 'rke2', mode: 'leader-migration', kubernetesVersion: 'v1.26.15+rke2r1' });

  it('appends the HelmChart and keeps the other documents byte for byte', () => {
    const before = cluster('rke2-existing-additional-manifest');
    const res = installCcmRke2(before, values);
    const text: string = res.object.spec.rkeConfig.additionalManifest;

    expect(text.startsWith(before.spec.rkeConfig.additionalManifest)).toBe(true);
    expect(removeCcmRke2(res.object).object).toStrictEqual(before);
  });

  it('is idempotent and keeps one HelmChart when run twice', () => {
    const once = installCcmRke2(cluster('rke2-dashboard-intree'), values).object;

    expect(installCcmRke2(once, values)).toStrictEqual({ object: once, patch: [], changed: false });
  });

  it('finalizes the chart: no leader-migration arg, image at the final minor', () => {
    const installed = installCcmRke2(cluster('rke2-dashboard-intree'), values).object;
    const done = finalizeCcmRke2(installed, 'v1.27.16+rke2r2').object;
    const expected = installCcmRke2(cluster('rke2-dashboard-intree'), { ...values, image: { tag: 'v1.27.10' }, args: values.args.slice(0, -1) }).object;

    expect(done).toStrictEqual(expected);
  });
});
