// The ordered steps for one cluster, each with the whole object after it. Objects are threaded through the
// steps, so step N's `cluster` already contains steps 1..N-1.
import type {
  AnyObject, MessageRef, MigrationInputs, Plan, PlanOptions, PlanStep, StepKind
} from './types';
import { MSG } from './labels';
import { MigrationContext, buildContext, finalVersion } from './context';
import { STEP, StepId, stepSequence } from './steps';
import { runPreflightFor } from './preflight';
import { buildChartValues, ccmImageTag } from './chart-values';
import {
  enableLeaderMigrationRke2, finalChartValues, finalizeCcmRke2, installCcmRke2, switchProviderRke2
} from './patches/rke2';
import { enableLeaderMigrationRke1, switchProviderRke1 } from './patches/rke1';
import { appUninstallUrl, buildChartAction } from './patches/chart';
import { controlPlaneSelector, nodeName } from './patches/nodes';
import { clone } from './json-patch';

function msg(id: string, field: string, params?: MessageRef['params']): MessageRef {
  return params && Object.keys(params).length ? { key: `${ MSG }.steps.${ id }.${ field }`, params } : { key: `${ MSG }.steps.${ id }.${ field }` };
}

interface Thread {
  ctx: MigrationContext;
  /** RKE2 provisioning cluster or RKE1 management cluster, as it stands after the previous step. */
  current: AnyObject;
}

/** Steps whose text differs for RKE1 (keys `changesRke1`, `doneWhenRke1`, `revertRke1`). */
const RKE1_TEXT = new Set<string>([STEP.enableLeaderMigration, STEP.waitLeaderMigration, STEP.installCcm, STEP.switchProvider, STEP.waitSwitch, STEP.cleanup]);

function suffix(t: Thread, id: string): string {
  return t.ctx.distro === 'rke1' && RKE1_TEXT.has(id) ? 'Rke1' : '';
}

function baseStep(t: Thread, id: StepId, kind: StepKind, params: MessageRef['params'] = {}): PlanStep {
  const rke1 = suffix(t, id);

  return {
    id,
    kind,
    title:      msg(id, 'title', params),
    changes:    msg(id, `changes${ rke1 }`, params),
    doneWhen:   msg(id, `doneWhen${ rke1 }`, params),
    reversible: false,
  };
}

function withObject(t: Thread, step: PlanStep, result?: { object: AnyObject; patch: PlanStep['patch'] }): PlanStep {
  if (result) {
    t.current = result.object;
    step.patch = result.patch;
  }
  const key = t.ctx.distro === 'rke2' ? 'cluster' : 'management';

  return { ...step, [key]: clone(t.current) };
}

function reversible(step: PlanStep, t: Thread, params: MessageRef['params'] = {}): PlanStep {
  const rke1 = suffix(t, step.id);

  return { ...step, reversible: true, revert: msg(step.id, `revert${ rke1 }`, params) };
}

function installVersion(ctx: MigrationContext): string {
  // with leader migration the CCM starts before the switch (and any upgrade); without, right after it
  return (ctx.mode === 'leader-migration' ? ctx.versionRaw : finalVersion(ctx)) ?? '';
}

function chartValues(ctx: MigrationContext): AnyObject {
  return buildChartValues({ distro: ctx.distro as 'rke2' | 'rke1', mode: ctx.mode, kubernetesVersion: installVersion(ctx) });
}

function cpNames(ctx: MigrationContext): string[] | undefined {
  return ctx.controlPlaneNodes?.map(nodeName);
}

function enableLeaderMigration(t: Thread, s: PlanStep): PlanStep {
  const res = t.ctx.distro === 'rke2' ? enableLeaderMigrationRke2(t.current, { profiles: t.ctx.profiles }) : enableLeaderMigrationRke1(t.current);

  return reversible(withObject(t, s, res), t);
}

function installCcm(t: Thread, s: PlanStep): PlanStep {
  const values = chartValues(t.ctx);
  const tag = ccmImageTag(installVersion(t.ctx)) ?? '?';
  const step = { ...s, chartValues: values, changes: msg(s.id, s.changes.key.split('.').pop()!, { tag }) };

  if (t.ctx.distro === 'rke2') {
    return reversible(withObject(t, step, installCcmRke2(t.current, values)), t);
  }

  return reversible(withObject(t, { ...step, chart: buildChartAction(t.ctx.clusterId, values) }), t, { url: appUninstallUrl(t.ctx.clusterId) });
}

