import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startSimulator, RunningSimulator } from './support/simulator';
import { launchBrowser, login, screenshot } from './support/browser';

// The RKE2 migration (leader migration, keep 1.26) in the real dashboard against the default scenario: preflight
// and the first step. The rest of the run (wait, install, cordon, switch, uncordon, verify) needs the page to see
// the cluster change, and the simulated Rancher's websocket drops our single-object watch when the shell stops its
// type-wide watch of provisioning clusters (its stop matches missing id/namespace as wildcards; Steve matches the
// watch exactly). Until that is fixed the page stays on the applied step, so this file ends there.
const PAGE = '/c/_/manager/aws-oot-migration/fleet-default/aws-rke2-intree';
const STEP_TIMEOUT = 60_000;

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
});
