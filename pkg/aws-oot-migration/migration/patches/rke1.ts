// Patch builders for the RKE1 management cluster, Norman shape (`rancherKubernetesEngineConfig` at the top)
// or Steve shape (under `spec`). Norman's PUT merges nested objects, so removing a key needs `?_replace=true`.
import type { AnyObject, PatchResult } from '../types';
import { ARG_LEADER_MIGRATION } from '../labels';
import { isObject } from '../effective-config';
import { rke1ConfigOf } from '../classify';
import { edited, unchanged } from './result';

export interface Rke1SwitchOptions {
  leaderMigration: boolean;
  kubernetesVersion?: string;
}

function withRke1(mgmt: AnyObject, edit: (rc: AnyObject) => void): PatchResult {
  if (!rke1ConfigOf(mgmt)) {
    return unchanged(isObject(mgmt) ? mgmt : {});
  }

  return edited(mgmt, (draft) => edit(rke1ConfigOf(draft)!));
}

function child(o: AnyObject, key: string): AnyObject {
  if (!isObject(o[key])) {
    o[key] = {};
  }

  return o[key];
}

/** Drops `path` objects left empty, deepest first, so enable-then-remove gives back the original shape. */
function pruneEmpty(rc: AnyObject, path: string[]): void {
  const chain: AnyObject[] = [rc];

  for (const k of path) {
    const next = chain[chain.length - 1][k];

    if (!isObject(next)) {
      return;
    }
    chain.push(next);
  }
  for (let i = path.length - 1; i >= 0; i--) {
    if (Object.keys(chain[i + 1]).length) {
      return;
    }
    delete chain[i][path[i]];
  }
}

const KCM_PATH = ['services', 'kubeController', 'extraArgs'];

/** RKE1 step 1: `services.kubeController.extraArgs.enable-leader-migration: "true"`. */
export function enableLeaderMigrationRke1(mgmt: AnyObject): PatchResult {
  return withRke1(mgmt, (rc) => {
    const extraArgs = child(child(child(rc, 'services'), 'kubeController'), 'extraArgs');

    if (extraArgs[ARG_LEADER_MIGRATION] !== 'true') {
      extraArgs[ARG_LEADER_MIGRATION] = 'true';
    }
  });
}

function dropLeaderMigration(rc: AnyObject): void {
  const extraArgs = rc.services?.kubeController?.extraArgs;

  if (isObject(extraArgs) && ARG_LEADER_MIGRATION in extraArgs) {
    delete extraArgs[ARG_LEADER_MIGRATION];
    pruneEmpty(rc, KCM_PATH);
  }
}

/** Removes leader migration from the KCM (send with `_replace=true`). */
export function removeLeaderMigrationRke1(mgmt: AnyObject): PatchResult {
  return withRke1(mgmt, dropLeaderMigration);
}

/**
 * RKE1 step 5: `external-aws`. `useInstanceMetadataHostname` keeps node names equal to the EC2 hostname the
 * in-tree provider used; an explicit value the user chose is kept.
 */
export function switchProviderRke1(mgmt: AnyObject, opts: Rke1SwitchOptions): PatchResult {
  return withRke1(mgmt, (rc) => {
    const cloudProvider = child(rc, 'cloudProvider');

    cloudProvider.name = 'external-aws';
    if (typeof cloudProvider.useInstanceMetadataHostname !== 'boolean') {
      cloudProvider.useInstanceMetadataHostname = true;
    }
    if (opts.leaderMigration) {
      dropLeaderMigration(rc);
    }
    if (opts.kubernetesVersion) {
      rc.kubernetesVersion = opts.kubernetesVersion;
    }
  });
}

/** Back to in-tree `aws` (Kubernetes ≤ 1.26), restoring leader migration when the plan used it. */
export function revertProviderRke1(mgmt: AnyObject, opts: { leaderMigration: boolean; useInstanceMetadataHostnameBefore?: boolean }): PatchResult {
  return withRke1(mgmt, (rc) => {
    const cloudProvider = child(rc, 'cloudProvider');

    cloudProvider.name = 'aws';
    if (typeof opts.useInstanceMetadataHostnameBefore === 'boolean') {
      cloudProvider.useInstanceMetadataHostname = opts.useInstanceMetadataHostnameBefore;
    } else {
      delete cloudProvider.useInstanceMetadataHostname;
    }
    if (opts.leaderMigration) {
      child(child(child(rc, 'services'), 'kubeController'), 'extraArgs')[ARG_LEADER_MIGRATION] = 'true';
    }
  });
}
