import { createTransport } from '../request';
import type { KubeObject } from '../types';
import {
  DownstreamWatches, WatchEvent, WatchState, matchesTarget, watchManagementObject, watchMessage,
} from '../watch';
import {
  FakeStore, fail, httpError, ok,
} from './support/fake-store';
import { FakeSocket, socketFactory } from './support/fake-socket';

const CP_SELECTOR = 'node-role.kubernetes.io/control-plane=true';
const LIST = '/k8s/clusters/c-m-1/v1/node?labelSelector=node-role.kubernetes.io%2Fcontrol-plane%3Dtrue&exclude=metadata.managedFields';
const DS = '/k8s/clusters/c-m-1/v1/apps.daemonset/kube-system/aws-cloud-controller-manager';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function node(name: string, rv: string, cp = true): KubeObject {
  return { type: 'node', metadata: { name, resourceVersion: rv, labels: cp ? { 'node-role.kubernetes.io/control-plane': 'true' } : {} } };
}

function recorder() {
  const lists: string[][] = [];
  const events: string[] = [];
  const states: string[] = [];

  return {
    lists,
    events,
    states,
    handlers: {
      onList:  (items: KubeObject[]) => lists.push(items.map((i) => i.metadata.name)),
      onEvent: (e: WatchEvent) => events.push(`${ e.name } ${ e.object.metadata.name }`),
      onState: (s: WatchState, err?: { messageKey: string }) => states.push(err ? `${ s } ${ err.messageKey }` : s),
    },
  };
}

function setup() {
  const store = new FakeStore();
  const { sockets, factory } = socketFactory();
  const watches = new DownstreamWatches(createTransport(store), factory);

  return { store, sockets, watches };
}

