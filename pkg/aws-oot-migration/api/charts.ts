// Chart install the way the dashboard does it: a ClusterRepo in the downstream cluster, then the repo's `install`
// (or `upgrade`) action, which answers with the catalog Operation that runs helm.

import { isConflict } from './clusters';
import { Transport, orNull } from './request';
import type {
  ChartActionBody, ChartOperationRef, KubeObject,
} from './types';
import { urls } from './urls';

export interface EnsureRepoResult {
  repo: KubeObject;
  /** false when an existing repo of that name was reused. */
  created: boolean;
}

export function getClusterRepo(request: Transport, clusterId: string, name: string): Promise<KubeObject | null> {
  return orNull(request(urls.clusterRepo(clusterId, name)));
}

/** Reuses the repo of that name or creates it; a creation race (409 AlreadyExists) reuses the winner's. */
export async function ensureClusterRepo(request: Transport, clusterId: string, repo: KubeObject): Promise<EnsureRepoResult> {
  const existing = await getClusterRepo(request, clusterId, repo.metadata.name);

  if (existing) {
    return { repo: existing, created: false };
  }
  try {
    return { repo: await request(urls.clusterRepos(clusterId), { method: 'post', data: repo }), created: true };
  } catch (e) {
    if (!isConflict(e)) {
      throw e;
    }
  }

  return { repo: await request(urls.clusterRepo(clusterId, repo.metadata.name)), created: false };
}

export async function runChartAction(request: Transport, clusterId: string, repoName: string, body: ChartActionBody, action: 'install' | 'upgrade' = 'install'): Promise<ChartOperationRef> {
  const res = await request<ChartOperationRef>(urls.chartAction(clusterId, repoName, action), { method: 'post', data: body });

  return { operationName: res.operationName, operationNamespace: res.operationNamespace };
}

export function getOperation(request: Transport, clusterId: string, ref: ChartOperationRef): Promise<KubeObject | null> {
  return orNull(request(urls.operation(clusterId, ref.operationNamespace, ref.operationName)));
}
