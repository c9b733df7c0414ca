import { mount } from '@vue/test-utils';
import StepReview from '../StepReview.vue';
import YamlEditor from '@shell/components/YamlEditor.vue';
import type { PlanStep } from '../../migration/types';
import { shellGlobal } from './support/shell-store';

const S = 'awsOotMigration.engine.steps';

const STEP: PlanStep = {
  id:         'enable-leader-migration',
  kind:       'update-cluster',
  title:      { key: `${ S }.enable-leader-migration.title` },
  changes:    { key: `${ S }.enable-leader-migration.changes` },
  doneWhen:   { key: `${ S }.enable-leader-migration.doneWhen` },
  reversible: true,
  revert:     { key: `${ S }.enable-leader-migration.revert` },
};

const BEFORE = 'spec:\n  kubernetesVersion: v1.26.15+rke2r1\n';
const AFTER = 'spec:\n  kubernetesVersion: v1.26.15+rke2r1\n  enable-leader-migration: true\n';

function mountReview(props: Record<string, unknown> = {}) {
  return mount(StepReview, {
    props:  {
      step: STEP, beforeYaml: BEFORE, proposedYaml: AFTER, ...props
    },
    // CodeMirror needs a real browser; the editor is checked through the props it is given.
    global: { ...shellGlobal(), stubs: { YamlEditor: true } },
  });
}

const editor = (wrapper: ReturnType<typeof mountReview>) => wrapper.findComponent(YamlEditor);
const button = (wrapper: ReturnType<typeof mountReview>, id: string) => wrapper.find(`[data-testid="aws-oot-review-${ id }-async-button"]`);

