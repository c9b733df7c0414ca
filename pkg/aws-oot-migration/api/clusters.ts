// Provisioning cluster (Steve) reads and writes, and the management-side reads state detection needs.
//
// Writes never overwrite someone else's edit: a PUT carries the resourceVersion the user started from; on 409 the
// server's object is read again and our change is three-way merged onto it. Only if that merge is clean is the PUT
// retried, once, with the server's resourceVersion; otherwise nothing is written and a typed conflict is returned.

import { PROV_CLUSTER_TYPE } from '../config/constants';
import {
  ApiError, RancherApiError, makeError,
} from './errors';
import { withHistoryEntry } from './history';
import { createMergePatch } from './merge-patch';
import {
  MERGE_PATCH, Transport, orNull, toPlain,
} from './request';
import {
  MergeConflict, MergeOptions, PROVISIONING_CLUSTER_MERGE, SERVER_OWNED, threeWayMerge,
} from './three-way-merge';
import type {
  HistoryEntry, KdmRelease, KubeObject, ProvisioningLog, RancherStore, SteveCollection,
} from './types';
import { targetOf, urls, withQuery } from './urls';

export type { RancherStore } from './types';

export type SaveResult<T> =
  | { ok: true; object: T; retried: boolean }
  | { ok: false; conflicts: MergeConflict[]; server: T; error: ApiError };

export interface SaveOptions {
  /** Recorded in the history annotation by the same write (no second request per step). */
  history?: HistoryEntry;
}

/** Loads one provisioning cluster (a shell model) through the management store. */
export function findProvisioningCluster(store: RancherStore, namespace: string, name: string): Promise<any> {
  return store.dispatch('management/find', { type: PROV_CLUSTER_TYPE, id: `${ namespace }/${ name }` });
}

function selfUrl(o: KubeObject, build: () => string): string {
  return o.links?.self || build();
}

function provUrl(o: KubeObject): string {
  return urls.provisioningCluster(o.metadata.namespace || 'fleet-default', o.metadata.name);
}

export function missingResourceVersion(url: string): RancherApiError {
  return new RancherApiError(makeError('invalid', 'missingResourceVersion', { target: targetOf(url) }));
}

export function isConflict(e: unknown): boolean {
  return e instanceof RancherApiError && e.kind === 'conflict';
}

export function conflictResult<T>(url: string, conflicts: MergeConflict[], server: T, key: 'conflictFields' | 'conflictRetry'): SaveResult<T> {
  return {
    ok: false, conflicts, server, error: makeError('conflict', key, { target: targetOf(url), count: conflicts.length }, 409)
  };
}

/** What a Steve PUT sends: the whole object, with the resourceVersion it was computed from. */
function putBody(o: KubeObject, resourceVersion: string, history?: HistoryEntry): KubeObject {
  const withHistory = history ? withHistoryEntry(o, history) : o;

  return { ...withHistory, metadata: { ...withHistory.metadata, resourceVersion } };
}

export interface SteveWrite {
  /** PUT target (links.update || links.self). */
  url: string;
  /** Where the server's latest is read after a 409. */
  readUrl: string;
  merge: MergeOptions;
}

/** PUT with resourceVersion; on 409 re-read, three-way merge, and retry once if (and only if) the merge is clean. */
export async function putWithMerge(request: Transport, base: KubeObject, desired: KubeObject, w: SteveWrite, opts: SaveOptions = {}): Promise<SaveResult<KubeObject>> {
  const rv = base.metadata?.resourceVersion;

  if (!rv) {
    throw missingResourceVersion(w.url);
  }
  const [b, ours] = [toPlain(base), toPlain(desired)];

  try {
    return { ok: true, object: await request(w.url, { method: 'put', data: putBody(ours, rv, opts.history) }), retried: false };
  } catch (e) {
    if (!isConflict(e)) {
      throw e;
    }
  }
  const theirs = toPlain(await request<KubeObject>(w.readUrl));
  const { merged, conflicts } = threeWayMerge(b, ours, theirs, w.merge);

  if (conflicts.length) {
    return conflictResult(w.url, conflicts, theirs, 'conflictFields');
  }
  try {
    return { ok: true, object: await request(w.url, { method: 'put', data: putBody(merged, theirs.metadata.resourceVersion as string, opts.history) }), retried: true };
  } catch (e) {
    if (isConflict(e)) {
      return conflictResult(w.url, [], theirs, 'conflictRetry');
    }
    throw e;
  }
}

