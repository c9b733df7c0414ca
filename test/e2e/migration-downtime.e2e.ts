import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startSimulator, RunningSimulator } from './support/simulator';
import { launchBrowser, login } from './support/browser';
import {
  OPTIONS, STEP_TIMEOUT, UNINITIALIZED, describeWrites, historySteps, migrationPage, type MigrationPageDriver, type Writes,
} from './support/migration-page';

// RKE2 in downtime mode on the default scenario: switch the provider first (the control plane runs without cloud
// functions meanwhile), then install the CCM, which initializes every node. No leader migration, no cordon.
const TARGET = { namespace: 'fleet-default', name: 'aws-rke2-intree', clusterId: 'c-m-aws1' };

let sim: RunningSimulator;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let m: MigrationPageDriver;

before(async() => {
  sim = await startSimulator({ speed: '50' });
  browser = await launchBrowser();
  page = browser.page;
  m = migrationPage(page, sim, TARGET, 'downtime');
});

after(async() => {
  await browser?.close();
  await sim?.stop();
});

function assertOneClusterWrite(id: string, w: Writes) {
  process.stderr.write(`[writes] ${ id }: ${ describeWrites(w) }\n`);
  assert.equal(w.puts.length, 1, `${ id }: one PUT`);
  assert.ok(w.puts[0].path.includes(m.provPath) && w.puts[0].status === 200, `${ id }: the cluster's, and it succeeded`);
  assert.deepEqual([...w.posts, ...w.patches], [], `${ id }: no other write`);
}

describe('RKE2 migration in downtime mode', { timeout: 600_000 }, () => {
  it('chooses downtime on the preflight page', async() => {
    await login(page, sim.url);
    await m.open();
    await m.acknowledge();
    await m.chooseMode('downtime');
    await m.nextEnabled();
    await m.shot('preflight');
    await m.next();
  });

  it('switches the provider first, with one write, and no leader migration anywhere', async() => {
    assertOneClusterWrite('switch-provider', await m.applyConfigStep('switch-provider', 'wait-switch'));
    const server = await m.provisioningCluster();
    const configs = [server.spec.rkeConfig.machineGlobalConfig, ...(server.spec.rkeConfig.machineSelectorConfig || []).map((e: any) => e.config)];

    assert.equal(JSON.parse(server.metadata.annotations[OPTIONS]).mode, 'downtime');
    assert.deepEqual(historySteps(server), ['switch-provider']);
    assert.ok(!JSON.stringify(configs).includes('enable-leader-migration'), 'no leader migration');
    assert.ok(configs.some((c: any) => (c?.['kube-controller-manager-arg'] || []).includes('cloud-provider=external')), 'the KCM runs with the external provider');
  });

  it('keeps guiding after the switch: waits for the restart, then offers the CCM install', async() => {
    await m.waitForDone('wait-switch');
    await m.shot('after-switch');
    assertOneClusterWrite('install-ccm', await m.applyConfigStep('install-ccm', 'wait-ccm-reconcile'));
    await m.waitForDone('wait-ccm-rollout');
  });

  it('ends with every node initialized by the external CCM', async() => {
    await page.locator('[data-testid="aws-oot-migrated"]').waitFor({ timeout: STEP_TIMEOUT });
    await page.locator('[data-testid="aws-oot-node-progress-text"]', { hasText: '6 of 6 nodes initialized' }).waitFor({ timeout: STEP_TIMEOUT });
    await m.shot('verified');
    for (const n of await m.downstreamNodes()) {
      assert.match(n.spec.providerID || '', /^aws:\/\/\//, `${ n.metadata.name }: providerID`);
      assert.ok(!(n.spec.taints || []).some((t: any) => t.key === UNINITIALIZED), `${ n.metadata.name }: initialized`);
      assert.ok(!n.spec.unschedulable, `${ n.metadata.name }: never cordoned`);
    }
    assert.deepEqual(historySteps(await m.provisioningCluster()), ['switch-provider', 'install-ccm']);
    await m.next();
    await m.footer().getByRole('button', { name: 'Finish' }).click();
    await page.waitForURL((url) => url.pathname.endsWith(`/${ TARGET.namespace }/${ TARGET.name }`), { timeout: 30_000 });
  });
});
