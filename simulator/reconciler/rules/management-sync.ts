// Rancher's management-side mirrors of downstream state (the cluster agent's node syncer) and CAPI machine nodeRefs:
//  - one management.cattle.io.node per machine (namespace = cluster id) mirroring its Node (Norman /v3/nodes);
//  - the Norman cordon/uncordon actions set spec.desiredNodeUnschedulable; the agent applies it to the Node
//    (spec.unschedulable) and clears the request;
//  - management cluster status: node count, capacity, Kubernetes version.

import { shortHash } from '../../engine/kube-object';
import type { Machine, SimCluster } from '../../world/world';
import type { RuleContext } from '../rule-context';
import { isNodeReady } from '../scheduling';

export function managementNodeName(c: SimCluster, m: Machine): string {
  return c.distro === 'rke1' ? m.name : `machine-${ shortHash(m.name, 5) }`;
}

export function managementSyncRule(ctx: RuleContext) {
  const { world } = ctx;

  for (const c of world.clusters.values()) {
    for (const m of c.machines) {
      const key = `${ c.id }/${ managementNodeName(c, m) }`;
      const mgmtNode = world.management.get('management.cattle.io.node', key);
      const desired = mgmtNode?.spec?.desiredNodeUnschedulable;

      if (m.nodeName && (desired === 'true' || desired === 'false')) {
        c.store.mutate('node', m.nodeName, (n) => {
          n.spec = { ...(n.spec || {}) };
          if (desired === 'true') {
            n.spec.unschedulable = true;
          } else {
            delete n.spec.unschedulable;
          }
        });
      }
      const node = m.nodeName ? c.store.get('node', m.nodeName) : undefined;

      // CAPI Machine.status.nodeRef follows the Node the machine runs as (the dashboard's "Node" column)
      world.management.mutate('cluster.x-k8s.io.machine', `${ c.namespace }/${ m.name }`, (d) => {
        d.status = { ...(d.status || {}), ...(m.nodeName ? { nodeRef: { apiVersion: 'v1', kind: 'Node', name: m.nodeName } } : {}) };
      });

      world.management.apply('management.cattle.io.node', {
        apiVersion: 'management.cattle.io/v3',
        kind:       'Node',
        metadata:   {
          name: managementNodeName(c, m), namespace: c.id, labels: { 'cattle.io/creator': 'norman', ...(c.distro !== 'rke1' ? { 'cluster.x-k8s.io/machine': m.name } : {}) }, annotations: {}
        },
        spec: {
          controlPlane:             m.roles.controlPlane,
          etcd:                     m.roles.etcd,
          worker:                   m.roles.worker,
          requestedHostname:        m.instance.hostname,
          displayName:              m.nodeName || '',
          desiredNodeUnschedulable: '',
          ...(c.distro === 'rke1' ? { nodePoolName: `${ c.id }:np-${ shortHash(`${ c.id }/${ m.pool }`, 5) }` } : {}),
          internalNodeSpec:         {
            providerID: node?.spec?.providerID, taints: node?.spec?.taints || [], unschedulable: !!node?.spec?.unschedulable
          },
        },
        status: {
          nodeName:           m.nodeName,
          nodeLabels:         node?.metadata.labels || {},
          internalNodeStatus: { addresses: node?.status?.addresses || [], nodeInfo: node?.status?.nodeInfo || {}, conditions: node?.status?.conditions || [] },
          conditions:         [{ type: 'Ready', status: node && isNodeReady(node) ? 'True' : 'Unknown' }, { type: 'Registered', status: 'True' }],
        },
      }, false);
    }
    const nodes = c.store.list('node');
    const ready = nodes.filter(isNodeReady).length;

    world.management.mutate('management.cattle.io.cluster', c.id, (d) => {
      const versions = c.machines.map((m) => m.applied?.kubernetesVersion).filter(Boolean) as string[];
      const lowest = [...versions].sort()[0];

      d.status = {
        ...(d.status || {}),
        nodeCount:   ready,
        capacity:    { cpu: `${ ready * 4 }`, memory: `${ ready * 16 }Gi`, pods: `${ ready * 110 }` },
        allocatable: { cpu: `${ ready * 4 }`, memory: `${ ready * 16 }Gi`, pods: `${ ready * 110 }` },
        requested:   { cpu: `${ ready * 350 }m`, memory: `${ ready * 512 }Mi`, pods: `${ c.store.count('pod') }` },
        ...(lowest && d.status?.version?.gitVersion !== lowest.replace(/-rancher.*$/, '') ? { version: { ...(d.status?.version || {}), gitVersion: lowest.replace(/-rancher.*$/, '') } } : {}),
      };
    });
  }
}
