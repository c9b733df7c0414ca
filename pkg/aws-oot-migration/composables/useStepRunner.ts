// Runs the current step through the client: review objects, dry run, apply, cordon/uncordon, revert. Every write
// records the step on the cluster (the history annotation; the first one also records the options the migration
// runs with). Errors come back normalised (ApiError); a write that met someone else's change on the same fields
// reports the conflicting paths and writes nothing.
import { ref, shallowRef, type Ref } from 'vue';
import yaml from 'js-yaml';
import type {
  ApiError, CordonResult, HistoryEntry, KubeObject, NormanCluster,
} from '../api';
import {
  applyJsonPatch, clusterProfiles, jsonPatchDiff, removeCcmRke2, removeLeaderMigrationRke1, removeLeaderMigrationRke2,
  revertProviderRke1, revertProviderRke2, type AnyObject, type MessageRef, type PlanStep,
} from '../migration';
import { toApiView, type MigrationClient, type ObservedCluster } from './useObservedCluster';
import { changesOutside, ownedPaths, type MigrationPlan } from './useMigrationPlan';
import { withOptions } from './options';

const L = 'awsOotMigration.page.errors';

/** What the review shows and the user edits: the parts of the object a step can change, nothing server-owned. */
export function reviewView(obj: AnyObject | null | undefined, distro: string): AnyObject {
  if (!obj) {
    return {};
  }
  if (distro === 'rke1') {
    return { name: obj.name ?? obj.metadata?.name, rancherKubernetesEngineConfig: obj.rancherKubernetesEngineConfig ?? obj.spec?.rancherKubernetesEngineConfig };
  }

  return {
    apiVersion: obj.apiVersion, kind: obj.kind, metadata: { name: obj.metadata?.name, namespace: obj.metadata?.namespace }, spec: obj.spec
  };
}

export function toYaml(o: unknown): string {
  return yaml.dump(o, { lineWidth: -1, noRefs: true, sortKeys: false });
}

export interface Proposal {
  /** The whole object to write (current + the reviewed change), or null when the edit is not acceptable. */
  desired: AnyObject | null;
  errors: MessageRef[];
}

/**
 * Validates an edit of the proposed YAML against the current object: it must parse, and change nothing outside
 * the paths the step owns. Without an edit, the step's own object is proposed.
 */
export function propose(current: AnyObject, step: PlanStep, distro: string, editedYaml?: string | null): Proposal {
  const after = step.cluster ?? step.management;
  const beforeView = reviewView(current, distro);
  let edited: unknown = reviewView(after, distro);

  if (editedYaml !== undefined && editedYaml !== null) {
    try {
      edited = yaml.load(editedYaml);
    } catch (e: any) {
      return { desired: null, errors: [{ key: `${ L }.invalidYaml`, params: { error: String(e?.reason || e?.message || e) } }] };
    }
    if (!edited || typeof edited !== 'object' || Array.isArray(edited)) {
      return { desired: null, errors: [{ key: `${ L }.notAnObject` }] };
    }
  }
  const outside = changesOutside(beforeView, edited, ownedPaths(step.patch));

  if (outside.length) {
    return { desired: null, errors: [{ key: `${ L }.outsideStep`, params: { paths: outside.join(', ') } }] };
  }

  return { desired: applyJsonPatch(current, jsonPatchDiff(beforeView, edited)), errors: [] };
}

export interface StepRunner {
  busy: Ref<boolean>;
  error: Ref<ApiError | null>;
  /** Fields someone else changed at the same time (nothing was written). */
  conflict: Ref<{ paths: string[] } | null>;
  dryRunResult: Ref<{ ok: boolean; error?: ApiError } | null>;
  /**
   * Per-node results of the last cordon/uncordon (and which it was). They outlive reset(): a successful action moves
   * the page to the next step at once, and the user must still see what happened to each node.
   */
  cordonResults: Ref<CordonResult[]>;
  cordonAction: Ref<'cordon' | 'uncordon' | null>;
  /** Set after our write until the watch shows it (Apply stays disabled meanwhile; at most SETTLE_MS). */
  settling: Ref<boolean>;
  dryRun(step: PlanStep, editedYaml?: string | null): Promise<boolean>;
  apply(step: PlanStep, editedYaml?: string | null): Promise<boolean>;
  cordon(step: PlanStep, names?: string[]): Promise<boolean>;
  revert(step: PlanStep): Promise<boolean>;
  /**
   * Clears the last outcome. `keepConflict`: someone else's edit of the same fields stays explained until the user
   * applies again (their edit usually makes Rancher reconcile, which moves the page through a wait step and back).
   */
  reset(opts?: { keepConflict?: boolean }): void;
}

