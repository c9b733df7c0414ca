import { mount, RouterLinkStub } from '@vue/test-utils';
import InTreeAwsBanner from '../InTreeAwsBanner.vue';

const IN_TREE = {
  metadata: { name: 'prod', namespace: 'fleet-default' },
  spec:     {
    kubernetesVersion: 'v1.26.15+rke2r1',
    rkeConfig:         { machineGlobalConfig: {}, machineSelectorConfig: [{ config: { 'cloud-provider-name': 'aws' } }] },
  },
  status: { clusterName: 'c-m-prod' },
};
const EXTERNAL = {
  ...IN_TREE,
  spec: { ...IN_TREE.spec, rkeConfig: { machineGlobalConfig: {}, machineSelectorConfig: [{ config: { 'cloud-provider-name': 'external' } }] } },
};

function mountBanner(resource: object) {
  return mount(InTreeAwsBanner, { props: { resource }, global: { stubs: { RouterLink: RouterLinkStub } } });
}

describe('in-tree AWS banner', () => {
  it('warns about the in-tree provider and links to the migration page of this cluster', () => {
    const wrapper = mountBanner({ ...IN_TREE, canUpdate: true });

    expect(wrapper.find('[data-testid="aws-oot-intree-banner"]').text()).toContain('Kubernetes 1.27 removed');
    expect(wrapper.findComponent(RouterLinkStub).props('to')).toStrictEqual({
      name:   'c-cluster-manager-aws-oot-migration-namespace-id',
      params: {
        cluster: '_', product: 'manager', namespace: 'fleet-default', id: 'prod'
      },
    });
  });

  it('tells users without update rights who can migrate instead of linking', () => {
    const wrapper = mountBanner({ ...IN_TREE, canUpdate: false });

    expect(wrapper.findComponent(RouterLinkStub).exists()).toBe(false);
    expect(wrapper.find('[data-testid="aws-oot-intree-banner-no-rights"]').text()).toBe('Ask a user who may edit this cluster to run the migration.');
  });

  it.each([
    ['already external', EXTERNAL],
    ['not a cluster', {}],
  ])('stays hidden when %s', (_, resource) => {
    expect(mountBanner(resource).find('[data-testid="aws-oot-intree-banner"]').exists()).toBe(false);
  });
});
