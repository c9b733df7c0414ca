import {
  ensureClusterRepo, getOperation, runChartAction,
} from '../charts';
import { createTransport } from '../request';
import {
  FakeStore, fail, httpError, ok, req,
} from './support/fake-store';

const REPOS = '/k8s/clusters/c-m-1/v1/catalog.cattle.io.clusterrepos';
const repo = { metadata: { name: 'aws-cloud-controller-manager' }, spec: { url: 'https://kubernetes.github.io/cloud-provider-aws' } };
const body = {
  namespace: 'kube-system', charts: [{
    chartName: 'aws-cloud-controller-manager', version: '0.0.8', releaseName: 'aws-cloud-controller-manager', values: { args: ['--v=2'] }
  }]
};

describe('ensureClusterRepo', () => {
  it('reuses an existing repo without writing', async() => {
    const store = new FakeStore().on('GET', `${ REPOS }/aws-cloud-controller-manager`, ok(repo));

    expect(await ensureClusterRepo(createTransport(store), 'c-m-1', repo)).toStrictEqual({ repo, created: false });
    expect(store.log).toStrictEqual([`GET ${ REPOS }/aws-cloud-controller-manager`]);
  });

  it('creates it when missing', async() => {
    const store = new FakeStore()
      .on('GET', `${ REPOS }/aws-cloud-controller-manager`, fail(httpError(404, 'NotFound', 'x')))
      .on('POST', REPOS, ok(repo));

    expect(await ensureClusterRepo(createTransport(store), 'c-m-1', repo)).toStrictEqual({ repo, created: true });
    expect(store.requests[1]).toStrictEqual(req('post', REPOS, { data: repo }));
  });

  it('reuses the winner’s repo when another client created it first (409)', async() => {
    const store = new FakeStore()
      .on('GET', `${ REPOS }/aws-cloud-controller-manager`, fail(httpError(404, 'NotFound', 'x')), ok(repo))
      .on('POST', REPOS, fail(httpError(409, 'AlreadyExists', 'exists')));

    expect(await ensureClusterRepo(createTransport(store), 'c-m-1', repo)).toStrictEqual({ repo, created: false });
  });
});

describe('runChartAction', () => {
  it.each(['install', 'upgrade'] as const)('POSTs ?action=%s with the body and returns the operation', async(action) => {
    const url = `${ REPOS }/aws-cloud-controller-manager?action=${ action }`;
    const store = new FakeStore().on('POST', url, ok({ operationName: 'helm-op-1', operationNamespace: 'cattle-system', type: 'chartActionOutput' }));

    expect(await runChartAction(createTransport(store), 'c-m-1', 'aws-cloud-controller-manager', body, action)).toStrictEqual({ operationName: 'helm-op-1', operationNamespace: 'cattle-system' });
    expect(store.requests).toStrictEqual([req('post', url, { data: body })]);
  });

  it('surfaces an unreachable cluster', async() => {
    const url = `${ REPOS }/aws-cloud-controller-manager?action=install`;
    const store = new FakeStore().on('POST', url, fail(httpError(503, 'ClusterUnavailable', 'cluster agent disconnected')));
    const err = await runChartAction(createTransport(store), 'c-m-1', 'aws-cloud-controller-manager', body).catch((e) => e);

    expect(err.kind).toBe('unreachable');
    expect(err.params.cluster).toBe('c-m-1');
  });
});

describe('getOperation', () => {
  it('reads the operation by its namespace and name', async() => {
    const url = '/k8s/clusters/c-m-1/v1/catalog.cattle.io.operations/cattle-system/helm-op-1';
    const store = new FakeStore().on('GET', url, ok({ status: { podCreated: true } }));

    expect(await getOperation(createTransport(store), 'c-m-1', { operationName: 'helm-op-1', operationNamespace: 'cattle-system' })).toStrictEqual({ status: { podCreated: true } });
  });
});
