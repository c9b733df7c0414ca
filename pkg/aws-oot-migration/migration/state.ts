// Where a migration stands, read from the cluster itself (never from the browser), so a reload or a second
// admin resumes at the right step. A step counts as done when its own evidence holds, or when a later durable
// step's evidence holds (the switch removes leader migration, so "leader migration enabled" is no longer
// observable once the switch is done).
import type {
  AnyObject, MessageRef, MigrationState, ObservedState, PlanOptions, StepKind
} from './types';
import {
  ARG_LEADER_MIGRATION, CHART_LEADER_MIGRATION_ARG, KEY_KCM_ARGS, MSG
} from './labels';
import {
  argList, argName, effectiveProvider, effectiveValue, isObject
} from './effective-config';
import { MigrationContext, buildContext, finalVersion } from './context';
import { STEP, StepId, stepSequence } from './steps';
import { countCcmHelmCharts, findCcmHelmChart, validateManifest } from './manifest';
import { ccmImageTag } from './chart-values';
import { evaluateRollout } from './rollout';
import { checkNodes } from './node-checks';
import { isCordoned } from './preflight-nodes';

type Drift = MigrationState['drift'][number];

const DURABLE: StepKind[] = ['update-cluster', 'install-chart', 'uncordon', 'cleanup'];

function conditionTrue(obj: AnyObject | undefined | null, type: string): boolean {
  const conds = obj?.status?.conditions ?? obj?.conditions;

  return Array.isArray(conds) && conds.some((c: unknown) => isObject(c) && c.type === type && c.status === 'True');
}

/** RKE2: RKEControlPlane observedGeneration caught up, Reconciled and Ready; RKE1: Updated and Ready. */
export function isReconciled(ctx: MigrationContext, observed: ObservedState): boolean {
  if (ctx.distro === 'rke1') {
    return conditionTrue(ctx.management, 'Updated') && conditionTrue(ctx.management, 'Ready');
  }
  const cp = observed.controlPlane;

  if (isObject(cp)) {
    return cp.status?.observedGeneration === cp.metadata?.generation && conditionTrue(cp, 'Reconciled') && conditionTrue(cp, 'Ready');
  }

  // without the RKEControlPlane only the provisioning cluster's conditions are left; they are stale until the
  // controllers have seen the saved generation
  const c = ctx.cluster;
  const seen = c?.metadata?.generation === undefined || c?.metadata?.generation === c?.status?.observedGeneration;

  return seen && conditionTrue(c, 'Updated') && conditionTrue(c, 'Ready');
}

function kcmHasLeaderMigration(ctx: MigrationContext): boolean {
  if (ctx.distro === 'rke1') {
    const extra = ctx.rke1Config?.services?.kubeController?.extraArgs;

    return isObject(extra) && extra[ARG_LEADER_MIGRATION] === 'true';
  }
  const cps = ctx.profiles.filter((p) => p.controlPlane);

  // the last occurrence of a flag wins on the command line
  const enabled = (args: string[]) => {
    const last = [...args].reverse().find((a) => argName(a) === ARG_LEADER_MIGRATION);

    return !!last && !last.endsWith('=false');
  };

  return cps.length > 0 && cps.every((p) => enabled(argList(effectiveValue(ctx.rkeConfig, p, KEY_KCM_ARGS))));
}

function kcmHasAnyLeaderMigration(ctx: MigrationContext): boolean {
  if (ctx.distro === 'rke1') {
    return kcmHasLeaderMigration(ctx);
  }

  return ctx.profiles.filter((p) => p.controlPlane).some((p) => argList(effectiveValue(ctx.rkeConfig, p, KEY_KCM_ARGS)).some((a) => argName(a) === ARG_LEADER_MIGRATION));
}

function isExternal(ctx: MigrationContext): boolean {
  if (ctx.distro === 'rke1') {
    return ['external-aws', 'external'].includes(ctx.rke1Config?.cloudProvider?.name);
  }

  return ctx.profiles.every((p) => effectiveProvider(ctx.rkeConfig, p) === 'external');
}

