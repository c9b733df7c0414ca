import fs from 'fs';
import os from 'os';
import path from 'path';
import { chromium, BrowserContext, Page } from 'playwright-core';

export const SCREENSHOT_DIR = path.join(__dirname, '../../../test-results/screenshots');

// Debian's Chromium, never a downloaded browser. Without the background-networking flags Chromium keeps
// trying hosts this machine cannot reach.
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function launchBrowser(): Promise<{ context: BrowserContext; page: Page; close: () => Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-oot-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath:    process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless:          true,
    ignoreHTTPSErrors: true,
    args:              ARGS,
    viewport:          { width: 1400, height: 900 },
  });
  const page = context.pages()[0] || await context.newPage();

  return {
    context,
    page,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Logs in through the real Rancher login page. */
export async function login(page: Page, baseUrl: string, username = 'admin', password = 'password'): Promise<void> {
  await page.goto(`${ baseUrl }/auth/login`);
  await page.locator('[data-testid="local-login-username"] input, input[data-testid="local-login-username"]').first().fill(username, { timeout: 60_000 });
  await page.locator('input[type="password"]').fill(password);
  await page.locator('[data-testid="login-submit"]').click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/login'), { timeout: 60_000 });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${ name }.png`) });
}
