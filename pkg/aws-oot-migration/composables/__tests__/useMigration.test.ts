import { effectScope, nextTick } from 'vue';
import { cluster as loadCluster, nodes as loadNodes } from '../../../../test/fixtures/load';
import { readHistory } from '../../api';
import { useMigration } from '../useMigration';
import { OPTIONS_ANNOTATION, readOptions } from '../options';
import { NODE_BURST_MS } from '../useObservedCluster';
import { fakeClient, type FakeClient } from './fake-client';

const NOW = () => new Date('2026-11-23T10:00:00Z');

function rke2(): any {
  const c = loadCluster('rke2-dashboard-intree');

  return { ...c, status: { ...(c.status || {}), clusterName: 'c-m-aws1' } };
}

async function start(client: FakeClient) {
  const scope = effectScope();
  const m = scope.run(() => useMigration({
    client, cluster: { namespace: 'fleet-default', name: 'prod-east' }, user: () => 'user-admin', now: NOW, autoStop: false
  }))!;

  await m.observed.load();
  client.list('node', loadNodes('rke2-nodes'));
  client.list('apps.daemonset', []);
  await nextTick();

  return { m, scope };
}

/** What the store's socket does after our PUT: the model becomes the saved object. */
function serverApplies(client: FakeClient, saved: any) {
  const next = JSON.parse(JSON.stringify(saved));

  next.metadata.generation = (next.metadata.generation || 0) + 1;
  Object.assign(client.prov, next);
}