/** Values the CCM runs with: the RKE2 HelmChart's valuesContent, or the RKE1 App's values. */
function chartValues(ctx: MigrationContext, observed: ObservedState): AnyObject | undefined {
  if (ctx.distro === 'rke2') {
    return findCcmHelmChart(ctx.rkeConfig?.additionalManifest)?.values;
  }
  const values = observed.app?.spec?.values;

  return isObject(values) ? values : undefined;
}

function ccmInstalled(ctx: MigrationContext, observed: ObservedState): boolean {
  return ctx.distro === 'rke2' ? !!findCcmHelmChart(ctx.rkeConfig?.additionalManifest) : isObject(observed.app);
}

interface Facts {
  ctx: MigrationContext;
  observed: ObservedState;
  reconciled: boolean;
  lmOnKcm: boolean;
  external: boolean;
  installed: boolean;
  values?: AnyObject;
  rolloutPass: boolean;
}

function switched(f: Facts): boolean {
  const versionDone = !f.ctx.targetRaw || f.ctx.versionRaw === f.ctx.targetRaw;

  return f.external && versionDone && !(f.ctx.mode === 'leader-migration' && kcmHasAnyLeaderMigration(f.ctx));
}

function cleanedUp(f: Facts): boolean {
  const args = Array.isArray(f.values?.args) ? f.values!.args : [];
  const tag = ccmImageTag(finalVersion(f.ctx));

  return switched(f) && !!f.values && !args.includes(CHART_LEADER_MIGRATION_ARG) && (!tag || f.values.image?.tag === tag);
}

function cpCordonState(f: Facts): 'all' | 'none' | 'some' | 'unknown' {
  const cps = f.ctx.controlPlaneNodes;

  if (!cps || !cps.length) {
    return 'unknown';
  }
  const n = cps.filter(isCordoned).length;

  return n === cps.length ? 'all' : n === 0 ? 'none' : 'some';
}

function nodesVerified(f: Facts): boolean {
  if (!f.ctx.nodes) {
    return false;
  }
  const report = checkNodes(f.ctx.nodes, { baselineNodeNames: f.observed.baselineNodeNames });

  return report.summary.fail === 0 && report.cluster.every((c) => c.status !== 'fail');
}

function raw(id: StepId, f: Facts): boolean {
  switch (id) {
  case STEP.enableLeaderMigration: return f.lmOnKcm;
  case STEP.waitLeaderMigration: return f.lmOnKcm && f.reconciled;
  case STEP.installCcm: return f.installed;
  case STEP.waitCcmReconcile: return f.installed && f.reconciled;
  case STEP.waitCcmRollout: return f.installed && f.rolloutPass;
  case STEP.cordon: return cpCordonState(f) === 'all';
  case STEP.switchProvider: return switched(f);
  case STEP.waitSwitch: return switched(f) && f.reconciled;
  case STEP.uncordon: return switched(f) && cpCordonState(f) === 'none';
  case STEP.verifyNodes: return switched(f) && f.reconciled && nodesVerified(f);
  case STEP.cleanup: return cleanedUp(f);
  case STEP.waitCleanup: return cleanedUp(f) && f.rolloutPass && f.reconciled;
  default: return false;
  }
}

const drift = (id: string, severity: Drift['severity'], params?: MessageRef['params']): Drift => ({
  id, severity, message: params ? { key: `${ MSG }.drift.${ id }`, params } : { key: `${ MSG }.drift.${ id }` }
});

function manifestDrift(f: Facts): Drift[] {
  if (f.ctx.distro !== 'rke2') {
    return [];
  }
  const text = f.ctx.rkeConfig?.additionalManifest;
  const valid = validateManifest(text);

  if (!valid.ok) {
    return [drift('manifestInvalid', 'fail', { error: valid.error })];
  }

  return countCcmHelmCharts(text) > 1 ? [drift('duplicateHelmChart', 'warn')] : [];
}

