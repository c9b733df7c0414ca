// The `catalog.cattle.io.uiplugin` resources an installed extension chart creates in cattle-ui-plugin-system, and
// the index Rancher builds from them (GET /v1/uiplugins).
//
// Sources: the chart template in @rancher/shell scripts/extension/helm/charts/ui-plugin-server (templates/cr.yaml,
// _helpers.tpl; `patch` and `helmpatch` fill values.yaml), and Rancher's controller and handlers
// (rancher/rancher pkg/controllers/dashboard/plugin/index.go, pkg/api/steve/catalog/plugin.go).

import type { KubeObject } from '../engine/kube-object';
import type { ObjectStore } from '../engine/object-store';
import type { UiPluginPackage } from './packages';

export const UI_PLUGIN_TYPE = 'catalog.cattle.io.uiplugin';
export const UI_PLUGIN_NAMESPACE = 'cattle-ui-plugin-system';

/** One entry of Rancher's index: the CR's spec.plugin plus two untagged Go fields (so capitalised in JSON). */
export interface UiPluginIndexEntry {
  name: string;
  version: string;
  endpoint?: string;
  compressedEndpoint?: string;
  noCache?: boolean;
  noAuth?: boolean;
  metadata?: Record<string, string>;
  CacheState: string;
  Ready: boolean;
}

/**
 * The UIPlugin the chart renders when installed from the Extensions page or from the catalog image: release name =
 * chart name = package name, so the helper's fullname is the package name. The endpoint is the catalog image's
 * in-cluster service (helmpatch, non-GitHub build); the simulator plays Rancher with the files already cached
 * (`cacheState: cached`), so nothing ever fetches that endpoint.
 */
export function uiPluginObject(pkg: UiPluginPackage): KubeObject {
  const endpoint = `http://ui-extension-${ pkg.name }-svc.${ UI_PLUGIN_NAMESPACE }:8080/plugin/${ pkg.name }-${ pkg.version }`;

  return {
    apiVersion: 'catalog.cattle.io/v1',
    kind:       'UIPlugin',
    metadata:   {
      name:      pkg.name,
      namespace: UI_PLUGIN_NAMESPACE,
      labels:    {
        'helm.sh/chart':                `${ pkg.name }-${ pkg.version }`,
        'app.kubernetes.io/name':       pkg.name,
        'app.kubernetes.io/instance':   pkg.name,
        'app.kubernetes.io/version':    pkg.version,
        'app.kubernetes.io/managed-by': 'Helm',
      },
      annotations: {
        'meta.helm.sh/release-name':      pkg.name,
        'meta.helm.sh/release-namespace': UI_PLUGIN_NAMESPACE,
      },
    },
    spec: {
      plugin: {
        name:               pkg.name,
        version:            pkg.version,
        endpoint,
        compressedEndpoint: `${ endpoint }.tgz`,
        noCache:            false,
        noAuth:             false,
        metadata:           { ...pkg.metadata },
      },
    },
    status: {
      cacheState: 'cached', ready: true, error: '', observedGeneration: 1
    },
  };
}

/** Adds the namespace and one UIPlugin per package to a freshly built management store. */
export function installUiPlugins(store: ObjectStore, packages: UiPluginPackage[]): void {
  if (!packages.length) {
    return;
  }
  if (!store.get('namespace', UI_PLUGIN_NAMESPACE)) {
    store.create('namespace', {
      apiVersion: 'v1', kind: 'Namespace', metadata: { name: UI_PLUGIN_NAMESPACE }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' }
    });
  }
  for (const pkg of packages) {
    store.create(UI_PLUGIN_TYPE, uiPluginObject(pkg));
  }
}

/**
 * Rancher's index over the UIPlugins in cattle-ui-plugin-system: keyed by spec.plugin.name (a later CR with the same
 * name wins, as in the Go map). Logged-out callers get the anonymous index: only `noAuth` plugins.
 * A CR created through the API (Developer Load with "persist") has no status yet; Rancher's controller would mark
 * it `disabled` (noCache) or `pending`.
 */
export function uiPluginIndex(store: ObjectStore, authenticated: boolean): Record<string, UiPluginIndexEntry> {
  const entries: Record<string, UiPluginIndexEntry> = {};

  for (const cr of store.list(UI_PLUGIN_TYPE)) {
    const plugin = cr.spec?.plugin || {};

    if (cr.metadata.namespace !== UI_PLUGIN_NAMESPACE || !plugin.name || (!authenticated && !plugin.noAuth)) {
      continue;
    }
    // field order and `omitempty` as Go marshals it: the embedded entry first (empty strings, false and empty maps
    // left out), then the two untagged status fields
    const entry: Partial<UiPluginIndexEntry> = { name: plugin.name };

    for (const key of ['version', 'endpoint', 'compressedEndpoint', 'noCache', 'noAuth'] as const) {
      if (plugin[key]) {
        (entry as any)[key] = plugin[key];
      }
    }
    if (plugin.metadata && Object.keys(plugin.metadata).length) {
      entry.metadata = { ...plugin.metadata };
    }
    entry.CacheState = cr.status?.cacheState || (plugin.noCache ? 'disabled' : 'pending');
    entry.Ready = !!cr.status?.ready;
    entries[plugin.name] = entry as UiPluginIndexEntry;
  }

  return entries;
}
