import type { Action, ActionOpts } from '@shell/core/types';
import { isMigrationCandidate } from '../migration/classify';
import { migrationRoute } from '../config/routes';
import { L10N_ROOT } from '../config/constants';

// The dashboard's provisioning cluster model: the parts the action reads.
interface ClusterModel {
  metadata?: { namespace?: string; name?: string };
  canUpdate?: boolean;
  mgmt?: unknown;
  currentRouter?: () => { push: (location: unknown) => unknown };
}

/** Table (and detail page) action on provisioning clusters; the engine decides which clusters qualify. */
export const migrateAction: Action = {
  labelKey: `${ L10N_ROOT }.action.migrate`,
  icon:     'icon-upload',
  multiple: false,
  enabled(cluster: ClusterModel) {
    return cluster.canUpdate !== false && isMigrationCandidate(cluster as never, cluster.mgmt as never);
  },
  invoke(_opts: ActionOpts, resources: ClusterModel[]) {
    const cluster = resources[0];

    cluster?.currentRouter?.().push(migrationRoute(cluster));
  },
};
