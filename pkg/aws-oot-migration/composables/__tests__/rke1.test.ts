import { effectScope, nextTick, reactive } from 'vue';
import { cluster as loadCluster, nodes as loadNodes } from '../../../../test/fixtures/load';
import { useMigration } from '../useMigration';
import { MGMT_REREAD_MS } from '../useObservedCluster';
import { fakeClient } from './fake-client';

// RKE1: the config is read and written through Norman, which cannot be watched. The Steve management cluster is
// watched instead; each change of it reads the Norman cluster once, so RKE's progress reaches the page live.
function rke1Client() {
  const norman = loadCluster('rke1-mgmt-aws');
  const mgmt = { metadata: { name: 'c-rke1a', resourceVersion: '10' } };
  const client = fakeClient({ ...loadCluster('rke1-prov'), status: { clusterName: 'c-rke1a' } }, {
    getNormanCluster:       jest.fn(async() => JSON.parse(JSON.stringify(norman))),
    watchManagementCluster: jest.fn(async() => ({ object: mgmt, stop: jest.fn() })),
  });

  return { client, mgmt, norman };
}

async function start() {
  const { client, mgmt, norman } = rke1Client();
  const scope = effectScope();
  const m = scope.run(() => useMigration({
    client, cluster: { namespace: 'fleet-default', name: 'aws-rke1' }, user: () => 'admin', autoStop: false
  }))!;

  await m.observed.load();
  client.list('node', loadNodes('rke1-nodes'));
  await nextTick();

  return {
    m, client, mgmt, norman
  };
}

describe('RKE1 live', () => {
  afterEach(() => jest.useRealTimers());

  it('reads the Norman cluster again once per burst of management-cluster changes', async() => {
    const { m, client, mgmt } = await start();
    const reads = () => (client.getNormanCluster as jest.Mock).mock.calls.length;
    const model = (m.observed as any).managementResource;

    expect(reads()).toBe(1);
    expect(model.value.metadata.resourceVersion).toBe('10');
    jest.useFakeTimers();
    // the watched model is reactive: the store's socket updates it in place
    const live = (client.watchManagementCluster as jest.Mock).mock.results[0].value;
    const socketSide = reactive((await live).object); // the same proxy the page reads

    socketSide.metadata.resourceVersion = '11';
    expect(mgmt.metadata.resourceVersion).toBe('11');
    await nextTick();
    socketSide.metadata.resourceVersion = '12';
    await nextTick();
    expect(reads()).toBe(1);
    jest.advanceTimersByTime(MGMT_REREAD_MS);
    expect(reads()).toBe(2);
  });

  it('dry-runs an RKE1 step against the management cluster, not the provisioning cluster', async() => {
    const { m, client } = await start();
    const step = m.plan.current.value!;

    expect(m.plan.plan.value.distro).toBe('rke1');
    expect(await m.runner.dryRun(step)).toBe(true);
    expect(client.dryRunProvisioningCluster).not.toHaveBeenCalled();
    const [mgmt, current, desired] = (client.dryRunManagementCluster as jest.Mock).mock.calls[0];

    expect(mgmt.metadata.name).toBe('c-rke1a');
    expect(current.rancherKubernetesEngineConfig.services.kubeController.extraArgs).not.toHaveProperty('enable-leader-migration');
    expect(desired.rancherKubernetesEngineConfig.services.kubeController.extraArgs).toHaveProperty('enable-leader-migration');
  });

  it('feeds services, storage and CSI drivers to the preflight, read once', async() => {
    const { m, client } = await start();

    expect([client.listLoadBalancers, client.listStorageClasses, client.listPersistentVolumes, client.listCsiDrivers].map((f) => (f as jest.Mock).mock.calls.length)).toStrictEqual([1, 1, 1, 1]);
    expect(m.plan.plan.value.preflight.find((p) => p.id === 'load-balancers')?.message.key).not.toMatch(/notChecked$/);
  });
});
