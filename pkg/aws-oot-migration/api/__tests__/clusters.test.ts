import {
  annotateMigrationStep, dryRunManagementCluster, dryRunProvisioningCluster, findProvisioningCluster, getProvisioningLog, getRke1Versions,
  getRke2Releases, getRkeControlPlane, saveProvisioningCluster,
} from '../clusters';
import { RancherApiError } from '../errors';
import { HISTORY_ANNOTATION } from '../history';
import { createTransport } from '../request';
import type { KubeObject } from '../types';
import {
  FakeStore, fail, httpError, ok, req,
} from './support/fake-store';

const SELF = 'https://rancher.test/v1/provisioning.cattle.io.clusters/fleet-default/c1';
const CP = { matchLabels: { 'rke.cattle.io/control-plane-role': 'true' } };

function cluster(rv: string, rkeConfig: Record<string, unknown>, annotations: Record<string, string> = {}): KubeObject {
  return {
    id:       'fleet-default/c1',
    type:     'provisioning.cattle.io.cluster',
    links:    { self: SELF, update: SELF },
    metadata: {
      name: 'c1', namespace: 'fleet-default', resourceVersion: rv, annotations
    },
    spec:   { kubernetesVersion: 'v1.26.15+rke2r1', rkeConfig },
    status: { clusterName: 'c-m-1', ready: true },
  };
}

const base = cluster('100', { machineGlobalConfig: { 'cloud-provider-name': 'aws' }, machineSelectorConfig: [{ config: { 'cloud-provider-name': 'aws' } }] });
const desired = cluster('100', {
  machineGlobalConfig:   { 'cloud-provider-name': 'aws' },
  machineSelectorConfig: [{ config: { 'cloud-provider-name': 'aws' } }, { machineLabelSelector: CP, config: { 'kube-controller-manager-arg': ['enable-leader-migration'] } }],
});
const conflictErr = httpError(409, 'Conflict', 'the object has been modified; please apply your changes to the latest version and try again');

function setup(...puts: ReturnType<typeof ok>[]) {
  const store = new FakeStore().on('PUT', SELF, ...puts);

  return { store, r: createTransport(store) };
}