function switchProvider(t: Thread, s: PlanStep): PlanStep {
  const { ctx } = t;
  const leaderMigration = ctx.mode === 'leader-migration';
  const kubernetesVersion = ctx.targetRaw;
  const res = ctx.distro === 'rke2' ? switchProviderRke2(t.current, {
    profiles: ctx.profiles, endState: ctx.endState, leaderMigration, kubernetesVersion
  }) : switchProviderRke1(t.current, { leaderMigration, kubernetesVersion });
  const step = withObject(t, { ...s, ...(ctx.distro === 'rke1' ? { replace: true } : {}) }, res);

  // a Kubernetes upgrade cannot be rolled back; the switch alone can, on ≤ 1.26
  return kubernetesVersion ? step : reversible(step, t);
}

function nodeStep(t: Thread, s: PlanStep, cordon: boolean): PlanStep {
  const selector = controlPlaneSelector(t.ctx.distro);
  const step = {
    ...s, nodeSelector: selector, title: msg(s.id, 'title', { selector }), changes: msg(s.id, 'changes', { selector })
  };
  const names = cpNames(t.ctx);
  const withNodes = names ? { ...step, nodes: names } : step;

  return cordon ? reversible(withNodes, t, { selector }) : withNodes;
}

function cleanup(t: Thread, s: PlanStep): PlanStep {
  const version = finalVersion(t.ctx) ?? '';
  const tag = { tag: ccmImageTag(version) ?? '?' };
  const step = {
    ...s, optional: !t.ctx.targetRaw, changes: msg(s.id, s.changes.key.split('.').pop()!, tag), doneWhen: msg(s.id, s.doneWhen.key.split('.').pop()!, tag),
  };

  if (t.ctx.distro === 'rke2') {
    return withObject(t, step, finalizeCcmRke2(t.current, version));
  }
  const values = finalChartValues(chartValues(t.ctx), version);

  return withObject(t, { ...step, chartValues: values, chart: buildChartAction(t.ctx.clusterId, values, 'upgrade') });
}

function buildStep(t: Thread, id: StepId, kind: StepKind): PlanStep {
  const s = baseStep(t, id, kind);

  switch (id) {
  case STEP.enableLeaderMigration: return enableLeaderMigration(t, s);
  case STEP.installCcm: return installCcm(t, s);
  case STEP.switchProvider: return switchProvider(t, s);
  case STEP.cordon: return nodeStep(t, s, true);
  case STEP.uncordon: return nodeStep(t, s, false);
  case STEP.cleanup: return cleanup(t, s);
  case STEP.waitCcmRollout:
  case STEP.waitCleanup: {
    const names = cpNames(t.ctx);

    return names ? { ...s, nodes: names, doneWhen: msg(id, s.doneWhen.key.split('.').pop()!, { count: names.length }) } : s;
  }
  case STEP.verifyNodes: return t.ctx.nodes ? { ...s, nodes: t.ctx.nodes.map(nodeName) } : s;
  default: return s;
  }
}

export function buildStepsFor(ctx: MigrationContext): PlanStep[] {
  const start = ctx.distro === 'rke2' ? ctx.cluster : ctx.management;

  if (!ctx.candidate || !start) {
    return [];
  }
  const t: Thread = { ctx, current: clone(start) };

  return stepSequence(ctx.distro, ctx.mode).map(({ id, kind }) => buildStep(t, id, kind));
}

/** Classification, preflight and the ordered steps for one cluster. Never throws on odd input. */
export function buildPlan(inputs: MigrationInputs, options: PlanOptions = {}): Plan {
  const ctx = buildContext(inputs, options);
  const preflight = runPreflightFor(ctx);

  return {
    distro:    ctx.distro,
    candidate: ctx.candidate,
    reasons:   ctx.reasons,
    mode:      ctx.mode,
    ...(ctx.distro === 'rke2' ? { endState: ctx.endState } : {}),
    preflight,
    blocked:   !ctx.candidate || preflight.some((p) => p.status === 'fail'),
    steps:     buildStepsFor(ctx),
  };
}
