// Component flags of a machine's running plan, by distro.

import type { Machine, NodePlan, SimCluster } from '../world/world';
import { ComponentFlags, rke2Flags } from './component-flags';

export function flagsFor(c: SimCluster, m: Machine, plan: NodePlan): ComponentFlags {
  if (c.distro === 'rke1') {
    return plan.config.rke1 as ComponentFlags;
  }
  if (c.distro === 'imported') {
    return {
      kubelet: [], kubeControllerManager: [], kubeApiserver: [], stubCloudController: false, nodeName: m.instance.hostname
    };
  }

  return rke2Flags(plan.config, m.roles, plan.kubernetesVersion, m.instance);
}