describe('saveProvisioningCluster', () => {
  it('PUTs the whole desired object to links.update with the resourceVersion the user started from', async() => {
    const saved = cluster('101', desired.spec!.rkeConfig);
    const { store, r } = setup(ok(saved));

    expect(await saveProvisioningCluster(r, base, { ...desired, metadata: { ...desired.metadata, resourceVersion: undefined } })).toStrictEqual({ ok: true, object: saved, retried: false });
    expect(store.calls).toStrictEqual([{ action: 'management/request', payload: req('put', SELF, { data: desired }) }]);
  });

  it('falls back to the Steve URL when the object has no links', async() => {
    const url = '/v1/provisioning.cattle.io.clusters/fleet-default/c1';
    const store = new FakeStore().on('PUT', url, ok({}));
    const { links: _l, ...plainBase } = base;
    const { links: _d, ...plainDesired } = desired;

    await saveProvisioningCluster(createTransport(store), plainBase, plainDesired);
    expect(store.log).toStrictEqual([`PUT ${ url }`]);
  });

  it('refuses to write without a resourceVersion', async() => {
    const { store, r } = setup(ok({}));
    const noRv = { ...base, metadata: { ...base.metadata, resourceVersion: undefined } };
    const err = await saveProvisioningCluster(r, noRv, desired).catch((e) => e);

    expect(err).toBeInstanceOf(RancherApiError);
    expect(err.toView()).toStrictEqual({
      kind: 'invalid', messageKey: 'awsOotMigration.errors.missingResourceVersion', params: { target: '/v1/provisioning.cattle.io.clusters/fleet-default/c1' }
    });
    expect(store.calls).toStrictEqual([]);
  });

  it('on 409 re-reads, applies our change onto theirs and retries once with their resourceVersion', async() => {
    // someone changed the Kubernetes version meanwhile: a field we did not touch
    const theirs = { ...cluster('105', base.spec!.rkeConfig), spec: { ...base.spec, kubernetesVersion: 'v1.26.15+rke2r2' } };
    const saved = cluster('106', desired.spec!.rkeConfig);
    const { store, r } = setup(fail(conflictErr), ok(saved));

    store.on('GET', SELF, ok(theirs));
    const result = await saveProvisioningCluster(r, base, desired);

    expect(result).toStrictEqual({ ok: true, object: saved, retried: true });
    expect(store.log).toStrictEqual([`PUT ${ SELF }`, `GET ${ SELF }`, `PUT ${ SELF }`]);
    expect(store.requests[2]).toStrictEqual(req('put', SELF, {
      data: {
        ...desired,
        metadata: { ...desired.metadata, resourceVersion: '105' },
        spec:     { ...desired.spec, kubernetesVersion: 'v1.26.15+rke2r2' },
      }
    }));
  });

  it('keeps their concurrent edit of another selector entry (keyed merge, not by index)', async() => {
    const theirRke = { ...base.spec!.rkeConfig, machineSelectorConfig: [{ config: { 'cloud-provider-name': 'aws', 'protect-kernel-defaults': true } }] };
    const { store, r } = setup(fail(conflictErr), ok({}));

    store.on('GET', SELF, ok(cluster('105', theirRke)));
    await saveProvisioningCluster(r, base, desired);
    expect(store.requests[2].data.spec.rkeConfig.machineSelectorConfig).toStrictEqual([
      { config: { 'cloud-provider-name': 'aws', 'protect-kernel-defaults': true } },
      { machineLabelSelector: CP, config: { 'kube-controller-manager-arg': ['enable-leader-migration'] } },
    ]);
  });

  it('writes nothing and returns a typed conflict when their change touched the same field', async() => {
    const theirs = cluster('105', { ...base.spec!.rkeConfig, machineGlobalConfig: { 'cloud-provider-name': 'external' } });
    const ours = cluster('100', { ...base.spec!.rkeConfig, machineGlobalConfig: { 'cloud-provider-name': 'rancher-vsphere' } });
    const { store, r } = setup(fail(conflictErr));

    store.on('GET', SELF, ok(theirs));

    expect(await saveProvisioningCluster(r, base, ours)).toStrictEqual({
      ok:        false,
      conflicts: [{
        path: 'spec.rkeConfig.machineGlobalConfig.cloud-provider-name', base: 'aws', ours: 'rancher-vsphere', theirs: 'external'
      }],
      server: theirs,
      error:  {
        kind: 'conflict', status: 409, messageKey: 'awsOotMigration.errors.conflictFields', params: { target: '/v1/provisioning.cattle.io.clusters/fleet-default/c1', count: 1 }
      },
    });
    expect(store.log).toStrictEqual([`PUT ${ SELF }`, `GET ${ SELF }`]);
  });

  it('does not retry a second time when the retry meets yet another 409', async() => {
    const theirs = cluster('105', base.spec!.rkeConfig);
    const { store, r } = setup(fail(conflictErr), fail(conflictErr));

    store.on('GET', SELF, ok(theirs));
    expect(await saveProvisioningCluster(r, base, desired)).toStrictEqual({
      ok:        false,
      conflicts: [],
      server:    theirs,
      error:     {
        kind: 'conflict', status: 409, messageKey: 'awsOotMigration.errors.conflictRetry', params: { target: '/v1/provisioning.cattle.io.clusters/fleet-default/c1', count: 0 }
      },
    });
    expect(store.log).toStrictEqual([`PUT ${ SELF }`, `GET ${ SELF }`, `PUT ${ SELF }`]);
  });

  it.each([
    [403, 'forbidden'],
    [404, 'not-found'],
    [422, 'invalid'],
    [500, 'server'],
  ])('throws other errors (%i → %s) without re-reading', async(status, kind) => {
    const { store, r } = setup(fail(httpError(status, 'X', 'no')));
    const err = await saveProvisioningCluster(r, base, desired).catch((e) => e);

    expect(err.kind).toBe(kind);
    expect(store.log).toStrictEqual([`PUT ${ SELF }`]);
  });

  it('records a history entry in the same write, and again on top of theirs after a 409', async() => {
    const entry = { step: 'leader-migration', user: 'admin', time: '2026-01-01T00:00:00Z' };
    const earlier = JSON.stringify([{ step: 'other-admin-step', user: 'bob', time: '2025-12-31T00:00:00Z' }]);
    const theirs = cluster('105', base.spec!.rkeConfig, { [HISTORY_ANNOTATION]: earlier });
    const { store, r } = setup(fail(conflictErr), ok({}));

    store.on('GET', SELF, ok(theirs));
    await saveProvisioningCluster(r, base, desired, { history: entry });
    expect(store.requests[0].data.metadata.annotations).toStrictEqual({ [HISTORY_ANNOTATION]: JSON.stringify([entry]) });
    expect(store.requests[2].data.metadata.annotations).toStrictEqual({ [HISTORY_ANNOTATION]: JSON.stringify([...JSON.parse(earlier), entry]) });
  });
});

