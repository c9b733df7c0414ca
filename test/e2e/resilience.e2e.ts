import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startSimulator, RunningSimulator } from './support/simulator';
import { launchBrowser, login } from './support/browser';
import {
  STEP_TIMEOUT, describeWrites, historySteps, isControlPlane, migrationPage, type MigrationPageDriver,
} from './support/migration-page';

// What goes wrong on a live Rancher, on the default scenario: someone else edits the cluster while Apply is under
// way (their change is kept, or — on the same fields — nothing is written and the user reviews again); each fault
// of the simulator's list (403, 404, 500, a timeout, a dropped socket, a disconnected downstream cluster) shows
// what happened and what to do, and the page recovers; a reload and a second admin resume at the same step.
const TARGET = { namespace: 'fleet-default', name: 'aws-rke2-intree', clusterId: 'c-m-aws1' };
const PROV_TYPE = 'provisioning.cattle.io.cluster';
const PROV_ID = `${ TARGET.namespace }/${ TARGET.name }`;
const PUT_PATH = `provisioning\\.cattle\\.io\\.clusters/${ TARGET.namespace }/${ TARGET.name }`;

let sim: RunningSimulator;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let m: MigrationPageDriver;

before(async() => {
  sim = await startSimulator({ speed: '50' });
  browser = await launchBrowser();
  page = browser.page;
  m = migrationPage(page, sim, TARGET, 'resilience');
});

after(async() => {
  await browser?.close();
  await sim?.stop();
});

/** A one-shot fault on the cluster's PUT. */
const faultOnPut = (fault: Record<string, unknown>) => sim.control('faults', {
  path: PUT_PATH, method: 'PUT', times: 1, ...fault
});

