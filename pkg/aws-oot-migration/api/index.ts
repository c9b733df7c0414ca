// The extension's only I/O: a client over the shell's store. Composables take a `RancherClient`, so their tests
// pass a fake one. Every method is async and rejects with a RancherApiError (writes that meet another user's edit
// resolve with `{ ok: false, conflicts }` instead: nothing was written).

import { PROV_CLUSTER_TYPE } from '../config/constants';
import {
  ensureClusterRepo, getClusterRepo, getOperation, runChartAction, type EnsureRepoResult,
} from './charts';
import {
  annotateMigrationStep, dryRunManagementCluster, dryRunProvisioningCluster, getManagementCluster, getProvisioningCluster, getProvisioningLog,
  getRke1Versions, getRke2Releases, getRkeControlPlane, saveProvisioningCluster, type SaveOptions, type SaveResult,
} from './clusters';
import {
  getCcmDaemonSet, getCcmHelmChart, getMigrationLease, listApps, listCsiDrivers, listLoadBalancers,
  listPersistentVolumes, listStorageClasses,
} from './downstream';
import { saveNormanCluster, getNormanCluster, type NormanSaveOptions } from './norman';
import {
  cordonNode, cordonNodes, listNodes, type CordonResult, type NodeListOptions,
} from './nodes';
import { DEFAULT_TIMEOUT_MS, createTransport } from './request';
import type {
  ChartActionBody, ChartOperationRef, HistoryEntry, KdmRelease, KubeObject, NormanCluster, ProvisioningLog,
  RancherStore, SteveCollection,
} from './types';
import {
  DownstreamWatches, shellSocketFactory, watchManagementObject, type ManagementWatch, type SocketFactory, type WatchHandle,
  type WatchHandlers, type WatchTarget,
} from './watch';

export interface RancherClient {
  // provisioning cluster (RKE2/K3s, Steve)
  getProvisioningCluster(namespace: string, name: string): Promise<KubeObject>;
  saveProvisioningCluster(base: KubeObject, desired: KubeObject, opts?: SaveOptions): Promise<SaveResult<KubeObject>>;
  dryRunProvisioningCluster(current: KubeObject, desired: KubeObject): Promise<KubeObject>;
  annotateMigrationStep(cluster: KubeObject, entry: HistoryEntry): Promise<SaveResult<KubeObject>>;
  watchProvisioningCluster(namespace: string, name: string): Promise<ManagementWatch>;

  // state detection (management side)
  getRkeControlPlane(namespace: string, name: string): Promise<KubeObject | null>;
  watchRkeControlPlane(namespace: string, name: string): Promise<ManagementWatch>;
  getProvisioningLog(mgmtId: string): Promise<ProvisioningLog | null>;
  watchProvisioningLog(mgmtId: string): Promise<ManagementWatch>;
  getManagementCluster(id: string): Promise<KubeObject>;
  /** The Steve management cluster, kept current (RKE1: its changes say when to read the Norman cluster again). */
  watchManagementCluster(id: string): Promise<ManagementWatch>;
  dryRunManagementCluster(mgmt: KubeObject, normanCurrent: KubeObject, normanDesired: KubeObject): Promise<KubeObject>;
  getRke2Releases(): Promise<KdmRelease[]>;
  getRke1Versions(): Promise<string[]>;

  // RKE1 (Norman)
  getNormanCluster(id: string): Promise<NormanCluster>;
  saveNormanCluster(base: NormanCluster, desired: NormanCluster, opts?: NormanSaveOptions): Promise<SaveResult<NormanCluster>>;

  // downstream
  listNodes(clusterId: string, opts?: NodeListOptions): Promise<SteveCollection>;
  cordonNode(clusterId: string, node: KubeObject, unschedulable: boolean): Promise<KubeObject>;
  cordonNodes(clusterId: string, nodes: KubeObject[], unschedulable: boolean, concurrency?: number): Promise<CordonResult[]>;
  getCcmDaemonSet(clusterId: string): Promise<KubeObject | null>;
  getCcmHelmChart(clusterId: string): Promise<KubeObject | null>;
  getMigrationLease(clusterId: string): Promise<KubeObject | null>;
  listApps(clusterId: string, namespace?: string): Promise<KubeObject[]>;
  listStorageClasses(clusterId: string): Promise<KubeObject[]>;
  listPersistentVolumes(clusterId: string): Promise<KubeObject[]>;
  listCsiDrivers(clusterId: string): Promise<KubeObject[]>;
  listLoadBalancers(clusterId: string): Promise<KubeObject[]>;
  watchDownstream(clusterId: string, target: WatchTarget, handlers: WatchHandlers): WatchHandle;