function detectDrift(f: Facts): Drift[] {
  const out = manifestDrift(f);
  const lm = f.ctx.mode === 'leader-migration';
  const chartLm = Array.isArray(f.values?.args) && f.values!.args.includes(CHART_LEADER_MIGRATION_ARG);
  const tag = f.values?.image?.tag;
  const expectedTag = ccmImageTag(f.ctx.versionRaw);

  if (f.external && !f.installed && lm) {
    out.push(drift('externalWithoutCcm', 'fail'));
  }
  if (f.external && kcmHasAnyLeaderMigration(f.ctx)) {
    out.push(drift('leaderMigrationOnExternal', 'fail'));
  }
  if (lm && f.installed && chartLm && !f.external && !f.lmOnKcm) {
    out.push(drift('leaderMigrationMissing', 'fail'));
  }
  if (tag && expectedTag && tag !== expectedTag) {
    out.push(drift('ccmImageMismatch', 'warn', { tag, expected: expectedTag }));
  }
  if (isObject(f.observed.daemonSet)) {
    const r = evaluateRollout(f.observed.daemonSet, f.ctx.controlPlaneNodes?.length ?? 0);

    if (r.status === 'fail' && f.ctx.controlPlaneNodes) {
      out.push({ id: 'rollout', severity: 'fail', message: r.message });
    }
  }
  if (lm && f.lmOnKcm && f.rolloutPass && !f.external && f.observed.lease === null) {
    out.push(drift('leaseMissing', 'warn'));
  }
  if (f.observed.baselineNodeNames && f.ctx.nodes) {
    const set = checkNodes(f.ctx.nodes, { baselineNodeNames: f.observed.baselineNodeNames }).cluster.find((c) => c.id === 'node-set');

    if (set && set.status !== 'pass') {
      out.push({ id: 'nodeSet', severity: set.status === 'fail' ? 'fail' : 'warn', message: set.message });
    }
  }
  if (f.ctx.distro === 'rke1' && switched(f) && f.reconciled && cpCordonState(f) !== 'none' && cpCordonState(f) !== 'unknown') {
    out.push(drift('stillCordoned', 'warn'));
  }

  return out;
}

function facts(ctx: MigrationContext, observed: ObservedState): Facts {
  const cpCount = ctx.controlPlaneNodes?.length;
  const rollout = isObject(observed.daemonSet) ? evaluateRollout(observed.daemonSet, cpCount ?? observed.daemonSet.status?.desiredNumberScheduled ?? 0) : undefined;

  return {
    ctx,
    observed,
    reconciled:  isReconciled(ctx, observed),
    lmOnKcm:     kcmHasLeaderMigration(ctx),
    external:    isExternal(ctx),
    installed:   ccmInstalled(ctx, observed),
    values:      chartValues(ctx, observed),
    rolloutPass: rollout?.status === 'pass',
  };
}

/** Which steps are done, which comes next, and what drifted from the plan. */
export function detectState(observed: ObservedState, options: PlanOptions = {}): MigrationState {
  const ctx = buildContext(observed, options);

  if (!ctx.candidate && !(ctx.distro !== 'unsupported' && isExternal(ctx))) {
    return {
      steps: [], next: null, complete: false, drift: []
    };
  }
  const f = facts(ctx, observed);
  const seq = stepSequence(ctx.distro, ctx.mode);
  const own = seq.map((s) => raw(s.id, f));
  const done = seq.map((s, i) => own[i] || seq.some((later, j) => j > i && own[j] && DURABLE.includes(later.kind)));
  const nextIndex = done.indexOf(false);

  return {
    steps:    seq.map((s, i) => ({ id: s.id, kind: s.kind, status: done[i] ? 'done' : i === nextIndex ? 'next' : 'pending' })),
    next:     nextIndex < 0 ? null : seq[nextIndex].id,
    complete: nextIndex < 0,
    drift:    detectDrift(f),
  };
}
