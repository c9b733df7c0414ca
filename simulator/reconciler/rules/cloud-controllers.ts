// Cloud controllers initialising nodes that carry node.cloudprovider.kubernetes.io/uninitialized:
//  - the RKE2/K3s embedded stub CCM (when it runs on a server) clears the taint at once and sets
//    providerID <distro>://<node name> if none is set (it is never overwritten afterwards);
//  - the AWS CCM (a Running, Ready aws-cloud-controller-manager pod) initialises a node only if the node's name
//    is the private DNS name of an EC2 instance (private-dns-name lookup); then it sets providerID
//    aws:///<zone>/<instance-id> (if empty), the topology/instance-type labels and removes the taint. A node whose
//    name matches no instance stays uninitialized forever (with a Warning event).

import { KubeObject, keyOf } from '../../engine/kube-object';
import type { SimCluster } from '../../world/world';
import { flagsFor } from '../node-identity';
import type { RuleContext } from '../rule-context';
import { Taint, UNINITIALIZED_TAINT } from '../scheduling';
import { recordEvent } from './events';
import { awsNodeLabels, providerIdFor } from './node-agent';
import { POD_ANN, isPodReady } from './pods';
import { cloudProviderOf } from '../component-flags';

const tainted = (n: KubeObject) => (n.spec?.taints || []).some((t: Taint) => t.key === UNINITIALIZED_TAINT);

export function runningAwsCcmPods(c: SimCluster): KubeObject[] {
  return c.store.list('pod').filter((p) => {
    const container = p.spec?.containers?.[0];

    return container?.name === 'aws-cloud-controller-manager' && isPodReady(p) && cloudProviderOf((container.args || []).map(String)) === 'aws';
  });
}

export function cloudControllersRule(ctx: RuleContext) {
  for (const c of ctx.world.clusters.values()) {
    const nodes = c.store.list('node').filter(tainted);

    if (!nodes.length) {
      continue;
    }
    const stub = c.machines.some((m) => m.applied && m.roles.controlPlane && flagsFor(c, m, m.applied).stubCloudController);

    if (stub) {
      for (const n of nodes) {
        c.store.mutate('node', keyOf(n), (d) => {
          d.spec.taints = (d.spec.taints || []).filter((t: Taint) => t.key !== UNINITIALIZED_TAINT);
          d.spec.providerID = d.spec.providerID || `${ c.distro === 'k3s' ? 'k3s' : 'rke2' }://${ n.metadata.name }`;
        });
      }
      continue;
    }
    const ccm = runningAwsCcmPods(c);

    if (c.cloud !== 'aws' || !ccm.length) {
      continue;
    }
    const since = Math.min(...ccm.map((p) => Number(p.metadata.annotations?.[POD_ANN.startedAt] || ctx.now)));

    if (ctx.now < since + ctx.timings.cloudNodeInitMs) {
      ctx.wake(since + ctx.timings.cloudNodeInitMs);
      continue;
    }
    for (const n of nodes) {
      const machine = c.machines.find((m) => m.instance.privateDns === n.metadata.name);

      if (!machine) {
        recordEvent(c.store, ctx.iso, n, 'Warning', 'FailedToInitializeNode', `failed to initialize node ${ n.metadata.name }: error fetching instance: could not look up instance ID for node "${ n.metadata.name }": no instance with private-dns-name "${ n.metadata.name }"`, 'cloud-node-controller');
        continue;
      }
      c.store.mutate('node', keyOf(n), (d) => {
        d.spec.taints = (d.spec.taints || []).filter((t: Taint) => t.key !== UNINITIALIZED_TAINT);
        if (!d.spec.taints.length) {
          delete d.spec.taints;
        }
        d.spec.providerID = d.spec.providerID || providerIdFor(machine);
        d.metadata.labels = { ...(d.metadata.labels || {}), ...awsNodeLabels(machine) };
        const addresses = (d.status?.addresses || []).filter((a: any) => a.type !== 'InternalDNS');

        d.status = { ...(d.status || {}), addresses: [...addresses, { type: 'InternalDNS', address: machine.instance.privateDns }] };
      });
      recordEvent(c.store, ctx.iso, n, 'Normal', 'Synced', 'Node synced successfully', 'cloud-node-controller');
    }
  }
}
