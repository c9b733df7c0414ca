import { mount } from '@vue/test-utils';
import FinishSummary from '../FinishSummary.vue';
import { shellGlobal } from './support/shell-store';

const DONE = { nodesInitialized: 12, nodesTotal: 12, stepsApplied: 9 };

function mountFinish(props: Record<string, unknown> = {}) {
  return mount(FinishSummary, { props: { summary: DONE, ...props }, global: shellGlobal() });
}

describe('component: FinishSummary', () => {
  it('should summarise a complete migration', () => {
    const wrapper = mountFinish();
    const nodes = wrapper.find('[data-testid="aws-oot-finish-nodes"]');

    expect(nodes.classes()).toContain('success');
    expect(nodes.text()).toBe('12 of 12 nodes initialized by the external cloud provider.');
    expect(wrapper.find('[data-testid="aws-oot-finish-steps"]').text()).toBe('9 steps applied.');
    expect(wrapper.text()).not.toMatch(/%awsOotMigration[\w.-]*%/);
  });

  it('should warn when not every node is initialized', () => {
    const wrapper = mountFinish({ summary: { ...DONE, nodesInitialized: 10 } });
    const nodes = wrapper.find('[data-testid="aws-oot-finish-nodes"]');

    expect(nodes.classes()).toContain('warning');
    expect(nodes.text()).toBe('10 of 12 nodes initialized: check the node table before cleaning up.');
  });

  it('should offer the cleanup and emit it with the button callback', async() => {
    const wrapper = mountFinish({ cleanupAvailable: true });

    expect(wrapper.find('[data-testid="aws-oot-finish-cleanup"]').text()).toContain('Removes --enable-leader-migration');
    await wrapper.find('[data-testid="aws-oot-finish-cleanup-async-button"]').trigger('click');
    const emitted = wrapper.emitted('cleanup') as [unknown][];

    expect(emitted).toHaveLength(1);
    expect(typeof emitted[0][0]).toBe('function');
  });

  it('should disable the cleanup while busy', () => {
    const wrapper = mountFinish({ cleanupAvailable: true, busy: true });

    expect(wrapper.find('[data-testid="aws-oot-finish-cleanup-async-button"]').attributes('disabled')).toBeDefined();
  });

  it('should say there is nothing to clean up', () => {
    const wrapper = mountFinish({ cleanupAvailable: false });

    expect(wrapper.find('[data-testid="aws-oot-finish-cleanup-async-button"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="aws-oot-finish-clean"]').text()).toBe('Nothing left to clean up.');
  });

  it('should emit download-runbook', async() => {
    const wrapper = mountFinish();
    const button = wrapper.find('[data-testid="aws-oot-finish-download-runbook"]');

    expect(button.text()).toBe('Download runbook');
    await button.trigger('click');

    expect(wrapper.emitted('download-runbook')).toStrictEqual([[]]);
  });
});
