import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startSimulator, RunningSimulator } from './support/simulator';
import { launchBrowser, login } from './support/browser';
import { clusterList, CLUSTERS_LIST } from './support/cluster-list';
import { STEP_TIMEOUT, migrationPage } from './support/migration-page';

// Who may migrate, and what blocks a migration: a read-only user sees the migration but can change nothing (no
// action in the list, a banner on the page, Apply disabled, not one write sent); on the scenario whose node names
// are not their EC2 private DNS names, preflight fails with the evidence and Next stays disabled.
const DEFAULT = { namespace: 'fleet-default', name: 'aws-rke2-intree', clusterId: 'c-m-aws1' };
const MISMATCH = { namespace: 'fleet-default', name: 'aws-rke2-corpdns', clusterId: 'c-m-corp1' };

let sim: RunningSimulator;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

before(async() => {
  sim = await startSimulator();
  browser = await launchBrowser();
  page = browser.page;
});

after(async() => {
  await browser?.close();
  await sim?.stop();
});

describe('a read-only user', { timeout: 300_000 }, () => {
  const m = () => migrationPage(page, sim, DEFAULT, 'read-only');
  let since = 0;

  it('gets no migrate action on the in-tree cluster', async() => {
    await login(page, sim.url, 'readonly', 'password');
    since = await m().lastSeq();
    const list = clusterList(page);

    await page.goto(`${ sim.url }${ CLUSTERS_LIST }`);
    await list.row(DEFAULT.name).waitFor({ timeout: STEP_TIMEOUT });
    await list.openRowMenu(DEFAULT.name);
    await m().shot('row-menu');
    assert.ok(await list.visibleMenuItems().count() > 0, 'the row menu is open');
    assert.equal(await list.migrateItem().count(), 0);
  });

  it('is told on the detail page who can run the migration', async() => {
    await page.goto(`${ sim.url }${ CLUSTERS_LIST }/${ DEFAULT.namespace }/${ DEFAULT.name }`);
    const banner = page.locator('[data-testid="aws-oot-intree-banner"]');

    await banner.waitFor({ timeout: STEP_TIMEOUT });
    assert.match(await banner.innerText(), /Ask a user who may edit this cluster to run the migration/);
    assert.equal(await page.locator('[data-testid="aws-oot-intree-banner-link"]').count(), 0, 'no link to a migration they cannot run');
  });

  it('can follow the migration page by its link but apply nothing', async() => {
    const d = m();

    await d.open();
    await page.locator('[data-testid="aws-oot-page-read-only"]').waitFor({ timeout: STEP_TIMEOUT });
    await d.acknowledge();
    await d.nextEnabled();
    await d.next();
    await d.waitForStep('enable-leader-migration');
    const apply = d.currentStep().getByRole('button', { name: /^Apply$/ });

    await d.currentStep().locator('[data-testid="aws-oot-review-yaml"]').waitFor({ timeout: 10_000 });
    await d.shot('page');
    assert.equal(await apply.isDisabled(), true, 'Apply is disabled');
    assert.equal((await d.currentStep().getByTestId('aws-oot-review-disabled-reason').innerText()).trim(), 'You may not update this cluster.');
  });

  it('sent no write at all', async() => {
    const w = await m().writesSince(since);
    const writes = [...w.puts, ...w.posts, ...w.patches].filter((r) => !r.path.startsWith('/v3-public/') && !r.path.includes('action=login') && !r.path.includes('/v1/userpreferences') && !r.path.includes('/v3/users/') && !r.path.includes('/v3/preferences'));

    assert.deepEqual(writes.map((r) => `${ r.method } ${ r.path }`), [], 'nothing written to clusters or nodes');
  });
});

describe('preflight on nodes whose names are not their EC2 private DNS names', { timeout: 300_000 }, () => {
  const m = () => migrationPage(page, sim, MISMATCH, 'name-mismatch');

  it('fails the node-name check with the evidence and keeps Next disabled after the acknowledgement', async() => {
    await sim.control('scenario', { name: 'rke2-name-mismatch' });
    await page.context().clearCookies();
    await login(page, sim.url);
    const d = m();

    await d.open();
    const check = page.locator('[data-testid="aws-oot-preflight-check-node-names"]');

    await check.waitFor({ timeout: STEP_TIMEOUT });
    await page.locator('[data-testid="aws-oot-preflight-blocked"]').waitFor({ timeout: STEP_TIMEOUT });
    assert.match((await page.getByTestId('aws-oot-preflight-status-node-names').innerText()).trim(), /^fail/i);
    assert.match(await page.getByTestId('aws-oot-preflight-message-node-names').innerText(), /node names differ from the EC2 private DNS name/);
    const evidence = await page.locator('[data-testid="aws-oot-preflight-evidence-node-names"] li').allTextContents();

    assert.ok(evidence.some((e) => /corp\.example\.com/.test(e) && /ec2\.internal/.test(e)), `the evidence names both names: ${ evidence.join(' | ') }`);
    await d.acknowledge();
    await page.waitForTimeout(500);
    await d.shot('preflight-blocked');
    assert.equal(await d.footer().getByRole('button', { name: 'Next' }).isDisabled(), true, 'Next stays disabled');
  });
});
