// The Steve types each simulated apiserver advertises. The schema id is what Steve uses: `<group>.<kind lowercased>`
// (or the bare kind for the core group); URLs accept both the plural (`provisioning.cattle.io.clusters`) and the id.

export interface TypeDef {
  id: string;
  group: string;
  version: string;
  kind: string;
  resource: string;      // plural resource name in Kubernetes
  namespaced: boolean;
  /** Steve URL segment: `<group>.<resource>` or `<resource>` for core. */
  plural: string;
  /** Served by handlers, not backed by the store (counts, userpreferences). */
  virtual?: boolean;
  /** `?action=` names Steve offers on resources of this type. */
  resourceActions?: string[];
  /** schema attributes.columns (table columns); Steve always has at least Name and Age. */
  columns?: SchemaColumn[];
}

export interface SchemaColumn {
  name: string;
  field: string;        // JSONPath into the Steve object
  type: string;
  format: string;
  description: string;
  priority: number;
}

const col = (name: string, field: string, type = 'string', format = '', priority = 0): SchemaColumn => ({
  name, field, type, format, description: '', priority
});

export const DEFAULT_COLUMNS: SchemaColumn[] = [col('Name', '$.metadata.name', 'string', 'name'), col('Age', '$.metadata.creationTimestamp', 'string', 'date')];

// the dashboard builds event tables from these names (ResourceTabs: Subobject, Source, Count)
const EVENT_COLUMNS: SchemaColumn[] = [
  col('Last Seen', '$.lastTimestamp', 'string', 'date'),
  col('Type', '$.type'),
  col('Reason', '$.reason'),
  col('Object', '$.involvedObject.name'),
  col('Subobject', '$.involvedObject.fieldPath', 'string', '', 1),
  col('Source', '$.source.component', 'string', '', 1),
  col('Message', '$.message'),
  col('First Seen', '$.firstTimestamp', 'string', 'date', 1),
  col('Count', '$.count', 'integer', '', 1),
  col('Name', '$.metadata.name', 'string', 'name', 1),
];

function t(group: string, version: string, kind: string, resource: string, namespaced: boolean, extra: Partial<TypeDef> = {}): TypeDef {
  return {
    id:     group ? `${ group }.${ kind.toLowerCase() }` : kind.toLowerCase(),
    plural: group ? `${ group }.${ resource }` : resource,
    group,
    version,
    kind,
    resource,
    namespaced,
    ...extra,
  };
}

const MGMT = 'management.cattle.io';

const COMMON: TypeDef[] = [
  t('', 'v1', 'Namespace', 'namespaces', false),
  t('', 'v1', 'Secret', 'secrets', true),
  t('', 'v1', 'ConfigMap', 'configmaps', true),
  t('', 'v1', 'Event', 'events', true, { columns: EVENT_COLUMNS }),
  t('', 'v1', 'Count', 'counts', false, { virtual: true }),
];

/** The Rancher (local) cluster as seen at `/v1`. */
export const MANAGEMENT_TYPES: TypeDef[] = [
  ...COMMON,
  t('', 'v1', 'UserPreference', 'userpreferences', false, { virtual: true }),
  t(MGMT, 'v3', 'Setting', 'settings', false),
  t(MGMT, 'v3', 'Feature', 'features', false),
  t(MGMT, 'v3', 'Cluster', 'clusters', false),
  t(MGMT, 'v3', 'Project', 'projects', true),
  t(MGMT, 'v3', 'User', 'users', false),
  t(MGMT, 'v3', 'GlobalRole', 'globalroles', false),
  t(MGMT, 'v3', 'GlobalRoleBinding', 'globalrolebindings', false),
  t(MGMT, 'v3', 'RoleTemplate', 'roletemplates', false),
  t(MGMT, 'v3', 'ClusterRoleTemplateBinding', 'clusterroletemplatebindings', true),
  t(MGMT, 'v3', 'NodeDriver', 'nodedrivers', false),
  t(MGMT, 'v3', 'KontainerDriver', 'kontainerdrivers', false),
  t(MGMT, 'v3', 'Node', 'nodes', true),
  t(MGMT, 'v3', 'NodePool', 'nodepools', true),
  t(MGMT, 'v3', 'NodeTemplate', 'nodetemplates', true),
  t('provisioning.cattle.io', 'v1', 'Cluster', 'clusters', true),
  t('rke.cattle.io', 'v1', 'RKEControlPlane', 'rkecontrolplanes', true),
  t('rke.cattle.io', 'v1', 'ETCDSnapshot', 'etcdsnapshots', true),
  t('cluster.x-k8s.io', 'v1beta1', 'Cluster', 'clusters', true),
  t('cluster.x-k8s.io', 'v1beta1', 'Machine', 'machines', true),
  t('cluster.x-k8s.io', 'v1beta1', 'MachineDeployment', 'machinedeployments', true),
  t('cluster.x-k8s.io', 'v1beta1', 'MachineSet', 'machinesets', true),
  t('rke-machine.cattle.io', 'v1', 'Amazonec2MachineTemplate', 'amazonec2machinetemplates', true),
  t('rke-machine.cattle.io', 'v1', 'Amazonec2Machine', 'amazonec2machines', true),
  t('rke-machine-config.cattle.io', 'v1', 'Amazonec2Config', 'amazonec2configs', true),
  t('rke-machine-config.cattle.io', 'v1', 'VmwarevsphereConfig', 'vmwarevsphereconfigs', true),
  t('fleet.cattle.io', 'v1alpha1', 'FleetWorkspace', 'fleetworkspaces', false),
  t('fleet.cattle.io', 'v1alpha1', 'Cluster', 'clusters', true),
  t('catalog.cattle.io', 'v1', 'UIPlugin', 'uiplugins', true),
  t('catalog.cattle.io', 'v1', 'ClusterRepo', 'clusterrepos', false, { resourceActions: ['install', 'upgrade'] }),
];

