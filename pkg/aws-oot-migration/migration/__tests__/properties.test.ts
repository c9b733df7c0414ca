// Property tests: odd input never throws; a step changes only what it owns; a step applied twice equals once.
import fc from 'fast-check';
import { classifyCluster } from '../classify';
import { buildPlan } from '../plan';
import { detectState } from '../state';
import { checkNodes } from '../node-checks';
import {
  ALL_PROFILES, argList, clusterProfiles, effectiveConfig, profileKey
} from '../effective-config';
import { clone } from '../json-patch';
import {
  enableLeaderMigrationRke2, installCcmRke2, removeLeaderMigrationRke2, switchProviderRke2
} from '../patches/rke2';
import { enableLeaderMigrationRke1, switchProviderRke1 } from '../patches/rke1';
import { buildChartValues } from '../chart-values';
import type { AnyObject, PatchResult } from '../types';

const ROLE_KEYS = ['rke.cattle.io/control-plane-role', 'rke.cattle.io/etcd-role', 'rke.cattle.io/worker-role', 'other'];
const CONFIG_KEYS = ['cloud-provider-name', 'kube-controller-manager-arg', 'kube-apiserver-arg', 'kubelet-arg', 'disable-cloud-controller', 'cni', 'node-name-from-cloud-provider-metadata'];
const ARG = fc.constantFrom('enable-leader-migration', 'cloud-provider=aws', 'cloud-provider=external', 'v=2', 'bind-address=0.0.0.0', 'enable-leader-migration=false');

