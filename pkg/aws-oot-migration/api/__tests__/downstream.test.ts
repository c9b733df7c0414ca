import {
  getCcmDaemonSet, getCcmHelmChart, getMigrationLease, listApps, listLoadBalancers, listStorageClasses,
} from '../downstream';
import { createTransport } from '../request';
import {
  FakeStore, fail, httpError, ok, req,
} from './support/fake-store';

const B = '/k8s/clusters/c-m-1/v1';

describe('downstream reads', () => {
  it.each([
    ['the CCM DaemonSet', getCcmDaemonSet, `${ B }/apps.daemonsets/kube-system/aws-cloud-controller-manager`],
    ['the CCM HelmChart', getCcmHelmChart, `${ B }/helm.cattle.io.helmcharts/kube-system/aws-cloud-controller-manager`],
    ['the leader-migration lease', getMigrationLease, `${ B }/coordination.k8s.io.leases/kube-system/cloud-provider-extraction-migration`],
  ])('reads %s, null when missing', async(_t, fn, url) => {
    const found = new FakeStore().on('GET', url, ok({ metadata: { name: 'x' } }));
    const missing = new FakeStore().on('GET', url, fail(httpError(404, 'NotFound', 'x')));

    expect(await fn(createTransport(found), 'c-m-1')).toStrictEqual({ metadata: { name: 'x' } });
    expect(await fn(createTransport(missing), 'c-m-1')).toBeNull();
    expect(found.requests).toStrictEqual([req('get', url)]);
  });

  it('lists apps of a namespace in one request', async() => {
    const url = `${ B }/catalog.cattle.io.apps/kube-system?exclude=metadata.managedFields`;
    const store = new FakeStore().on('GET', url, ok({ data: [{ metadata: { name: 'a' } }] }));

    expect(await listApps(createTransport(store), 'c-m-1', 'kube-system')).toStrictEqual([{ metadata: { name: 'a' } }]);
  });

  it('keeps only LoadBalancer services from one list', async() => {
    const url = `${ B }/services?exclude=metadata.managedFields`;
    const lb = { metadata: { name: 'lb' }, spec: { type: 'LoadBalancer' } };
    const store = new FakeStore().on('GET', url, ok({ data: [lb, { metadata: { name: 'c' }, spec: { type: 'ClusterIP' } }] }));

    expect(await listLoadBalancers(createTransport(store), 'c-m-1')).toStrictEqual([lb]);
  });

  it('propagates a list failure as a normalised error', async() => {
    const url = `${ B }/storage.k8s.io.storageclasses?exclude=metadata.managedFields`;
    const store = new FakeStore().on('GET', url, fail(httpError(503, 'ClusterUnavailable', 'cluster agent disconnected')));

    await expect(listStorageClasses(createTransport(store), 'c-m-1')).rejects.toMatchObject({ kind: 'unreachable' });
  });
});
