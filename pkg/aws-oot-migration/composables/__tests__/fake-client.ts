// A fake RancherClient for composable and page tests: management watches hand out reactive models the test can
// change (as the store's socket would), downstream watches expose their handlers so tests push lists and events.
import { reactive } from 'vue';
import type { KubeObject, RancherClient, WatchHandlers, WatchTarget } from '../../api';

export interface FakeClient extends RancherClient {
  prov: any;
  downstream: Map<string, WatchHandlers>;
  /** Pushes the initial list of one downstream type (nodes, the DaemonSet …). */
  list(type: string, items: KubeObject[]): void;
  event(type: string, name: 'create' | 'change' | 'remove', object: KubeObject): void;
}

export function fakeClient(cluster: KubeObject, overrides: Partial<RancherClient> = {}): FakeClient {
  const prov = reactive(JSON.parse(JSON.stringify(cluster)));
  const downstream = new Map<string, WatchHandlers>();
  const watch = (object: any) => Promise.resolve({ object, stop: jest.fn() });
  const base: Partial<RancherClient> = {
    watchProvisioningCluster: jest.fn(() => watch(prov)),
    watchRkeControlPlane:     jest.fn(() => Promise.reject(new Error('no control plane'))),
    watchProvisioningLog:     jest.fn(() => watch({ data: { log: 'line 1\nline 2' } })),
    getManagementCluster:     jest.fn(async() => ({ metadata: { name: 'c-m-aws1' }, status: {} })),
    getNormanCluster:         jest.fn(async() => ({ id: 'c-1' })),
    watchManagementCluster:   jest.fn(() => watch({ metadata: { name: 'c-1', resourceVersion: '1' } })),
    dryRunManagementCluster:  jest.fn(async(m: KubeObject) => m),
    listLoadBalancers:        jest.fn(async() => []),
    listStorageClasses:       jest.fn(async() => []),
    listPersistentVolumes:    jest.fn(async() => []),
    listCsiDrivers:           jest.fn(async() => []),
    getRke2Releases:          jest.fn(async() => [{ version: 'v1.26.15+rke2r1' }, { version: 'v1.27.16+rke2r1' }, { version: 'v1.28.1+rke2r1' }]),
    getRke1Versions:          jest.fn(async() => []),
    watchDownstream:          jest.fn((_id: string, t: WatchTarget, h: WatchHandlers) => {
      downstream.set(t.type, h);

      return { stop: jest.fn(), resync: jest.fn(async() => undefined), state: 'live' as const };
    }),
    saveProvisioningCluster: jest.fn(async(_b: KubeObject, desired: KubeObject) => ({ ok: true as const, object: { ...desired, metadata: { ...desired.metadata, resourceVersion: '2' } }, retried: false })),
    dryRunProvisioningCluster: jest.fn(async(_c: KubeObject, d: KubeObject) => d),
    cordonNodes:               jest.fn(async(_id: string, nodes: KubeObject[]) => nodes.map((n) => ({ name: n.metadata.name, ok: true }))),
  };

  return {
    ...(base as RancherClient),
    ...overrides,
    prov,
    downstream,
    list(type, items) {
      downstream.get(type)?.onList(items);
    },
    event(type, name, object) {
      downstream.get(type)?.onEvent({ name, object });
    },
  };
}
