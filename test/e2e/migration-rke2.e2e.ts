import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startSimulator, RunningSimulator } from './support/simulator';
import { launchBrowser, login } from './support/browser';
import {
  OPTIONS, STEP_TIMEOUT, UNINITIALIZED, describeWrites, historySteps, isControlPlane, migrationPage, type MigrationPageDriver, type Writes,
} from './support/migration-page';

// The whole RKE2 migration with leader migration from 1.26 on in-tree AWS to the external CCM plus an upgrade to
// 1.27, in the real dashboard against the default scenario (3 etcd+control-plane, 3 workers): preflight, enable
// leader migration, install the CCM, its rollout, cordon, switch + upgrade, uncordon, verify, clean up, Finish.
// Each config step must write the cluster exactly once, cordon once per control-plane node (request log).
const TARGET = { namespace: 'fleet-default', name: 'aws-rke2-intree', clusterId: 'c-m-aws1' };
const TARGET_VERSION = 'v1.27.16+rke2r2';

let sim: RunningSimulator;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let m: MigrationPageDriver;

before(async() => {
  sim = await startSimulator({ speed: '50' });
  browser = await launchBrowser();
  page = browser.page;
  m = migrationPage(page, sim, TARGET, 'migration');
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

/** Exactly one write, the provisioning cluster's PUT, and it succeeded. */
function assertOneClusterWrite(id: string, w: Writes) {
  process.stderr.write(`[writes] ${ id }: ${ describeWrites(w) }\n`);
  assert.equal(w.puts.length, 1, `${ id }: one PUT`);
  assert.ok(w.puts[0].path.includes(m.provPath), `${ id }: the PUT is the cluster's`);
  assert.equal(w.puts[0].status, 200, `${ id }: the write succeeded`);
  assert.deepEqual([...w.posts, ...w.patches], [], `${ id }: no other write`);
}

/** One node PATCH per control-plane node, plus the one cluster PUT recording the step. */
function assertCordonWrites(id: string, w: Writes) {
  process.stderr.write(`[writes] ${ id }: ${ describeWrites(w) }\n`);
  assert.equal(w.patches.length, 3, `${ id }: one patch per control-plane node`);
  assert.ok(w.patches.every((r) => r.status === 200 && r.path.startsWith(`/k8s/clusters/${ TARGET.clusterId }/v1/nodes/`)), `${ id }: every node patch succeeded`);
  assert.equal(w.puts.length, 1, `${ id }: one PUT recording the step`);
  assert.ok(w.puts[0].path.includes(m.provPath) && w.puts[0].status === 200, `${ id }: the record is on the cluster`);
  assert.deepEqual(w.posts, [], `${ id }: no other write`);
}

describe('RKE2 migration with leader migration and an upgrade to 1.27', { timeout: 900_000 }, () => {
  it('opens the migration page of the cluster at preflight', async() => {
    await login(page, sim.url);
    await m.open();
    await page.locator('[data-testid="aws-oot-step-preflight"]').waitFor({ timeout: STEP_TIMEOUT });
    await m.shot('preflight');
  });

  it('passes preflight once the IAM and tagging checklist is acknowledged, with 1.27 as the target', async() => {
    assert.equal(await m.footer().getByRole('button', { name: 'Next' }).isDisabled(), true, 'Next is disabled before the acknowledgement');
    await m.acknowledge();
    await m.chooseVersion(TARGET_VERSION);
    await m.nextEnabled();
    await m.shot('preflight-acknowledged');
    await m.next();
    await page.locator('[data-testid="aws-oot-step-migrate"]').waitFor({ timeout: 10_000 });
  });

  it('applies the first step with exactly one write that carries the change, the history and the options', async() => {
    const w = await m.applyConfigStep('enable-leader-migration', 'wait-leader-migration');

    assertOneClusterWrite('enable-leader-migration', w);
    const server = await m.provisioningCluster();

    assert.deepEqual(server.spec.rkeConfig.machineGlobalConfig['kube-controller-manager-arg'], ['enable-leader-migration']);
    assert.deepEqual(historySteps(server), ['enable-leader-migration']);
    const options = JSON.parse(server.metadata.annotations[OPTIONS]);

    assert.equal(options.mode, 'leader-migration');
    assert.equal(options.kubernetesVersion, TARGET_VERSION);
    assert.equal(options.baselineNodeNames.length, 6);
  });

  it('waits for the leader-migration reconcile', async() => {
    await m.waitForDone('wait-leader-migration');
    for (const n of (await m.downstreamNodes()).filter(isControlPlane)) {
      assert.match(n.metadata.annotations['simulator.cattle.io/kube-controller-manager-args'] || '', /--enable-leader-migration/, `${ n.metadata.name }: KCM runs with leader migration`);
    }
  });

  it('installs the CCM with one write and waits for its reconcile and rollout (desired = 3 = available)', async() => {
    assertOneClusterWrite('install-ccm', await m.applyConfigStep('install-ccm', 'wait-ccm-reconcile'));
    const server = await m.provisioningCluster();

    assert.deepEqual(historySteps(server), ['enable-leader-migration', 'install-ccm']);
    assert.match(server.spec.rkeConfig.additionalManifest, /aws-cloud-controller-manager/);

    await m.waitForStepOrDone('wait-ccm-rollout');
    await m.shot('wait-ccm-rollout');
    await m.waitForDone('wait-ccm-reconcile');
    await m.waitForDone('wait-ccm-rollout');
    const ds = (await m.apiGet(`/k8s/clusters/${ TARGET.clusterId }/v1/apps.daemonsets`)).data.find((d: any) => d.metadata.name.includes('cloud-controller-manager'));

    assert.ok(ds, 'the CCM DaemonSet exists');
    assert.equal(ds.status.desiredNumberScheduled, 3, 'desired = 3 control-plane nodes');
    assert.equal(ds.status.numberAvailable, 3, 'available = 3');
  });

  it('cordons the control-plane nodes, one action per node', async() => {
    const seen = await m.cordonStep('cordon-control-plane', 'cordon', 3);
    const nodes = await m.downstreamNodes();
    const cp = nodes.filter(isControlPlane).map((n) => n.metadata.name).sort();

    assertCordonWrites('cordon-control-plane', seen.writes);
    assert.equal(seen.summary, '3 of 3 nodes cordoned.', 'the page showed the per-node summary');
    assert.deepEqual([...seen.succeeded].sort(), cp, 'the page listed every control-plane node as cordoned');
    for (const n of nodes) {
      assert.equal(!!n.spec.unschedulable, isControlPlane(n), `${ n.metadata.name }: cordoned iff control plane`);
    }
  });

  it('switches the provider and upgrades to 1.27 with one write, then waits for the reconcile', async() => {
    assertOneClusterWrite('switch-provider', await m.applyConfigStep('switch-provider', 'wait-switch'));
    const server = await m.provisioningCluster();

    assert.deepEqual(historySteps(server), ['enable-leader-migration', 'install-ccm', 'cordon-control-plane', 'switch-provider']);
    assert.equal(server.spec.kubernetesVersion, TARGET_VERSION, 'the upgrade rides on the switch');
    const kcmArgs = [server.spec.rkeConfig.machineGlobalConfig, ...(server.spec.rkeConfig.machineSelectorConfig || []).map((e: any) => e.config)]
      .flatMap((c: any) => c?.['kube-controller-manager-arg'] || []);

    assert.ok(!kcmArgs.some((a: string) => a.includes('enable-leader-migration')), 'leader migration left the KCM in the same save');

    await m.waitForStepOrDone('uncordon-control-plane');
    await m.shot('wait-switch');
    await m.waitForDone('wait-switch');
  });

  it('uncordons the control-plane nodes, one action per node, and records it', async() => {
    const seen = await m.cordonStep('uncordon-control-plane', 'uncordon', 3);

    assertCordonWrites('uncordon-control-plane', seen.writes);
    assert.equal(seen.summary, '3 of 3 nodes uncordoned.', 'the page showed the per-node summary');
    assert.equal(seen.succeeded.length, 3);
    for (const n of await m.downstreamNodes()) {
      assert.equal(!!n.spec.unschedulable, false, `${ n.metadata.name }: schedulable`);
    }
    const recorded = historySteps(await m.provisioningCluster());

    assert.deepEqual(recorded.slice(-1), ['uncordon-control-plane'], `the uncordon is recorded on the cluster (history: ${ recorded.join(', ') })`);
  });

  it('verifies every node: AWS providerID, no uninitialized taint, 1.27, in the cluster and on the page', async() => {
    await m.waitForDone('verify-nodes');
    await page.locator('[data-testid="aws-oot-migrated"]').waitFor({ timeout: STEP_TIMEOUT });
    await page.locator('[data-testid="aws-oot-node-progress-text"]', { hasText: '6 of 6 nodes initialized' }).waitFor({ timeout: STEP_TIMEOUT });
    await m.shot('verified');

    const nodes = await m.downstreamNodes();

    assert.equal(nodes.length, 6);
    for (const n of nodes) {
      assert.match(n.spec.providerID || '', /^aws:\/\/\//, `${ n.metadata.name }: providerID`);
      assert.ok(!(n.spec.taints || []).some((t: any) => t.key === UNINITIALIZED), `${ n.metadata.name }: no uninitialized taint`);
      assert.match(n.status.nodeInfo.kubeletVersion, /^v1\.27\./, `${ n.metadata.name }: upgraded`);
    }
  });

  it('shows the summary and every recorded step in the history', async() => {
    await m.next();
    const finish = page.locator('#step-container-summary');

    await finish.getByTestId('aws-oot-finish-nodes').waitFor({ timeout: 10_000 });
    assert.match(await finish.getByTestId('aws-oot-finish-nodes').innerText(), /6 of 6/);
    const recorded = historySteps(await m.provisioningCluster());

    await page.locator('[data-testid="aws-oot-history"] tbody tr').nth(recorded.length - 1).waitFor({ timeout: 10_000 });
    const rows = await m.historyRows();

    assert.equal(rows.length, recorded.length, `one row per recorded step (${ recorded.join(', ') })`);
    assert.match(rows[0], /^Uncordon the control-plane nodes/, 'the newest row is the uncordon');
    await m.shot('finish');
  });

  it('cleans up: drops --enable-leader-migration from the CCM with one write and waits for the new rollout', async() => {
    const finish = page.locator('#step-container-summary');

    await finish.locator('[data-testid="aws-oot-finish-cleanup"] button').click();
    await finish.locator('[data-testid="aws-oot-review-yaml"]').waitFor({ timeout: 10_000 });
    await m.shot('cleanup-review');
    const since = await m.lastSeq();

    await finish.getByRole('button', { name: /^Apply$/ }).click();
    await finish.getByTestId('aws-oot-finish-clean').waitFor({ timeout: STEP_TIMEOUT });
    assertOneClusterWrite('cleanup', await m.writesSince(since));
    const server = await m.provisioningCluster();

    assert.doesNotMatch(server.spec.rkeConfig.additionalManifest, /enable-leader-migration/, 'the CCM no longer runs with leader migration');
    assert.match(server.spec.rkeConfig.additionalManifest, /v1\.27\./, 'the CCM image follows the final minor');
    assert.deepEqual(historySteps(server).slice(-1), ['cleanup']);
    await m.shot('cleaned-up');
  });

  it('finishes on the cluster detail page', async() => {
    await m.footer().getByRole('button', { name: 'Finish' }).click();
    await page.waitForURL((url) => url.pathname.endsWith(`/provisioning.cattle.io.cluster/${ TARGET.namespace }/${ TARGET.name }`), { timeout: 30_000 });
    await m.shot('cluster-detail');
  });
});