describe('DownstreamWatches', () => {
  it('opens the cluster’s Steve socket, lists once, then watches from the list’s revision', async() => {
    const { store, sockets, watches } = setup();
    const rec = recorder();

    store.on('GET', LIST, ok({ data: [node('a', '5'), node('b', '6')], revision: '42' }));
    watches.watch('c-m-1', { type: 'node', selector: CP_SELECTOR }, rec.handlers);
    await flush();
    sockets[0].open();

    expect(sockets.map((s) => s.url)).toStrictEqual(['/k8s/clusters/c-m-1/v1/subscribe']);
    expect(store.log).toStrictEqual([`GET ${ LIST }`]);
    expect(rec.lists).toStrictEqual([['a', 'b']]);
    expect(sockets[0].sent).toStrictEqual([{ resourceType: 'node', resourceVersion: '42', selector: CP_SELECTOR }]);
    expect(rec.states).toStrictEqual(['live']);
  });

  it('waits for the list when the socket opens first', async() => {
    const { store, sockets, watches } = setup();
    const rec = recorder();

    store.on('GET', LIST, ok({ data: [], revision: '7' }));
    watches.watch('c-m-1', { type: 'node', selector: CP_SELECTOR }, rec.handlers);
    sockets[0].open();
    expect(sockets[0].sent).toStrictEqual([]);
    await flush();
    expect(sockets[0].sent).toStrictEqual([{ resourceType: 'node', resourceVersion: '7', selector: CP_SELECTOR }]);
  });

  it('routes changes by type and selector; an object leaving the selector is removed', async() => {
    const { store, sockets, watches } = setup();
    const rec = recorder();

    store.on('GET', LIST, ok({ data: [node('a', '5')], revision: '42' }));
    watches.watch('c-m-1', { type: 'node', selector: CP_SELECTOR }, rec.handlers);
    await flush();
    sockets[0].open();
    sockets[0].message({ name: 'ping', data: { version: 'v2.12.0' } });
    sockets[0].message({ name: 'resource.change', resourceType: 'node', data: node('a', '8') });
    sockets[0].message({ name: 'resource.create', resourceType: 'node', data: node('c', '9') });
    sockets[0].message({ name: 'resource.change', resourceType: 'node', data: node('w', '10', false) });
    sockets[0].message({ name: 'resource.change', resourceType: 'pod', data: node('a', '11') });
    sockets[0].message({ name: 'resource.change', resourceType: 'node', data: node('a', '12', false) });
    sockets[0].message({ name: 'resource.remove', resourceType: 'node', data: node('c', '13') });
    sockets[0].message('not json {');

    expect(rec.events).toStrictEqual(['change a', 'create c', 'remove a', 'remove c']);
  });

  it('shares one socket per cluster between watches', async() => {
    const { store, sockets, watches } = setup();
    const nodes = recorder();
    const ds = recorder();

    store.on('GET', LIST, ok({ data: [], revision: '1' })).on('GET', DS, ok({ metadata: { name: 'aws-cloud-controller-manager', namespace: 'kube-system', resourceVersion: '3' } }));
    watches.watch('c-m-1', { type: 'node', selector: CP_SELECTOR }, nodes.handlers);
    watches.watch('c-m-1', { type: 'apps.daemonset', namespace: 'kube-system', id: 'aws-cloud-controller-manager' }, ds.handlers);
    await flush();
    sockets[0].open();
    sockets[0].message({ name: 'resource.change', resourceType: 'apps.daemonset', data: { metadata: { name: 'aws-cloud-controller-manager', namespace: 'kube-system' }, status: { numberAvailable: 3 } } });

    expect(sockets).toHaveLength(1);
    expect(sockets[0].sent).toStrictEqual([
      { resourceType: 'node', resourceVersion: '1', selector: CP_SELECTOR },
      {
        resourceType: 'apps.daemonset', resourceVersion: '3', namespace: 'kube-system', id: 'aws-cloud-controller-manager'
      },
    ]);
    expect([nodes.events, ds.events, ds.lists]).toStrictEqual([[], ['change aws-cloud-controller-manager'], [['aws-cloud-controller-manager']]]);
  });

  it('lists an id target as one GET, and a missing object as an empty set', async() => {
    const { store, sockets, watches } = setup();
    const rec = recorder();

    store.on('GET', DS, fail(httpError(404, 'NotFound', 'x')));
    watches.watch('c-m-1', { type: 'apps.daemonset', namespace: 'kube-system', id: 'aws-cloud-controller-manager' }, rec.handlers);
    await flush();
    sockets[0].open();

    expect(rec.lists).toStrictEqual([[]]);
    expect(sockets[0].sent).toStrictEqual([{ resourceType: 'apps.daemonset', namespace: 'kube-system', id: 'aws-cloud-controller-manager' }]);
  });

  describe('socket drops', () => {
    async function live() {
      const ctx = setup();
      const rec = recorder();

      ctx.store.on('GET', LIST, ok({ data: [node('a', '5')], revision: '42' }), ok({ data: [node('a', '50'), node('b', '51')], revision: '99' }));
      const handle = ctx.watches.watch('c-m-1', { type: 'node', selector: CP_SELECTOR }, rec.handlers);

      await flush();
      ctx.sockets[0].open();

      return {
        ...ctx, rec, handle, socket: ctx.sockets[0]
      };
    }

    it.each([
      ['the server closes it', 'drop'],
      ['no frame arrives for 35 s', 'frameTimeout'],
    ] as const)('signals "dropped" at once when %s, then re-lists once and resumes on reconnect', async(_t, how) => {
      const { store, rec, socket } = await live();

      socket[how]();
      expect(rec.states).toStrictEqual(['live', 'dropped awsOotMigration.errors.socketDropped']);
      socket.open();
      await flush();

      expect(store.log).toStrictEqual([`GET ${ LIST }`, `GET ${ LIST }`]);
      expect(rec.lists).toStrictEqual([['a'], ['a', 'b']]);
      expect(socket.sent).toStrictEqual([
        { resourceType: 'node', resourceVersion: '42', selector: CP_SELECTOR },
        { resourceType: 'node', resourceVersion: '99', selector: CP_SELECTOR },
      ]);
      expect(rec.states).toStrictEqual(['live', 'dropped awsOotMigration.errors.socketDropped', 'resyncing', 'live']);
    });

    it('reports "failed" when the socket gives up, and resync() reconnects', async() => {
      const { rec, socket, handle } = await live();

      socket.giveUp();
      expect(rec.states).toStrictEqual(['live', 'failed awsOotMigration.errors.socketFailed']);
      expect(handle.state).toBe('failed');
      await handle.resync();
      expect(socket.connects).toBe(2);
    });

    it('reports a socket that cannot connect at all as dropped', async() => {
      const { store, sockets, watches } = setup();
      const rec = recorder();

      store.on('GET', LIST, ok({ data: [], revision: '1' }));
      watches.watch('c-m-1', { type: 'node', selector: CP_SELECTOR }, rec.handlers);
      await flush();
      sockets[0].drop();
      expect(rec.states).toStrictEqual(['dropped awsOotMigration.errors.socketDropped']);
    });
  });

  describe('Steve stopping or rejecting a watch', () => {
    async function live() {
      const ctx = setup();
      const rec = recorder();

      ctx.store.on('GET', LIST, ok({ data: [node('a', '5')], revision: '42' }), ok({ data: [node('a', '60')], revision: '61' }));
      ctx.watches.watch('c-m-1', { type: 'node', selector: CP_SELECTOR }, rec.handlers);
      await flush();
      ctx.sockets[0].open();

      return { ...ctx, rec, socket: ctx.sockets[0] };
    }

    it('re-lists and re-watches after an unsolicited resource.stop', async() => {
      const { store, rec, socket } = await live();

      socket.message({ name: 'resource.stop', resourceType: 'node', selector: CP_SELECTOR });
      await flush();
      expect(store.log).toHaveLength(2);
      expect(socket.sent[1]).toStrictEqual({ resourceType: 'node', resourceVersion: '61', selector: CP_SELECTOR });
      expect(rec.states).toStrictEqual(['live', 'resyncing', 'live']);
    });

    it('ignores a stop for another watch of the same type', async() => {
      const { store, socket } = await live();

      socket.message({ name: 'resource.stop', resourceType: 'node', selector: 'other=1' });
      await flush();
      expect(store.log).toHaveLength(1);
    });

    it('re-lists when the revision is too old', async() => {
      const { store, socket } = await live();

      socket.message({ name: 'resource.error', resourceType: 'node', data: { error: 'too old resource version: 42 (60)' } });
      await flush();
      expect(store.log).toHaveLength(2);
    });

    it('reports any other watch error as failed, with Steve’s words', async() => {
      const { rec, socket } = await live();
      const errors: unknown[] = [];

      rec.handlers.onState = (_s, e) => errors.push(e);
      socket.message({ name: 'resource.error', resourceType: 'node', data: { error: 'unknown schema type node' } });
      expect(errors).toStrictEqual([{
        kind: 'server', messageKey: 'awsOotMigration.errors.watchFailed', params: { cluster: 'c-m-1', type: 'node' }, detail: 'unknown schema type node'
      }]);
    });
  });

  it('reports a failed list (e.g. the cluster is unreachable) and recovers on resync()', async() => {
    const { store, sockets, watches } = setup();
    const errors: unknown[] = [];
    const rec = recorder();

    store.on('GET', LIST, fail(httpError(503, 'ClusterUnavailable', 'cluster agent disconnected')), ok({ data: [node('a', '1')], revision: '2' }));
    const handle = watches.watch('c-m-1', { type: 'node', selector: CP_SELECTOR }, { ...rec.handlers, onState: (s, e) => errors.push([s, e?.kind]) });

    sockets[0].open();
    await flush();
    expect(errors).toStrictEqual([['failed', 'unreachable']]);
    await handle.resync();
    expect(rec.lists).toStrictEqual([['a']]);
    expect(handle.state).toBe('live');
  });

  it('stops: sends Steve the stop, closes the socket with the last watch, ignores late answers', async() => {
    const { store, sockets, watches } = setup();
    const a = recorder();
    const b = recorder();

    store.on('GET', LIST, ok({ data: [], revision: '1' }));
    const ha = watches.watch('c-m-1', { type: 'node', selector: CP_SELECTOR }, a.handlers);
    const hb = watches.watch('c-m-1', { type: 'node', selector: CP_SELECTOR }, b.handlers);

    await flush();
    sockets[0].open();
    ha.stop();
    expect(sockets[0].sent).toHaveLength(2); // a twin still needs the server-side watch: no stop yet
    hb.stop();
    expect(sockets[0].sent[2]).toStrictEqual({ resourceType: 'node', selector: CP_SELECTOR, stop: true });
    expect(sockets[0].disconnected).toBe(true);
    expect(b.states).toStrictEqual(['live', 'stopped']);
    sockets[0].message({ name: 'resource.change', resourceType: 'node', data: node('z', '2') });
    expect(b.events).toStrictEqual([]);

    watches.watch('c-m-1', { type: 'node', selector: CP_SELECTOR }, recorder().handlers);
    expect(sockets).toHaveLength(2);
  });

  it('drops a list that completes after stop()', async() => {
    const { store, watches } = setup();
    const rec = recorder();

    store.on('GET', LIST, ok({ data: [node('a', '1')], revision: '1' }));
    watches.watch('c-m-1', { type: 'node', selector: CP_SELECTOR }, rec.handlers).stop();
    await flush();
    expect(rec.lists).toStrictEqual([]);
  });
});