/** PUT the whole provisioning cluster (`base` = what the user reviewed, `desired` = base + the step's change). */
export function saveProvisioningCluster(request: Transport, base: KubeObject, desired: KubeObject, opts: SaveOptions = {}): Promise<SaveResult<KubeObject>> {
  const build = () => provUrl(base);
  const url = desired.links?.update || desired.links?.self || base.links?.update || selfUrl(base, build);

  return putWithMerge(request, base, desired, { url, readUrl: selfUrl(base, build), merge: PROVISIONING_CLUSTER_MERGE }, opts);
}

/** Records a step on a cluster whose config the step did not change (a write of its own: RV + 409 handling). */
export function annotateMigrationStep(request: Transport, cluster: KubeObject, entry: HistoryEntry): Promise<SaveResult<KubeObject>> {
  return saveProvisioningCluster(request, cluster, cluster, { history: entry });
}

/**
 * Server-side dry run. Steve ignores `dryRun` on PUT, so this is a PATCH with a merge patch from `current` to
 * `desired` (carrying the resourceVersion, so a stale view fails like the real write would).
 */
export async function dryRunProvisioningCluster(request: Transport, current: KubeObject, desired: KubeObject): Promise<KubeObject> {
  const url = withQuery(selfUrl(current, () => provUrl(current)), { dryRun: 'All' });
  const rv = current.metadata?.resourceVersion;

  if (!rv) {
    throw missingResourceVersion(url);
  }
  const patch = createMergePatch(toPlain(current), toPlain(desired), SERVER_OWNED);
  const data = { ...patch, metadata: { ...(patch.metadata as object || {}), resourceVersion: rv } };

  return request(url, { method: 'patch', data, headers: { 'Content-Type': MERGE_PATCH } });
}

/**
 * RKE1 dry run: Norman has none, so the same change goes as a merge patch of the Steve management cluster (its
 * `spec.rancherKubernetesEngineConfig` has Norman's camelCase field names) with `?dryRun=All`, carrying that
 * object's resourceVersion: the admission checks run, nothing is stored.
 */
export function dryRunManagementCluster(request: Transport, mgmt: KubeObject, normanCurrent: KubeObject, normanDesired: KubeObject): Promise<KubeObject> {
  const url = withQuery(urls.managementCluster(mgmt.metadata.name), { dryRun: 'All' });
  const rv = mgmt.metadata?.resourceVersion;

  if (!rv) {
    throw missingResourceVersion(url);
  }
  const rke = createMergePatch(toPlain(normanCurrent.rancherKubernetesEngineConfig ?? {}), toPlain(normanDesired.rancherKubernetesEngineConfig ?? {}), []);

  return request(url, {
    method: 'patch', data: { metadata: { resourceVersion: rv }, spec: { rancherKubernetesEngineConfig: rke } }, headers: { 'Content-Type': MERGE_PATCH }
  });
}

export function getProvisioningCluster(request: Transport, namespace: string, name: string): Promise<KubeObject> {
  return request(urls.provisioningCluster(namespace, name));
}

export function getRkeControlPlane(request: Transport, namespace: string, name: string): Promise<KubeObject | null> {
  return orNull(request(urls.rkeControlPlane(namespace, name)));
}

/** The human-readable reconcile log; `null` until Rancher has written one. */
export async function getProvisioningLog(request: Transport, mgmtId: string): Promise<ProvisioningLog | null> {
  const cm = await orNull(request<KubeObject>(urls.provisioningLog(mgmtId)));

  return cm ? { log: String(cm.data?.log ?? ''), last: String(cm.data?.last ?? '') } : null;
}

export function getManagementCluster(request: Transport, id: string): Promise<KubeObject> {
  return request(urls.managementCluster(id));
}

/** KDM's RKE2 releases (the shell's rke2.vue reads the same list). */
export async function getRke2Releases(request: Transport): Promise<KdmRelease[]> {
  const res = await request<SteveCollection<KdmRelease>>(urls.rke2Releases());

  return Array.isArray(res?.data) ? res.data : [];
}

/** RKE1 Kubernetes versions: the `k8s-versions-current` setting, a comma list. */
export async function getRke1Versions(request: Transport): Promise<string[]> {
  const s = await orNull(request<KubeObject>(urls.setting('k8s-versions-current')));
  const value = String(s?.value || s?.default || '');

  return value.split(',').map((v) => v.trim()).filter(Boolean);
}
