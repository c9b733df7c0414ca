// Reads of downstream objects state detection and preflight need, through Rancher's proxy. `null` = looked for and
// not found (the engine's convention); every list is one request.

import { Transport, orNull } from './request';
import type { KubeObject, SteveCollection } from './types';
import { urls } from './urls';

export const CCM_NAMESPACE = 'kube-system';
export const CCM_NAME = 'aws-cloud-controller-manager';
export const MIGRATION_LEASE = 'cloud-provider-extraction-migration';

async function listOf(request: Transport, url: string): Promise<KubeObject[]> {
  const res = await request<SteveCollection>(url);

  return Array.isArray(res?.data) ? res.data : [];
}

export function getCcmDaemonSet(request: Transport, clusterId: string): Promise<KubeObject | null> {
  return orNull(request(urls.daemonSet(clusterId, CCM_NAMESPACE, CCM_NAME)));
}

export function getCcmHelmChart(request: Transport, clusterId: string): Promise<KubeObject | null> {
  return orNull(request(urls.helmChart(clusterId, CCM_NAMESPACE, CCM_NAME)));
}

export function getMigrationLease(request: Transport, clusterId: string): Promise<KubeObject | null> {
  return orNull(request(urls.lease(clusterId, CCM_NAMESPACE, MIGRATION_LEASE)));
}

export function listApps(request: Transport, clusterId: string, namespace?: string): Promise<KubeObject[]> {
  return listOf(request, urls.apps(clusterId, namespace));
}

export function listStorageClasses(request: Transport, clusterId: string): Promise<KubeObject[]> {
  return listOf(request, urls.storageClasses(clusterId));
}

export function listPersistentVolumes(request: Transport, clusterId: string): Promise<KubeObject[]> {
  return listOf(request, urls.persistentVolumes(clusterId));
}

export function listCsiDrivers(request: Transport, clusterId: string): Promise<KubeObject[]> {
  return listOf(request, urls.csiDrivers(clusterId));
}

/** Services of type LoadBalancer (Steve has no field selector on spec.type: one list, filtered here). */
export async function listLoadBalancers(request: Transport, clusterId: string): Promise<KubeObject[]> {
  return (await listOf(request, urls.services(clusterId))).filter((s) => s.spec?.type === 'LoadBalancer');
}
