// Rancher's v2 provisioning for RKE2/K3s (planner + provisioningcluster controllers), modelled on state:
//  - the RKEControlPlane spec follows the provisioning cluster (spec.rkeConfig + kubernetesVersion); its
//    generation moves with every spec change and each reconcile sets status.observedGeneration;
//  - every machine whose desired plan (effective config for its roles, + additionalManifest on servers) differs
//    from what it runs is re-planned: etcd/control-plane machines first (controlPlaneConcurrency at a time), then
//    workers (workerConcurrency);
//  - drain only when the drain options are enabled — and then only the planner's own cordon is undone: RKE2 never
//    uncordons a node it did not cordon;
//  - while waiting: Ready=Unknown "Waiting" + the message, Reconciled=Unknown; when done: Ready/Stable/Reconciled
//    True and appliedSpec = spec; the RKEControlPlane Ready is copied into the provisioning cluster's
//    Updated/Provisioned/Ready and the management cluster's Updated; each new message goes to the provisioning-log.

import {
  Condition, KubeObject, deepEqual, setCondition,
} from '../../engine/kube-object';
import type { Machine, SimCluster } from '../../world/world';
import { desiredPlan, managementCluster, provisioningCluster } from '../plans';
import type { RuleContext } from '../rule-context';
import { parseConcurrency } from './concurrency';
import { appendProvisioningLog } from './provisioning-log';

export function rke2PlannerRule(ctx: RuleContext) {
  for (const c of ctx.world.clusters.values()) {
    if (c.distro === 'rke2' || c.distro === 'k3s') {
      reconcileCluster(ctx, c);
    }
  }
}

function cpSpecFrom(prov: KubeObject, c: SimCluster, prevSpec: any) {
  const { machinePools: _mp, ...rke } = prov.spec?.rkeConfig || {};

  return {
    ...rke, machinePools: prov.spec?.rkeConfig?.machinePools, kubernetesVersion: prov.spec?.kubernetesVersion, clusterName: c.name, managementClusterName: c.id, agentEnvVars: prevSpec?.agentEnvVars || []
  };
}

function setNodeUnschedulable(c: SimCluster, m: Machine, value: boolean) {
  if (m.nodeName) {
    c.store.mutate('node', m.nodeName, (n) => {
      n.spec = { ...(n.spec || {}), unschedulable: value || undefined };
      if (!value) {
        delete n.spec.unschedulable;
      }
    });
  }
}