describe('annotateMigrationStep', () => {
  const entry = { step: 'cordon', user: 'admin', time: '2026-01-01T00:00:00Z' };

  it('PUTs the cluster unchanged except for the appended history entry, with its resourceVersion', async() => {
    const { store, r } = setup(ok({}));

    await annotateMigrationStep(r, base, entry);
    expect(store.requests).toStrictEqual([req('put', SELF, {
      data: { ...base, metadata: { ...base.metadata, annotations: { [HISTORY_ANNOTATION]: JSON.stringify([entry]) } } }
    })]);
  });

  it('appends to the server history on 409 and never conflicts with another admin’s entry', async() => {
    const other = { step: 'install', user: 'bob', time: '2025-12-31T00:00:00Z' };
    const theirs = cluster('200', base.spec!.rkeConfig, { [HISTORY_ANNOTATION]: JSON.stringify([other]) });
    const { store, r } = setup(fail(conflictErr), ok({}));

    store.on('GET', SELF, ok(theirs));
    expect(await annotateMigrationStep(r, base, entry)).toStrictEqual({ ok: true, object: {}, retried: true });
    expect(store.requests[2]).toStrictEqual(req('put', SELF, {
      data: { ...theirs, metadata: { ...theirs.metadata, annotations: { [HISTORY_ANNOTATION]: JSON.stringify([other, entry]) } } }
    }));
  });
});

describe('dryRunManagementCluster (RKE1)', () => {
  it('PATCHes the Steve management cluster ?dryRun=All with the Norman change under spec, and its resourceVersion', async() => {
    const url = '/v1/management.cattle.io.clusters/c-rke1a?dryRun=All';
    const store = new FakeStore().on('PATCH', url, ok({}));
    const rke = (extra: Record<string, unknown>) => ({ rancherKubernetesEngineConfig: { cloudProvider: { name: 'aws' }, services: { kubeController: { extraArgs: { 'node-monitor-grace-period': '50s', ...extra } } } } });
    const mgmt = { metadata: { name: 'c-rke1a', resourceVersion: '77' } };

    await dryRunManagementCluster(createTransport(store), mgmt, { id: 'c-rke1a', ...rke({}) } as any, { id: 'c-rke1a', ...rke({ 'enable-leader-migration': 'true' }) } as any);
    expect(store.requests).toStrictEqual([req('patch', url, {
      data:    { metadata: { resourceVersion: '77' }, spec: { rancherKubernetesEngineConfig: { services: { kubeController: { extraArgs: { 'enable-leader-migration': 'true' } } } } } },
      headers: { 'Content-Type': 'application/merge-patch+json' },
    })]);
  });
});

