import { mount } from '@vue/test-utils';
import ModeAndVersion from '../ModeAndVersion.vue';
import LabeledSelect from '@shell/components/form/LabeledSelect.vue';
import { shellGlobal } from './support/shell-store';

const VERSIONS = [{ value: 'v1.27.16+rke2r2', label: 'v1.27.16+rke2r2' }];

function mountMode(props: Record<string, unknown> = {}) {
  return mount(ModeAndVersion, {
    props:  {
      mode: 'leader-migration', recommendedMode: 'leader-migration', versions: VERSIONS, ...props
    },
    // vue-select is installed globally by the app; the select is checked through its props and events.
    global: { ...shellGlobal(), stubs: { LabeledSelect: true } },
  });
}

const radioLabels = (wrapper: ReturnType<typeof mountMode>) => wrapper.findAll('[data-testid="aws-oot-mode"] .radio-label').map((l) => l.text());

describe('component: ModeAndVersion', () => {
  it.each([
    ['leader-migration', ['Leader migration (recommended)', 'Downtime']],
    ['downtime', ['Leader migration', 'Downtime (recommended)']],
  ])('should mark %s as recommended', (recommendedMode, labels) => {
    const wrapper = mountMode({ recommendedMode });

    expect(radioLabels(wrapper)).toStrictEqual(labels);
    expect(wrapper.text()).not.toMatch(/%awsOotMigration[\w.-]*%/);
  });

  it('should check the current mode', () => {
    const wrapper = mountMode({ mode: 'downtime' });
    const inputs = wrapper.findAll<HTMLInputElement>('[data-testid="aws-oot-mode"] input[type="radio"]');

    expect(inputs.map((i) => i.element.checked)).toStrictEqual([false, true]);
  });

  it('should emit the chosen mode', async() => {
    const wrapper = mountMode();

    await wrapper.findAll('[data-testid="aws-oot-mode"] .radio-container')[1].trigger('click');

    expect(wrapper.emitted('update:mode')).toStrictEqual([['downtime']]);
  });

  it('should explain that leader migration buys nothing with one control-plane node', () => {
    const wrapper = mountMode({ singleControlPlane: true, recommendedMode: 'downtime' });

    expect(wrapper.find('[data-testid="aws-oot-mode-single-cp"]').text()).toContain('leader migration buys nothing');
  });

  it('should not show the single control-plane note otherwise', () => {
    const wrapper = mountMode();

    expect(wrapper.find('[data-testid="aws-oot-mode-single-cp"]').exists()).toBe(false);
  });

  it('should offer "keep the current version" first, then the versions, keeping the current one by default', () => {
    const wrapper = mountMode();
    const select = wrapper.findComponent(LabeledSelect);

    expect(select.props('options')).toStrictEqual([{ value: '', label: 'Keep the current version' }, ...VERSIONS]);
    expect(select.props('value')).toBe('');
  });

  it('should show the chosen target version', () => {
    const wrapper = mountMode({ targetVersion: 'v1.27.16+rke2r2' });

    expect(wrapper.findComponent(LabeledSelect).props('value')).toBe('v1.27.16+rke2r2');
  });

  it.each([
    ['a version', 'v1.27.16+rke2r2', 'v1.27.16+rke2r2'],
    ['"keep the current version"', '', null],
  ])('should emit the target version when choosing %s', (_desc, chosen, emitted) => {
    const wrapper = mountMode();

    wrapper.findComponent(LabeledSelect).vm.$emit('update:value', chosen);

    expect(wrapper.emitted('update:targetVersion')).toStrictEqual([[emitted]]);
  });
});
