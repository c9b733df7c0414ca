// Every Rancher URL the extension uses, built in one place. Pure: no store, no I/O.

export const STEVE = '/v1';
export const NORMAN = '/v3';

export interface ListQuery {
  labelSelector?: string;
  fieldSelector?: string;
}

const enc = encodeURIComponent;

/** Appends query parameters, keeping any the URL already has; undefined values are left out. */
export function withQuery(url: string, query: Record<string, string | undefined>): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${ enc(k) }=${ enc(v as string) }`);

  if (!parts.length) {
    return url;
  }

  return `${ url }${ url.includes('?') ? '&' : '?' }${ parts.join('&') }`;
}

/** Steve path of a type, a namespace's objects of it, or one object (`id` = name). */
export function stevePath(base: string, type: string, namespace?: string, id?: string): string {
  return [base, type, namespace, id].filter((p) => p !== undefined && p !== '').map((p, i) => (i ? enc(p as string) : p)).join('/');
}

/** `/k8s/clusters/<mgmtId>/v1`: Steve of a downstream cluster through Rancher's proxy. */
export function downstreamBase(clusterId: string): string {
  return `/k8s/clusters/${ enc(clusterId) }/v1`;
}

export function downstreamSubscribeUrl(clusterId: string): string {
  return `${ downstreamBase(clusterId) }/subscribe`;
}

/** Lists leave `metadata.managedFields` out, as the shell does: with thousands of nodes it is most of the payload. */
export function listUrl(base: string, type: string, namespace?: string, query: ListQuery = {}): string {
  return withQuery(stevePath(base, type, namespace), { ...query, exclude: 'metadata.managedFields' });
}

export const urls = {
  provisioningCluster: (ns: string, name: string) => stevePath(STEVE, 'provisioning.cattle.io.clusters', ns, name),
  rkeControlPlane:     (ns: string, name: string) => stevePath(STEVE, 'rke.cattle.io.rkecontrolplanes', ns, name),
  provisioningLog:     (mgmtId: string) => stevePath(STEVE, 'configmaps', mgmtId, 'provisioning-log'),
  managementCluster:   (id: string) => stevePath(STEVE, 'management.cattle.io.clusters', undefined, id),
  setting:             (id: string) => stevePath(STEVE, 'management.cattle.io.settings', undefined, id),
  rke2Releases:        () => '/v1-rke2-release/releases',
  normanCluster:       (id: string) => `${ NORMAN }/clusters/${ enc(id) }`,

  nodes:     (clusterId: string, query: ListQuery = {}) => listUrl(downstreamBase(clusterId), 'nodes', undefined, query),
  node:      (clusterId: string, name: string) => stevePath(downstreamBase(clusterId), 'nodes', undefined, name),
  daemonSet: (clusterId: string, ns: string, name: string) => stevePath(downstreamBase(clusterId), 'apps.daemonsets', ns, name),
  helmChart: (clusterId: string, ns: string, name: string) => stevePath(downstreamBase(clusterId), 'helm.cattle.io.helmcharts', ns, name),
  apps:      (clusterId: string, ns?: string) => listUrl(downstreamBase(clusterId), 'catalog.cattle.io.apps', ns),
  lease:     (clusterId: string, ns: string, name: string) => stevePath(downstreamBase(clusterId), 'coordination.k8s.io.leases', ns, name),

  storageClasses:    (clusterId: string) => listUrl(downstreamBase(clusterId), 'storage.k8s.io.storageclasses'),
  persistentVolumes: (clusterId: string) => listUrl(downstreamBase(clusterId), 'persistentvolumes'),
  services:          (clusterId: string) => listUrl(downstreamBase(clusterId), 'services'),
  csiDrivers:        (clusterId: string) => listUrl(downstreamBase(clusterId), 'storage.k8s.io.csidrivers'),

  clusterRepos:  (clusterId: string) => stevePath(downstreamBase(clusterId), 'catalog.cattle.io.clusterrepos'),
  clusterRepo:   (clusterId: string, name: string) => stevePath(downstreamBase(clusterId), 'catalog.cattle.io.clusterrepos', undefined, name),
  chartAction:   (clusterId: string, repo: string, action: 'install' | 'upgrade') => withQuery(urls.clusterRepo(clusterId, repo), { action }),
  operation:     (clusterId: string, ns: string, name: string) => stevePath(downstreamBase(clusterId), 'catalog.cattle.io.operations', ns, name),
};

/** The management cluster id in a `/k8s/clusters/<id>/…` URL (absolute or not), if it is one. */
export function downstreamClusterOf(url: string | undefined): string | undefined {
  const m = /\/k8s\/clusters\/([^/?#]+)/.exec(url || '');

  return m ? decodeURIComponent(m[1]) : undefined;
}

/** What a message names as the target: the path without origin and query. */
export function targetOf(url: string | undefined): string {
  return (url || '').replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/[?#].*$/, '');
}
