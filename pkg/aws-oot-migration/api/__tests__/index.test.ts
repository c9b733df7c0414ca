import { createRancherClient } from '../index';
import type { KubeObject } from '../types';
import {
  FakeStore, ok, req,
} from './support/fake-store';
import { socketFactory } from './support/fake-socket';

describe('createRancherClient', () => {
  it('sends every request through management/request with the configured timeout', async() => {
    const store = new FakeStore().on('GET', '/v1/provisioning.cattle.io.clusters/fleet-default/c1', ok({ metadata: { name: 'c1' } }));
    const client = createRancherClient(store, { timeoutMs: 5000 });

    await client.getProvisioningCluster('fleet-default', 'c1');
    expect(store.requests).toStrictEqual([req('get', '/v1/provisioning.cattle.io.clusters/fleet-default/c1', {}, 5000)]);
  });

  it('watches the provisioning cluster and its control plane through the management store', async() => {
    const store = new FakeStore();
    const client = createRancherClient(store);

    await client.watchProvisioningCluster('fleet-default', 'c1');
    await client.watchRkeControlPlane('fleet-default', 'c1');
    await client.watchProvisioningLog('c-m-1');
    expect(store.calls.map((c) => [c.action, c.payload.type, c.payload.id, c.payload.opt?.watch])).toStrictEqual([
      // the types the shell lists itself are kept current by the type-wide watch it shares (see watchManagementObject)
      ['management/find', 'provisioning.cattle.io.cluster', 'fleet-default/c1', false],
      ['management/watch', 'provisioning.cattle.io.cluster', undefined, undefined],
      ['management/find', 'rke.cattle.io.rkecontrolplane', 'fleet-default/c1', false],
      ['management/watch', 'rke.cattle.io.rkecontrolplane', undefined, undefined],
      ['management/find', 'configmap', 'c-m-1/provisioning-log', true],
    ]);
  });

  it('opens downstream watches with the given socket factory', () => {
    const { sockets, factory } = socketFactory();
    const store = new FakeStore().on('GET', '/k8s/clusters/c-m-1/v1/node?exclude=metadata.managedFields', ok({ data: [] }));
    const client = createRancherClient(store, { socketFactory: factory });

    client.watchDownstream('c-m-1', { type: 'node' }, { onList: () => undefined, onEvent: () => undefined }).stop();
    expect(sockets.map((s) => s.url)).toStrictEqual(['/k8s/clusters/c-m-1/v1/subscribe']);
  });

  it('cordons through the client with per-node results', async() => {
    const store = new FakeStore().on('PATCH', '/k8s/clusters/c-m-1/v1/nodes/a', ok({}));
    const node: KubeObject = { metadata: { name: 'a', resourceVersion: '1' } };

    expect(await createRancherClient(store).cordonNodes('c-m-1', [node], true)).toStrictEqual([{ name: 'a', ok: true }]);
  });
});
