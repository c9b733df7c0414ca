import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startSimulator, RunningSimulator } from './support/simulator';
import { launchBrowser, login } from './support/browser';
import {
  STEP_TIMEOUT, UNINITIALIZED, describeWrites, historySteps, isControlPlane, migrationPage, type MigrationPageDriver, type Writes,
} from './support/migration-page';

// RKE1 (Kubernetes 1.26, in-tree AWS) on Rancher 2.11 with leader migration: the config lives in the management
// cluster and is written through Norman (/v3/clusters/<id>, read-merge-write); the CCM is a chart installed through
// the downstream cluster's catalog; every step is recorded on the provisioning cluster.
const TARGET = { namespace: 'fleet-default', name: 'aws-rke1', clusterId: 'c-rke1a' };
const NORMAN = `/v3/clusters/${ TARGET.clusterId }`;

let sim: RunningSimulator;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let m: MigrationPageDriver;

before(async() => {
  sim = await startSimulator({ speed: '50', scenario: 'rke1-rancher-2.11' });
  browser = await launchBrowser();
  page = browser.page;
  m = migrationPage(page, sim, TARGET, 'rke1');
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
      process.stderr.write(`[browser] ${ msg.text() }\n`);
    }
  });
});

after(async() => {
  await browser?.close();
  await sim?.stop();
});

/** One Norman write of the cluster config and one PUT recording the step on the provisioning cluster. */
function assertNormanWrite(id: string, w: Writes) {
  process.stderr.write(`[writes] ${ id }: ${ describeWrites(w) }\n`);
  const norman = w.puts.filter((r) => r.path.split('?')[0] === NORMAN);
  const record = w.puts.filter((r) => r.path.includes(m.provPath));

  assert.equal(norman.length, 1, `${ id }: one Norman write`);
  assert.equal(norman[0].status, 200, `${ id }: it succeeded`);
  assert.equal(record.length, 1, `${ id }: one write recording the step`);
  assert.equal(w.puts.length, 2, `${ id }: no other PUT`);
  assert.deepEqual(w.patches, [], `${ id }: no PATCH`);
}

const kcmArgs = async() => (await m.normanCluster()).rancherKubernetesEngineConfig.services.kubeController.extraArgs;

describe('RKE1 migration on Rancher 2.11 with leader migration', { timeout: 900_000 }, () => {
  it('passes preflight', async() => {
    await login(page, sim.url);
    await m.open();
    await m.acknowledge();
    await m.nextEnabled();
    await m.shot('preflight');
    await m.next();
  });

  it('enables leader migration through Norman, keeping the other kube-controller args', async() => {
    assertNormanWrite('enable-leader-migration', await m.applyConfigStep('enable-leader-migration', 'wait-leader-migration'));
    const args = await kcmArgs();

    assert.equal(args['node-monitor-grace-period'], '50s', 'the existing arg is kept');
    assert.ok('enable-leader-migration' in args, 'leader migration is on');
    assert.deepEqual(historySteps(await m.provisioningCluster()), ['enable-leader-migration']);
  });

  it('waits for RKE to update the cluster, live', async() => {
    await m.waitForDone('wait-leader-migration');
    await m.shot('wait-leader-migration');
  });

  it('installs the CCM chart through the cluster\'s catalog and waits for its rollout', async() => {
    await m.waitForStep('install-ccm');
    await m.shot('install-ccm-review');
    const since = await m.lastSeq();

    await m.clickApply();
    await m.waitForDone('install-ccm');
    const w = await m.writesSince(since);

    process.stderr.write(`[writes] install-ccm: ${ describeWrites(w) }\n`);
    assert.ok(w.posts.some((r) => r.path.startsWith(`/k8s/clusters/${ TARGET.clusterId }/v1/catalog.cattle.io.clusterrepos/`) && r.status < 300), 'one chart install action');
    await m.waitForDone('wait-ccm-rollout');
    const ds = (await m.apiGet(`/k8s/clusters/${ TARGET.clusterId }/v1/apps.daemonsets`)).data.find((d: any) => d.metadata.name.includes('cloud-controller-manager'));

    assert.equal(ds?.status?.numberAvailable, 3, 'the CCM runs on the 3 control-plane nodes');
  });

  it('cordons the control-plane nodes with the RKE1 label', async() => {
    const seen = await m.cordonStep('cordon-control-plane', 'cordon', 3);

    process.stderr.write(`[writes] cordon: ${ describeWrites(seen.writes) }\n`);
    assert.equal(seen.writes.patches.length, 3);
    const nodes = await m.downstreamNodes();

    for (const n of nodes) {
      assert.equal(!!n.spec.unschedulable, isControlPlane(n), `${ n.metadata.name }: cordoned iff control plane`);
    }
  });

  it('switches to external-aws through Norman and waits for RKE, which uncordons the nodes itself', async() => {
    assertNormanWrite('switch-provider', await m.applyConfigStep('switch-provider', 'wait-switch'));
    const rke = (await m.normanCluster()).rancherKubernetesEngineConfig;

    assert.equal(rke.cloudProvider.name, 'external-aws');
    assert.equal(rke.cloudProvider.useInstanceMetadataHostname, true);
    assert.equal(rke.services.kubeController.extraArgs['node-monitor-grace-period'], '50s', 'still kept');
    await m.waitForDone('wait-switch');
  });

  it('verifies every node', async() => {
    await page.locator('[data-testid="aws-oot-migrated"]').waitFor({ timeout: STEP_TIMEOUT });
    await page.locator('[data-testid="aws-oot-node-progress-text"]', { hasText: '6 of 6 nodes initialized' }).waitFor({ timeout: STEP_TIMEOUT });
    await m.shot('verified');
    for (const n of await m.downstreamNodes()) {
      assert.match(n.spec.providerID || '', /^aws:\/\/\//, `${ n.metadata.name }: providerID`);
      assert.ok(!(n.spec.taints || []).some((t: any) => t.key === UNINITIALIZED), `${ n.metadata.name }: initialized`);
      assert.ok(!n.spec.unschedulable, `${ n.metadata.name }: schedulable again`);
    }
  });

  it('cleans up through a chart upgrade and finishes', async() => {
    await m.next();
    const finish = page.locator('#step-container-summary');

    await finish.locator('[data-testid="aws-oot-finish-cleanup"] button').click();
    await finish.locator('[data-testid="aws-oot-review-yaml"]').waitFor({ timeout: 10_000 });
    await m.shot('cleanup-review');
    await m.clickApply(finish);
    await finish.getByTestId('aws-oot-finish-clean').waitFor({ timeout: STEP_TIMEOUT });
    assert.equal(historySteps(await m.provisioningCluster()).slice(-1)[0], 'cleanup');
    await m.footer().getByRole('button', { name: 'Finish' }).click();
    await page.waitForURL((url) => url.pathname.endsWith(`/${ TARGET.namespace }/${ TARGET.name }`), { timeout: 30_000 });
  });
});