describe('watchMessage', () => {
  it.each([
    [{ type: 'node' }, undefined, false, { resourceType: 'node' }],
    [{ type: 'node', selector: 'a=b' }, '5', false, { resourceType: 'node', resourceVersion: '5', selector: 'a=b' }],
    [{ type: 'apps.daemonset', namespace: 'ns', id: 'n' }, '5', true, {
      resourceType: 'apps.daemonset', namespace: 'ns', id: 'n', stop: true
    }],
  ])('builds the Steve message for %j', (target, rv, stop, expected) => {
    expect(watchMessage(target, rv, stop)).toStrictEqual(expected);
  });
});

describe('matchesTarget', () => {
  it.each([
    [{ type: 'node' }, true],
    [{ type: 'node', id: 'a' }, true],
    [{ type: 'node', id: 'b' }, false],
    [{ type: 'node', namespace: 'x' }, false],
    [{ type: 'node', selector: 'node-role.kubernetes.io/control-plane' }, true],
  ])('matches %j', (target, expected) => {
    expect(matchesTarget(target, node('a', '1'))).toBe(expected);
  });
});

describe('watchManagementObject', () => {
  it('finds fresh through the store with watch on, and stops with management/unwatch', async() => {
    const store = new FakeStore();
    const model = { metadata: { name: 'c1' } };

    store.other = (action) => (action === 'management/find' ? model : undefined);
    const w = await watchManagementObject(store, 'rke.cattle.io.rkecontrolplane', 'fleet-default/c1');

    w.stop();
    expect(w.object).toBe(model);
    expect(store.calls).toStrictEqual([
      { action: 'management/find', payload: { type: 'rke.cattle.io.rkecontrolplane', id: 'fleet-default/c1', opt: { force: true, watch: true, timeout: 30000 } } },
      { action: 'management/unwatch', payload: { type: 'rke.cattle.io.rkecontrolplane', id: 'c1', namespace: 'fleet-default' } },
    ]);
  });

  it('type-wide: survives the shell starting its own list watch of the type (which ends a namespaced watch)', async() => {
    // The shell's rule (steve/subscribe.js, ws.resource.start): a started watch unwatches every watch of the same
    // type with another namespace scope. Our watch must be one the shell's list watch does not end.
    const started: { type: string; id?: string; namespace?: string }[] = [];
    const start = (w: { type: string; id?: string; namespace?: string }) => {
      for (let i = started.length - 1; i >= 0; i--) {
        if (started[i].type === w.type && started[i].namespace !== w.namespace) {
          started.splice(i, 1);
        }
      }
      if (!started.some((s) => s.type === w.type && s.id === w.id && s.namespace === w.namespace)) {
        started.push(w);
      }
    };
    const store = new FakeStore();

    store.other = (action, payload) => {
      if (action === 'management/find') {
        if (payload.opt.watch) {
          const [namespace, id] = payload.id.split('/');

          start({ type: payload.type, id, namespace });
        }

        return { metadata: { name: 'c1' } };
      }
      if (action === 'management/watch') {
        start({ type: payload.type, id: payload.id, namespace: payload.namespace });
      }
    };
    const w = await watchManagementObject(store, 'provisioning.cattle.io.cluster', 'fleet-default/c1', 30000, { typeWide: true });

    start({ type: 'provisioning.cattle.io.cluster' }); // the shell's cluster list
    expect(started).toStrictEqual([{ type: 'provisioning.cattle.io.cluster', id: undefined, namespace: undefined }]);
    w.stop(); // the shell's lists share the type-wide watch: not ours to end
    expect(store.calls.map((c) => c.action)).toStrictEqual(['management/find', 'management/watch']);
  });

  it('reads the store\'s current model: a list of the type by the shell replaces the found one', async() => {
    const store = new FakeStore();
    const found = { metadata: { name: 'c1', resourceVersion: '1' } };
    let cached: any = found;

    store.getters = { 'management/byId': (type: string, id: string) => (type === 'provisioning.cattle.io.cluster' && id === 'fleet-default/c1' ? cached : undefined) };
    store.other = () => found;
    const w = await watchManagementObject(store, 'provisioning.cattle.io.cluster', 'fleet-default/c1', 30000, { typeWide: true });

    expect(w.current?.()).toBe(found);
    cached = { metadata: { name: 'c1', resourceVersion: '2' } }; // the shell's loadAll: new models, ours is dead
    expect(w.current?.()).toBe(cached);
  });

  it('type-wide: takes a change from the store\'s socket at once, before the shell\'s once-a-second batch applies it', async() => {
    const store = new FakeStore();
    const socket = new FakeSocket('/v1/subscribe');
    const model = { metadata: { name: 'c1', namespace: 'fleet-default', resourceVersion: '10' } };
    const change = (rv: string, id = 'fleet-default/c1', resourceType = 'rke.cattle.io.rkecontrolplane') => ({
      name: 'resource.change', resourceType, data: { id, type: resourceType, metadata: { name: id.split('/')[1], namespace: 'fleet-default', resourceVersion: rv } },
    });
    let cached: any = model;

    (store as any).state = { management: { socket } };
    store.getters = { 'management/byId': () => cached };
    store.other = () => model;
    const w = await watchManagementObject(store, 'rke.cattle.io.rkecontrolplane', 'fleet-default/c1', 30000, { typeWide: true });

    socket.message(change('11', 'fleet-default/c2'));
    socket.message(change('11', 'fleet-default/c1', 'provisioning.cattle.io.cluster'));
    expect(w.current?.()).toBe(model);
    socket.message(change('11'));
    expect(w.current?.()?.metadata.resourceVersion).toBe('11');
    cached = { metadata: { name: 'c1', resourceVersion: '12' } }; // the batch lands, with something newer still
    expect(w.current?.()).toBe(cached);
    w.stop();
    socket.message(change('13'));
    expect(w.current?.()).toBe(cached);
  });

  it('type-wide without a store socket (the shell\'s worker mode): the store\'s model only', async() => {
    const store = new FakeStore();
    const model = { metadata: { name: 'c1', resourceVersion: '10' } };

    store.other = () => model;
    const w = await watchManagementObject(store, 'rke.cattle.io.rkecontrolplane', 'fleet-default/c1', 30000, { typeWide: true });

    expect(w.current?.()).toBe(model);
    expect(() => w.stop()).not.toThrow();
  });

  it('normalises a failed find', async() => {
    const store = new FakeStore();

    store.other = () => Promise.reject(httpError(403, 'Forbidden', 'no'));
    const err = await watchManagementObject(store, 'configmap', 'c-m-1/provisioning-log').catch((e) => e);

    expect(err.toView()).toStrictEqual({
      kind: 'forbidden', status: 403, messageKey: 'awsOotMigration.errors.forbidden', params: { target: '/v1/configmap/c-m-1/provisioning-log', status: 403 }, detail: 'no'
    });
  });
});
