import {
  downstreamClusterOf, targetOf, urls, withQuery,
} from '../urls';

describe('urls', () => {
  it.each([
    [urls.provisioningCluster('fleet-default', 'c1'), '/v1/provisioning.cattle.io.clusters/fleet-default/c1'],
    [urls.rkeControlPlane('fleet-default', 'c1'), '/v1/rke.cattle.io.rkecontrolplanes/fleet-default/c1'],
    [urls.provisioningLog('c-m-1'), '/v1/configmaps/c-m-1/provisioning-log'],
    [urls.managementCluster('c-m-1'), '/v1/management.cattle.io.clusters/c-m-1'],
    [urls.normanCluster('c-abc'), '/v3/clusters/c-abc'],
    [urls.nodes('c-m-1'), '/k8s/clusters/c-m-1/v1/nodes?exclude=metadata.managedFields'],
    [urls.node('c-m-1', 'ip-10-0-1-1.ec2.internal'), '/k8s/clusters/c-m-1/v1/nodes/ip-10-0-1-1.ec2.internal'],
    [urls.daemonSet('c-m-1', 'kube-system', 'aws-cloud-controller-manager'), '/k8s/clusters/c-m-1/v1/apps.daemonsets/kube-system/aws-cloud-controller-manager'],
    [urls.helmChart('c-m-1', 'kube-system', 'aws-cloud-controller-manager'), '/k8s/clusters/c-m-1/v1/helm.cattle.io.helmcharts/kube-system/aws-cloud-controller-manager'],
    [urls.lease('c-m-1', 'kube-system', 'cloud-provider-extraction-migration'), '/k8s/clusters/c-m-1/v1/coordination.k8s.io.leases/kube-system/cloud-provider-extraction-migration'],
    [urls.apps('c-m-1', 'kube-system'), '/k8s/clusters/c-m-1/v1/catalog.cattle.io.apps/kube-system?exclude=metadata.managedFields'],
    [urls.chartAction('c-m-1', 'aws', 'install'), '/k8s/clusters/c-m-1/v1/catalog.cattle.io.clusterrepos/aws?action=install'],
  ])('builds %s', (url, expected) => {
    expect(url).toBe(expected);
  });

  it.each([
    ['/a', { x: '1' }, '/a?x=1'],
    ['/a?y=2', { x: '1' }, '/a?y=2&x=1'],
    ['/a', { x: undefined, s: 'a=b,c' }, '/a?s=a%3Db%2Cc'],
    ['/a', {}, '/a'],
  ])('adds a query to %s', (url, query, expected) => {
    expect(withQuery(url, query)).toBe(expected);
  });

  it.each([
    ['https://r.test/k8s/clusters/c-m-1/v1/nodes?x=1', 'c-m-1', '/k8s/clusters/c-m-1/v1/nodes'],
    ['/v1/provisioning.cattle.io.clusters/a/b', undefined, '/v1/provisioning.cattle.io.clusters/a/b'],
  ])('reads the cluster and target of %s', (url, cluster, target) => {
    expect(downstreamClusterOf(url)).toBe(cluster);
    expect(targetOf(url)).toBe(target);
  });
});
