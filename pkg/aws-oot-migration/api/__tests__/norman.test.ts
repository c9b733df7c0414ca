import { getNormanCluster, removesKeys, saveNormanCluster } from '../norman';
import { createTransport } from '../request';
import type { NormanCluster } from '../types';
import {
  FakeStore, fail, httpError, ok, req,
} from './support/fake-store';

const SELF = 'https://rancher.test/v3/clusters/c-abc';

function rke1(extraArgs: Record<string, string>, extra: Partial<NormanCluster> = {}): NormanCluster {
  return {
    id:                            'c-abc',
    type:                          'cluster',
    links:                         { self: SELF, update: SELF },
    name:                          'rke1',
    state:                         'active',
    rancherKubernetesEngineConfig: {
      kubernetesVersion: 'v1.26.15-rancher1-1',
      cloudProvider:     { name: 'aws' },
      services:          { kubeController: { extraArgs } },
    },
    ...extra,
  };
}

const base = rke1({ 'enable-leader-migration': 'true' });

describe('saveNormanCluster', () => {
  it('reads the latest first (Norman checks no resourceVersion) and PUTs the whole object', async() => {
    const desired = rke1({ 'enable-leader-migration': 'true', foo: 'bar' });
    const store = new FakeStore().on('GET', SELF, ok(base)).on('PUT', SELF, ok(desired));

    expect(await saveNormanCluster(createTransport(store), base, desired)).toStrictEqual({ ok: true, object: desired, retried: false });
    expect(store.requests).toStrictEqual([req('get', SELF), req('put', SELF, { data: desired })]);
  });

  it('uses ?_replace=true when the change removes a key (Norman would merge it back otherwise)', async() => {
    const desired = rke1({});
    const url = `${ SELF }?_replace=true`;
    const store = new FakeStore().on('GET', SELF, ok(base)).on('PUT', url, ok(desired));

    await saveNormanCluster(createTransport(store), base, desired);
    expect(store.requests[1]).toStrictEqual(req('put', url, { data: desired }));
  });

  it.each([
    [true, `${ SELF }?_replace=true`],
    [false, SELF],
  ])('honours an explicit replace=%s', async(replace, url) => {
    const store = new FakeStore().on('GET', SELF, ok(base)).on('PUT', url, ok({}));

    await saveNormanCluster(createTransport(store), base, rke1({}), { replace });
    expect(store.log).toStrictEqual([`GET ${ SELF }`, `PUT ${ url }`]);
  });

  it('merges onto a concurrent edit of another field, keeping it', async() => {
    const theirs = rke1({ 'enable-leader-migration': 'true' }, { description: 'edited by bob', state: 'updating' });
    const desired = rke1({});
    const url = `${ SELF }?_replace=true`;
    const store = new FakeStore().on('GET', SELF, ok(theirs)).on('PUT', url, ok({}));

    await saveNormanCluster(createTransport(store), base, desired);
    expect(store.requests[1].data).toStrictEqual({ ...desired, description: 'edited by bob', state: 'updating' });
  });

  it('writes nothing when the concurrent edit touched the same field', async() => {
    const theirs = rke1({ 'enable-leader-migration': 'false' });
    const store = new FakeStore().on('GET', SELF, ok(theirs));

    expect(await saveNormanCluster(createTransport(store), base, rke1({}))).toStrictEqual({
      ok:        false,
      conflicts: [{
        path: 'rancherKubernetesEngineConfig.services.kubeController.extraArgs.enable-leader-migration', base: 'true', ours: undefined, theirs: 'false'
      }],
      server: theirs,
      error:  {
        kind: 'conflict', status: 409, messageKey: 'awsOotMigration.errors.conflictFields', params: { target: '/v3/clusters/c-abc', count: 1 }
      },
    });
    expect(store.log).toStrictEqual([`GET ${ SELF }`]);
  });

  it('on a 409 re-reads, merges and retries once', async() => {
    const desired = rke1({ 'enable-leader-migration': 'true', x: '1' });
    const store = new FakeStore()
      .on('GET', SELF, ok(base), ok({ ...base, description: 'new' }))
      .on('PUT', SELF, fail(httpError(409, 'Conflict', 'changed')), ok({}));

    expect(await saveNormanCluster(createTransport(store), base, desired)).toStrictEqual({ ok: true, object: {}, retried: true });
    expect(store.log).toStrictEqual([`GET ${ SELF }`, `PUT ${ SELF }`, `GET ${ SELF }`, `PUT ${ SELF }`]);
    expect(store.requests[3].data).toStrictEqual({ ...desired, description: 'new' });
  });

  it('gives up after the second 409 with a conflict result', async() => {
    const store = new FakeStore().on('GET', SELF, ok(base)).on('PUT', SELF, fail(httpError(409, 'Conflict', 'changed')));
    const result = await saveNormanCluster(createTransport(store), base, rke1({ 'enable-leader-migration': 'true', x: '1' }));

    expect(result.ok).toBe(false);
    expect(store.log).toStrictEqual([`GET ${ SELF }`, `PUT ${ SELF }`, `GET ${ SELF }`, `PUT ${ SELF }`]);
  });

  it('reads one cluster by id', async() => {
    const store = new FakeStore().on('GET', '/v3/clusters/c-abc', ok(base));

    expect(await getNormanCluster(createTransport(store), 'c-abc')).toStrictEqual(base);
  });
});

describe('removesKeys', () => {
  it.each([
    [{ a: { b: 1 } }, { a: {} }, true],
    [{ a: { b: 1 } }, { a: { b: 2, c: 1 } }, false],
    [{ a: 1 }, {}, true],
    [{ a: undefined }, {}, false],
    [{ a: [1, 2] }, { a: [1] }, false],
  ])('from %j to %j: %s', (from, to, expected) => {
    expect(removesKeys(from, to)).toBe(expected);
  });
});
