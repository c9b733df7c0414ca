// The plan a node agent should run: RKE2/K3s from the provisioning cluster's rkeConfig (effective config for the
// machine's roles + the additionalManifest on servers), RKE1 from the management cluster's
// rancherKubernetesEngineConfig (only the flags of this node's components, so RKE1 restarts what changed).

import { shortHash, stableStringify } from '../engine/kube-object';
import type { KubeObject } from '../engine/kube-object';
import type { Machine, NodePlan, SimCluster, World } from '../world/world';
import { rke1Flags } from './component-flags';
import { effectiveConfig, machineLabels } from './effective-config';

export function provisioningCluster(world: World, c: SimCluster): KubeObject | undefined {
  return world.management.get('provisioning.cattle.io.cluster', `${ c.namespace }/${ c.name }`);
}

export function managementCluster(world: World, c: SimCluster): KubeObject | undefined {
  return world.management.get('management.cattle.io.cluster', c.id);
}

function plan(kubernetesVersion: string, config: Record<string, any>, manifest?: string): NodePlan {
  return {
    hash: shortHash(stableStringify({ kubernetesVersion, config, manifest }), 12), kubernetesVersion, config, manifest
  };
}

export function desiredPlan(world: World, c: SimCluster, m: Machine): NodePlan | undefined {
  if (c.distro === 'rke1') {
    const mgmt = managementCluster(world, c);
    const rke = mgmt?.spec?.rancherKubernetesEngineConfig;

    if (!rke) {
      return undefined;
    }
    const flags = rke1Flags(rke, m.roles, m.instance, m.hostnameOverride);

    return plan(rke.kubernetesVersion || 'v1.26.15-rancher1-1', { rke1: flags, cloudProvider: rke.cloudProvider || {} });
  }
  const prov = provisioningCluster(world, c);

  if (!prov) {
    return undefined;
  }
  const rkeConfig = prov.spec?.rkeConfig || {};
  const config = effectiveConfig(rkeConfig, machineLabels(m.roles, m.labels));

  return plan(prov.spec?.kubernetesVersion || '', config, m.roles.controlPlane ? (rkeConfig.additionalManifest || '') : undefined);
}