const configArb = fc.dictionary(fc.constantFrom(...CONFIG_KEYS), fc.oneof(fc.constantFrom('aws', 'external', 'azure', ''), fc.array(ARG, { maxLength: 3 }), fc.boolean(), fc.constant(null)), { maxKeys: 4 });
const selectorArb = fc.option(fc.record({
  matchLabels:      fc.option(fc.dictionary(fc.constantFrom(...ROLE_KEYS), fc.constantFrom('true', 'false'), { maxKeys: 2 }), { nil: undefined }),
  matchExpressions: fc.option(fc.array(fc.record({ key: fc.constantFrom(...ROLE_KEYS), operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist', 'Bogus'), values: fc.constant(['true']) }), { maxLength: 2 }), { nil: undefined }),
}, { requiredKeys: [] }), { nil: undefined });
const entryArb = fc.record({ config: fc.oneof(configArb, fc.constant(null)), machineLabelSelector: selectorArb }, { requiredKeys: ['config'] });
const poolArb = fc.record({ name: fc.constantFrom('a', 'b'), controlPlaneRole: fc.boolean(), etcdRole: fc.boolean(), workerRole: fc.boolean(), quantity: fc.nat(5) });

/** RKE2 provisioning clusters with random machine config, including keys the engine does not own. */
const rke2Arb = fc.record({
  apiVersion: fc.constant('provisioning.cattle.io/v1'),
  kind:       fc.constant('Cluster'),
  metadata:   fc.record({ name: fc.constant('c'), namespace: fc.constant('fleet-default'), resourceVersion: fc.constant('1') }),
  spec:       fc.record({
    kubernetesVersion: fc.constantFrom('v1.26.15+rke2r1', 'v1.25.16+rke2r2', 'v1.27.16+rke2r2', 'bogus'),
    rkeConfig:         fc.record({
      machineGlobalConfig:   fc.option(configArb, { nil: undefined }),
      machineSelectorConfig: fc.option(fc.array(entryArb, { maxLength: 4 }), { nil: undefined }),
      machinePools:          fc.option(fc.array(poolArb, { maxLength: 3 }), { nil: undefined }),
      additionalManifest:    fc.option(fc.constantFrom('', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x', 'a: 1\n---\nb: 2\n'), { nil: undefined }),
      etcd:                  fc.constant({ snapshotRetention: 5 }),
    }, { requiredKeys: ['etcd'] }),
  }),
});

const rke1Arb = fc.record({
  type:                          fc.constant('cluster'),
  id:                            fc.constant('c-x'),
  rancherKubernetesEngineConfig: fc.record({
    kubernetesVersion: fc.constantFrom('v1.26.15-rancher1-1', 'x'),
    cloudProvider:     fc.record({ name: fc.constantFrom('aws', 'external-aws', ''), useInstanceMetadataHostname: fc.option(fc.boolean(), { nil: undefined }) }, { requiredKeys: ['name'] }),
    services:          fc.option(fc.record({ kubeController: fc.record({ extraArgs: fc.dictionary(fc.constantFrom('enable-leader-migration', 'v', 'x'), fc.constantFrom('true', '2')) }) }), { nil: undefined }),
    network:           fc.constant({ plugin: 'canal' }),
  }, { requiredKeys: ['kubernetesVersion', 'cloudProvider', 'network'] }),
});

/** The object with everything a step may own removed: what must stay identical. */
function withoutRke2Owned(c: AnyObject, keys: string[], extra: string[] = []): AnyObject {
  const out = clone(c);
  const rc = out.spec.rkeConfig;
  const strip = (cfg: AnyObject | null | undefined) => keys.forEach((k) => cfg && delete cfg[k]);

  strip(rc.machineGlobalConfig);
  // emptied entries with a selector may be dropped: compare only non-empty configs
  // a null config that receives an owned key becomes an object: the container of an owned key
  rc.machineSelectorConfig = (rc.machineSelectorConfig || []).map((e: AnyObject) => {
    strip(e.config);

    return { ...e, config: e.config || {} };
  }).filter((e: AnyObject) => !(e.machineLabelSelector && e.config && !Object.keys(e.config).length));
  if (rc.machineGlobalConfig && !Object.keys(rc.machineGlobalConfig).length) {
    delete rc.machineGlobalConfig;
  }
  extra.forEach((k) => delete rc[k]);
  delete out.spec.kubernetesVersion;

  return out;
}

type Step = [string, (c: AnyObject) => PatchResult, string[], string[]];

const RKE2_STEPS: Step[] = [
  ['enable leader migration', (c) => enableLeaderMigrationRke2(c, { profiles: clusterProfiles(c) }), ['kube-controller-manager-arg'], []],
  ['remove leader migration', (c) => removeLeaderMigrationRke2(c), ['kube-controller-manager-arg'], []],
  ['install the CCM', (c) => installCcmRke2(c, buildChartValues({ distro: 'rke2', mode: 'leader-migration', kubernetesVersion: 'v1.26.1+rke2r1' })), [], ['additionalManifest']],
  ...(['A', 'B', 'C'] as const).map((endState): Step => [`switch (end state ${ endState })`, (c) => switchProviderRke2(c, {
    profiles: clusterProfiles(c), endState, leaderMigration: true, kubernetesVersion: 'v1.27.16+rke2r2'
  }), ['cloud-provider-name', 'kube-controller-manager-arg', 'kube-apiserver-arg', 'kubelet-arg', 'disable-cloud-controller', 'node-name-from-cloud-provider-metadata'], []]),
];

describe('engine properties', () => {
  it('never throws on random or partial objects', () => {
    fc.assert(fc.property(fc.anything(), fc.anything(), fc.anything(), (a, b, n) => {
      classifyCluster(a, b);
      buildPlan({ cluster: a as any, management: b as any, nodes: n as any });
      detectState({ cluster: a as any, management: b as any, nodes: n as any, daemonSet: b as any });
      checkNodes(n as any);
    }), { numRuns: 300 });
  });

  it('never throws on random RKE2 and RKE1 clusters, in both modes', () => {
    fc.assert(fc.property(rke2Arb, rke1Arb, fc.constantFrom('leader-migration', 'downtime'), (c, m, mode) => {
      buildPlan({ cluster: c }, { mode: mode as any });
      buildPlan({ management: m }, { mode: mode as any, kubernetesVersion: 'v1.27.16-rancher1-1' });
      detectState({ cluster: c });
    }), { numRuns: 200 });
  });

  it.each(RKE2_STEPS)('%s changes only the fields it owns and is idempotent', (_name, step, ownedKeys, ownedSections) => {
    fc.assert(fc.property(rke2Arb, (c) => {
      const once = step(c);
      const twice = step(once.object);

      expect(withoutRke2Owned(once.object, ownedKeys, ownedSections)).toStrictEqual(withoutRke2Owned(c, ownedKeys, ownedSections));
      expect(twice.object).toStrictEqual(once.object);
      expect(twice.changed).toBe(false);
    }), { numRuns: 150 });
  });

  it('unions leader migration into what each control-plane machine has in effect, and leaves the rest alone', () => {
    fc.assert(fc.property(rke2Arb, (c) => {
      const profiles = clusterProfiles(c);
      const after = enableLeaderMigrationRke2(c, { profiles }).object;

      for (const p of ALL_PROFILES) {
        const before = effectiveConfig(c.spec.rkeConfig, p);
        const now = effectiveConfig(after.spec.rkeConfig, p);
        const targeted = p.controlPlane && profiles.some((x) => profileKey(x) === profileKey(p));

        if (targeted) {
          expect(new Set(argList(now['kube-controller-manager-arg']))).toStrictEqual(new Set([...argList(before['kube-controller-manager-arg']).filter((a) => a !== 'enable-leader-migration=false'), 'enable-leader-migration']));
        }
        for (const k of CONFIG_KEYS.filter((x) => x !== 'kube-controller-manager-arg')) {
          expect(now[k]).toStrictEqual(before[k]);
        }
      }
    }), { numRuns: 300 });
  });

  it.each([
    ['enable leader migration', (m: AnyObject) => enableLeaderMigrationRke1(m)],
    ['switch', (m: AnyObject) => switchProviderRke1(m, { leaderMigration: true, kubernetesVersion: 'v1.27.16-rancher1-1' })],
  ])('RKE1 %s changes only its fields and is idempotent', (_name, step) => {
    fc.assert(fc.property(rke1Arb, (m) => {
      const once = step(m);
      const strip = (o: AnyObject) => {
        const x = clone(o);
        const rc = x.rancherKubernetesEngineConfig;

        delete rc.services;
        delete rc.cloudProvider;
        delete rc.kubernetesVersion;

        return x;
      };

      expect(strip(once.object)).toStrictEqual(strip(m));
      expect(once.object.rancherKubernetesEngineConfig.services?.kubeController?.extraArgs?.v).toBe(m.rancherKubernetesEngineConfig.services?.kubeController?.extraArgs?.v);
      expect(step(once.object).changed).toBe(false);
    }), { numRuns: 150 });
  });
});
