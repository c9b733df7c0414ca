import type { Page } from 'playwright-core';
import type { RunningSimulator } from './simulator';
import { screenshot } from './browser';

// Drives the migration page the way an admin does, and reads what the simulated Rancher saw. Shared by every
// migration e2e file; each test asserts its own expectations on the writes these helpers return.

export const STEP_TIMEOUT = 60_000;
export const UNINITIALIZED = 'node.cloudprovider.kubernetes.io/uninitialized';
export const HISTORY = 'aws-oot-migration.cattle.io/history';
export const OPTIONS = 'aws-oot-migration.cattle.io/options';

export interface MigrationTarget {
  namespace: string;
  name: string;
  /** The management cluster id (downstream proxy path). */
  clusterId: string;
}

export interface LoggedRequest {
  seq: number;
  method: string;
  path: string;
  status: number;
  query?: string;
}

/** The writes the simulated Rancher received after a point of the request log (websocket subscribes excluded). */
export interface Writes {
  puts: LoggedRequest[];
  posts: LoggedRequest[];
  patches: LoggedRequest[];
}

export const isControlPlane = (n: any) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] === 'true' ||
  n.metadata.labels?.['node-role.kubernetes.io/controlplane'] === 'true';
export const historySteps = (c: any): string[] => JSON.parse(c.metadata.annotations?.[HISTORY] || '[]').map((e: any) => e.step);
export const describeWrites = (w: Writes) => ([['puts', 'PUT'], ['posts', 'POST'], ['patches', 'PATCH']] as const)
  .map(([k, verb]) => `${ w[k].length } ${ verb }${ w[k].length ? ` (${ w[k].map((r) => `${ r.path } ${ r.status }`).join(', ') })` : '' }`).join(', ');

