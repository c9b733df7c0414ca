import { BLANK_CLUSTER, MANAGER_PRODUCT, MIGRATION_ROUTE_NAME } from './constants';

export interface ClusterRef {
  metadata?: { namespace?: string; name?: string };
}

/** The route location of the migration page for one provisioning cluster (deep-linkable). */
export function migrationRoute(cluster: ClusterRef) {
  return {
    name:   MIGRATION_ROUTE_NAME,
    params: {
      cluster:   BLANK_CLUSTER,
      product:   MANAGER_PRODUCT,
      namespace: cluster.metadata?.namespace || '',
      id:        cluster.metadata?.name || '',
    },
  };
}
