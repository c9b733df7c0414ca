// Patch builders for the RKE2 provisioning cluster. Each edits only the keys its step owns and is idempotent.
import type {
  AnyObject, EndState, PatchResult, RoleProfile
} from '../types';
import {
  ARG_CLOUD_PROVIDER, ARG_LEADER_MIGRATION, KEY_APISERVER_ARGS, KEY_CLOUD_PROVIDER,
  KEY_DISABLE_CCM, KEY_KCM_ARGS, KEY_KUBELET_ARGS, KEY_NODE_NAME_FROM_METADATA
} from '../labels';
import { argName, isObject } from '../effective-config';
import {
  addArg, removeArg, removeScalar, replaceArgIfPresent, setScalar
} from '../config-edit';
import {
  countCcmHelmCharts, findCcmHelmChart, removeCcmHelmChart, renderCcmHelmChart, upsertCcmHelmChart
} from '../manifest';
import { ccmImageTag } from '../chart-values';
import { deepEqual } from '../json-patch';
import { edited, unchanged } from './result';

export interface Rke2EditOptions {
  /** Role combinations of the cluster's machines (clusterProfiles). */
  profiles: RoleProfile[];
}

export interface SwitchOptions extends Rke2EditOptions {
  endState: EndState;
  /** Remove `enable-leader-migration` from the KCM in the same save: an external KCM must not keep it. */
  leaderMigration: boolean;
  kubernetesVersion?: string;
}

const cp = (profiles: RoleProfile[]) => profiles.filter((p) => p.controlPlane);

function withRke(cluster: AnyObject, edit: (rc: AnyObject, draft: AnyObject) => void): PatchResult {
  if (!isObject(cluster) || !isObject(cluster.spec) || !isObject(cluster.spec.rkeConfig)) {
    return unchanged(isObject(cluster) ? cluster : {});
  }

  return edited(cluster, (draft) => edit(draft.spec.rkeConfig, draft));
}

/** Doc step 1: `enable-leader-migration` on every control-plane KCM, unioned with the args it already has. */
export function enableLeaderMigrationRke2(cluster: AnyObject, opts: Rke2EditOptions): PatchResult {
  return withRke(cluster, (rc) => addArg(rc, KEY_KCM_ARGS, ARG_LEADER_MIGRATION, cp(opts.profiles), 'server', opts.profiles));
}

/** Removes `enable-leader-migration` from the KCM everywhere (also the reverse of enabling it). */
export function removeLeaderMigrationRke2(cluster: AnyObject): PatchResult {
  return withRke(cluster, (rc) => removeArg(rc, KEY_KCM_ARGS, ARG_LEADER_MIGRATION));
}

/** The CCM HelmChart in `additionalManifest`, present exactly once, other documents untouched. */
export function installCcmRke2(cluster: AnyObject, values: AnyObject): PatchResult {
  return withRke(cluster, (rc) => {
    const existing = findCcmHelmChart(rc.additionalManifest);
    const same = existing && countCcmHelmCharts(rc.additionalManifest) === 1 && deepEqual(existing.values, values);

    // re-rendering an equal chart would only reformat text someone else may have written
    if (!same) {
      rc.additionalManifest = upsertCcmHelmChart(rc.additionalManifest, renderCcmHelmChart(values));
    }
  });
}

/** Reverse of installing: the manifest without the CCM HelmChart (helm-controller then uninstalls it). */
export function removeCcmRke2(cluster: AnyObject): PatchResult {
  return withRke(cluster, (rc) => {
    const next = removeCcmHelmChart(rc.additionalManifest);

    if (typeof rc.additionalManifest === 'string' && next !== rc.additionalManifest) {
      rc.additionalManifest = next;
    }
  });
}

