// Names other parts of Rancher see. Kept in one place so routes, actions and tests agree on them.
export const PKG_NAME = 'aws-oot-migration';
export const L10N_ROOT = 'awsOotMigration';

// Cluster Management is the "manager" product; its routes live under the shell's "default" layout route
// and use the blank cluster id "_".
export const MANAGER_PRODUCT = 'manager';
export const BLANK_CLUSTER = '_';
export const LAYOUT_PARENT_ROUTE = 'default';
export const MIGRATION_ROUTE_NAME = 'c-cluster-manager-aws-oot-migration-namespace-id';
export const MIGRATION_ROUTE_PATH = '/c/:cluster/manager/aws-oot-migration/:namespace/:id';

export const PROV_CLUSTER_TYPE = 'provisioning.cattle.io.cluster';
