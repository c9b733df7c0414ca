import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import path from 'path';
import type { Page } from 'playwright-core';
import { startSimulator, RunningSimulator } from './support/simulator';
import { launchBrowser, login, screenshot } from './support/browser';
import { clusterList, CLUSTERS_LIST } from './support/cluster-list';


let sim: RunningSimulator;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let list: ReturnType<typeof clusterList>;

before(async() => {
  sim = await startSimulator({ scenario: path.join(__dirname, 'scenarios/mixed-fleet.yaml') });
  browser = await launchBrowser();
  page = browser.page;
  list = clusterList(page);
});

after(async() => {
  await browser?.close();
  await sim?.stop();
});

const DETAIL = (name: string) => `${ CLUSTERS_LIST }/fleet-default/${ name }`;

describe('the migrate action', { timeout: 180_000 }, () => {
  it('logs in through the real Rancher login page', async() => {
    await login(page, sim.url);
    await screenshot(page, '01-home');
    assert.ok(!new URL(page.url()).pathname.includes('/auth/login'));
  });

  it('is offered on the in-tree AWS RKE2 cluster', async() => {
    await page.goto(`${ sim.url }${ CLUSTERS_LIST }`);
    await list.row('prod-intree').waitFor({ timeout: 60_000 });
    await list.openRowMenu('prod-intree');
    await screenshot(page, '02-action-in-row-menu');
    assert.equal(await list.migrateItem().count(), 1);
  });

  for (const name of ['already-external', 'edge-k3s', 'local']) {
    it(`is not offered on ${ name }`, async() => {
      await list.openRowMenu(name);
      assert.ok(await list.visibleMenuItems().count() > 0, 'the row menu is open');
      assert.equal(await list.migrateItem().count(), 0);
    });
  }

  it('opens the migration page of that cluster', async() => {
    await list.openRowMenu('prod-intree');
    await list.migrateItem().click();
    await page.waitForURL(/\/c\/_\/manager\/aws-oot-migration\/fleet-default\/prod-intree$/, { timeout: 30_000 });
    const title = page.locator('[data-testid="aws-oot-page-title"]');

    await title.waitFor({ timeout: 30_000 });
    await screenshot(page, '03-migration-page');
    assert.equal(await title.innerText(), 'Migrate prod-intree to Out-of-tree AWS');
  });

  it('warns on the detail page of an in-tree cluster and links to its migration', async() => {
    await page.goto(`${ sim.url }${ DETAIL('prod-intree') }`);
    const banner = page.locator('[data-testid="aws-oot-intree-banner"]');

    await banner.waitFor({ timeout: 60_000 });
    await screenshot(page, '04-detail-page-banner');
    assert.match(await banner.innerText(), /Kubernetes 1\.27 removed/);
    await page.locator('[data-testid="aws-oot-intree-banner-link"]').click();
    await page.waitForURL(/\/aws-oot-migration\/fleet-default\/prod-intree$/, { timeout: 30_000 });
  });

  it('does not warn on a cluster that is already external', async() => {
    await page.goto(`${ sim.url }${ DETAIL('already-external') }`);
    await page.locator('.masthead, [data-testid="masthead"], header').first().waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    assert.equal(await page.locator('[data-testid="aws-oot-intree-banner"]').count(), 0);
  });
});
