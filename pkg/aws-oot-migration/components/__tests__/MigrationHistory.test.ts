import { mount } from '@vue/test-utils';
import MigrationHistory, { HistoryEntry } from '../MigrationHistory.vue';

const ENTRIES: HistoryEntry[] = [
  { step: 'enable-leader-migration', user: 'admin', time: '2026-03-01T10:00:00Z', title: { key: 'awsOotMigration.engine.steps.enable-leader-migration.title' } },
  { step: 'custom-step', user: '<b>mallory</b>', time: '2026-03-01T12:00:00Z' },
  { step: 'install-ccm', user: 'ops', time: '2026-03-01T11:00:00Z', title: { key: 'awsOotMigration.engine.steps.install-ccm.title' } },
];

const rows = (wrapper: ReturnType<typeof mount>) => wrapper.findAll('[data-testid^="aws-oot-history-row-"]').map((r) => r.findAll('td').map((td) => td.text()));

describe('component: MigrationHistory', () => {
  it('should list the applied steps newest first, with their titles, users and times', () => {
    const wrapper = mount(MigrationHistory, { props: { entries: ENTRIES } });

    expect(rows(wrapper)).toStrictEqual([
      ['2026-03-01T12:00:00Z', 'custom-step', '<b>mallory</b>'],
      ['2026-03-01T11:00:00Z', 'Install the AWS cloud-controller-manager', 'ops'],
      ['2026-03-01T10:00:00Z', 'Enable leader migration on the kube-controller-manager', 'admin'],
    ]);
    expect(wrapper.find('[data-testid="aws-oot-history"] b').exists()).toBe(false);
    expect(wrapper.text()).not.toMatch(/%awsOotMigration[\w.-]*%/);
  });

  it('should not reorder the entries it was given', () => {
    const entries = [...ENTRIES];

    mount(MigrationHistory, { props: { entries } });

    expect(entries).toStrictEqual(ENTRIES);
  });

  it('should say so when no step has been applied', () => {
    const wrapper = mount(MigrationHistory, { props: { entries: [] } });

    expect(wrapper.find('[data-testid="aws-oot-history-empty"]').text()).toBe('No step has been applied to this cluster yet.');
    expect(wrapper.find('[data-testid="aws-oot-history"]').exists()).toBe(false);
  });
});