/** After the switch: no `--enable-leader-migration=true` in the CCM args, image tag at the cluster's minor. */
export function finalizeCcmRke2(cluster: AnyObject, kubernetesVersion: string): PatchResult {
  return withRke(cluster, (rc) => {
    const found = findCcmHelmChart(rc.additionalManifest);

    if (!found) {
      return;
    }
    const values = finalChartValues(found.values, kubernetesVersion);

    if (!deepEqual(values, found.values)) {
      rc.additionalManifest = upsertCcmHelmChart(rc.additionalManifest, renderCcmHelmChart(values));
    }
  });
}

export function finalChartValues(values: AnyObject, kubernetesVersion: string): AnyObject {
  const tag = ccmImageTag(kubernetesVersion);
  const args = Array.isArray(values.args) ? values.args.filter((a: unknown) => typeof a !== 'string' || argName(a) !== ARG_LEADER_MIGRATION) : values.args;
  const image = tag ? { ...(isObject(values.image) ? values.image : {}), tag } : values.image;

  return { ...values, image, args };
}

function applyEndState(rc: AnyObject, opts: SwitchOptions): void {
  const all = opts.profiles;

  if (opts.endState === 'B') {
    addArg(rc, KEY_KUBELET_ARGS, `${ ARG_CLOUD_PROVIDER }=external`, all, 'agent', all);
    addArg(rc, KEY_KCM_ARGS, `${ ARG_CLOUD_PROVIDER }=external`, cp(all), 'server', all);
    addArg(rc, KEY_APISERVER_ARGS, `${ ARG_CLOUD_PROVIDER }=external`, cp(all), 'server', all);

    return;
  }
  setScalar(rc, KEY_CLOUD_PROVIDER, 'external', all, 'agent', all);
  if (opts.endState === 'C') {
    setScalar(rc, KEY_NODE_NAME_FROM_METADATA, true, all, 'agent', all);
  }
  // an explicit in-tree flag in the args would win over what RKE2 derives from `external`
  for (const key of [KEY_KUBELET_ARGS, KEY_KCM_ARGS, KEY_APISERVER_ARGS]) {
    replaceArgIfPresent(rc, key, `${ ARG_CLOUD_PROVIDER }=external`, all);
  }
}

/** Doc step 5: switch to the external provider, stop RKE2's own CCM, drop leader migration from the KCM. */
export function switchProviderRke2(cluster: AnyObject, opts: SwitchOptions): PatchResult {
  return withRke(cluster, (rc, draft) => {
    applyEndState(rc, opts);
    setScalar(rc, KEY_DISABLE_CCM, true, cp(opts.profiles), 'server', opts.profiles);
    if (opts.leaderMigration) {
      removeArg(rc, KEY_KCM_ARGS, ARG_LEADER_MIGRATION);
    }
    if (opts.kubernetesVersion && draft.spec.kubernetesVersion !== opts.kubernetesVersion) {
      draft.spec.kubernetesVersion = opts.kubernetesVersion;
    }
  });
}

/** Back to the in-tree provider (Kubernetes ≤ 1.26 only; a version upgrade is not reverted). */
export function revertProviderRke2(cluster: AnyObject, opts: Omit<SwitchOptions, 'kubernetesVersion'>): PatchResult {
  return withRke(cluster, (rc) => {
    const all = opts.profiles;

    if (opts.endState === 'B') {
      for (const key of [KEY_KUBELET_ARGS, KEY_KCM_ARGS, KEY_APISERVER_ARGS]) {
        removeArg(rc, key, ARG_CLOUD_PROVIDER);
      }
    } else {
      setScalar(rc, KEY_CLOUD_PROVIDER, 'aws', all, 'agent', all);
      removeScalar(rc, KEY_NODE_NAME_FROM_METADATA, true);
      for (const key of [KEY_KUBELET_ARGS, KEY_KCM_ARGS, KEY_APISERVER_ARGS]) {
        replaceArgIfPresent(rc, key, `${ ARG_CLOUD_PROVIDER }=aws`, all);
      }
    }
    removeScalar(rc, KEY_DISABLE_CCM, true);
    if (opts.leaderMigration) {
      addArg(rc, KEY_KCM_ARGS, ARG_LEADER_MIGRATION, cp(all), 'server', all);
    }
  });
}
