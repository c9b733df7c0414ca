import { flushPromises, mount } from '@vue/test-utils';
import MigrationPage from '../MigrationPage.vue';

function mountPage(dispatch: jest.Mock) {
  return mount(MigrationPage, {
    global: {
      mocks: {
        $route: { params: { cluster: '_', namespace: 'fleet-default', id: 'prod' } },
        $store: { dispatch },
      },
    },
  });
}

describe('migration page', () => {
  it('loads the cluster named in the route through the management store', async() => {
    const dispatch = jest.fn().mockResolvedValue({ nameDisplay: 'prod-cluster' });
    const wrapper = mountPage(dispatch);

    await flushPromises();

    expect(dispatch).toHaveBeenCalledWith('management/find', { type: 'provisioning.cattle.io.cluster', id: 'fleet-default/prod' });
    expect(wrapper.find('[data-testid="aws-oot-page-title"]').text()).toBe('Migrate prod-cluster to Out-of-tree AWS');
    expect(wrapper.find('[data-testid="aws-oot-page-placeholder"]').exists()).toBe(true);
  });

  it('shows the error instead of a blank page when the cluster cannot be loaded', async() => {
    const dispatch = jest.fn().mockRejectedValue(new Error('clusters "prod" not found'));
    const wrapper = mountPage(dispatch);

    await flushPromises();

    expect(wrapper.find('[data-testid="aws-oot-page-error"]').text()).toContain('clusters "prod" not found');
  });
});
