import { mount } from '@vue/test-utils';
import PreflightChecks from '../PreflightChecks.vue';
import type { PreflightResult } from '../../migration/types';
import { shellGlobal } from './support/shell-store';

const E = 'awsOotMigration.engine.preflight';

const PASS: PreflightResult = {
  id: 'control-plane-count', status: 'pass', message: { key: `${ E }.control-plane-count.pass`, params: { count: 3 } }, evidence: []
};
const WARN_ACK: PreflightResult = {
  id: 'iam-tags', status: 'warn', message: { key: `${ E }.iam-tags.acknowledge`, params: { clusterId: 'c-m-abc' } }, evidence: []
};
const FAIL: PreflightResult = {
  id:       'node-names',
  status:   'fail',
  message:  { key: `${ E }.node-names.mismatch`, params: { count: 2 } },
  evidence: ['<b>node-a</b> ≠ ip-10-0-0-1.ec2.internal', 'node-b ≠ ip-10-0-0-2.ec2.internal'],
};

function mountChecks(props: Partial<InstanceType<typeof PreflightChecks>['$props']> = {}) {
  return mount(PreflightChecks, { props: { results: [PASS, WARN_ACK], ...props }, global: shellGlobal() });
}

describe('component: PreflightChecks', () => {
  it.each([
    ['pass', PASS, 'bg-success', 'Passed'],
    ['warn', WARN_ACK, 'bg-warning', 'Warning'],
    ['fail', FAIL, 'bg-error', 'Failed'],
  ])('should show a %s check with its badge colour and label', (_status, check, color, label) => {
    const wrapper = mountChecks({ results: [check] });
    const badge = wrapper.find(`[data-testid="aws-oot-preflight-status-${ check.id }"]`);

    expect(badge.classes()).toContain(color);
    expect(badge.text()).toBe(label);
  });

  it('should render each check message in English with its parameters', () => {
    const wrapper = mountChecks();

    expect(wrapper.find('[data-testid="aws-oot-preflight-message-control-plane-count"]').text()).toBe('3 control-plane nodes.');
    expect(wrapper.find('[data-testid="aws-oot-preflight-message-iam-tags"]').text()).toContain('kubernetes.io/cluster/c-m-abc');
    expect(wrapper.text()).not.toMatch(/%awsOotMigration[\w.-]*%/);
  });

  it('should list the evidence verbatim as text, never as HTML', () => {
    const wrapper = mountChecks({ results: [FAIL] });
    const items = wrapper.findAll('[data-testid="aws-oot-preflight-evidence-node-names"] li');

    expect(items.map((i) => i.text())).toStrictEqual(FAIL.evidence);
    expect(wrapper.find('[data-testid="aws-oot-preflight-evidence-node-names"] b').exists()).toBe(false);
  });

  it('should block with an error banner while a check fails', () => {
    const wrapper = mountChecks({ results: [PASS, FAIL] });
    const banner = wrapper.find('[data-testid="aws-oot-preflight-blocked"]');

    expect(banner.classes()).toContain('error');
    expect(banner.text()).toContain('The migration is blocked until every failed check is fixed.');
    expect(wrapper.emitted('can-proceed')).toStrictEqual([[false]]);
    expect(wrapper.find('[data-testid="aws-oot-preflight-proceed"]').exists()).toBe(false);
  });

  it('should show no blocking banner when nothing fails', () => {
    const wrapper = mountChecks();

    expect(wrapper.find('[data-testid="aws-oot-preflight-blocked"]').exists()).toBe(false);
  });

  it('should offer a checkbox only for the checks that need acknowledgement', () => {
    const wrapper = mountChecks({ ackRequired: ['iam-tags'] });

    expect(wrapper.find('[data-testid="aws-oot-preflight-ack-iam-tags"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="aws-oot-preflight-ack-control-plane-count"]').exists()).toBe(false);
  });

  it('should emit the acknowledged ids with the clicked check added', async() => {
    const wrapper = mountChecks({ ackRequired: ['iam-tags'], acknowledged: ['other'] });

    await wrapper.find('[data-testid="aws-oot-preflight-ack-iam-tags"] label').trigger('click');

    expect(wrapper.emitted('update:acknowledged')).toStrictEqual([[['other', 'iam-tags']]]);
  });

  it('should emit the acknowledged ids with the clicked check removed', async() => {
    const wrapper = mountChecks({ ackRequired: ['iam-tags'], acknowledged: ['other', 'iam-tags'] });

    await wrapper.find('[data-testid="aws-oot-preflight-ack-iam-tags"] label').trigger('click');

    expect(wrapper.emitted('update:acknowledged')).toStrictEqual([[['other']]]);
  });

  it('should say how many confirmations are missing and not allow proceeding', () => {
    const wrapper = mountChecks({ ackRequired: ['iam-tags'] });

    expect(wrapper.find('[data-testid="aws-oot-preflight-proceed"]').text()).toBe('Confirm the checklist items above to continue (1 left).');
    expect(wrapper.emitted('can-proceed')).toStrictEqual([[false]]);
  });

  it('should allow proceeding once every confirmation is given', async() => {
    const wrapper = mountChecks({ ackRequired: ['iam-tags'] });

    await wrapper.setProps({ acknowledged: ['iam-tags'] });

    expect(wrapper.find('[data-testid="aws-oot-preflight-proceed"]').text()).toBe('You may continue: no check failed and every checklist item is confirmed.');
    expect(wrapper.emitted('can-proceed')).toStrictEqual([[false], [true]]);
  });

  it('should not allow proceeding before any check has run', () => {
    const wrapper = mountChecks({ results: [] });

    expect(wrapper.find('[data-testid="aws-oot-preflight-empty"]').text()).toBe('No preflight checks have run yet.');
    expect(wrapper.emitted('can-proceed')).toStrictEqual([[false]]);
  });
});