describe('dryRunProvisioningCluster', () => {
  it('PATCHes ?dryRun=All with a merge patch (whole arrays) that carries the resourceVersion', async() => {
    const url = `${ SELF }?dryRun=All`;
    const store = new FakeStore().on('PATCH', url, ok({ answer: 1 }));

    expect(await dryRunProvisioningCluster(createTransport(store), base, desired)).toStrictEqual({ answer: 1 });
    expect(store.requests).toStrictEqual([req('patch', url, {
      data:    { metadata: { resourceVersion: '100' }, spec: { rkeConfig: { machineSelectorConfig: desired.spec!.rkeConfig.machineSelectorConfig } } },
      headers: { 'Content-Type': 'application/merge-patch+json' },
    })]);
  });

  it('sends null for a removed key and ignores status and decoration', async() => {
    const url = `${ SELF }?dryRun=All`;
    const store = new FakeStore().on('PATCH', url, ok({}));
    const without = { ...base, status: { ready: false }, spec: { rkeConfig: base.spec!.rkeConfig } };

    await dryRunProvisioningCluster(createTransport(store), base, without);
    expect(store.requests[0].data).toStrictEqual({ metadata: { resourceVersion: '100' }, spec: { kubernetesVersion: null } });
  });

  it('reports the server’s rejection as a normalised error', async() => {
    const url = `${ SELF }?dryRun=All`;
    const store = new FakeStore().on('PATCH', url, fail(httpError(422, 'Invalid', 'admission webhook denied')));
    const err = await dryRunProvisioningCluster(createTransport(store), base, desired).catch((e) => e);

    expect(err.toView()).toStrictEqual({
      kind: 'invalid', status: 422, messageKey: 'awsOotMigration.errors.invalid', params: { target: '/v1/provisioning.cattle.io.clusters/fleet-default/c1', status: 422 }, detail: 'admission webhook denied'
    });
  });
});

describe('management reads', () => {
  it('finds the provisioning cluster model through management/find', async() => {
    const store = new FakeStore();

    store.other = () => ({ model: true });
    expect(await findProvisioningCluster(store, 'fleet-default', 'c1')).toStrictEqual({ model: true });
    expect(store.calls).toStrictEqual([{ action: 'management/find', payload: { type: 'provisioning.cattle.io.cluster', id: 'fleet-default/c1' } }]);
  });

  it('reads the RKEControlPlane, null when missing', async() => {
    const url = '/v1/rke.cattle.io.rkecontrolplanes/fleet-default/c1';
    const store = new FakeStore().on('GET', url, fail(httpError(404, 'NotFound', 'x')));

    expect(await getRkeControlPlane(createTransport(store), 'fleet-default', 'c1')).toBeNull();
    expect(store.requests).toStrictEqual([req('get', url)]);
  });

  it.each([
    ['present', ok({ metadata: { name: 'provisioning-log' }, data: { log: '[INFO ] a\n', last: '[INFO ] a' } }), { log: '[INFO ] a\n', last: '[INFO ] a' }],
    ['absent', fail(httpError(404, 'NotFound', 'x')), null],
  ])('reads the provisioning-log ConfigMap when %s', async(_t, reply, expected) => {
    const store = new FakeStore().on('GET', '/v1/configmaps/c-m-1/provisioning-log', reply);

    expect(await getProvisioningLog(createTransport(store), 'c-m-1')).toStrictEqual(expected);
  });

  it('reads KDM RKE2 releases', async() => {
    const store = new FakeStore().on('GET', '/v1-rke2-release/releases', ok({ data: [{ id: 'v1.27.16+rke2r1', version: 'v1.27.16+rke2r1' }] }));

    expect(await getRke2Releases(createTransport(store))).toStrictEqual([{ id: 'v1.27.16+rke2r1', version: 'v1.27.16+rke2r1' }]);
  });

  it('reads the RKE1 version list from the k8s-versions-current setting', async() => {
    const store = new FakeStore().on('GET', '/v1/management.cattle.io.settings/k8s-versions-current', ok({ value: 'v1.26.15-rancher1-1, v1.27.16-rancher1-1' }));

    expect(await getRke1Versions(createTransport(store))).toStrictEqual(['v1.26.15-rancher1-1', 'v1.27.16-rancher1-1']);
  });
});
