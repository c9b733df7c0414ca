// RKE2's deploy controller for Rancher's additionalManifest: a server node that runs a plan writes the manifest
// to /var/lib/rancher/rke2/server/manifests/rancher/addons.yaml and its objects are applied — the newest plan
// applied on a control-plane node wins. Multi-document YAML is parsed safely; a manifest that does not parse
// leaves the previous objects in place and records a Warning event (the HelmChart simply never appears, as in
// rancher/dashboard#18373); objects removed from the manifest are deleted.

import yaml from 'js-yaml';
import { KubeObject, keyOf, shortHash } from '../../engine/kube-object';
import { downstreamRegistry } from '../../engine/type-registry';
import type { SimCluster } from '../../world/world';
import type { RuleContext } from '../rule-context';
import { recordEvent } from './events';

export const ADDON_LABEL = 'objectset.rio.cattle.io/hash';
const ADDON_HASH = shortHash('rancher/addons', 12);

export function parseManifest(manifest: string): { objects: KubeObject[]; error?: string } {
  try {
    const docs = yaml.loadAll(manifest || '');
    const objects = docs.filter((d): d is KubeObject => !!d && typeof d === 'object' && !Array.isArray(d));

    for (const o of objects) {
      if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' || typeof o.metadata?.name !== 'string') {
        return { objects: [], error: 'each manifest document needs apiVersion, kind and metadata.name' };
      }
    }

    return { objects };
  } catch (e) {
    return { objects: [], error: (e as Error).message.split('\n')[0] };
  }
}

export function addonsRule(ctx: RuleContext) {
  for (const c of ctx.world.clusters.values()) {
    if (c.distro === 'rke2' || c.distro === 'k3s') {
      deploy(ctx, c);
    }
  }
}

function deploy(ctx: RuleContext, c: SimCluster) {
  const servers = c.machines.filter((m) => m.roles.controlPlane && m.applied);

  if (!servers.length) {
    return;
  }
  const newest = servers.reduce((a, b) => ((b.appliedAt || 0) > (a.appliedAt || 0) ? b : a));
  const manifest = newest.applied?.manifest || '';
  const { objects, error } = parseManifest(manifest);
  const kubeSystem = c.store.get('namespace', 'kube-system') as KubeObject;

  if (error) {
    recordEvent(c.store, ctx.iso, kubeSystem, 'Warning', 'ParseManifestFailed', `failed to parse /var/lib/rancher/rke2/server/manifests/rancher/addons.yaml: ${ error }`, 'deploy');

    return;
  }
  const keep = new Set<string>();

  for (const raw of objects) {
    const d = downstreamRegistry.forObject(raw.apiVersion, raw.kind);

    if (!d) {
      recordEvent(c.store, ctx.iso, kubeSystem, 'Warning', 'ApplyManifestFailed', `no matches for kind "${ raw.kind }" in version "${ raw.apiVersion }"`, 'deploy');
      continue;
    }
    const o: KubeObject = {
      ...raw,
      metadata: {
        ...raw.metadata,
        ...(d.namespaced ? { namespace: raw.metadata.namespace || 'default' } : {}),
        labels:      { ...(raw.metadata.labels || {}), [ADDON_LABEL]: ADDON_HASH },
        annotations: { ...(raw.metadata.annotations || {}), 'objectset.rio.cattle.io/id': 'rancher-addons' },
      },
    };

    if (!d.namespaced) {
      delete o.metadata.namespace;
    }
    keep.add(`${ d.id }|${ keyOf(o) }`);
    c.store.apply(d.id, o);
  }
  for (const d of downstreamRegistry.all) {
    if (d.virtual) {
      continue;
    }
    for (const o of c.store.list(d.id)) {
      if (o.metadata.labels?.[ADDON_LABEL] === ADDON_HASH && !keep.has(`${ d.id }|${ keyOf(o) }`)) {
        c.store.delete(d.id, keyOf(o));
      }
    }
  }
}
