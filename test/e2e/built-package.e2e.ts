// The extension as users get it: the build-pkg UMD, installed in the simulated Rancher and loaded by a dashboard
// that does NOT have it compiled in (dist/app-bare/), exactly as a real Rancher's dashboard loads it — the index at
// GET /v1/uiplugins, then a <script> for /v1/uiplugins/<name>/<version>/plugin/<main>, then the lazy chunks from
// the same folder. The dev server and dist-app compile pkg/ sources instead, which is not what users install.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fs from 'fs';
import path from 'path';
import type { Page } from 'playwright-core';
import { startSimulator, RunningSimulator } from './support/simulator';
import { launchBrowser, login, screenshot } from './support/browser';
import { clusterList, CLUSTERS_LIST } from './support/cluster-list';
import { ensureBareDashboard, ensureBuiltPackage } from './support/builds';


let sim: RunningSimulator;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let list: ReturnType<typeof clusterList>;
let built: ReturnType<typeof ensureBuiltPackage>;
let bareApp: string;
const pageErrors: string[] = [];

before(async() => {
  // both builds are skipped when up to date; from cold, about 30-70 s each (2 cores)
  bareApp = ensureBareDashboard();
  built = ensureBuiltPackage();
  sim = await startSimulator({
    scenario:            path.join(__dirname, 'scenarios/mixed-fleet.yaml'),
    staticDir:           path.relative(path.join(__dirname, '../..'), bareApp),
    uiPlugins:           [built.dir],
    uiPluginAnnotations: [built.sourcePackageJson],
  });
  browser = await launchBrowser();
  page = browser.page;
  list = clusterList(page);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') {
      pageErrors.push(m.text());
    }
  });
}, { timeout: 600_000 });

after(async() => {
  await browser?.close();
  await sim?.stop();
});

const base = () => `/v1/uiplugins/${ built.name }/${ built.version }/plugin/`;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function requests(pathRegex: string): Promise<Array<{ method: string; path: string; status: number }>> {
  return (await sim.read(`requests?method=GET&path=${ encodeURIComponent(pathRegex) }`)).data;
}

describe('the built extension package, loaded through /v1/uiplugins', { timeout: 180_000 }, () => {
  it('serves a dashboard that has no extension code compiled in', () => {
    const js = fs.readdirSync(path.join(bareApp, 'js')).filter((f) => f.endsWith('.js'));
    const withExtension = js.filter((f) => fs.readFileSync(path.join(bareApp, 'js', f), 'utf8').includes('awsOotMigration'));

    assert.ok(js.length > 0, 'the bare dashboard build has scripts');
    assert.deepEqual(withExtension, [], 'no script of the bare dashboard contains the extension');
  });

  it('loads the extension UMD from the uiplugins endpoint after login', async() => {
    await login(page, sim.url);
    const main = `${ base() }${ built.name }-${ built.version }.umd.min.js`;
    const id = `${ built.name }-${ built.version }`;

    // the shell adds <script id="<name>-<version>"> and registers window[<name>-<version>] once it ran
    await page.waitForFunction((i) => typeof (window as any)[i]?.default === 'function', id, { timeout: 60_000 });
    const src = await page.evaluate((i) => (document.getElementById(i) as HTMLScriptElement | null)?.src, id);

    assert.equal(src, `${ sim.url }${ main }`);
    const index = await requests('^/v1/uiplugins$');

    assert.ok(index.some((r) => r.status === 200), 'the dashboard read the extension index');
    assert.deepEqual((await requests(`^${ escape(main) }$`)).map((r) => r.status), [200]);
  });

  it('offers the action on the in-tree AWS RKE2 cluster only', async() => {
    await page.goto(`${ sim.url }${ CLUSTERS_LIST }`);
    await list.row('prod-intree').waitFor({ timeout: 60_000 });
    await list.openRowMenu('prod-intree');
    await screenshot(page, 'built-package-01-action-in-row-menu');
    assert.equal(await list.migrateItem().count(), 1);
    for (const name of ['already-external', 'edge-k3s', 'local']) {
      await list.openRowMenu(name);
      assert.ok(await list.visibleMenuItems().count() > 0, `the row menu of ${ name } is open`);
      assert.equal(await list.migrateItem().count(), 0, `no action on ${ name }`);
    }
  });

  it('opens the migration page from the lazily loaded page chunk', async() => {
    const chunks = fs.readdirSync(built.dir).filter((f) => /\.umd\.min\..+\.js$/.test(f));
    const pageChunk = chunks.find((f) => f.endsWith('.migration-page.js'));

    assert.ok(pageChunk, `the package has a migration-page chunk (has ${ chunks.join(', ') })`);
    assert.deepEqual(await requests(`^${ escape(base() + pageChunk) }$`), [], 'the page chunk is lazy: not fetched before the page opens');

    await list.openRowMenu('prod-intree');
    await list.migrateItem().click();
    await page.waitForURL(/\/c\/_\/manager\/aws-oot-migration\/fleet-default\/prod-intree$/, { timeout: 30_000 });
    const title = page.locator('[data-testid="aws-oot-page-title"]');

    await title.waitFor({ timeout: 30_000 });
    await screenshot(page, 'built-package-02-migration-page');
    assert.equal(await title.innerText(), 'Migrate prod-intree to Out-of-tree AWS');
    assert.deepEqual((await requests(`^${ escape(base() + pageChunk) }$`)).map((r) => r.status), [200]);

    // every file the dashboard asked of the package was there (no 404 for a chunk with a wrong public path)
    const fetched = await requests(`^${ escape(base()) }`);

    assert.deepEqual(fetched.filter((r) => r.status !== 200), []);
    for (const r of fetched) {
      assert.ok(fs.existsSync(path.join(built.dir, r.path.slice(base().length))), `${ r.path } is a file of the built package`);
    }
    assert.deepEqual(pageErrors.filter((e) => /extension|plugin|aws-oot/i.test(e)), [], 'no extension errors in the browser console');
  });
});