describe('a migration that meets other people and failures', { timeout: 600_000 }, () => {
  it('starts the migration', async() => {
    await login(page, sim.url);
    await m.open();
    await m.acknowledge();
    await m.nextEnabled();
    await m.next();
    await m.waitForStep('enable-leader-migration');
  });

  it('keeps a concurrent edit made while Apply is under way (409, re-read, merge, one retry)', async() => {
    await m.currentStep().locator('[data-testid="aws-oot-review-yaml"]').waitFor({ timeout: 10_000 });
    // the PUT is held back long enough for someone else's edit to land first, so it reaches Rancher stale
    await faultOnPut({ delayMs: 1500 });
    const since = await m.lastSeq();

    await m.clickApply();
    await sim.control('foreign-edits', {
      type: PROV_TYPE, id: PROV_ID, when: 'now', mergePatch: { metadata: { labels: { team: 'payments' } }, spec: { rkeConfig: { upgradeStrategy: { workerConcurrency: '3' } } } },
    });
    await m.waitForDone('enable-leader-migration');
    const w = await m.writesSince(since);

    process.stderr.write(`[writes] concurrent edit: ${ describeWrites(w) }\n`);
    assert.deepEqual(w.puts.map((r) => r.status), [409, 200], 'a stale write, then one merged retry');
    const server = await m.provisioningCluster();

    assert.equal(server.metadata.labels.team, 'payments', 'their label is kept');
    assert.equal(server.spec.rkeConfig.upgradeStrategy.workerConcurrency, '3', 'their spec change is kept');
    assert.deepEqual(server.spec.rkeConfig.machineGlobalConfig['kube-controller-manager-arg'], ['enable-leader-migration'], 'our change is in');
    assert.deepEqual(historySteps(server), ['enable-leader-migration']);
  });

  for (const [status, kind, text] of [
    [403, 'forbidden', /You are not allowed to do this: Rancher answered 403/],
    [404, 'not-found', /was not found/],
    [500, 'server', /Rancher answered 500/],
  ] as const) {
    it(`shows a ${ status } on Apply with what to do, writes nothing, and applies once it is gone`, async() => {
      await m.waitForStep('install-ccm');
      await m.currentStep().locator('[data-testid="aws-oot-review-yaml"]').waitFor({ timeout: 10_000 });
      await faultOnPut({ status, message: `simulated ${ status }` });
      await m.clickApply();
      const banner = await m.errorBanner(kind);

      await m.shot(`fault-${ status }`);
      assert.match(banner, text);
      assert.match(banner, /Retry/);
      assert.equal(historySteps(await m.provisioningCluster()).length, 1, 'nothing was written');
      assert.equal(await m.currentStep().getAttribute('data-step'), 'install-ccm', 'the page stays on the step');
    });
  }

  it('stops on the same fields someone else changed: nothing written, and the step shows which fields once Rancher has reconciled their edit', async() => {
    await sim.control('foreign-edits', {
      type: PROV_TYPE, id: PROV_ID, when: 'now', mergePatch: { spec: { rkeConfig: { additionalManifest: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: team-notes\n  namespace: default\n' } } },
    });
    // their spec change makes Rancher reconcile: the page waits with it, then offers the step again on their version
    await m.waitForStep('install-ccm');
    await m.currentStep().locator('[data-testid="aws-oot-review-yaml"]').waitFor({ timeout: 10_000 });
    await faultOnPut({ delayMs: 1500 });
    await m.clickApply();
    await sim.control('foreign-edits', {
      type: PROV_TYPE, id: PROV_ID, when: 'now', mergePatch: { spec: { rkeConfig: { additionalManifest: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: team-notes-v2\n  namespace: default\n' } } },
    });
    const banner = await m.errorBanner('conflict');

    await m.waitForStep('install-ccm');
    await m.currentStep().getByTestId('aws-oot-review-conflict').waitFor({ timeout: 10_000 });
    await m.shot('conflict');
    assert.match(banner, /touched the same fields/);
    assert.match(await m.currentStep().getByTestId('aws-oot-review-conflict-paths').innerText(), /additionalManifest/);
    const server = await m.provisioningCluster();

    assert.doesNotMatch(server.spec.rkeConfig.additionalManifest, /cloud-controller-manager/, 'nothing of ours was written');
    assert.match(server.spec.rkeConfig.additionalManifest, /team-notes-v2/);
  });

  it('reports a timeout, and the write that landed late moves the page on without a second one', async() => {
    const since = await m.lastSeq();

    await faultOnPut({ delayMs: 33_000 });
    await m.clickApply();
    const banner = await m.errorBanner('timeout', 45_000);

    await m.shot('fault-timeout');
    assert.match(banner, /No answer for .* within 30 seconds/);
    assert.match(banner, /may or may not have been made/);
    await m.waitForDone('install-ccm', STEP_TIMEOUT);
    const w = await m.writesSince(since);

    assert.equal(w.puts.length, 1, 'one write only');
    const server = await m.provisioningCluster();

    assert.match(server.spec.rkeConfig.additionalManifest, /team-notes-v2/, 'their manifest is kept');
    assert.match(server.spec.rkeConfig.additionalManifest, /aws-cloud-controller-manager/, 'ours is added');
    assert.deepEqual(historySteps(server), ['enable-leader-migration', 'install-ccm']);
  });

  it('resumes at the same step after a reload and for a second admin in another browser', async() => {
    await m.waitForStep('cordon-control-plane', STEP_TIMEOUT);
    await page.reload();
    await m.waitForStep('cordon-control-plane');
    await m.shot('reloaded');
    assert.deepEqual(await page.locator('[data-testid="aws-oot-step-list"] li[data-status="done"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))), [
      'aws-oot-step-enable-leader-migration', 'aws-oot-step-wait-leader-migration', 'aws-oot-step-install-ccm', 'aws-oot-step-wait-ccm-reconcile', 'aws-oot-step-wait-ccm-rollout',
    ]);

    const other = await launchBrowser();

    try {
      const o = migrationPage(other.page, sim, TARGET, 'second-admin');

      await login(other.page, sim.url);
      await o.open();
      await o.waitForStep('cordon-control-plane');
      await o.shot('same-step');
    } finally {
      await other.close();
    }
  });

  it('lists the nodes a disconnected cluster could not cordon, and retries them once it is back', async() => {
    await sim.control(`clusters/${ TARGET.clusterId }/connection`, { connected: false });
    await page.locator('[data-testid="aws-oot-page-socket"]').waitFor({ timeout: 15_000 });
    await m.currentStep().locator('[data-testid="aws-oot-cordon-apply"]').click();
    const failed = m.currentStep().locator('[data-testid="aws-oot-cordon-failed"] li');

    await failed.first().waitFor({ timeout: 15_000 });
    await m.shot('cordon-unreachable');
    assert.equal(await failed.count(), 3, 'every control-plane node is listed as failed');
    assert.match(await failed.first().innerText(), /The downstream cluster c-m-aws1 cannot be reached \(503\): its cluster agent may be disconnected\. \(.*cluster agent disconnected.*\)/);

    await sim.control(`clusters/${ TARGET.clusterId }/connection`, { connected: true });
    await page.locator('[data-testid="aws-oot-page-socket"]').waitFor({ state: 'detached', timeout: 30_000 });
    assert.equal((await m.downstreamNodes()).filter((n: any) => n.spec.unschedulable).length, 0, 'nothing was cordoned meanwhile');
    await m.currentStep().getByTestId('aws-oot-cordon-retry-async-button').click();
    await m.waitForDone('cordon-control-plane');
    const nodes = await m.downstreamNodes();

    assert.deepEqual(nodes.filter((n) => n.spec.unschedulable).map((n) => n.metadata.name).sort(), nodes.filter(isControlPlane).map((n) => n.metadata.name).sort());
    await m.shot('cordon-retried');
  });

  it('says when the live connection drops, and re-lists once when it is back', async() => {
    const fault = await sim.control('faults', { path: `^/k8s/clusters/${ TARGET.clusterId }/v1/subscribe`, method: 'WS', dropWebsocket: true });

    await page.locator('[data-testid="aws-oot-page-socket"]').waitFor({ timeout: 15_000 });
    await m.shot('socket-dropped');
    assert.match(await page.locator('[data-testid="aws-oot-page-socket"]').innerText(), /live connection to the downstream cluster dropped/);
    const since = await m.lastSeq();

    await sim.control('foreign-edits', {
      type: 'node', id: 'ip-10-0-1-21.ec2.internal', cluster: TARGET.clusterId, when: 'now', mergePatch: { metadata: { labels: { 'example.com/edited-while-dropped': 'yes' } } },
    });
    await fetch(`${ sim.url }/_sim/faults/${ fault.id }`, { method: 'DELETE' });
    await page.locator('[data-testid="aws-oot-page-socket"]').waitFor({ state: 'detached', timeout: 30_000 });
    const nodeLists = async() => (await m.requestsSince(since, 'GET')).filter((r) => /^\/v1\/nodes?$/.test(r.path.split('?')[0].replace(`/k8s/clusters/${ TARGET.clusterId }`, '')));

    // the log records a request when it is answered; give the re-list time to finish, and any extra one to show
    for (let i = 0; i < 50 && !(await nodeLists()).length; i++) {
      await page.waitForTimeout(200);
    }
    await page.waitForTimeout(1000);
    assert.equal((await nodeLists()).length, 1, `one node re-list after the reconnect (GETs: ${ (await m.requestsSince(since, 'GET')).map((r) => r.path).join(', ') })`);
    await m.waitForStep('switch-provider');
  });
});