describe('component: StepReview', () => {
  it('should explain the step: title, what changes, when it is done and how to revert', () => {
    const wrapper = mountReview();

    expect(wrapper.find('[data-testid="aws-oot-review-title"]').text()).toBe('Enable leader migration on the kube-controller-manager');
    expect(wrapper.find('[data-testid="aws-oot-review-changes"]').text()).toContain('Adds enable-leader-migration');
    expect(wrapper.find('[data-testid="aws-oot-review-done-when"]').text()).toContain('effective kube-controller-manager-arg');
    expect(wrapper.find('[data-testid="aws-oot-review-revert"]').text()).toBe('Remove enable-leader-migration from kube-controller-manager-arg.');
    expect(wrapper.text()).not.toMatch(/%awsOotMigration[\w.-]*%/);
  });

  it('should say when a step cannot be reverted', () => {
    const wrapper = mountReview({ step: { ...STEP, reversible: false, revert: undefined } });

    expect(wrapper.find('[data-testid="aws-oot-review-revert"]').text()).toBe('This step cannot be reverted from here.');
  });

  it('should show the before and after YAML side by side in the diff view', () => {
    const wrapper = mountReview();

    expect(editor(wrapper).props()).toMatchObject({ editorMode: 'DIFF_CODE', initialYamlValues: BEFORE, value: AFTER });
  });

  it('should switch to editing the proposed YAML and back', async() => {
    const wrapper = mountReview();
    const toggle = wrapper.find('[data-testid="aws-oot-review-toggle-edit"]');

    expect(toggle.text()).toBe('Edit proposed YAML');
    await toggle.trigger('click');

    expect(editor(wrapper).props()).toMatchObject({ editorMode: 'EDIT_CODE', value: AFTER });
    expect(toggle.text()).toBe('Show the diff');

    await toggle.trigger('click');

    expect(editor(wrapper).props('editorMode')).toBe('DIFF_CODE');
  });

  it('should emit the edited YAML', async() => {
    const wrapper = mountReview();

    await wrapper.find('[data-testid="aws-oot-review-toggle-edit"]').trigger('click');
    editor(wrapper).vm.$emit('update:value', 'spec: {}\n');

    expect(wrapper.emitted('update:proposedYaml')).toStrictEqual([['spec: {}\n']]);
  });

  it('should re-create the diff view when the proposal changes, since the editor copies its inputs once', async() => {
    const wrapper = mountReview();
    const first = editor(wrapper).vm;

    await wrapper.setProps({ proposedYaml: 'spec: {}\n' });

    expect(editor(wrapper).vm).not.toBe(first);
    expect(editor(wrapper).props('value')).toBe('spec: {}\n');
  });

  it('should keep the same editor while the user types', async() => {
    const wrapper = mountReview();

    await wrapper.find('[data-testid="aws-oot-review-toggle-edit"]').trigger('click');
    const first = editor(wrapper).vm;

    await wrapper.setProps({ proposedYaml: 'spec: {}\n' });

    expect(editor(wrapper).vm).toBe(first);
  });

  it('should show each error as an error banner and keep Apply and Dry run disabled', () => {
    const wrapper = mountReview({
      errors: [
        { key: 'awsOotMigration.engine.drift.manifestInvalid', params: { error: 'bad indentation' } },
        { key: 'awsOotMigration.engine.drift.stillCordoned' },
      ],
    });

    expect(wrapper.find('[data-testid="aws-oot-review-error-0"]').text()).toBe('The additionalManifest is no longer valid YAML (bad indentation).');
    expect(wrapper.find('[data-testid="aws-oot-review-error-1"]').classes()).toContain('error');
    expect(button(wrapper, 'apply').attributes('disabled')).toBeDefined();
    expect(button(wrapper, 'dry-run').attributes('disabled')).toBeDefined();
    expect(wrapper.find('[data-testid="aws-oot-review-disabled-reason"]').text()).toBe('Fix the errors above before applying.');
  });

  it.each([
    ['the step cannot be applied yet', { canApply: false }, 'Apply is not available yet: finish the previous steps first.'],
    ['an operation is running', { busy: true }, 'Waiting for the current operation to finish…'],
  ])('should disable Apply and say why when %s', (_desc, props, reason) => {
    const wrapper = mountReview(props);

    expect(button(wrapper, 'apply').attributes('disabled')).toBeDefined();
    expect(wrapper.find('[data-testid="aws-oot-review-disabled-reason"]').text()).toBe(reason);
  });

  it('should enable Apply with no errors and no reason shown', () => {
    const wrapper = mountReview();

    expect(button(wrapper, 'apply').attributes('disabled')).toBeUndefined();
    expect(button(wrapper, 'apply').text()).toBe('Apply');
    expect(wrapper.find('[data-testid="aws-oot-review-disabled-reason"]').exists()).toBe(false);
  });

  it.each([
    ['dry-run', 'dry-run'],
    ['apply', 'apply'],
  ])('should emit %s with the button callback', async(id, event) => {
    const wrapper = mountReview();

    await button(wrapper, id).trigger('click');
    const emitted = wrapper.emitted(event) as [(ok: boolean) => void][];

    expect(emitted).toHaveLength(1);
    expect(typeof emitted[0][0]).toBe('function');
  });

  it.each([
    [true, 'Applied'],
    [false, 'Failed'],
  ])('should let the caller report the apply outcome (%s) through the callback', async(ok, label) => {
    const wrapper = mountReview();

    await button(wrapper, 'apply').trigger('click');
    const [[cb]] = wrapper.emitted('apply') as [(ok: boolean) => void][];

    cb(ok);
    await wrapper.vm.$nextTick();

    expect(button(wrapper, 'apply').text()).toBe(label);
  });

  it('should not emit apply while disabled', async() => {
    const wrapper = mountReview({ canApply: false });

    await button(wrapper, 'apply').trigger('click');

    expect(wrapper.emitted('apply')).toBeUndefined();
  });

  it.each([
    [true, 'success', 'Dry run passed: the server accepts this change.'],
    [false, 'error', 'Dry run failed: the server rejects this change.'],
  ])('should show a dry run result ok=%s', (ok, color, text) => {
    const wrapper = mountReview({ dryRunResult: { ok, message: 'admission webhook said <b>no</b>' } });
    const banner = wrapper.find('[data-testid="aws-oot-review-dry-run-result"]');

    expect(banner.classes()).toContain(color);
    expect(banner.text()).toContain(text);
    expect(banner.text()).toContain('admission webhook said <b>no</b>');
    expect(banner.find('b').exists()).toBe(false);
  });

  it('should warn about a conflicting edit, list the paths and ask for another review', async() => {
    const wrapper = mountReview();

    await wrapper.find('[data-testid="aws-oot-review-toggle-edit"]').trigger('click');
    await wrapper.setProps({ conflict: { paths: ['/spec/rkeConfig/machineSelectorConfig/0/config', '/spec/kubernetesVersion'] } });
    const banner = wrapper.find('[data-testid="aws-oot-review-conflict"]');

    expect(banner.classes()).toContain('warning');
    expect(wrapper.findAll('[data-testid="aws-oot-review-conflict-paths"] li').map((li) => li.text())).toStrictEqual([
      '/spec/rkeConfig/machineSelectorConfig/0/config', '/spec/kubernetesVersion',
    ]);
    expect(banner.text()).toContain('Review the updated diff again before applying.');
    expect(editor(wrapper).props('editorMode')).toBe('DIFF_CODE');
  });
});