/** A downstream cluster as seen through `/k8s/clusters/<id>/v1`. */
export const DOWNSTREAM_TYPES: TypeDef[] = [
  ...COMMON,
  t('', 'v1', 'Node', 'nodes', false),
  t('', 'v1', 'Pod', 'pods', true),
  t('', 'v1', 'Service', 'services', true),
  t('', 'v1', 'ServiceAccount', 'serviceaccounts', true),
  t('', 'v1', 'PersistentVolume', 'persistentvolumes', false),
  t('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true),
  t('apps', 'v1', 'Deployment', 'deployments', true),
  t('apps', 'v1', 'DaemonSet', 'daemonsets', true),
  t('batch', 'v1', 'Job', 'jobs', true),
  t('storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', false),
  t('storage.k8s.io', 'v1', 'CSIDriver', 'csidrivers', false),
  t('coordination.k8s.io', 'v1', 'Lease', 'leases', true),
  t('helm.cattle.io', 'v1', 'HelmChart', 'helmcharts', true),
  t('helm.cattle.io', 'v1', 'HelmChartConfig', 'helmchartconfigs', true),
  t('catalog.cattle.io', 'v1', 'ClusterRepo', 'clusterrepos', false, { resourceActions: ['install', 'upgrade'] }),
  t('catalog.cattle.io', 'v1', 'App', 'apps', true, { resourceActions: ['uninstall'] }),
  t('catalog.cattle.io', 'v1', 'Operation', 'operations', true),
  t(MGMT, 'v3', 'Project', 'projects', true),
];

export class TypeRegistry {
  private readonly byId = new Map<string, TypeDef>();
  private readonly byPlural = new Map<string, TypeDef>();
  private readonly byKind = new Map<string, TypeDef>();

  constructor(readonly all: TypeDef[]) {
    for (const d of all) {
      this.byId.set(d.id, d);
      this.byPlural.set(d.plural, d);
      this.byKind.set(`${ d.group ? `${ d.group }/` : '' }${ d.kind }`, d);
    }
  }

  /** Steve accepts the plural name and the schema id (the dashboard uses both forms). */
  resolve(segment: string): TypeDef | undefined {
    return this.byPlural.get(segment) || this.byId.get(segment) || this.byId.get(segment.toLowerCase());
  }

  get(id: string): TypeDef {
    const d = this.byId.get(id);

    if (!d) {
      throw new Error(`unknown type ${ id }`);
    }

    return d;
  }

  /** Type of a raw object by apiVersion + kind (used when applying manifests). */
  forObject(apiVersion: string, kind: string): TypeDef | undefined {
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';

    return this.byKind.get(`${ group ? `${ group }/` : '' }${ kind }`);
  }
}

export const managementRegistry = new TypeRegistry(MANAGEMENT_TYPES);
export const downstreamRegistry = new TypeRegistry(DOWNSTREAM_TYPES);

export function apiVersionOf(d: TypeDef): string {
  return d.group ? `${ d.group }/${ d.version }` : d.version;
}
