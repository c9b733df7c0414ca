import {
  LAYOUT_PARENT_ROUTE, MANAGER_PRODUCT, BLANK_CLUSTER, MIGRATION_ROUTE_NAME, MIGRATION_ROUTE_PATH
} from '../config/constants';

// The page and everything it needs load on first use only: the main bundle loads on every Rancher page.
export const migrationPageRoute = {
  parent: LAYOUT_PARENT_ROUTE,
  route:  {
    name:      MIGRATION_ROUTE_NAME,
    path:      MIGRATION_ROUTE_PATH,
    component: () => import(/* webpackChunkName: "migration-page" */ '../pages/MigrationPage.vue'),
    meta:      { product: MANAGER_PRODUCT, cluster: BLANK_CLUSTER },
  },
};
