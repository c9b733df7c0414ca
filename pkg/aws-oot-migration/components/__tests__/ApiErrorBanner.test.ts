import { mount } from '@vue/test-utils';
import ApiErrorBanner, { ApiErrorView } from '../ApiErrorBanner.vue';
import { shellGlobal } from './support/shell-store';

// Any translated key serves as the API layer's message here; the hints are this component's own.
const error = (kind: string, detail?: string): ApiErrorView => ({
  kind, messageKey: 'awsOotMigration.engine.rollout.noneScheduled', params: {}, detail
});

function mountError(e: ApiErrorView | null) {
  return mount(ApiErrorBanner, { props: { error: e }, global: shellGlobal() });
}

describe('component: ApiErrorBanner', () => {
  it('should render nothing without an error', () => {
    const wrapper = mountError(null);

    expect(wrapper.find('.banner').exists()).toBe(false);
  });

  it.each([
    ['forbidden', 'You are not allowed to do this.'],
    ['not-found', 'The object no longer exists.'],
    ['conflict', 'Someone else changed this object.'],
    ['server', 'Rancher returned a server error.'],
    ['timeout', 'Rancher did not answer in time.'],
    ['unreachable', 'The downstream cluster cannot be reached'],
    ['network', 'The connection to Rancher was lost.'],
    ['invalid', 'The server rejected the request as invalid.'],
    ['something-new', 'An unexpected error occurred.'],
  ])('should show a %s error with the message and what to do', (kind, hint) => {
    const wrapper = mountError(error(kind));
    const banner = wrapper.find(`[data-testid="aws-oot-api-error-${ kind }"]`);

    expect(banner.classes()).toContain('error');
    expect(wrapper.find('[data-testid="aws-oot-api-error-message"]').text()).toBe('The DaemonSet wants 0 pods: its nodeSelector or tolerations match no control-plane node.');
    expect(wrapper.find('[data-testid="aws-oot-api-error-hint"]').text()).toContain(hint);
    expect(wrapper.text()).not.toMatch(/%awsOotMigration[\w.-]*%/);
  });

  it('should show the server detail as text', () => {
    const wrapper = mountError(error('server', '<img src=x> Internal error'));

    expect(wrapper.find('[data-testid="aws-oot-api-error-detail"]').text()).toBe('<img src=x> Internal error');
    expect(wrapper.find('img').exists()).toBe(false);
  });

  it('should emit retry', async() => {
    const wrapper = mountError(error('timeout'));

    await wrapper.find('[data-testid="aws-oot-api-error-retry"]').trigger('click');

    expect(wrapper.emitted('retry')).toStrictEqual([[]]);
  });

  it('should emit dismiss when closed', async() => {
    const wrapper = mountError(error('timeout'));

    await wrapper.find('[data-testid="banner-close"]').trigger('click');

    expect(wrapper.emitted('dismiss')).toStrictEqual([[]]);
  });
});
