// the ui project has no transform for images; the Wizard's LazyImage requires one
jest.mock('@shell/assets/images/generic-catalog.svg', () => 'generic-catalog.svg');

// as in the components' tests: the table's action menus pull RcButton (defineProps over imported types), which
// vue3-jest cannot compile in jsdom
jest.mock('@shell/components/ActionMenuShell.vue', () => ({ name: 'ActionMenu', render: () => null }));
jest.mock('@shell/components/ActionDropdownShell.vue', () => ({ name: 'ActionDropdownShell', render: () => null }));

import { flushPromises, mount } from '@vue/test-utils';
import { cluster as loadCluster, nodes as loadNodes } from '../../../../test/fixtures/load';
import MigrationPage from '../MigrationPage.vue';
import { OPTIONS_ANNOTATION } from '../../composables/options';
import { fakeClient, type FakeClient } from '../../composables/__tests__/fake-client';

const SELF = '/v1/provisioning.cattle.io.clusters/fleet-default/prod-east';

/** The cluster as Steve serves it to an admin: the update link says the user may write it. */
function rke2(links: Record<string, string> = { self: SELF, update: SELF }): any {
  const c = loadCluster('rke2-dashboard-intree');

  return { ...c, links, status: { ...(c.status || {}), clusterName: 'c-m-aws1' } };
}

function started(links?: Record<string, string>): any {
  const c = rke2(links);

  c.metadata.annotations[OPTIONS_ANNOTATION] = JSON.stringify({ mode: 'leader-migration' });

  return c;
}

async function mountPage(client: FakeClient) {
  const wrapper = mount(MigrationPage, {
    props:  { client },
    global: {
      mocks: {
        $route:  { params: { cluster: '_', namespace: 'fleet-default', id: 'prod-east' } },
        $router: { push: jest.fn() },
        $store:  { dispatch: jest.fn(), getters: { 'auth/principalId': 'local://user-admin' } },
      },
      stubs: {
        StepReview: {
          props:    ['step', 'beforeYaml', 'proposedYaml', 'errors', 'canApply', 'cannotApplyReason'],
          template: '<div data-testid="review" :data-can-apply="String(canApply)" :data-reason="cannotApplyReason">{{ step.id }}</div>',
        },
      },
    },
  });

  await flushPromises();
  client.list('node', loadNodes('rke2-nodes'));
  client.list('apps.daemonset', []);
  await flushPromises();

  return wrapper;
}

describe('migration page', () => {
  it('should open at preflight with the checks and the mode for a migration not started yet', async() => {
    const wrapper = await mountPage(fakeClient(rke2()));

    expect(wrapper.find('[data-testid="aws-oot-page-title"]').text()).toBe('Migrate prod-east to Out-of-tree AWS');
    expect(wrapper.find('[data-testid="aws-oot-step-preflight"]').exists()).toBe(true);
    expect(wrapper.text()).toContain('I have verified this on AWS');
    expect(wrapper.text()).toContain('Leader migration');
  });

  it('should resume at the step derived from the cluster when the migration has started', async() => {
    const wrapper = await mountPage(fakeClient(started()));

    expect(wrapper.find('[data-testid="aws-oot-step-migrate"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="aws-oot-current-step"]').attributes('data-step')).toBe('enable-leader-migration');
    expect(wrapper.find('[data-testid="aws-oot-step-enable-leader-migration"]').attributes('data-status')).toBe('next');
    expect(wrapper.find('[data-testid="review"]').text()).toBe('enable-leader-migration');
    expect(wrapper.find('[data-testid="review"]').attributes('data-can-apply')).toBe('true');
    expect(wrapper.find('[data-testid="aws-oot-page-read-only"]').exists()).toBe(false);
  });

  it('should let a user who may not update the cluster follow the migration but not apply anything', async() => {
    const wrapper = await mountPage(fakeClient(started({ self: SELF })));
    const review = wrapper.find('[data-testid="review"]');

    expect(wrapper.find('[data-testid="aws-oot-page-read-only"]').text()).toBe('You can follow this migration but not run it: Rancher does not let you update prod-east. Ask a cluster owner, or an administrator with the Manage Clusters permission.');
    expect(wrapper.find('[data-testid="aws-oot-current-step"]').attributes('data-step')).toBe('enable-leader-migration');
    expect([review.attributes('data-can-apply'), review.attributes('data-reason')]).toStrictEqual(['false', 'You may not update this cluster.']);
    expect(wrapper.find('[data-testid="aws-oot-revert"]').exists()).toBe(false);
  });

  it('should name no step after one of the Wizard\'s own slots (a step called finish hides the Finish button)', async() => {
    const wrapper = await mountPage(fakeClient(rke2()));
    const names = (wrapper.findComponent({ name: 'Wizard' }).props('steps') as { name: string }[]).map((s) => s.name);

    expect(names).toHaveLength(3);
    expect(names.filter((n) => ['cancel', 'back', 'finish', 'next', 'stepContainer', 'controlsContainer', 'bannerTitle', 'bannerTitleImage', 'bannerSubtext'].includes(n))).toEqual([]);
  });

  it('should show what went wrong with a retry instead of a blank page when the cluster cannot be loaded', async() => {
    const client = fakeClient(rke2(), { watchProvisioningCluster: jest.fn(() => Promise.reject(Object.assign(new Error('clusters "prod-east" not found'), { _status: 404 }))) });
    const wrapper = await mountPage(client);

    expect(wrapper.find('[data-testid="aws-oot-api-error-message"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="aws-oot-step-preflight"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('Retry');
  });

  it('should explain why a cluster that is not a candidate cannot be migrated', async() => {
    const wrapper = await mountPage(fakeClient({ ...loadCluster('rke2-external'), status: { clusterName: 'c-m-ext' } }));

    expect(wrapper.find('[data-testid="aws-oot-page-not-candidate"]').text()).toContain('cannot be migrated');
    expect(wrapper.find('[data-testid="aws-oot-step-preflight"]').exists()).toBe(false);
  });
});
