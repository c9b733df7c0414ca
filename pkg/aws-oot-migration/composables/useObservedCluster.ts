// Everything the engine needs to know about one cluster, kept live: management-side objects through the store's
// watches (the models stay current by themselves), downstream objects through the client's websocket watches (one
// list, then events; a resync replaces the set). No polling anywhere.
import {
  computed, reactive, ref, shallowRef, watch, type ComputedRef, type Ref, type ShallowRef,
} from 'vue';
import type {
  ApiError, KubeObject, ManagementWatch, RancherClient, WatchHandle, WatchState, WatchTarget,
} from '../api';
import { RancherApiError, normalizeError } from '../api';
import type { ObservedState } from '../migration';
import { readOptions } from './options';

export const CCM = { namespace: 'kube-system', name: 'aws-cloud-controller-manager' };
export const LEASE = { namespace: 'kube-system', name: 'cloud-provider-extraction-migration' };
export const NODE_BURST_MS = 100;
/** A burst of management-cluster changes (RKE updating its status) reads the Norman cluster once. */
export const MGMT_REREAD_MS = 100;

export type MigrationClient = RancherClient;

export interface ClusterRef {
  namespace: string;
  name: string;
}

export interface ObservedCluster {
  /** The provisioning cluster, as plain JSON (recomputed when the watched model changes). */
  cluster: ComputedRef<KubeObject | null>;
  management: ComputedRef<KubeObject | null>;
  /** RKE1: the Steve management cluster (its resourceVersion carries the RKE1 dry run). */
  managementResource: ComputedRef<KubeObject | null>;
  /** Preflight inputs read once when the page loads (null: not readable, the check says so). */
  inventory: ShallowRef<Inventory>;
  controlPlane: ComputedRef<KubeObject | null>;
  logLines: ComputedRef<string[]>;
  /** Downstream nodes: a new array per burst of events (never mutated in place). */
  nodes: ShallowRef<KubeObject[] | null>;
  daemonSet: ShallowRef<KubeObject | null | undefined>;
  helmChart: ShallowRef<KubeObject | null | undefined>;
  app: ShallowRef<KubeObject | null | undefined>;
  lease: ShallowRef<KubeObject | null | undefined>;
  observed: ComputedRef<ObservedState>;
  /** Downstream cluster id (`c-m-…`). */
  clusterId: ComputedRef<string>;
  loading: Ref<boolean>;
  error: Ref<ApiError | null>;
  /** Worst state of the downstream watches (`dropped` while the socket reconnects). */
  socketState: Ref<WatchState | null>;
  load(): Promise<void>;
  refreshManagement(): Promise<void>;
  resync(): Promise<void>;
  stop(): void;
}

export interface Inventory {
  services: KubeObject[] | null;
  storageClasses: KubeObject[] | null;
  persistentVolumes: KubeObject[] | null;
  csiDrivers: KubeObject[] | null;
}

const NO_INVENTORY: Inventory = {
  services: null, storageClasses: null, persistentVolumes: null, csiDrivers: null
};

const plain = <T>(o: T): T => (o === undefined || o === null ? o : JSON.parse(JSON.stringify(o)));

export function toApiView(e: unknown): ApiError {
  return e instanceof RancherApiError ? e.toView() : normalizeError(e);
}

const STATE_RANK: WatchState[] = ['live', 'stopped', 'connecting', 'resyncing', 'dropped', 'failed'];

