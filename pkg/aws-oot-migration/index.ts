import { importTypes } from '@rancher/auto-import';
import { IPlugin, ActionLocation } from '@shell/core/types';
import { migrateAction } from './extension-points/migrate-action';
import { migrationPageRoute } from './routing';
import { PROV_CLUSTER_TYPE } from './config/constants';

// Everything this extension adds to Rancher is listed here; the logic lives elsewhere.
export default function(plugin: IPlugin): void {
  importTypes(plugin);
  plugin.metadata = require('./package.json');

  // "Migrate to Out-of-tree AWS" in the cluster list row menu and the cluster detail page menu
  plugin.addAction(ActionLocation.TABLE, { resource: [PROV_CLUSTER_TYPE] }, migrateAction);

  // The migration page of one cluster, under Cluster Management
  plugin.addRoutes([migrationPageRoute]);
}
