import { mount } from '@vue/test-utils';
import CordonResults, { CordonResult } from '../CordonResults.vue';
import { shellGlobal } from './support/shell-store';

const OK: CordonResult[] = [{ name: 'cp-1', ok: true }, { name: 'cp-2', ok: true }];
const FAILED: CordonResult[] = [
  { name: 'cp-3', ok: false, error: 'nodes "cp-3" is forbidden' },
  { name: '<i>cp-4</i>', ok: false },
];

function mountResults(props: Record<string, unknown> = {}) {
  return mount(CordonResults, { props: { results: [...OK, ...FAILED], ...props }, global: shellGlobal() });
}

const retryButton = (wrapper: ReturnType<typeof mountResults>) => wrapper.find('[data-testid="aws-oot-cordon-retry-async-button"]');

describe('component: CordonResults', () => {
  it.each([
    ['cordon', '2 of 4 nodes cordoned.'],
    ['uncordon', '2 of 4 nodes uncordoned.'],
  ])('should summarise a partial %s', (action, summary) => {
    const wrapper = mountResults({ action });

    expect(wrapper.find('[data-testid="aws-oot-cordon-summary"]').text()).toBe(summary);
    expect(wrapper.text()).not.toMatch(/%awsOotMigration[\w.-]*%/);
  });

  it('should list the nodes that succeeded', () => {
    const wrapper = mountResults();

    expect(wrapper.findAll('[data-testid="aws-oot-cordon-succeeded"] li').map((li) => li.text())).toStrictEqual(['cp-1', 'cp-2']);
  });

  it('should list each failed node with its error, as text', () => {
    const wrapper = mountResults();
    const banner = wrapper.find('[data-testid="aws-oot-cordon-failed"]');

    expect(banner.classes()).toContain('error');
    expect(banner.text()).toContain('Failed on 2 nodes:');
    expect(wrapper.find('[data-testid="aws-oot-cordon-failed-cp-3"]').text()).toBe('cp-3: nodes "cp-3" is forbidden');
    expect(banner.text()).toContain('<i>cp-4</i>');
    expect(banner.find('i').exists()).toBe(false);
  });

  it('should emit the failed node names and the button callback on retry', async() => {
    const wrapper = mountResults();

    await retryButton(wrapper).trigger('click');
    const [[names, cb]] = wrapper.emitted('retry') as [string[], unknown][];

    expect(names).toStrictEqual(['cp-3', '<i>cp-4</i>']);
    expect(typeof cb).toBe('function');
  });

  it('should disable retry while busy', () => {
    const wrapper = mountResults({ busy: true });

    expect(retryButton(wrapper).attributes('disabled')).toBeDefined();
  });

  it('should offer no retry when every node succeeded', () => {
    const wrapper = mountResults({ results: OK });

    expect(retryButton(wrapper).exists()).toBe(false);
    expect(wrapper.find('[data-testid="aws-oot-cordon-all-ok"]').text()).toBe('Every node succeeded.');
  });

  it('should say nothing was changed yet when there are no results', () => {
    const wrapper = mountResults({ results: [] });

    expect(wrapper.find('[data-testid="aws-oot-cordon-empty"]').text()).toBe('No node has been changed yet.');
  });
});
