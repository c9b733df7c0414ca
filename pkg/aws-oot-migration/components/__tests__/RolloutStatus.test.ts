import { mount } from '@vue/test-utils';
import RolloutStatus, { RolloutView } from '../RolloutStatus.vue';
import { shellGlobal } from './support/shell-store';

const R = 'awsOotMigration.engine.rollout';

function rollout(status: RolloutView['status'], variant: string, desired: number, updated: number, available: number, expected = 3): RolloutView {
  return {
    status, message: { key: `${ R }.${ variant }`, params: { desired, updated, available, expected } }, desired, updated, available, expected
  };
}

function mountRollout(r: RolloutView) {
  return mount(RolloutStatus, { props: { rollout: r }, global: shellGlobal() });
}

const text = (wrapper: ReturnType<typeof mountRollout>, id: string) => wrapper.find(`[data-testid="aws-oot-rollout-${ id }"]`).text();

describe('component: RolloutStatus', () => {
  it('should show the counts against the control-plane count', () => {
    const wrapper = mountRollout(rollout('pending', 'updating', 3, 1, 1));

    expect([text(wrapper, 'expected'), text(wrapper, 'desired'), text(wrapper, 'updated'), text(wrapper, 'available')]).toStrictEqual(['3', '3', '1', '1']);
    expect(text(wrapper, 'message')).toBe('1 of 3 pods updated.');
    expect(text(wrapper, 'status')).toBe('In progress');
    expect(wrapper.find('[data-testid="aws-oot-rollout-failure"]').exists()).toBe(false);
    expect(wrapper.text()).not.toMatch(/%awsOotMigration[\w.-]*%/);
  });

  it('should show a complete rollout as passed', () => {
    const wrapper = mountRollout(rollout('pass', 'pass', 3, 3, 3));

    expect(wrapper.find('[data-testid="aws-oot-rollout-status"]').classes()).toContain('bg-success');
    expect(text(wrapper, 'message')).toBe('All 3 pods updated and available.');
  });

  it.each([
    ['no pod is scheduled', rollout('fail', 'noneScheduled', 0, 0, 0), 'The DaemonSet wants 0 pods: its nodeSelector or tolerations match no control-plane node.'],
    ['too few pods are scheduled', rollout('fail', 'tooFew', 2, 2, 2), 'The DaemonSet wants 2 pods for 3 control-plane nodes.'],
  ])('should show a clear failure when %s', (_desc, r, message) => {
    const wrapper = mountRollout(r);

    expect(wrapper.find('[data-testid="aws-oot-rollout-status"]').classes()).toContain('bg-error');
    expect(text(wrapper, 'failure')).toBe(message);
    expect(wrapper.find('[data-testid="aws-oot-rollout-desired"]').classes()).toContain('text-error');
  });

  it.each([
    ['0 desired pods', rollout('pass', 'pass', 0, 0, 0), 'The DaemonSet wants 0 pods: it will never run on a control-plane node. This is a failure, not success.'],
    ['a desired count other than the control-plane count', rollout('pass', 'pass', 4, 4, 4), 'The DaemonSet wants 4 pods, but there are 3 control-plane nodes.'],
  ])('should never show %s as a pass', (_desc, r, message) => {
    const wrapper = mountRollout(r);

    expect(text(wrapper, 'status')).toBe('Failed');
    expect(text(wrapper, 'failure')).toBe(message);
    expect(wrapper.find('[data-testid="aws-oot-rollout-message"]').exists()).toBe(false);
  });

  it('should wait, not fail, while the DaemonSet does not exist yet', () => {
    const wrapper = mountRollout(rollout('pending', 'notFound', 0, 0, 0));

    expect(text(wrapper, 'status')).toBe('In progress');
    expect(text(wrapper, 'message')).toBe('The aws-cloud-controller-manager DaemonSet does not exist yet.');
    expect(wrapper.find('[data-testid="aws-oot-rollout-failure"]').exists()).toBe(false);
  });
});
