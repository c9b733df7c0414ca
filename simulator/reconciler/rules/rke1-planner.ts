// RKE1 (Rancher ≤ 2.11) cluster updates: a Norman PUT of rancherKubernetesEngineConfig makes Rancher run
// `rke up`. Updated goes Unknown when the update starts; nodes whose components change are upgraded etcd →
// control plane (maxUnavailableControlplane, default 1) → workers (maxUnavailableWorker, default 10%);
// each upgraded node is cordoned and then UNCORDONED — even if someone had cordoned it before ("RKE will
// upgrade and uncordon each node"). When all nodes run the new config, status.appliedSpec = spec, Updated=True.

import { deepEqual, setCondition } from '../../engine/kube-object';
import type { Machine, SimCluster } from '../../world/world';
import { desiredPlan, managementCluster } from '../plans';
import type { RuleContext } from '../rule-context';
import { parseConcurrency } from './concurrency';
import { appendProvisioningLog } from './provisioning-log';

export function rke1PlannerRule(ctx: RuleContext) {
  for (const c of ctx.world.clusters.values()) {
    if (c.distro === 'rke1') {
      reconcile(ctx, c);
    }
  }
}

function setUnschedulable(c: SimCluster, m: Machine, value: boolean) {
  if (m.nodeName) {
    c.store.mutate('node', m.nodeName, (n) => {
      n.spec = { ...(n.spec || {}) };
      if (value) {
        n.spec.unschedulable = true;
      } else {
        delete n.spec.unschedulable;
      }
    });
  }
}

function reconcile(ctx: RuleContext, c: SimCluster) {
  const { world } = ctx;
  const mgmt = managementCluster(world, c);

  if (!mgmt?.spec?.rancherKubernetesEngineConfig) {
    return;
  }
  const spec = mgmt.spec.rancherKubernetesEngineConfig;

  for (const m of c.machines) {
    if (m.upgrading && ctx.now >= m.upgrading.startedAt + ctx.timings.nodeRestartMs) {
      m.applied = m.upgrading.plan;
      m.appliedAt = ctx.now;
      setUnschedulable(c, m, false); // rke uncordons every node it upgraded
      m.upgrading = undefined;
    } else if (m.upgrading) {
      ctx.wake(m.upgrading.startedAt + ctx.timings.nodeRestartMs);
    }
  }
  const desired = new Map(c.machines.map((m) => [m.name, desiredPlan(world, c, m)]));
  const stale = c.machines.filter((m) => desired.get(m.name) && m.applied?.hash !== desired.get(m.name)?.hash);
  const order: Array<[string, (m: Machine) => boolean, unknown, number]> = [
    ['etcd', (m) => m.roles.etcd, '1', 1],
    ['controlplane', (m) => m.roles.controlPlane && !m.roles.etcd, spec.upgradeStrategy?.maxUnavailableControlplane, 1],
    ['worker', (m) => !m.roles.controlPlane && !m.roles.etcd, spec.upgradeStrategy?.maxUnavailableWorker ?? '10%', 1],
  ];
  const phase = order.find(([, inPhase]) => c.machines.some((m) => inPhase(m) && (m.upgrading || stale.includes(m))));
  const specChanged = !deepEqual(spec, mgmt.status?.appliedSpec?.rancherKubernetesEngineConfig);

  if (phase) {
    const [name, inPhase, conc] = phase;
    const members = c.machines.filter(inPhase);
    const limit = parseConcurrency(conc, members.length);

    for (const m of stale.filter(inPhase)) {
      if (members.filter((x) => x.upgrading).length >= limit) {
        break;
      }
      if (!m.upgrading) {
        setUnschedulable(c, m, true);
        m.upgrading = { plan: desired.get(m.name)!, startedAt: ctx.now, cordonedByUpgrade: true };
        ctx.wake(ctx.now + ctx.timings.nodeRestartMs);
      }
    }
    const message = `[${ name }] Upgrading node(s) ${ c.machines.filter((m) => m.upgrading).map((m) => m.nodeName || m.name).sort().join(',') }`;

    setUpdated(ctx, c, 'Unknown', message);
    appendProvisioningLog(world, c.id, message);
  } else if (specChanged) {
    world.management.mutate('management.cattle.io.cluster', c.id, (d) => {
      d.status = { ...(d.status || {}), appliedSpec: { ...(d.status?.appliedSpec || {}), rancherKubernetesEngineConfig: spec } };
    });
    setUpdated(ctx, c, 'True', '');
    appendProvisioningLog(world, c.id, 'Finished updating cluster');
  } else {
    setUpdated(ctx, c, 'True', '');
  }
}

function setUpdated(ctx: RuleContext, c: SimCluster, status: 'True' | 'Unknown', message: string) {
  ctx.world.management.mutate('management.cattle.io.cluster', c.id, (d) => {
    const conditions = [...(d.status?.conditions || [])];

    setCondition(conditions, {
      type: 'Updated', status, message, reason: status === 'True' ? '' : 'Updating'
    }, ctx.iso);
    d.status = { ...(d.status || {}), conditions };
  });
}
