import { buildChartValues, ccmImageTag } from '../../chart-values';
import { buildChartAction } from '../chart';
import { CLUSTER_ROLE_RULES } from '../../constants';

const TOLERATIONS = (cp: string) => [
  { key: 'node.cloudprovider.kubernetes.io/uninitialized', operator: 'Exists', effect: 'NoSchedule' },
  { key: cp, operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node-role.kubernetes.io/etcd', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'CriticalAddonsOnly', operator: 'Exists' },
];

describe('buildChartValues', () => {
  it.each([
    ['rke2', 'leader-migration', 'v1.26.15+rke2r1', {
      image: { tag: 'v1.26.14' }, hostNetworking: true, nodeSelector: { 'node-role.kubernetes.io/control-plane': 'true' }, tolerations: TOLERATIONS('node-role.kubernetes.io/control-plane'), args: ['--v=2', '--cloud-provider=aws', '--configure-cloud-routes=false', '--use-service-account-credentials=true', '--enable-leader-migration=true'], clusterRoleRules: CLUSTER_ROLE_RULES
    }],
    ['rke1', 'downtime', 'v1.25.16-rancher1-1', {
      image: { tag: 'v1.25.16' }, hostNetworking: true, nodeSelector: { 'node-role.kubernetes.io/control-plane': null, 'node-role.kubernetes.io/controlplane': 'true' }, tolerations: TOLERATIONS('node-role.kubernetes.io/controlplane'), args: ['--v=2', '--cloud-provider=aws', '--configure-cloud-routes=false', '--use-service-account-credentials=true'], clusterRoleRules: CLUSTER_ROLE_RULES
    }],
  ] as const)('%s in %s mode on %s', (distro, mode, kubernetesVersion, expected) => {
    expect(buildChartValues({ distro, mode, kubernetesVersion })).toStrictEqual(expected);
  });

  it.each([['v1.26.15+rke2r1', 'v1.26.14'], ['v1.27.16-rancher1-1', 'v1.27.10'], ['v1.19.1+rke2r1', undefined], ['garbage', undefined]])('pins the image for %s to %s', (v, tag) => {
    expect(ccmImageTag(v)).toBe(tag);
  });
});

describe('buildChartAction', () => {
  it('builds the ClusterRepo install request', () => {
    const values = { args: ['--v=2'] };

    expect(buildChartAction('c-rk1ab', values)).toStrictEqual({
      repo:   { apiVersion: 'catalog.cattle.io/v1', kind: 'ClusterRepo', metadata: { name: 'aws-cloud-controller-manager' }, spec: { url: 'https://kubernetes.github.io/cloud-provider-aws' } },
      action: 'install',
      url:    '/k8s/clusters/c-rk1ab/v1/catalog.cattle.io.clusterrepos/aws-cloud-controller-manager?action=install',
      body:   {
        namespace: 'kube-system',
        timeout:   '600s',
        wait:      false,
        charts:    [{
          chartName: 'aws-cloud-controller-manager', version: '0.0.8', releaseName: 'aws-cloud-controller-manager', annotations: { 'catalog.cattle.io/ui-source-repo-type': 'cluster', 'catalog.cattle.io/ui-source-repo': 'aws-cloud-controller-manager' }, values
        }],
      },
    });
  });
});
