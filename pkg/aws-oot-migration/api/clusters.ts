import { PROV_CLUSTER_TYPE } from '../config/constants';

// The vuex store the shell hands to pages: all I/O goes through it so the user's session and RBAC apply.
export interface RancherStore {
  dispatch: (action: string, payload?: unknown) => Promise<any>;
}

/** Loads one provisioning cluster (a shell model) through the management store. */
export function findProvisioningCluster(store: RancherStore, namespace: string, name: string): Promise<any> {
  return store.dispatch('management/find', { type: PROV_CLUSTER_TYPE, id: `${ namespace }/${ name }` });
}
