import { createTransport } from '../request';
import {
  cordonNode, cordonNodes, listNodes, mapLimit,
} from '../nodes';
import type { KubeObject } from '../types';
import {
  FakeStore, fail, httpError, ok, req,
} from './support/fake-store';

const NODES = '/k8s/clusters/c-m-1/v1/nodes';
const url = (name: string) => `${ NODES }/${ name }`;
const MERGE = { 'Content-Type': 'application/merge-patch+json' };

function node(name: string, rv: string, unschedulable?: boolean): KubeObject {
  return { id: name, metadata: { name, resourceVersion: rv }, spec: unschedulable === undefined ? {} : { unschedulable } };
}

describe('listNodes', () => {
  it('is one request with the label selector, returning the items and the revision', async() => {
    const list = `${ NODES }?labelSelector=node-role.kubernetes.io%2Fcontrol-plane%3Dtrue&exclude=metadata.managedFields`;
    const store = new FakeStore().on('GET', list, ok({ data: [node('a', '1')], revision: '42' }));

    expect(await listNodes(createTransport(store), 'c-m-1', { labelSelector: 'node-role.kubernetes.io/control-plane=true' })).toStrictEqual({ data: [node('a', '1')], revision: '42' });
    expect(store.requests).toStrictEqual([req('get', list)]);
  });
});

describe('cordonNode', () => {
  it.each([
    [true, { metadata: { resourceVersion: '7' }, spec: { unschedulable: true } }],
    [false, { metadata: { resourceVersion: '7' }, spec: { unschedulable: null } }],
  ])('PATCHes unschedulable=%s as a merge patch with the node’s resourceVersion', async(on, data) => {
    const store = new FakeStore().on('PATCH', url('a'), ok({}));

    await cordonNode(createTransport(store), 'c-m-1', node('a', '7'), on);
    expect(store.requests).toStrictEqual([req('patch', url('a'), { data, headers: MERGE })]);
  });

  it('on 409 retries once with the fresh resourceVersion when only other fields changed', async() => {
    const store = new FakeStore()
      .on('PATCH', url('a'), fail(httpError(409, 'Conflict', 'x')), ok({ done: true }))
      .on('GET', url('a'), ok(node('a', '9')));

    expect(await cordonNode(createTransport(store), 'c-m-1', node('a', '7'), true)).toStrictEqual({ done: true });
    expect(store.requests).toStrictEqual([
      req('patch', url('a'), { data: { metadata: { resourceVersion: '7' }, spec: { unschedulable: true } }, headers: MERGE }),
      req('get', url('a')),
      req('patch', url('a'), { data: { metadata: { resourceVersion: '9' }, spec: { unschedulable: true } }, headers: MERGE }),
    ]);
  });

  it('on 409 writes nothing more when the node is already in the wanted state', async() => {
    const store = new FakeStore().on('PATCH', url('a'), fail(httpError(409, 'Conflict', 'x'))).on('GET', url('a'), ok(node('a', '9', true)));

    expect(await cordonNode(createTransport(store), 'c-m-1', node('a', '7'), true)).toStrictEqual(node('a', '9', true));
    expect(store.log).toStrictEqual([`PATCH ${ url('a') }`, `GET ${ url('a') }`]);
  });

  it('on 409 reports a conflict (no write) when someone else changed the field we saw', async() => {
    // we saw the node cordoned and asked for "cordoned"; meanwhile another admin uncordoned it on purpose
    const store = new FakeStore().on('PATCH', url('a'), fail(httpError(409, 'Conflict', 'x'))).on('GET', url('a'), ok(node('a', '9', false)));
    const err = await cordonNode(createTransport(store), 'c-m-1', node('a', '7', true), true).catch((e) => e);

    expect(err.toView()).toStrictEqual({
      kind: 'conflict', status: 409, messageKey: 'awsOotMigration.errors.conflict', params: { target: url('a') }
    });
    expect(store.log).toStrictEqual([`PATCH ${ url('a') }`, `GET ${ url('a') }`]);
  });

  it('refuses a node without a resourceVersion', async() => {
    const store = new FakeStore();
    const err = await cordonNode(createTransport(store), 'c-m-1', { metadata: { name: 'a' } }, true).catch((e) => e);

    expect(err.kind).toBe('invalid');
    expect(store.calls).toStrictEqual([]);
  });
});

describe('cordonNodes', () => {
  it('lists per-node results in input order, failures included, and never throws', async() => {
    const store = new FakeStore()
      .on('PATCH', url('a'), ok({}))
      .on('PATCH', url('b'), fail(httpError(403, 'Forbidden', 'nodes "b" is forbidden')))
      .on('PATCH', url('c'), ok({}));

    expect(await cordonNodes(createTransport(store), 'c-m-1', [node('a', '1'), node('b', '2'), node('c', '3')], true)).toStrictEqual([
      { name: 'a', ok: true },
      {
        name:     'b',
        ok:       false,
        error:    'nodes "b" is forbidden',
        apiError: {
          kind: 'forbidden', status: 403, messageKey: 'awsOotMigration.errors.forbidden', params: { target: url('b'), status: 403 }, detail: 'nodes "b" is forbidden'
        },
      },
      { name: 'c', ok: true },
    ]);
  });

  it('retrying just the failed ones sends one write per node', async() => {
    const store = new FakeStore().on('PATCH', url('b'), ok({}));

    expect(await cordonNodes(createTransport(store), 'c-m-1', [node('b', '2')], true)).toStrictEqual([{ name: 'b', ok: true }]);
    expect(store.log).toStrictEqual([`PATCH ${ url('b') }`]);
  });
});

describe('mapLimit', () => {
  it('keeps at most `limit` calls in flight and the results in order', async() => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimit([1, 2, 3, 4, 5, 6, 7], 3, async(n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 8 - n));
      inFlight--;

      return n * 10;
    });

    expect(out).toStrictEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(peak).toBe(3);
  });

  it('handles an empty list', async() => {
    expect(await mapLimit([], 5, async() => 1)).toStrictEqual([]);
  });
});
