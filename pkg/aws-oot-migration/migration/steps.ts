// The order of the migration. Why this order:
// - leader migration on the KCM first, so the CCM can take the controllers over without a gap;
// - the CCM is installed BEFORE cordoning: helm-controller's bootstrap Job (RKE2) and Rancher's helm-operation
//   pod (RKE1) do not tolerate `unschedulable` and would stay Pending on cordoned control-plane nodes (cordoning
//   does not keep the CCM DaemonSet off anyway: DaemonSet pods tolerate it);
// - the provider switch removes leader migration from the KCM in the same save (an external KCM must not keep it);
// - RKE2's planner never uncordons what it did not cordon, so RKE2 gets an explicit uncordon; RKE upgrades and
//   uncordons each node itself;
// - without leader migration (downtime accepted) the switch comes first and the CCM right after, the gap the
//   Rancher doc describes, instead of two controllers running the same cloud loops at once.
import type { Distro, Mode, StepKind } from './types';

export const STEP = {
  enableLeaderMigration: 'enable-leader-migration',
  waitLeaderMigration:   'wait-leader-migration',
  installCcm:            'install-ccm',
  waitCcmReconcile:      'wait-ccm-reconcile',
  waitCcmRollout:        'wait-ccm-rollout',
  cordon:                'cordon-control-plane',
  switchProvider:        'switch-provider',
  waitSwitch:            'wait-switch',
  uncordon:              'uncordon-control-plane',
  verifyNodes:           'verify-nodes',
  cleanup:               'cleanup',
  waitCleanup:           'wait-cleanup',
} as const;

export type StepId = typeof STEP[keyof typeof STEP];

const KIND: Record<StepId, StepKind> = {
  'enable-leader-migration': 'update-cluster',
  'wait-leader-migration':   'wait-reconcile',
  'install-ccm':             'install-chart',
  'wait-ccm-reconcile':      'wait-reconcile',
  'wait-ccm-rollout':        'wait-rollout',
  'cordon-control-plane':    'cordon',
  'switch-provider':         'update-cluster',
  'wait-switch':             'wait-reconcile',
  'uncordon-control-plane':  'uncordon',
  'verify-nodes':            'verify-nodes',
  cleanup:                   'cleanup',
  'wait-cleanup':            'wait-rollout',
};

function leaderMigrationOrder(distro: 'rke2' | 'rke1'): StepId[] {
  const rke2 = distro === 'rke2';

  return [
    STEP.enableLeaderMigration, STEP.waitLeaderMigration,
    STEP.installCcm, ...(rke2 ? [STEP.waitCcmReconcile] : []), STEP.waitCcmRollout,
    STEP.cordon, STEP.switchProvider, STEP.waitSwitch, ...(rke2 ? [STEP.uncordon] : []),
    STEP.verifyNodes, STEP.cleanup, STEP.waitCleanup,
  ];
}

function downtimeOrder(distro: 'rke2' | 'rke1'): StepId[] {
  return [
    STEP.switchProvider, STEP.waitSwitch,
    STEP.installCcm, ...(distro === 'rke2' ? [STEP.waitCcmReconcile] : []), STEP.waitCcmRollout,
    STEP.verifyNodes,
  ];
}

export function stepSequence(distro: Distro, mode: Mode): { id: StepId; kind: StepKind }[] {
  if (distro === 'unsupported') {
    return [];
  }
  const ids = mode === 'leader-migration' ? leaderMigrationOrder(distro) : downtimeOrder(distro);

  return ids.map((id) => ({ id, kind: KIND[id] }));
}
