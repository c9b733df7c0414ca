import { toRaw } from 'vue';
import { mount } from '@vue/test-utils';
import NodeChecksTable, { NodeCheckRow } from '../NodeChecksTable.vue';
import { shellGlobal } from './support/shell-store';

// SortableTable imports the row-action menus, whose RcButton uses defineProps<ImportedType>(), which
// vue3-jest cannot compile without file-system access. Row actions are off in this table, so they are stubbed.
jest.mock('@shell/components/ActionMenuShell.vue', () => ({ name: 'ActionMenu', render: () => null }));
jest.mock('@shell/components/ActionDropdownShell.vue', () => ({ name: 'ActionDropdownShell', render: () => null }));

function node(i: number, over: Partial<NodeCheckRow> = {}): NodeCheckRow {
  const n = String(i).padStart(4, '0');

  return {
    name:            `ip-10-0-${ n }.ec2.internal`,
    roles:           ['worker'],
    providerID:      `aws:///us-east-1a/i-${ n }`,
    providerIdValid: true,
    uninitialized:   false,
    cordoned:        false,
    ready:           'True',
    ...over,
  };
}

function mountTable(rows: NodeCheckRow[], props: Record<string, unknown> = {}) {
  return mount(NodeChecksTable, {
    props:  {
      rows, initialized: rows.filter((r) => !r.uninitialized).length, total: rows.length, ...props
    },
    global: shellGlobal(),
  });
}

const rowsOf = (wrapper: ReturnType<typeof mountTable>) => wrapper.findAll('[data-testid="aws-oot-node-table"] tbody tr.main-row');

describe('component: NodeChecksTable', () => {
  it('should show how many nodes are initialized', () => {
    const wrapper = mountTable([node(1), node(2, { uninitialized: true })]);

    expect(wrapper.find('[data-testid="aws-oot-node-progress-text"]').text()).toBe('1 of 2 nodes initialized');
  });

  it('should render one row per node with its name, roles and provider ID as text', () => {
    const wrapper = mountTable([node(1, { roles: ['control-plane', 'etcd'] })]);
    const [row] = rowsOf(wrapper);

    expect(row.text()).toContain('ip-10-0-0001.ec2.internal');
    expect(row.text()).toContain('control-plane, etcd');
    expect(row.text()).toContain('aws:///us-east-1a/i-0001');
    expect(wrapper.text()).not.toMatch(/%awsOotMigration[\w.-]*%/);
  });

  it.each([
    ['a healthy node', {}, ['Valid', 'Initialized', 'Schedulable', 'Ready']],
    ['an RKE2 provider ID', { providerID: 'rke2://ip-1', providerIdValid: false }, ['Invalid', 'Initialized', 'Schedulable', 'Ready']],
    ['an uninitialized node', { uninitialized: true }, ['Valid', 'Uninitialized', 'Schedulable', 'Ready']],
    ['a cordoned node', { cordoned: true }, ['Valid', 'Initialized', 'Cordoned', 'Ready']],
    ['a node not ready', { ready: 'False' as const }, ['Valid', 'Initialized', 'Schedulable', 'Not ready']],
    ['a node in unknown state', { ready: 'Unknown' as const }, ['Valid', 'Initialized', 'Schedulable', 'Unknown']],
    ['a boolean ready flag', { ready: false }, ['Valid', 'Initialized', 'Schedulable', 'Not ready']],
  ])('should show badges for %s', (_desc, over, labels) => {
    const wrapper = mountTable([node(1, over)]);
    const badges = rowsOf(wrapper)[0].findAll('.badge-state');

    expect(badges.map((b) => b.text())).toStrictEqual(labels);
  });

  it('should colour a bad provider ID as an error', () => {
    const wrapper = mountTable([node(1, { providerID: '', providerIdValid: false })]);
    const badges = rowsOf(wrapper)[0].findAll('.badge-state');

    expect(badges[0].classes()).toContain('bg-error');
    expect(rowsOf(wrapper)[0].text()).toContain('none');
  });

  it('should render a node name containing markup as text', () => {
    const wrapper = mountTable([node(1, { name: '<img src=x onerror=alert(1)>' })]);

    expect(wrapper.find('[data-testid="aws-oot-node-table"] tbody img').exists()).toBe(false);
    expect(rowsOf(wrapper)[0].text()).toContain('<img src=x onerror=alert(1)>');
  });

  it('should render only one page of 2,000 nodes and show the paging', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => node(i, { uninitialized: i % 4 === 0 }));
    const wrapper = mountTable(rows, { rowsPerPage: 50 });

    expect(rowsOf(wrapper)).toHaveLength(50);
    expect(wrapper.find('[data-testid="aws-oot-node-progress-text"]').text()).toBe('1500 of 2000 nodes initialized');
    expect(wrapper.text()).toContain('1 - 50 of 2000 nodes');
  });

  it('should go to the next page of 2,000 nodes', async() => {
    const rows = Array.from({ length: 2000 }, (_, i) => node(i));
    const wrapper = mountTable(rows, { rowsPerPage: 50 });

    await wrapper.find('[data-testid="pagination-next"]').trigger('click');

    expect(rowsOf(wrapper)).toHaveLength(50);
    expect(rowsOf(wrapper)[0].text()).toContain('ip-10-0-0050.ec2.internal');
    expect(wrapper.text()).toContain('51 - 100 of 2000 nodes');
  });

  it('should show the rows it is given without copying them', () => {
    const rows = [node(1)];
    const wrapper = mountTable(rows);

    // The test harness wraps props reactively; what matters is that the table got the caller's array, not a copy.
    expect(toRaw(wrapper.findComponent({ name: 'SortableTable' }).props('rows'))).toBe(rows);
  });

  it('should say so when there are no nodes', () => {
    const wrapper = mountTable([]);

    expect(wrapper.text()).toContain('No nodes found.');
    expect(wrapper.find('[data-testid="aws-oot-node-progress-text"]').text()).toBe('0 of 0 nodes initialized');
  });
});