function reconcileCluster(ctx: RuleContext, c: SimCluster) {
  const { world } = ctx;
  const prov = provisioningCluster(world, c);
  const cpKey = `${ c.namespace }/${ c.name }`;

  if (!prov) {
    return;
  }
  // provisioning cluster: observedGeneration tracks the management-side generation immediately
  if (prov.status?.observedGeneration !== prov.metadata.generation) {
    world.management.mutate('provisioning.cattle.io.cluster', cpKey, (d) => {
      d.status = { ...(d.status || {}), observedGeneration: d.metadata.generation };
    });
  }
  let cp = world.management.get('rke.cattle.io.rkecontrolplane', cpKey);

  if (!cp) {
    return;
  }
  const spec = cpSpecFrom(prov, c, cp.spec);

  if (!deepEqual(spec, cp.spec)) {
    cp = world.management.mutate('rke.cattle.io.rkecontrolplane', cpKey, (d) => {
      d.spec = spec;
    }) as KubeObject;
  }
  const strategy = prov.spec?.rkeConfig?.upgradeStrategy || {};

  // 1. finish restarts whose time has come
  for (const m of c.machines) {
    if (m.upgrading && ctx.now >= m.upgrading.startedAt + ctx.timings.nodeRestartMs) {
      m.applied = m.upgrading.plan;
      m.appliedAt = ctx.now;
      if (m.upgrading.cordonedByUpgrade) {
        setNodeUnschedulable(c, m, false); // undo only the planner's own cordon
      }
      m.upgrading = undefined;
    } else if (m.upgrading) {
      ctx.wake(m.upgrading.startedAt + ctx.timings.nodeRestartMs);
    }
  }
  // 2. which machines need a new plan
  const desired = new Map(c.machines.map((m) => [m.name, desiredPlan(world, c, m)]));
  const stale = c.machines.filter((m) => desired.get(m.name) && m.applied?.hash !== desired.get(m.name)?.hash);
  const servers = (m: Machine) => m.roles.etcd || m.roles.controlPlane;
  const staleServers = stale.filter(servers);
  const phase = staleServers.length || c.machines.some((m) => m.upgrading && servers(m)) ? 'control plane' : 'worker';
  const phaseMachines = c.machines.filter((m) => (phase === 'control plane' ? servers(m) : !servers(m)));
  const limit = parseConcurrency(phase === 'control plane' ? strategy.controlPlaneConcurrency : strategy.workerConcurrency, phaseMachines.length);
  const drain = phase === 'control plane' ? strategy.controlPlaneDrainOptions : strategy.workerDrainOptions;

  for (const m of (phase === 'control plane' ? staleServers : stale)) {
    if (c.machines.filter((x) => x.upgrading).length >= limit) {
      break;
    }
    if (m.upgrading) {
      continue;
    }
    const node = m.nodeName ? c.store.get('node', m.nodeName) : undefined;
    const cordonNow = !!drain?.enabled && !node?.spec?.unschedulable;

    if (cordonNow) {
      setNodeUnschedulable(c, m, true);
    }
    m.upgrading = { plan: desired.get(m.name)!, startedAt: ctx.now, cordonedByUpgrade: cordonNow };
    ctx.wake(ctx.now + ctx.timings.nodeRestartMs);
  }
  // 3. status
  const upgrading = c.machines.filter((m) => m.upgrading);
  const busy = upgrading.length > 0 || stale.length > 0;
  const now = ctx.iso;

  if (busy) {
    const names = (upgrading.length ? upgrading : stale).map((m) => m.name).sort().join(',');
    const message = `configuring ${ phase } node(s) ${ names }`;

    setStatus(ctx, c, cpKey, {
      ready: { type: 'Ready', status: 'Unknown', reason: 'Waiting', message },
      reconciled: { type: 'Reconciled', status: 'Unknown', reason: 'Waiting', message: 'RKEControlPlane has not been fully reconciled yet' },
    }, false, now);
    appendProvisioningLog(world, c.id, message);
  } else {
    const wasBusy = (cp.status?.conditions || []).some((x: Condition) => x.type === 'Ready' && x.status !== 'True');

    setStatus(ctx, c, cpKey, {
      ready: { type: 'Ready', status: 'True', message: '' },
      reconciled: { type: 'Reconciled', status: 'True', message: '' },
    }, true, now);
    if (wasBusy) {
      appendProvisioningLog(world, c.id, 'provisioning done');
    }
  }
}

function setStatus(ctx: RuleContext, c: SimCluster, cpKey: string, conds: { ready: Condition; reconciled: Condition }, done: boolean, now: string) {
  const { world } = ctx;

  world.management.mutate('rke.cattle.io.rkecontrolplane', cpKey, (d) => {
    const conditions = [...(d.status?.conditions || [])];

    setCondition(conditions, conds.ready, now);
    setCondition(conditions, conds.reconciled, now);
    setCondition(conditions, done ? { type: 'Stable', status: 'True' } : { type: 'Stable', status: 'False', reason: 'Waiting', message: conds.ready.message }, now);
    d.status = {
      ...(d.status || {}),
      observedGeneration: d.metadata.generation,
      ready:              done,
      conditions,
      ...(done ? { appliedSpec: d.spec } : {}),
    };
  });
  const copy = (type: string): Condition => ({
    type, status: conds.ready.status, reason: conds.ready.reason, message: conds.ready.message
  });

  world.management.mutate('provisioning.cattle.io.cluster', cpKey, (d) => {
    const conditions = [...(d.status?.conditions || [])];

    for (const t of ['Updated', 'Provisioned', 'Ready']) {
      setCondition(conditions, copy(t), now);
    }
    d.status = { ...(d.status || {}), ready: done, conditions };
  });
  const mgmt = managementCluster(world, c);

  if (mgmt) {
    world.management.mutate('management.cattle.io.cluster', c.id, (d) => {
      const conditions = [...(d.status?.conditions || [])];

      setCondition(conditions, copy('Updated'), now);
      d.status = { ...(d.status || {}), conditions };
    });
  }
}