describe('useMigration', () => {
  it('should derive the current step from the observed cluster and watch it over websockets', async() => {
    const client = fakeClient(rke2());
    const { m } = await start(client);

    expect(client.watchProvisioningCluster).toHaveBeenCalledWith('fleet-default', 'prod-east');
    expect(client.watchDownstream).toHaveBeenCalledWith('c-m-aws1', { type: 'node' }, expect.anything());
    expect(m.plan.currentId.value).toBe('enable-leader-migration');
    expect(m.plan.current.value?.kind).toBe('update-cluster');
    expect(m.plan.started.value).toBe(false);
    expect(m.observed.logLines.value).toEqual(['line 1', 'line 2']);
  });

  it('should apply the step with the history entry and the chosen options in one write, then follow the cluster', async() => {
    const client = fakeClient(rke2());
    const { m } = await start(client);

    m.plan.choices.mode = 'leader-migration';
    m.plan.choices.kubernetesVersion = 'v1.27.16+rke2r1';
    const step = m.plan.current.value!;

    expect(await m.runner.apply(step)).toBe(true);

    expect(client.saveProvisioningCluster).toHaveBeenCalledTimes(1);
    const [base, desired, opts] = (client.saveProvisioningCluster as jest.Mock).mock.calls[0];

    expect(base.metadata.resourceVersion).toBe('918273');
    expect(opts).toEqual({ history: { step: 'enable-leader-migration', user: 'user-admin', time: '2026-11-23T10:00:00.000Z' } });
    expect(JSON.stringify(desired.spec)).toContain('enable-leader-migration');
    expect(readOptions(desired)).toEqual(expect.objectContaining({ mode: 'leader-migration', kubernetesVersion: 'v1.27.16+rke2r1' }));
    expect(readOptions(desired).baselineNodeNames).toHaveLength(loadNodes('rke2-nodes').length);

    // the server records the entry (the api layer adds it to the PUT); the watch brings the new object
    serverApplies(client, { ...desired, metadata: { ...desired.metadata, resourceVersion: '2', annotations: { ...desired.metadata.annotations, 'aws-oot-migration.cattle.io/history': JSON.stringify([opts.history]) } } });
    await nextTick();

    expect(m.plan.started.value).toBe(true);
    expect(m.plan.effective.value.kubernetesVersion).toBe('v1.27.16+rke2r1');
    expect(m.plan.steps.value.find((s) => s.id === 'enable-leader-migration')?.status).toBe('done');
    expect(m.plan.currentId.value).toBe('wait-leader-migration');
    expect(readHistory(m.observed.cluster.value)).toEqual([opts.history]);
  });

  it('should resume with the options recorded on the cluster, whatever this browser picked', async() => {
    const c = rke2();

    c.metadata.annotations[OPTIONS_ANNOTATION] = JSON.stringify({ mode: 'downtime' });
    const client = fakeClient(c);
    const { m } = await start(client);

    m.plan.choices.mode = 'leader-migration';

    expect(m.plan.started.value).toBe(true);
    expect(m.plan.effective.value.mode).toBe('downtime');
    expect(m.plan.currentId.value).toBe('switch-provider');
  });

  it.each([
    ['invalid YAML', 'spec: [unclosed', 'awsOotMigration.page.errors.invalidYaml'],
    ['a change outside the step', null, 'awsOotMigration.page.errors.outsideStep'],
  ])('should refuse %s and write nothing', async(_name, yamlText, key) => {
    const client = fakeClient(rke2());
    const { m } = await start(client);
    const step = m.plan.current.value!;
    const edited = yamlText ?? `apiVersion: provisioning.cattle.io/v1\nkind: Cluster\nmetadata:\n  name: prod-east\n  namespace: fleet-default\nspec:\n  kubernetesVersion: v1.99.0\n`;

    expect(await m.runner.apply(step, edited)).toBe(false);
    expect(m.runner.error.value?.messageKey).toBe(key);
    expect(client.saveProvisioningCluster).not.toHaveBeenCalled();
  });

  it('should report the fields of a conflicting concurrent edit and keep theirs', async() => {
    const client = fakeClient(rke2(), {
      saveProvisioningCluster: jest.fn(async(b: any) => ({
        ok: false as const, conflicts: [{ path: 'spec.rkeConfig.machineSelectorConfig', base: 1, ours: 2, theirs: 3 }], server: b, error: {
          kind: 'conflict' as const, messageKey: 'awsOotMigration.errors.conflictFields', params: { count: 1, target: 'x' }, status: 409
        }
      })),
    });
    const { m } = await start(client);

    expect(await m.runner.apply(m.plan.current.value!)).toBe(false);
    expect(m.runner.conflict.value).toEqual({ paths: ['spec.rkeConfig.machineSelectorConfig'] });
    expect(m.runner.error.value?.kind).toBe('conflict');

    // their edit makes Rancher reconcile: the page passes a wait step and comes back, and the conflict stays explained
    m.runner.reset({ keepConflict: true });
    expect([m.runner.conflict.value, m.runner.error.value?.kind]).toStrictEqual([{ paths: ['spec.rkeConfig.machineSelectorConfig'] }, 'conflict']);
    m.runner.reset();
    expect([m.runner.conflict.value, m.runner.error.value]).toStrictEqual([null, null]);
  });

  it('should forget any other error when the page moves to another step', async() => {
    const client = fakeClient(rke2(), { saveProvisioningCluster: jest.fn(() => Promise.reject(Object.assign(new Error('boom'), { _status: 500 }))) });
    const { m } = await start(client);

    expect(await m.runner.apply(m.plan.current.value!)).toBe(false);
    expect(m.runner.error.value?.kind).toBe('server');
    m.runner.reset({ keepConflict: true });
    expect(m.runner.error.value).toBeNull();
  });

  it('should dry run the reviewed change on the server', async() => {
    const client = fakeClient(rke2());
    const { m } = await start(client);

    expect(await m.runner.dryRun(m.plan.current.value!)).toBe(true);
    expect(client.dryRunProvisioningCluster).toHaveBeenCalledTimes(1);
    expect(m.runner.dryRunResult.value).toEqual({ ok: true });
  });

  it('should list per-node cordon failures and record the step only once every node succeeded', async() => {
    const cps = loadNodes('rke2-nodes').filter((n: any) => n.metadata.labels['node-role.kubernetes.io/control-plane'] === 'true').map((n: any) => n.metadata.name);
    const fail = new Set([cps[1]]);
    const client = fakeClient(rke2(), {
      cordonNodes: jest.fn(async(_id: string, ns: any[]) => ns.map((n) => ({ name: n.metadata.name, ok: !fail.has(n.metadata.name), error: fail.has(n.metadata.name) ? 'boom' : undefined }))),
    });
    const { m } = await start(client);
    const step = {
      id: 'cordon-control-plane', kind: 'cordon' as const, nodes: cps, title: { key: 't' }, changes: { key: 'c' }, doneWhen: { key: 'd' }, reversible: true
    };

    expect(await m.runner.cordon(step)).toBe(false);
    expect(m.runner.cordonResults.value.filter((r) => !r.ok).map((r) => r.name)).toEqual([...fail]);
    expect(client.saveProvisioningCluster).not.toHaveBeenCalled();

    fail.clear();
    expect(await m.runner.cordon(step, [cps[1]])).toBe(true);
    expect((client.cordonNodes as jest.Mock).mock.calls[1][1].map((n: any) => n.metadata.name)).toEqual([cps[1]]);
    expect(m.runner.cordonResults.value.every((r) => r.ok)).toBe(true);
    expect((client.saveProvisioningCluster as jest.Mock).mock.calls[0][2].history.step).toBe('cordon-control-plane');
  });

  it('should keep the per-node cordon results after the page moves to the next step, and start over on another step', async() => {
    const cps = loadNodes('rke2-nodes').filter((n: any) => n.metadata.labels['node-role.kubernetes.io/control-plane'] === 'true').map((n: any) => n.metadata.name);
    const client = fakeClient(rke2(), { cordonNodes: jest.fn(async(_id: string, ns: any[]) => ns.map((n) => ({ name: n.metadata.name, ok: true }))) });
    const { m } = await start(client);
    const step = (id: string, kind: 'cordon' | 'uncordon') => ({
      id, kind, nodes: cps, title: { key: 't' }, changes: { key: 'c' }, doneWhen: { key: 'd' }, reversible: true
    });

    expect(await m.runner.cordon(step('cordon-control-plane', 'cordon'))).toBe(true);
    m.runner.reset(); // what the page does when the watch shows the next step
    expect(m.runner.cordonResults.value.map((r) => r.name)).toEqual(cps);
    expect(m.runner.cordonAction.value).toBe('cordon');

    expect(await m.runner.cordon(step('uncordon-control-plane', 'uncordon'), [cps[0]])).toBe(true);
    expect(m.runner.cordonResults.value.map((r) => r.name)).toEqual([cps[0]]);
    expect(m.runner.cordonAction.value).toBe('uncordon');
  });

  it('should replace the node array once per burst of events', async() => {
    const client = fakeClient(rke2());
    const { m } = await start(client);
    const before = m.observed.nodes.value!;
    const n = JSON.parse(JSON.stringify(before[0]));

    n.spec.unschedulable = true;
    jest.useFakeTimers();
    client.event('node', 'change', n);
    jest.advanceTimersByTime(NODE_BURST_MS - 1);
    client.event('node', 'change', { ...n, metadata: { ...n.metadata, resourceVersion: '101' } });
    await Promise.resolve();
    expect(m.observed.nodes.value).toBe(before);
    jest.advanceTimersByTime(1);
    jest.useRealTimers();
    expect(m.observed.nodes.value).not.toBe(before);
    expect(m.observed.nodes.value).toHaveLength(before.length);
    expect(m.observed.nodes.value!.find((x) => x.metadata.name === n.metadata.name)?.metadata.resourceVersion).toBe('101');
  });

  it('should show a load failure as a normalised error instead of spinning', async() => {
    const client = fakeClient(rke2(), { watchProvisioningCluster: jest.fn(() => Promise.reject(Object.assign(new Error('gone'), { _status: 404 }))) });
    const { m } = await start(client);

    expect(m.observed.loading.value).toBe(false);
    expect(m.observed.error.value).toEqual(expect.objectContaining({ kind: expect.any(String), messageKey: expect.any(String) }));
    expect(m.observed.cluster.value).toBeNull();
  });

  it('should offer to revert the last applied reversible step', async() => {
    const client = fakeClient(rke2());
    const { m } = await start(client);

    await m.runner.apply(m.plan.current.value!);
    serverApplies(client, (client.saveProvisioningCluster as jest.Mock).mock.calls[0][1]);
    await nextTick();

    expect(m.plan.revertible.value?.id).toBe('enable-leader-migration');
    expect(await m.runner.revert(m.plan.revertible.value!)).toBe(true);
    const [, desired, opts] = (client.saveProvisioningCluster as jest.Mock).mock.calls[1];

    expect(JSON.stringify(desired.spec)).not.toContain('enable-leader-migration');
    expect(opts.history.step).toBe('revert:enable-leader-migration');
  });
});