export function migrationPage(page: Page, sim: RunningSimulator, target: MigrationTarget, shotPrefix: string) {
  const path = `/c/_/manager/aws-oot-migration/${ target.namespace }/${ target.name }`;
  const provPath = `provisioning.cattle.io.clusters/${ target.namespace }/${ target.name }`;
  const currentStep = () => page.locator('[data-testid="aws-oot-current-step"]');
  const footer = () => page.locator('#wizard-footer-controls');
  let shotNo = 0;

  /** Reads through the browser's session, as the page does. */
  const apiGet = (p: string): Promise<any> => page.evaluate(async(u) => (await fetch(u)).json(), p);

  async function lastSeq(): Promise<number> {
    return (await sim.read('requests')).data.map((r: any) => r.seq).reduce((a: number, b: number) => Math.max(a, b), 0);
  }

  async function requestsSince(since: number, method: string): Promise<LoggedRequest[]> {
    return (await sim.read(`requests?method=${ method }&since=${ since }`)).data;
  }

  const d = {
    path,
    provPath,
    currentStep,
    footer,
    apiGet,
    lastSeq,
    requestsSince,

    async shot(name: string) {
      await screenshot(page, `${ shotPrefix }-${ String(shotNo++).padStart(2, '0') }-${ name }`);
    },

    async open() {
      await page.goto(`${ sim.url }${ path }`);
      await page.locator('[data-testid="aws-oot-page-title"]').waitFor({ timeout: STEP_TIMEOUT });
    },

    async writesSince(since: number): Promise<Writes> {
      const [puts, posts, patches] = await Promise.all(['PUT', 'POST', 'PATCH'].map((m) => requestsSince(since, m)));

      return { puts, posts: posts.filter((r) => !r.path.includes('/subscribe')), patches };
    },

    provisioningCluster: () => apiGet(`/v1/${ provPath }`),
    normanCluster:       () => apiGet(`/v3/clusters/${ target.clusterId }`),
    downstreamNodes:     async() => (await apiGet(`/k8s/clusters/${ target.clusterId }/v1/nodes`)).data as any[],

    /** Waits until the page shows `id` as the step to act on (derived from the cluster). */
    async waitForStep(id: string, timeout = STEP_TIMEOUT) {
      await page.locator(`[data-testid="aws-oot-current-step"][data-step="${ id }"]`).waitFor({ timeout });
    },

    /** Waits until the step list shows `id` as done. */
    async waitForDone(id: string, timeout = STEP_TIMEOUT) {
      await page.locator(`[data-testid="aws-oot-step-${ id }"][data-status="done"]`).waitFor({ timeout });
    },

    /** Waits until the page has moved past `id` to `next` (or `next` is already done). */
    async waitForStepOrDone(next: string, timeout = STEP_TIMEOUT) {
      await page.locator(`[data-testid="aws-oot-current-step"][data-step="${ next }"], [data-testid="aws-oot-step-${ next }"][data-status="done"]`).first().waitFor({ timeout });
    },

    async nextEnabled(timeout = 10_000) {
      await page.waitForFunction(() => {
        const b = Array.from(document.querySelectorAll('#wizard-footer-controls button')).find((x) => x.textContent?.trim() === 'Next') as HTMLButtonElement | undefined;

        return !!b && !b.disabled;
      }, undefined, { timeout });
    },

    /** Ticks the IAM and tagging checklist on the preflight step. */
    async acknowledge() {
      await page.locator('[data-testid="aws-oot-step-preflight"]').getByText('I have verified this on AWS').first().click();
    },

    async chooseMode(mode: 'leader-migration' | 'downtime') {
      const label = mode === 'downtime' ? /^Downtime/ : /^Leader migration/;

      await page.locator('[data-testid="aws-oot-mode"] .radio-label').filter({ hasText: label }).first().click();
    },

    /** Picks a target Kubernetes version in the shell's LabeledSelect (vue-select). */
    async chooseVersion(version: string) {
      await page.locator('[data-testid="aws-oot-target-version"]').click();
      await page.locator('.vs__dropdown-menu .vs__dropdown-option', { hasText: version }).first().click();
    },

    async next() {
      await footer().getByRole('button', { name: 'Next' }).click();
    },

    /** The current step's Apply button, once it is back to "Apply" (the shell's AsyncButton shows Error for a while). */
    async clickApply(scope = currentStep()) {
      const apply = scope.getByTestId('aws-oot-review-apply-async-button');

      await apply.filter({ hasText: /^\s*Apply\s*$/ }).waitFor({ timeout: 15_000 });
      await apply.click();
    },

    /** The error banner of `kind` (forbidden, not-found, conflict, server, timeout, unreachable …) and its text. */
    async errorBanner(kind: string, timeout = 15_000): Promise<string> {
      const banner = page.locator(`[data-testid="aws-oot-api-error-${ kind }"]`);

      await banner.waitFor({ timeout });

      return (await banner.innerText()).replace(/\s+/g, ' ').trim();
    },

    /**
     * Reviews and applies the current config step, waits until the watch moved the page on to `next`, and returns
     * the writes it took (the caller asserts them).
     */
    async applyConfigStep(id: string, next: string): Promise<Writes> {
      await d.waitForStep(id);
      await currentStep().locator('[data-testid="aws-oot-review-yaml"]').waitFor({ timeout: 10_000 });
      await currentStep().locator('[data-testid="aws-oot-review-title"]').scrollIntoViewIfNeeded();
      await d.shot(`${ id }-review`);
      const since = await lastSeq();

      await currentStep().getByRole('button', { name: /^Apply$/ }).click();
      await d.waitForDone(id);
      await d.shot(`${ id }-applied`);
      await d.waitForStepOrDone(next);

      return d.writesSince(since);
    },

    /** Cordons or uncordons the listed nodes; returns the page's per-node results and the writes. */
    async cordonStep(id: string, action: 'cordon' | 'uncordon', count: number) {
      await d.waitForStep(id);
      await d.shot(id);
      const since = await lastSeq();

      await currentStep().locator('[data-testid="aws-oot-cordon-apply"]').click();
      await d.waitForDone(id);
      // the per-node results stay on the page after the watch has moved it to the next step
      const summary = currentStep().locator('[data-testid="aws-oot-cordon-summary"]', { hasText: `of ${ count } nodes ${ action }ed.` });

      await summary.waitFor({ timeout: 10_000 });
      await summary.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await d.shot(`${ id }-done`);

      return {
        summary:   (await summary.textContent())?.trim() || '',
        succeeded: (await currentStep().locator('[data-testid="aws-oot-cordon-succeeded"] li').allTextContents()).map((t) => t.trim()),
        writes:    await d.writesSince(since),
      };
    },

    /** The history rows the page shows (step title column), newest first. */
    async historyRows(): Promise<string[]> {
      return (await page.locator('[data-testid="aws-oot-history"] tbody tr td:nth-child(2)').allTextContents()).map((t) => t.trim());
    },
  };

  return d;
}

export type MigrationPageDriver = ReturnType<typeof migrationPage>;