export const SETTLE_MS = 15000;

export function useStepRunner(client: MigrationClient, obs: ObservedCluster, mp: MigrationPlan, user: () => string, now: () => Date = () => new Date()): StepRunner {
  const busy = ref(false);
  const error = ref<ApiError | null>(null);
  const conflict = ref<{ paths: string[] } | null>(null);
  const dryRunResult = ref<{ ok: boolean; error?: ApiError } | null>(null);
  const cordonResults = shallowRef<CordonResult[]>([]);
  const cordonAction = ref<'cordon' | 'uncordon' | null>(null);
  let cordonStepId: string | null = null;
  const settling = ref(false);
  let settleTimer: ReturnType<typeof setTimeout> | undefined;

  const distro = () => mp.plan.value.distro;
  const entry = (step: string): HistoryEntry => ({ step, user: user() || 'unknown', time: now().toISOString() });

  function settle(fromRv?: string) {
    settling.value = true;
    clearTimeout(settleTimer);
    settleTimer = setTimeout(() => { settling.value = false; }, SETTLE_MS);
    const check = () => {
      if (obs.cluster.value?.metadata?.resourceVersion !== fromRv) {
        settling.value = false;
        clearTimeout(settleTimer);
      } else if (settling.value) {
        setTimeout(check, 50);
      }
    };

    check();
  }

  /** The provisioning cluster with this step recorded (and, on the first write, the migration's options). */
  function recorded(obj: KubeObject): KubeObject {
    if (mp.started.value) {
      return obj;
    }
    const { mode, kubernetesVersion, endState } = mp.effective.value;
    const baselineNodeNames = (obs.nodes.value || []).map((n) => n.metadata.name).sort();

    return withOptions(obj, {
      mode, kubernetesVersion, endState, baselineNodeNames
    });
  }

  async function run(fn: () => Promise<boolean>): Promise<boolean> {
    busy.value = true;
    error.value = null;
    conflict.value = null;
    try {
      return await fn();
    } catch (e) {
      error.value = toApiView(e);

      return false;
    } finally {
      busy.value = false;
    }
  }

  function requireCluster(): KubeObject {
    const c = obs.cluster.value;

    if (!c) {
      throw new Error('the cluster is not loaded');
    }

    return c;
  }

  /** Saves the provisioning cluster (RKE2 config steps, and the record of every other step). */
  async function saveProv(current: KubeObject, desired: KubeObject, step: string): Promise<boolean> {
    const res = await client.saveProvisioningCluster(current, recorded(desired), { history: entry(step) });

    if (!res.ok) {
      conflict.value = { paths: res.conflicts.map((c) => c.path) };
      error.value = res.error;

      return false;
    }
    settle(current.metadata.resourceVersion);

    return true;
  }

  function record(step: string): Promise<boolean> {
    const c = requireCluster();

    return saveProv(c, c, step);
  }

  async function saveNorman(desired: AnyObject, step: string, replace?: boolean): Promise<boolean> {
    const base = obs.management.value as NormanCluster;
    const res = await client.saveNormanCluster(base, desired as NormanCluster, replace === undefined ? {} : { replace });

    if (!res.ok) {
      conflict.value = { paths: res.conflicts.map((c) => c.path) };
      error.value = res.error;

      return false;
    }
    await obs.refreshManagement();

    return record(step);
  }

  function currentObject(): AnyObject {
    return distro() === 'rke1' ? (obs.management.value as AnyObject) : requireCluster();
  }

  function proposal(step: PlanStep, editedYaml?: string | null): AnyObject | null {
    const p = propose(currentObject(), step, distro(), editedYaml);

    if (!p.desired) {
      error.value = {
        kind: 'invalid', messageKey: p.errors[0].key, params: (p.errors[0].params || {}) as Record<string, string | number>
      };
    }

    return p.desired;
  }

  function dryRun(step: PlanStep, editedYaml?: string | null) {
    dryRunResult.value = null;

    return run(async() => {
      const desired = proposal(step, editedYaml);

      if (!desired) {
        return false;
      }
      try {
        if (distro() === 'rke1') {
          const mgmt = obs.managementResource.value;

          if (!mgmt) {
            throw new Error('the management cluster is not loaded');
          }
          await client.dryRunManagementCluster(mgmt, currentObject() as KubeObject, desired as KubeObject);
        } else {
          await client.dryRunProvisioningCluster(requireCluster(), desired as KubeObject);
        }
        dryRunResult.value = { ok: true };

        return true;
      } catch (e) {
        dryRunResult.value = { ok: false, error: toApiView(e) };

        return false;
      }
    });
  }

  async function installChartRke1(step: PlanStep): Promise<boolean> {
    const chart = step.chart!;
    const id = obs.clusterId.value;

    await client.ensureClusterRepo(id, chart.repo as KubeObject);
    await client.runChartAction(id, chart.repo.metadata.name, chart.body, chart.action);

    return record(step.id);
  }

  function apply(step: PlanStep, editedYaml?: string | null) {
    dryRunResult.value = null;

    return run(async() => {
      if (step.kind === 'cordon' || step.kind === 'uncordon') {
        return cordonNow(step, step.kind === 'cordon');
      }
      if (distro() === 'rke1' && step.chart) {
        return installChartRke1(step);
      }
      const desired = proposal(step, editedYaml);

      if (!desired) {
        return false;
      }

      return distro() === 'rke1' ? saveNorman(desired, step.id, step.replace) : saveProv(requireCluster(), desired as KubeObject, step.id);
    });
  }

  async function cordonNow(step: PlanStep, on: boolean, names?: string[]): Promise<boolean> {
    const wanted = new Set(names ?? step.nodes ?? []);
    const nodes = (obs.nodes.value || []).filter((n) => wanted.has(n.metadata.name));
    const results = await client.cordonNodes(obs.clusterId.value, nodes, on);
    // a retry adds to the step's results; another step (or a revert) starts over
    const byName = new Map(cordonStepId === step.id ? cordonResults.value.map((r) => [r.name, r]) : []);

    cordonStepId = step.id;
    cordonAction.value = on ? 'cordon' : 'uncordon';

    results.forEach((r) => byName.set(r.name, r));
    cordonResults.value = Array.from(byName.values());

    if (results.some((r) => !r.ok)) {
      return false;
    }

    return record(on ? step.id : `${ step.id }`);
  }

  function cordon(step: PlanStep, names?: string[]) {
    return run(() => cordonNow(step, step.kind !== 'uncordon', names));
  }

  function revertedObject(step: PlanStep): AnyObject | null {
    const cur = currentObject();
    const lm = mp.effective.value.mode === 'leader-migration';

    if (distro() === 'rke1') {
      if (step.id === 'enable-leader-migration') {
        return removeLeaderMigrationRke1(cur).object;
      }

      return step.id === 'switch-provider' ? revertProviderRke1(cur, { leaderMigration: lm }).object : null;
    }
    switch (step.id) {
    case 'enable-leader-migration': return removeLeaderMigrationRke2(cur).object;
    case 'install-ccm': return removeCcmRke2(cur).object;
    case 'switch-provider': return revertProviderRke2(cur, {
      profiles: clusterProfiles(cur, obs.nodes.value || undefined), endState: mp.effective.value.endState, leaderMigration: lm
    }).object;
    default: return null;
    }
  }

  function revert(step: PlanStep) {
    return run(async() => {
      const revertId = `revert:${ step.id }`;

      if (step.kind === 'cordon') {
        return cordonNow({ ...step, id: revertId }, false);
      }
      const desired = revertedObject(step);

      if (!desired) {
        error.value = { kind: 'invalid', messageKey: `${ L }.cannotRevert`, params: { step: step.id } };

        return false;
      }

      return distro() === 'rke1' ? saveNorman(desired, revertId, true) : saveProv(requireCluster(), desired as KubeObject, revertId);
    });
  }

  function reset(opts: { keepConflict?: boolean } = {}) {
    dryRunResult.value = null;
    if (opts.keepConflict && conflict.value) {
      return;
    }
    error.value = null;
    conflict.value = null;
  }

  return {
    busy, error, conflict, dryRunResult, cordonResults, cordonAction, settling, dryRun, apply, cordon, revert, reset,
  };
}
