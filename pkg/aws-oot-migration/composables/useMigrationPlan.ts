// The engine's plan and the migration's state as computeds over the observed cluster. The current step is the
// one detectState calls next: derived from the cluster, never stored in the browser.
import { computed, reactive, type ComputedRef } from 'vue';
import {
  buildPlan, checkNodes, detectState, evaluateRollout, jsonPatchDiff,
  type EndState, type JsonPatchOp, type MigrationState, type Mode, type NodeReport, type ObservedState, type Plan,
  type PlanStep, type RolloutResult,
} from '../migration';
import { readOptions, type MigrationOptions } from './options';

export interface Choices {
  mode: Mode;
  kubernetesVersion: string | null;
  endState: EndState;
  acknowledged: string[];
}

export interface StepListItem {
  id: string;
  kind: PlanStep['kind'];
  status: MigrationState['steps'][number]['status'];
  step?: PlanStep;
}

export interface MigrationPlan {
  /** What the user picks on the preflight page (ignored once the cluster records the options it started with). */
  choices: Choices;
  /** The options recorded on the cluster by the first applied step, if any. */
  recorded: ComputedRef<MigrationOptions>;
  /** Choices in effect: recorded options win (a second admin cannot change the mode mid-way). */
  effective: ComputedRef<Choices>;
  started: ComputedRef<boolean>;
  plan: ComputedRef<Plan>;
  state: ComputedRef<MigrationState>;
  steps: ComputedRef<StepListItem[]>;
  /** The next step to act on, with its object; null when complete or when the plan cannot build it. */
  current: ComputedRef<PlanStep | null>;
  currentId: ComputedRef<string | null>;
  /** All steps up to (and including) node verification are done: the Finish page takes over. */
  migrated: ComputedRef<boolean>;
  /** The last applied step that can still be undone (LIFO), while the provider has not been switched. */
  revertible: ComputedRef<PlanStep | null>;
  nodeReport: ComputedRef<NodeReport>;
  rollout: ComputedRef<RolloutResult>;
  controlPlaneCount: ComputedRef<number>;
}

const FINISH_STEPS = ['cleanup', 'wait-cleanup'];

/** JSON Pointer paths a step changes (`test` ops only guard). */
export function ownedPaths(patch: JsonPatchOp[] | undefined): string[] {
  return (patch || []).filter((op) => op.op !== 'test').map((op) => op.path);
}

/** Paths in `after` that differ from `before` and lie outside `owned` (equal to, or under, an owned path). */
export function changesOutside(before: unknown, after: unknown, owned: string[]): string[] {
  const inside = (p: string) => owned.some((o) => p === o || p.startsWith(`${ o }/`));

  return jsonPatchDiff(before, after).filter((op) => op.op !== 'test' && !inside(op.path)).map((op) => op.path);
}

export function useMigrationPlan(observed: ComputedRef<ObservedState>, initial: Partial<Choices> = {}): MigrationPlan {
  const choices = reactive<Choices>({
    mode: 'leader-migration', kubernetesVersion: null, endState: 'B', acknowledged: [], ...initial
  });
  const recorded = computed(() => readOptions(observed.value.cluster));
  const started = computed(() => !!recorded.value.mode);
  const effective = computed<Choices>(() => ({
    mode:              recorded.value.mode ?? choices.mode,
    kubernetesVersion: started.value ? (recorded.value.kubernetesVersion ?? null) : choices.kubernetesVersion,
    endState:          recorded.value.endState ?? choices.endState,
    acknowledged:      choices.acknowledged,
  }));
  const planOptions = computed(() => ({
    mode: effective.value.mode, endState: effective.value.endState, ...(effective.value.kubernetesVersion ? { kubernetesVersion: effective.value.kubernetesVersion } : {})
  }));

  const plan = computed(() => buildPlan({ ...observed.value, acknowledged: effective.value.acknowledged }, planOptions.value));
  const state = computed(() => detectState(observed.value, planOptions.value));
  const steps = computed<StepListItem[]>(() => state.value.steps.map((s) => ({ ...s, step: plan.value.steps.find((p) => p.id === s.id) })));
  const currentId = computed(() => state.value.next);
  const current = computed(() => steps.value.find((s) => s.id === currentId.value)?.step ?? null);
  const migrated = computed(() => state.value.steps.length > 0 && (state.value.complete || FINISH_STEPS.includes(currentId.value || '')));

  const revertible = computed<PlanStep | null>(() => {
    const list = steps.value;
    const switched = list.some((s) => s.id === 'switch-provider' && s.status === 'done');

    if (switched && !list.find((s) => s.id === 'switch-provider')?.step?.reversible) {
      return null;
    }
    const done = list.filter((s) => s.status === 'done' && (s.kind === 'update-cluster' || s.kind === 'install-chart' || s.kind === 'cordon'));
    const last = done[done.length - 1];

    return last?.step?.reversible && !(switched && last.id !== 'switch-provider') ? last.step : null;
  });

  const nodeReport = computed(() => checkNodes(observed.value.nodes, {
    distro: plan.value.distro, baselineNodeNames: observed.value.baselineNodeNames, daemonSet: observed.value.daemonSet,
  }));
  const controlPlaneCount = computed(() => nodeReport.value.summary.controlPlane);
  const rollout = computed(() => evaluateRollout(observed.value.daemonSet, controlPlaneCount.value));

  return {
    choices, recorded, effective, started, plan, state, steps, current, currentId, migrated, revertible, nodeReport, rollout, controlPlaneCount,
  };
}