/** Loads and watches one cluster (`ref` = the provisioning cluster's namespace and name). */
export function useObservedCluster(client: MigrationClient, target: ClusterRef): ObservedCluster {
  const provModel = shallowRef<any>(null);
  const mgmtModel = shallowRef<any>(null);
  const mgmtResourceModel = shallowRef<any>(null);
  const inventory = shallowRef<Inventory>(NO_INVENTORY);
  const cpModel = shallowRef<any>(null);
  const logModel = shallowRef<any>(null);
  const nodes = shallowRef<KubeObject[] | null>(null);
  const daemonSet = shallowRef<KubeObject | null | undefined>(undefined);
  const helmChart = shallowRef<KubeObject | null | undefined>(undefined);
  const app = shallowRef<KubeObject | null | undefined>(undefined);
  const lease = shallowRef<KubeObject | null | undefined>(undefined);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  const watchStates = ref<Record<string, WatchState>>({});
  const stops: (() => void)[] = [];
  const handles: WatchHandle[] = [];

  const cluster = computed<KubeObject | null>(() => plain(provModel.value?.value ?? null));
  const management = computed<KubeObject | null>(() => plain(mgmtModel.value));
  const managementResource = computed<KubeObject | null>(() => plain(mgmtResourceModel.value?.value ?? null));
  const controlPlane = computed<KubeObject | null>(() => plain(cpModel.value?.value ?? null));
  const logLines = computed<string[]>(() => String(logModel.value?.value?.data?.log ?? '').split('\n').filter(Boolean));
  const clusterId = computed(() => String(cluster.value?.status?.clusterName || ''));
  const socketState = computed<WatchState | null>(() => {
    const states = Object.values(watchStates.value);

    return states.length ? states.reduce((a, b) => (STATE_RANK.indexOf(b) > STATE_RANK.indexOf(a) ? b : a)) : null;
  });

  const observed = computed<ObservedState>(() => {
    const opts = readOptions(cluster.value);

    return {
      cluster:      cluster.value,
      management:   management.value,
      nodes:        nodes.value,
      controlPlane: controlPlane.value,
      daemonSet:    daemonSet.value,
      helmChart:    helmChart.value,
      app:          app.value,
      lease:        lease.value,
      ...inventory.value,
      ...(opts.baselineNodeNames ? { baselineNodeNames: opts.baselineNodeNames } : {}),
    };
  });

  /** A single object watched downstream (`null` = looked for, absent). */
  function watchOne(id: string, t: WatchTarget, into: ShallowRef<KubeObject | null | undefined>) {
    const h = client.watchDownstream(id, t, {
      onList:  (items) => { into.value = items[0] ?? null; },
      onEvent: (e) => { into.value = e.name === 'remove' ? null : e.object; },
      onState: (s) => { watchStates.value = { ...watchStates.value, [t.type]: s }; },
    });

    handles.push(h);
  }

  /**
   * Nodes: keyed map, one new array per NODE_BURST_MS. Each socket message is its own task, so batching per
   * microtask still re-ran the engine over every node once per event (2,000 events took 40 s); a short window
   * turns a burst into a handful of recomputes and delays a single change by at most the window.
   */
  function watchNodes(id: string) {
    const byName = new Map<string, KubeObject>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      clearTimeout(timer);
      timer = undefined;
      nodes.value = Array.from(byName.values());
    };
    const h = client.watchDownstream(id, { type: 'node' }, {
      onList: (items) => {
        byName.clear();
        items.forEach((n) => byName.set(n.metadata.name, n));
        flush();
      },
      onEvent: (e) => {
        if (e.name === 'remove') {
          byName.delete(e.object.metadata.name);
        } else {
          byName.set(e.object.metadata.name, e.object);
        }
        timer = timer ?? setTimeout(flush, NODE_BURST_MS);
      },
      onState: (s) => { watchStates.value = { ...watchStates.value, node: s }; },
    });

    handles.push(h);
  }

  async function watchManagement(w: Promise<ManagementWatch>, into: ShallowRef<any>) {
    const m = await w;
    const model = (o: any) => (o && typeof o === 'object' ? reactive(o) : o);

    // Read the store's model through its reactive getter, so the socket's in-place updates re-run the engine, and a
    // list of the type by the shell (which replaces the cached models) does not leave us holding a dead copy.
    into.value = m.current ? computed(() => model(m.current!())) : { value: model(m.object) };
    stops.push(() => m.stop());
  }

  async function load() {
    stop();
    loading.value = true;
    error.value = null;
    try {
      await watchManagement(client.watchProvisioningCluster(target.namespace, target.name), provModel);
      const id = clusterId.value;
      const rke1 = !cluster.value?.spec?.rkeConfig;

      await Promise.all([
        refreshManagement(),
        rke1 ? watchManagement(client.watchManagementCluster(id), mgmtResourceModel).catch(() => { mgmtResourceModel.value = null; }) : undefined,
        readInventory(id),
        rke1 ? undefined : watchManagement(client.watchRkeControlPlane(target.namespace, target.name), cpModel).catch(() => { cpModel.value = null; }),
        watchManagement(client.watchProvisioningLog(id), logModel).catch(() => { logModel.value = null; }),
      ]);

      watchNodes(id);
      watchOne(id, { type: 'apps.daemonset', ...ccmTarget() }, daemonSet);
      watchOne(id, { type: 'coordination.k8s.io.lease', namespace: LEASE.namespace, id: LEASE.name }, lease);
      if (rke1) {
        watchOne(id, { type: 'catalog.cattle.io.app', ...ccmTarget() }, app);
      } else {
        watchOne(id, { type: 'helm.cattle.io.helmchart', ...ccmTarget() }, helmChart);
      }
    } catch (e) {
      error.value = toApiView(e);
    } finally {
      loading.value = false;
    }
  }

  // RKE1 reads and writes its config through Norman, which has no watch: the Steve management cluster is watched
  // instead, and each change of it (RKE updating the cluster, someone else's edit) reads the Norman cluster once.
  let rereading: ReturnType<typeof setTimeout> | undefined;

  watch(() => managementResource.value?.metadata?.resourceVersion, (rv, before) => {
    if (rv && before && rv !== before) {
      clearTimeout(rereading);
      rereading = setTimeout(() => refreshManagement().catch((e) => {
        error.value = toApiView(e);
      }), MGMT_REREAD_MS);
    }
  });

  /** Services, storage and CSI drivers for the preflight: one list each, once (they do not gate any step). */
  async function readInventory(id: string) {
    const read = (p: Promise<KubeObject[]>) => p.catch(() => null);
    const [services, storageClasses, persistentVolumes, csiDrivers] = await Promise.all([
      read(client.listLoadBalancers(id)), read(client.listStorageClasses(id)), read(client.listPersistentVolumes(id)), read(client.listCsiDrivers(id)),
    ]);

    inventory.value = {
      services, storageClasses, persistentVolumes, csiDrivers
    };
  }

  /** RKE1: the Norman cluster (config and conditions); RKE2 only needs the management cluster for classification. */
  async function refreshManagement() {
    const id = clusterId.value;

    mgmtModel.value = cluster.value?.spec?.rkeConfig ? await client.getManagementCluster(id) : await client.getNormanCluster(id);
  }

  function ccmTarget() {
    return { namespace: CCM.namespace, id: CCM.name };
  }

  async function resync() {
    if (!provModel.value) {
      return load();
    }
    await Promise.all(handles.map((h) => h.resync()));
  }

  function stop() {
    stops.splice(0).forEach((s) => s());
    handles.splice(0).forEach((h) => h.stop());
    watchStates.value = {};
  }

  return {
    cluster, management, managementResource, inventory, controlPlane, logLines, nodes, daemonSet, helmChart, app, lease, observed, clusterId, loading, error, socketState, load, refreshManagement, resync, stop,
  };
}
