import { mount } from '@vue/test-utils';
import ReconcileProgress from '../ReconcileProgress.vue';
import { shellGlobal } from './support/shell-store';

function mountProgress(props: Record<string, unknown> = {}) {
  return mount(ReconcileProgress, { props, global: shellGlobal() });
}

describe('component: ReconcileProgress', () => {
  it('should say it is waiting while not done', () => {
    const wrapper = mountProgress({ observedGeneration: 4, generation: 5 });

    expect(wrapper.find('[data-testid="aws-oot-reconcile-waiting"]').text()).toBe('Waiting for the control plane to reconcile…');
    expect(wrapper.find('[data-testid="aws-oot-reconcile-done"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="aws-oot-reconcile-generation"]').text()).toBe('Generation 4 of 5 observed');
  });

  it('should say when the control plane has reconciled', () => {
    const wrapper = mountProgress({ done: true, observedGeneration: 5, generation: 5 });

    expect(wrapper.find('[data-testid="aws-oot-reconcile-done"]').text()).toBe('The control plane has reconciled.');
    expect(wrapper.find('[data-testid="aws-oot-reconcile-waiting"]').exists()).toBe(false);
  });

  it('should say the generation is not reported yet rather than show blanks', () => {
    const wrapper = mountProgress();

    expect(wrapper.find('[data-testid="aws-oot-reconcile-generation"]').text()).toBe('Waiting for the controller to report its observed generation.');
    expect(wrapper.find('[data-testid="aws-oot-reconcile-no-conditions"]').text()).toBe('No conditions reported yet.');
    expect(wrapper.find('[data-testid="aws-oot-reconcile-log-empty"]').text()).toBe('No provisioning log yet.');
  });

  it.each([
    ['True', 'bg-success'],
    ['False', 'bg-warning'],
    ['Unknown', 'bg-info'],
  ])('should show a condition with status %s as %s with its message', (status, color) => {
    const wrapper = mountProgress({ conditions: [{ type: 'Reconciled', status, message: 'configuring control plane node(s) <x>' }] });
    const condition = wrapper.find('[data-testid="aws-oot-reconcile-condition-Reconciled"]');

    expect(condition.find('.badge-state').classes()).toContain(color);
    expect(condition.text()).toContain('Reconciled');
    expect(condition.text()).toContain('configuring control plane node(s) <x>');
  });

  it('should show only the last lines of the log, as text', () => {
    const logLines = Array.from({ length: 150 }, (_, i) => `line ${ i } <script>`);
    const wrapper = mountProgress({ logLines, maxLines: 100 });
    const pre = wrapper.find('[data-testid="aws-oot-reconcile-log"]');

    expect(pre.element.textContent).toBe(logLines.slice(50).join('\n'));
    expect(pre.find('script').exists()).toBe(false);
    expect(wrapper.text()).toContain('Last 100 lines');
    expect(wrapper.text()).not.toMatch(/%awsOotMigration[\w.-]*%/);
  });
});
