// Downstream nodes through Rancher's proxy. Reads are one list (never one request per node); cordon is a merge
// patch of `spec.unschedulable` carrying the node's resourceVersion. Node objects change often (status updates),
// so a 409 re-reads the node: already in the wanted state → done without a write; someone else flipped the same
// field meanwhile → a conflict for that node; otherwise one retry with the fresh resourceVersion.

import { isConflict, missingResourceVersion } from './clusters';
import {
  ApiError, RancherApiError, makeError, toApiError,
} from './errors';
import { MERGE_PATCH, Transport } from './request';
import type { KubeObject, SteveCollection } from './types';
import { targetOf, urls } from './urls';

export interface NodeListOptions {
  labelSelector?: string;
}

export interface CordonResult {
  name: string;
  ok: boolean;
  /** The server's message (or the message key), shown next to the node. */
  error?: string;
  apiError?: ApiError;
}

export const DEFAULT_CORDON_CONCURRENCY = 5;

/** The node list plus its revision (the resourceVersion a watch continues from). */
export async function listNodes(request: Transport, clusterId: string, opts: NodeListOptions = {}): Promise<SteveCollection> {
  const res = await request<SteveCollection>(urls.nodes(clusterId, { labelSelector: opts.labelSelector }));

  return { data: Array.isArray(res?.data) ? res.data : [], revision: res?.revision };
}

const unschedulableOf = (n: KubeObject) => !!n.spec?.unschedulable;

function patchBody(resourceVersion: string, unschedulable: boolean) {
  // null (not false) removes the field, as `kubectl uncordon` leaves it
  return { metadata: { resourceVersion }, spec: { unschedulable: unschedulable ? true : null } };
}

function patch(request: Transport, url: string, rv: string, unschedulable: boolean): Promise<KubeObject> {
  return request(url, { method: 'patch', data: patchBody(rv, unschedulable), headers: { 'Content-Type': MERGE_PATCH } });
}

/** Cordons (`true`) or uncordons (`false`) one node; `node` is the object as listed/watched (for its RV). */
export async function cordonNode(request: Transport, clusterId: string, node: KubeObject, unschedulable: boolean): Promise<KubeObject> {
  const url = urls.node(clusterId, node.metadata.name);
  const rv = node.metadata.resourceVersion;

  if (!rv) {
    throw missingResourceVersion(url);
  }
  try {
    return await patch(request, url, rv, unschedulable);
  } catch (e) {
    if (!isConflict(e)) {
      throw e;
    }
  }
  const theirs = await request<KubeObject>(url);

  if (unschedulableOf(theirs) === unschedulable) {
    return theirs;
  }
  if (unschedulableOf(theirs) !== unschedulableOf(node)) {
    throw new RancherApiError(makeError('conflict', 'conflict', { target: targetOf(url) }, 409));
  }

  return patch(request, url, theirs.metadata.resourceVersion as string, unschedulable);
}

/** Runs `fn` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async() => {
    while (next < items.length) {
      const i = next++;

      out[i] = await fn(items[i]);
    }
  };

  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));

  return out;
}

/** Cordons or uncordons each node; never throws: failures are listed per node so they can be shown and retried. */
export function cordonNodes(request: Transport, clusterId: string, nodes: KubeObject[], unschedulable: boolean, concurrency = DEFAULT_CORDON_CONCURRENCY): Promise<CordonResult[]> {
  return mapLimit(nodes, concurrency, async(node): Promise<CordonResult> => {
    const name = node.metadata.name;

    try {
      await cordonNode(request, clusterId, node, unschedulable);

      return { name, ok: true };
    } catch (e) {
      const apiError = toApiError(e).toView();

      return {
        name, ok: false, error: apiError.detail || apiError.messageKey, apiError
      };
    }
  });
}
