import type { Page } from 'playwright-core';

// The Cluster Management list and its row ⋮ menus, as the e2e tests drive them.
export const ACTION_LABEL = 'Migrate to Out-of-tree AWS';
export const CLUSTERS_LIST = '/c/_/manager/provisioning.cattle.io.cluster';

export function clusterList(page: Page) {
  const row = (name: string) => page.locator('tr.main-row').filter({ has: page.locator('a', { hasText: new RegExp(`^\\s*${ name }\\s*$`) }) });
  const visibleMenuItems = () => page.getByRole('menuitem').filter({ visible: true });

  return {
    row,
    visibleMenuItems,
    /** Opens a row's ⋮ menu and waits until it shows, after closing any menu left open. */
    async openRowMenu(name: string) {
      await page.keyboard.press('Escape');
      await visibleMenuItems().first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
      await row(name).locator('[data-testid$="-action-button"]').click();
      await visibleMenuItems().first().waitFor({ timeout: 10_000 });
    },
    migrateItem: () => visibleMenuItems().filter({ hasText: ACTION_LABEL }),
  };
}
