// RKE1 clusters through Norman (`/v3/clusters/<id>`, Rancher ≤ 2.11).
//
// Norman objects carry no resourceVersion and a Norman PUT does not check one, so a stale PUT would silently win.
// Every save therefore reads the server's latest first and three-way merges our change onto it (a conflict on the
// same field writes nothing). Norman merges nested maps server-side, so removing a key (e.g. `enable-leader-migration`
// from `extraArgs`) needs `?_replace=true` with the whole object; that is detected from the body. A 409, should the
// server send one, gets the same re-read, merge and one retry as Steve writes.

import { conflictResult, isConflict, type SaveResult } from './clusters';
import { Transport, toPlain } from './request';
import { NORMAN_CLUSTER_MERGE, isPlainObject, threeWayMerge } from './three-way-merge';
import type { NormanCluster } from './types';
import { urls, withQuery } from './urls';

export interface NormanSaveOptions {
  /** Force (or forbid) `?_replace=true`; by default it is used exactly when the write removes a key. */
  replace?: boolean;
}

type Attempt = { result: SaveResult<NormanCluster> } | { retry: NormanCluster };

export function getNormanCluster(request: Transport, id: string): Promise<NormanCluster> {
  return request(urls.normanCluster(id));
}

/** True when `to` lacks a key `from` has, at any depth of nested maps: Norman's merge would keep it. */
export function removesKeys(from: unknown, to: unknown): boolean {
  if (!isPlainObject(from) || !isPlainObject(to)) {
    return false;
  }

  return Object.keys(from).some((k) => from[k] !== undefined && (to[k] === undefined || removesKeys(from[k], to[k])));
}

async function attempt(request: Transport, base: NormanCluster, desired: NormanCluster, retried: boolean, opts: NormanSaveOptions): Promise<Attempt> {
  const readUrl = base.links?.self || urls.normanCluster(base.id);
  const writeUrl = desired.links?.update || base.links?.update || readUrl;
  const theirs = toPlain(await request<NormanCluster>(readUrl));
  const { merged, conflicts } = threeWayMerge(toPlain(base), toPlain(desired), theirs, NORMAN_CLUSTER_MERGE);

  if (conflicts.length) {
    return { result: conflictResult(writeUrl, conflicts, theirs, 'conflictFields') };
  }
  const replace = opts.replace ?? removesKeys(theirs, merged);
  const url = withQuery(writeUrl, { _replace: replace ? 'true' : undefined });

  try {
    return { result: { ok: true, object: await request(url, { method: 'put', data: merged }), retried } };
  } catch (e) {
    if (isConflict(e)) {
      return { retry: theirs };
    }
    throw e;
  }
}

/** PUT an RKE1 cluster (`base` = what the user reviewed, `desired` = base + the step's change). */
export async function saveNormanCluster(request: Transport, base: NormanCluster, desired: NormanCluster, opts: NormanSaveOptions = {}): Promise<SaveResult<NormanCluster>> {
  const first = await attempt(request, base, desired, false, opts);

  if ('result' in first) {
    return first.result;
  }
  const second = await attempt(request, base, desired, true, opts);

  return 'result' in second ? second.result : conflictResult(urls.normanCluster(base.id), [], second.retry, 'conflictRetry');
}
