// Controller-manager leader migration (KEP-2436, default config since 1.22): the migrated controllers (route,
// service, cloud-node-lifecycle) are guarded by the lease kube-system/cloud-provider-extraction-migration.
//  - a kube-controller-manager with an in-tree --cloud-provider and --enable-leader-migration competes for it;
//  - a Ready AWS CCM pod with --enable-leader-migration competes for it;
//  - the current holder keeps it while it is still a candidate; otherwise the first candidate takes it
//    (KCMs before CCMs: they were there first); without candidates the lease is no longer renewed;
//  - who runs the migrated controllers: an in-tree KCM without leader migration always does, one with it only
//    while holding the lease, an external KCM never; a CCM without leader migration always does, one with it
//    only while holding the lease. With leader migration on both sides they never run in both.
// The outcome is also published in the simulator-only ConfigMap kube-system/simulator-cloud-controllers.

import type { KubeObject } from '../../engine/kube-object';
import type { SimCluster } from '../../world/world';
import { cloudProviderOf, leaderMigrationOn } from '../component-flags';
import { flagsFor } from '../node-identity';
import type { RuleContext } from '../rule-context';
import { recordEvent } from './events';
import { runningAwsCcmPods } from './cloud-controllers';

export const MIGRATION_LEASE = 'cloud-provider-extraction-migration';
export const HOLDER_COMPONENT_ANN = 'simulator.cattle.io/holder-component';
export const MIGRATED_CONTROLLERS = ['route', 'service', 'cloud-node-lifecycle'];

interface Candidate {
  identity: string;
  component: 'kube-controller-manager' | 'cloud-controller-manager';
}

export function leaderMigrationRule(ctx: RuleContext) {
  for (const c of ctx.world.clusters.values()) {
    if (c.cloud === 'aws') {
      reconcile(ctx, c);
    }
  }
}

function reconcile(ctx: RuleContext, c: SimCluster) {
  const kcms = c.machines.filter((m) => m.applied && m.roles.controlPlane && m.nodeName).map((m) => {
    const flags = flagsFor(c, m, m.applied!).kubeControllerManager;

    return {
      node: m.nodeName as string, inTree: !!cloudProviderOf(flags) && cloudProviderOf(flags) !== 'external', lm: leaderMigrationOn(flags)
    };
  });
  const ccms = runningAwsCcmPods(c).map((p) => ({ pod: p.metadata.name, lm: leaderMigrationOn((p.spec.containers[0].args || []).map(String)) }));
  const candidates: Candidate[] = [
    ...kcms.filter((k) => k.inTree && k.lm).map((k) => ({ identity: `${ k.node }_kcm`, component: 'kube-controller-manager' as const })),
    ...ccms.filter((p) => p.lm).map((p) => ({ identity: `${ p.pod }_ccm`, component: 'cloud-controller-manager' as const })),
  ];
  const key = `kube-system/${ MIGRATION_LEASE }`;
  const lease = c.store.get('coordination.k8s.io.lease', key);
  const holder = lease?.spec?.holderIdentity as string | undefined;
  const current = candidates.find((x) => x.identity === holder);
  const next = current || candidates[0];

  if (next && !lease) {
    c.store.create('coordination.k8s.io.lease', {
      apiVersion: 'coordination.k8s.io/v1',
      kind:       'Lease',
      metadata:   { name: MIGRATION_LEASE, namespace: 'kube-system', annotations: { [HOLDER_COMPONENT_ANN]: next.component } },
      spec:       {
        holderIdentity: next.identity, leaseDurationSeconds: 15, acquireTime: toMicro(ctx.iso), renewTime: toMicro(ctx.iso), leaseTransitions: 0
      },
    });
  } else if (next && next.identity !== holder) {
    c.store.mutate('coordination.k8s.io.lease', key, (d) => {
      d.metadata.annotations = { ...(d.metadata.annotations || {}), [HOLDER_COMPONENT_ANN]: next.component };
      d.spec = {
        ...d.spec, holderIdentity: next.identity, acquireTime: toMicro(ctx.iso), renewTime: toMicro(ctx.iso), leaseTransitions: (d.spec.leaseTransitions || 0) + 1
      };
    });
    recordEvent(c.store, ctx.iso, c.store.get('coordination.k8s.io.lease', key) as KubeObject, 'Normal', 'LeaderElection', `${ next.identity } became leader`, next.component);
  }
  const holderComponent = next?.component;
  const kcmRuns = kcms.some((k) => k.inTree && (!k.lm || holderComponent === 'kube-controller-manager'));
  const ccmRuns = ccms.some((p) => !p.lm || holderComponent === 'cloud-controller-manager');

  c.store.apply('configmap', {
    apiVersion: 'v1',
    kind:       'ConfigMap',
    metadata:   { name: 'simulator-cloud-controllers', namespace: 'kube-system', labels: { 'simulator.cattle.io/debug': 'true' } },
    data:       {
      leaseHolder:             next?.identity || '',
      leaseHolderComponent:    holderComponent || '',
      kubeControllerManager:   kcmRuns ? MIGRATED_CONTROLLERS.join(',') : '',
      cloudControllerManager:  ccmRuns ? MIGRATED_CONTROLLERS.join(',') : '',
      runningInBoth:           `${ kcmRuns && ccmRuns }`,
    },
  });
  if (kcmRuns && ccmRuns) {
    recordEvent(c.store, ctx.iso, c.store.get('namespace', 'kube-system') as KubeObject, 'Warning', 'MigratedControllersRunTwice', 'route, service and cloud-node-lifecycle run in both kube-controller-manager and cloud-controller-manager (leader migration is not enabled on both)', 'simulator');
  }
}

/** Lease times are MicroTime. */
function toMicro(iso: string): string {
  return iso.replace(/Z$/, '.000000Z');
}