  // charts
  getClusterRepo(clusterId: string, name: string): Promise<KubeObject | null>;
  ensureClusterRepo(clusterId: string, repo: KubeObject): Promise<EnsureRepoResult>;
  runChartAction(clusterId: string, repoName: string, body: ChartActionBody, action?: 'install' | 'upgrade'): Promise<ChartOperationRef>;
  getOperation(clusterId: string, ref: ChartOperationRef): Promise<KubeObject | null>;
}

export interface ClientOptions {
  timeoutMs?: number;
  socketFactory?: SocketFactory;
}

export function createRancherClient(store: RancherStore, opts: ClientOptions = {}): RancherClient {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const r = createTransport(store, timeoutMs);
  const downstream = new DownstreamWatches(r, opts.socketFactory || shellSocketFactory);
  const watchMgmt = (type: string, id: string, typeWide = false) => watchManagementObject(store, type, id, timeoutMs, { typeWide });

  return {
    getProvisioningCluster:    (ns, name) => getProvisioningCluster(r, ns, name),
    saveProvisioningCluster:   (base, desired, o) => saveProvisioningCluster(r, base, desired, o),
    dryRunProvisioningCluster: (current, desired) => dryRunProvisioningCluster(r, current, desired),
    annotateMigrationStep:     (cluster, entry) => annotateMigrationStep(r, cluster, entry),
    watchProvisioningCluster:  (ns, name) => watchMgmt(PROV_CLUSTER_TYPE, `${ ns }/${ name }`, true),

    getRkeControlPlane:   (ns, name) => getRkeControlPlane(r, ns, name),
    watchRkeControlPlane: (ns, name) => watchMgmt('rke.cattle.io.rkecontrolplane', `${ ns }/${ name }`, true),
    getProvisioningLog:   (mgmtId) => getProvisioningLog(r, mgmtId),
    watchProvisioningLog: (mgmtId) => watchMgmt('configmap', `${ mgmtId }/provisioning-log`),
    getManagementCluster: (id) => getManagementCluster(r, id),
    watchManagementCluster: (id) => watchMgmt('management.cattle.io.cluster', id, true),
    dryRunManagementCluster: (mgmt, current, desired) => dryRunManagementCluster(r, mgmt, current, desired),
    getRke2Releases:      () => getRke2Releases(r),
    getRke1Versions:      () => getRke1Versions(r),

    getNormanCluster:  (id) => getNormanCluster(r, id),
    saveNormanCluster: (base, desired, o) => saveNormanCluster(r, base, desired, o),

    listNodes:             (id, o) => listNodes(r, id, o),
    cordonNode:            (id, node, on) => cordonNode(r, id, node, on),
    cordonNodes:           (id, nodes, on, n) => cordonNodes(r, id, nodes, on, n),
    getCcmDaemonSet:       (id) => getCcmDaemonSet(r, id),
    getCcmHelmChart:       (id) => getCcmHelmChart(r, id),
    getMigrationLease:     (id) => getMigrationLease(r, id),
    listApps:              (id, ns) => listApps(r, id, ns),
    listStorageClasses:    (id) => listStorageClasses(r, id),
    listPersistentVolumes: (id) => listPersistentVolumes(r, id),
    listCsiDrivers:        (id) => listCsiDrivers(r, id),
    listLoadBalancers:     (id) => listLoadBalancers(r, id),
    watchDownstream:       (id, target, handlers) => downstream.watch(id, target, handlers),

    getClusterRepo:    (id, name) => getClusterRepo(r, id, name),
    ensureClusterRepo: (id, repo) => ensureClusterRepo(r, id, repo),
    runChartAction:    (id, repo, body, action) => runChartAction(r, id, repo, body, action),
    getOperation:      (id, ref) => getOperation(r, id, ref),
  };
}

export type { ApiError, ApiErrorKind } from './errors';
export { RancherApiError, normalizeError } from './errors';
export type { MergeConflict } from './three-way-merge';
export { readHistory, HISTORY_ANNOTATION } from './history';
export type {
  SaveResult, SaveOptions, CordonResult, WatchTarget, WatchHandlers, WatchHandle, ManagementWatch,
};
export type { WatchState, WatchEvent } from './watch';
export type * from './types';
