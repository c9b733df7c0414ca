import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startSimulator, RunningSimulator } from './support/simulator';
import { launchBrowser, login, screenshot } from './support/browser';

// The whole RKE2 migration (leader migration, keep 1.26) in the real dashboard against the default scenario
// (3 etcd+control-plane, 3 workers, in-tree AWS): preflight, enable leader migration, wait, install the CCM, wait for
// its reconcile and rollout, cordon the control plane, switch the provider, wait, uncordon, verify the nodes, Finish.
// Every UI state is awaited through locators; each config step must write the cluster exactly once (request log).
const PAGE = '/c/_/manager/aws-oot-migration/fleet-default/aws-rke2-intree';
const STEP_TIMEOUT = 60_000;
const CLUSTER_ID = 'c-m-aws1';
const PROV_PATH = 'provisioning.cattle.io.clusters/fleet-default/aws-rke2-intree';
const UNINITIALIZED = 'node.cloudprovider.kubernetes.io/uninitialized';

let sim: RunningSimulator;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

before(async() => {
  sim = await startSimulator({ speed: '50' });
  browser = await launchBrowser();
  page = browser.page;
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

const currentStep = () => page.locator('[data-testid="aws-oot-current-step"]');

/** Waits until the page shows `id` as the step to act on (derived from the cluster). */
async function waitForStep(id: string, timeout = STEP_TIMEOUT) {
  await page.locator(`[data-testid="aws-oot-current-step"][data-step="${ id }"]`).waitFor({ timeout });
}

/** Waits until the step list shows `id` as done. */
async function waitForDone(id: string, timeout = STEP_TIMEOUT) {
  await page.locator(`[data-testid="aws-oot-step-${ id }"][data-status="done"]`).waitFor({ timeout });
}

/** The newest entry of the simulator's request log (what happened before an action). */
async function lastSeq(): Promise<number> {
  return (await sim.read('requests')).data.map((r: any) => r.seq).reduce((a: number, b: number) => Math.max(a, b), 0);
}

async function requestsSince(since: number, method: string, path?: string): Promise<any[]> {
  return (await sim.read(`requests?method=${ method }&since=${ since }${ path ? `&path=${ encodeURIComponent(path) }` : '' }`)).data;
}

/** Reads through the browser's session, as the page does. */
function apiGet(path: string): Promise<any> {
  return page.evaluate(async(p) => (await fetch(p)).json(), path);
}

const provisioningCluster = () => apiGet(`/v1/${ PROV_PATH }`);
const downstreamNodes = async() => (await apiGet(`/k8s/clusters/${ CLUSTER_ID }/v1/nodes`)).data as any[];
const isControlPlane = (n: any) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] === 'true';
const historySteps = (c: any) => JSON.parse(c.metadata.annotations['aws-oot-migration.cattle.io/history']).map((e: any) => e.step);

/**
 * Reviews and applies the current config step: one PUT of the provisioning cluster, nothing else written, and the
 * page moves on to `next` once the watch shows the change. Returns the cluster as stored.
 */
async function applyConfigStep(id: string, next: string, shot: number): Promise<any> {
  await waitForStep(id);
  await currentStep().locator('[data-testid="aws-oot-review-yaml"]').waitFor({ timeout: 10_000 });
  await screenshot(page, `migration-${ String(shot).padStart(2, '0') }-${ id }-review`);
  const since = await lastSeq();

  await currentStep().getByRole('button', { name: /^Apply$/ }).click();
  await waitForDone(id);
  await screenshot(page, `migration-${ String(shot + 1).padStart(2, '0') }-${ id }-applied`);
  await page.locator(`[data-testid="aws-oot-current-step"][data-step="${ next }"], [data-testid="aws-oot-step-${ next }"][data-status="done"]`).first().waitFor({ timeout: STEP_TIMEOUT });

  const puts = await requestsSince(since, 'PUT');
  const posts = (await requestsSince(since, 'POST')).filter((r: any) => !r.path.includes('/subscribe'));

  process.stderr.write(`[writes] ${ id }: ${ puts.length } PUT (${ puts.map((r: any) => `${ r.path } ${ r.status }`).join(', ') }), ${ posts.length } POST\n`);
  assert.equal(puts.filter((r: any) => r.path.includes(PROV_PATH)).length, 1, `${ id }: one write of the cluster`);
  assert.equal(puts.length, 1, `${ id }: no other PUT`);
  assert.equal(puts[0].status, 200, `${ id }: the write succeeded`);
  assert.deepEqual(posts, [], `${ id }: no other write`);

  return provisioningCluster();
}

/** Cordons or uncordons the control-plane nodes; returns the per-node results the page shows. */
async function cordonStep(id: string, action: 'cordon' | 'uncordon', shot: number): Promise<{ summary: string[]; succeeded: string[] }> {
  await waitForStep(id);
  await screenshot(page, `migration-${ String(shot).padStart(2, '0') }-${ id }`);
  const since = await lastSeq();

  await currentStep().locator('[data-testid="aws-oot-cordon-apply"]').click();
  await waitForDone(id);
  // the per-node results stay on the page after the watch has moved it to the next step
  const summary = currentStep().locator('[data-testid="aws-oot-cordon-summary"]', { hasText: `of 3 nodes ${ action }ed.` });

  await summary.waitFor({ timeout: 10_000 });
  await screenshot(page, `migration-${ String(shot + 1).padStart(2, '0') }-${ id }-done`);
  const patches = await requestsSince(since, 'PATCH');
  const posts = (await requestsSince(since, 'POST')).filter((r: any) => !r.path.includes('/subscribe'));
  const puts = await requestsSince(since, 'PUT');

  process.stderr.write(`[writes] ${ id }: ${ patches.length } PATCH (${ patches.map((r: any) => `${ r.path } ${ r.status }`).join(', ') }), ${ puts.length } PUT (${ puts.map((r: any) => r.path).join(', ') }), ${ posts.length } POST\n`);
  assert.equal(patches.length, 3, `${ id }: one ${ action } patch per control-plane node`);
  assert.ok(patches.every((r: any) => r.status === 200 && r.path.startsWith(`/k8s/clusters/${ CLUSTER_ID }/v1/nodes/`)), `${ id }: every node patch succeeded`);
  assert.equal(puts.filter((r: any) => r.path.includes(PROV_PATH)).length, 1, `${ id }: one write recording the step`);
  assert.equal(puts.length, 1, `${ id }: no other PUT`);
  assert.deepEqual(posts, [], `${ id }: no other write`);

  return {
    summary:   [(await summary.textContent())?.trim() || ''],
    succeeded: (await currentStep().locator('[data-testid="aws-oot-cordon-succeeded"] li').allTextContents()).map((t) => t.trim()),
  };
}

describe('RKE2 migration with leader migration', { timeout: 900_000 }, () => {
  it('opens the migration page of the cluster at preflight', async() => {
    await login(page, sim.url);
    await page.goto(`${ sim.url }${ PAGE }`);
    await page.locator('[data-testid="aws-oot-step-preflight"]').waitFor({ timeout: 60_000 });
    await screenshot(page, 'migration-00-preflight');
  });

  it('passes preflight once the IAM and tagging checklist is acknowledged', async() => {
    const next = page.locator('#wizard-footer-controls').getByRole('button', { name: 'Next' });

    assert.equal(await next.isDisabled(), true, 'Next is disabled before the acknowledgement');
    await page.locator('[data-testid="aws-oot-step-preflight"]').getByText('I have verified this on AWS').first().click();
    await page.waitForFunction(() => {
      const b = Array.from(document.querySelectorAll('#wizard-footer-controls button')).find((x) => x.textContent?.trim() === 'Next') as HTMLButtonElement | undefined;

      return b && !b.disabled;
    }, undefined, { timeout: 10_000 });
    await screenshot(page, 'migration-01-preflight-acknowledged');
    await next.click();
    await page.locator('[data-testid="aws-oot-step-migrate"]').waitFor({ timeout: 10_000 });
  });

  it('applies the first step with exactly one write that carries the change, the history and the options', async() => {
    await waitForStep('enable-leader-migration');
    await screenshot(page, 'migration-02-enable-leader-migration-review');
    const since = (await sim.read('requests?method=PUT')).data.map((r: any) => r.seq).reduce((a: number, b: number) => Math.max(a, b), 0);

    await currentStep().getByRole('button', { name: /^Apply$/ }).click();
    await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="aws-oot-current-step"] button')).some((b) => b.textContent?.trim() === 'Applied'), undefined, { timeout: 30_000 });
    await screenshot(page, 'migration-03-enable-leader-migration-applied');

    const puts = (await sim.read(`requests?method=PUT&path=provisioning.cattle.io.clusters&since=${ since }`)).data;

    assert.equal(puts.length, 1, 'one write for the step');
    const server = await page.evaluate(async() => (await fetch('/v1/provisioning.cattle.io.clusters/fleet-default/aws-rke2-intree')).json());

    assert.deepEqual(server.spec.rkeConfig.machineGlobalConfig['kube-controller-manager-arg'], ['enable-leader-migration']);
    const history = JSON.parse(server.metadata.annotations['aws-oot-migration.cattle.io/history']);

    assert.deepEqual(history.map((e: any) => e.step), ['enable-leader-migration']);
    const options = JSON.parse(server.metadata.annotations['aws-oot-migration.cattle.io/options']);

    assert.equal(options.mode, 'leader-migration');
    assert.equal(options.baselineNodeNames.length, 6);
  });
  it('waits for the leader-migration reconcile', async() => {
    await page.locator('[data-testid="aws-oot-current-step"][data-step="wait-leader-migration"], [data-testid="aws-oot-current-step"][data-step="install-ccm"]').first().waitFor({ timeout: STEP_TIMEOUT });
    await screenshot(page, 'migration-04-wait-leader-migration');
    await waitForDone('wait-leader-migration');
    const nodes = await downstreamNodes();

    for (const n of nodes.filter(isControlPlane)) {
      assert.match(n.metadata.annotations['simulator.cattle.io/kube-controller-manager-args'] || '', /--enable-leader-migration/, `${ n.metadata.name }: KCM runs with leader migration`);
    }
  });

  it('installs the CCM with one write and waits for its reconcile and rollout (desired = 3 = available)', async() => {
    const server = await applyConfigStep('install-ccm', 'wait-ccm-reconcile', 5);

    assert.deepEqual(historySteps(server), ['enable-leader-migration', 'install-ccm']);
    assert.match(server.spec.rkeConfig.additionalManifest, /aws-cloud-controller-manager/);

    await page.locator('[data-testid="aws-oot-current-step"][data-step="wait-ccm-rollout"], [data-testid="aws-oot-current-step"][data-step="cordon-control-plane"]').first().waitFor({ timeout: STEP_TIMEOUT });
    await screenshot(page, 'migration-07-wait-ccm-rollout');
    await waitForDone('wait-ccm-reconcile');
    await waitForDone('wait-ccm-rollout');
    const ds = (await apiGet(`/k8s/clusters/${ CLUSTER_ID }/v1/apps.daemonsets`)).data.find((d: any) => d.metadata.name.includes('cloud-controller-manager'));

    assert.ok(ds, 'the CCM DaemonSet exists');
    assert.equal(ds.status.desiredNumberScheduled, 3, 'desired = 3 control-plane nodes');
    assert.equal(ds.status.numberAvailable, 3, 'available = 3');
  });

  it('cordons the control-plane nodes, one action per node', async() => {
    const seen = await cordonStep('cordon-control-plane', 'cordon', 8);
    const nodes = await downstreamNodes();
    const cp = nodes.filter(isControlPlane).map((n) => n.metadata.name).sort();

    assert.deepEqual(seen.summary, ['3 of 3 nodes cordoned.'], 'the page showed the per-node summary');
    assert.deepEqual([...seen.succeeded].sort(), cp, 'the page listed every control-plane node as cordoned');
    for (const n of nodes) {
      assert.equal(!!n.spec.unschedulable, isControlPlane(n), `${ n.metadata.name }: cordoned iff control plane`);
    }
  });

  it('switches the provider with one write and waits for the reconcile', async() => {
    const server = await applyConfigStep('switch-provider', 'wait-switch', 10);

    assert.deepEqual(historySteps(server), ['enable-leader-migration', 'install-ccm', 'cordon-control-plane', 'switch-provider']);
    const kcmArgs = [server.spec.rkeConfig.machineGlobalConfig, ...(server.spec.rkeConfig.machineSelectorConfig || []).map((e: any) => e.config)]
      .flatMap((c: any) => c?.['kube-controller-manager-arg'] || []);

    process.stderr.write(`[switch] kube-controller-manager-arg: ${ JSON.stringify(kcmArgs) }\n`);
    assert.ok(!kcmArgs.some((a: string) => a.includes('enable-leader-migration')), 'leader migration left the KCM in the same save');

    await page.locator('[data-testid="aws-oot-current-step"][data-step="wait-switch"], [data-testid="aws-oot-current-step"][data-step="uncordon-control-plane"]').first().waitFor({ timeout: STEP_TIMEOUT });
    await screenshot(page, 'migration-12-wait-switch');
    await waitForDone('wait-switch');
  });

  it('uncordons the control-plane nodes, one action per node', async() => {
    const seen = await cordonStep('uncordon-control-plane', 'uncordon', 13);
    const nodes = await downstreamNodes();

    assert.deepEqual(seen.summary, ['3 of 3 nodes uncordoned.'], 'the page showed the per-node summary');
    assert.equal(seen.succeeded.length, 3);
    for (const n of nodes) {
      assert.equal(!!n.spec.unschedulable, false, `${ n.metadata.name }: schedulable`);
    }
  });

  it('verifies every node: AWS providerID and no uninitialized taint, in the cluster and on the page', async() => {
    await waitForDone('verify-nodes');
    await page.locator('[data-testid="aws-oot-migrated"]').waitFor({ timeout: STEP_TIMEOUT });
    await page.locator('[data-testid="aws-oot-node-progress-text"]', { hasText: '6 of 6 nodes initialized' }).waitFor({ timeout: STEP_TIMEOUT });
    await screenshot(page, 'migration-15-verified');

    const nodes = await downstreamNodes();

    assert.equal(nodes.length, 6);
    for (const n of nodes) {
      assert.match(n.spec.providerID || '', /^aws:\/\/\//, `${ n.metadata.name }: providerID`);
      assert.ok(!(n.spec.taints || []).some((t: any) => t.key === UNINITIALIZED), `${ n.metadata.name }: no uninitialized taint`);
    }
    const state = await sim.read('state');
    const cluster = state.clusters.find((c: any) => c.id === CLUSTER_ID || c.name === 'aws-rke2-intree');

    assert.ok(cluster, 'the simulator knows the cluster');
  });

  it('finishes on the cluster detail page', async() => {
    const next = page.locator('#wizard-footer-controls').getByRole('button', { name: 'Next' });

    await next.click();
    const finish = page.locator('#step-container-summary');

    await finish.getByTestId('aws-oot-finish-nodes').waitFor({ timeout: 10_000 });
    process.stderr.write(`[finish] ${ (await finish.getByTestId('aws-oot-finish-nodes').textContent())?.trim() }\n`);
    await screenshot(page, 'migration-16-finish');
    await page.locator('#wizard-footer-controls').getByRole('button', { name: 'Finish' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/provisioning.cattle.io.cluster/fleet-default/aws-rke2-intree'), { timeout: 30_000 });
    await screenshot(page, 'migration-17-cluster-detail');
  });
});
