import { importTypes } from '@rancher/auto-import';
import { IPlugin, ActionLocation, PanelLocation } from '@shell/core/types';
import { migrateAction } from './extension-points/migrate-action';
import { migrationPageRoute } from './routing';
import { PROV_CLUSTER_TYPE } from './config/constants';

// Everything this extension adds to Rancher is listed here; the logic lives elsewhere.
export default function(plugin: IPlugin): void {
  importTypes(plugin);
  plugin.metadata = require('./package.json');

  // "Migrate to Out-of-tree AWS" in the cluster list row menu and the cluster detail page menu
  plugin.addAction(ActionLocation.TABLE, { resource: [PROV_CLUSTER_TYPE] }, migrateAction);

  // On the cluster detail page: a warning on clusters still on in-tree AWS, with the way to migrate
  // (the shell wraps the loader in defineAsyncComponent, so the banner loads on first use)
  plugin.addPanel(PanelLocation.DETAIL_TOP, { resource: [PROV_CLUSTER_TYPE] }, {
    component: () => import(/* webpackChunkName: "in-tree-banner" */ './components/InTreeAwsBanner.vue')
  });

  // The migration page of one cluster, under Cluster Management
  plugin.addRoutes([migrationPageRoute]);
}
