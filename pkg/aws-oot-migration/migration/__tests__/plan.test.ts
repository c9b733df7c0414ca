import { buildPlan } from '../plan';
import { applyJsonPatch } from '../json-patch';
import { cluster, nodes } from '../../../../test/fixtures/load';
import type { PlanStep } from '../types';

const ids = (steps: PlanStep[]) => steps.map((s) => [s.id, s.kind]);

describe('buildPlan', () => {
  it.each([
    ['rke2', 'leader-migration', { cluster: cluster('rke2-dashboard-intree') }, [
      ['enable-leader-migration', 'update-cluster'], ['wait-leader-migration', 'wait-reconcile'], ['install-ccm', 'install-chart'],
      ['wait-ccm-reconcile', 'wait-reconcile'], ['wait-ccm-rollout', 'wait-rollout'], ['cordon-control-plane', 'cordon'],
      ['switch-provider', 'update-cluster'], ['wait-switch', 'wait-reconcile'], ['uncordon-control-plane', 'uncordon'],
      ['verify-nodes', 'verify-nodes'], ['cleanup', 'cleanup'], ['wait-cleanup', 'wait-rollout'],
    ]],
    ['rke2', 'downtime', { cluster: cluster('rke2-dashboard-intree') }, [
      ['switch-provider', 'update-cluster'], ['wait-switch', 'wait-reconcile'], ['install-ccm', 'install-chart'],
      ['wait-ccm-reconcile', 'wait-reconcile'], ['wait-ccm-rollout', 'wait-rollout'], ['verify-nodes', 'verify-nodes'],
    ]],
    ['rke1', 'leader-migration', { cluster: cluster('rke1-prov'), management: cluster('rke1-mgmt-aws') }, [
      ['enable-leader-migration', 'update-cluster'], ['wait-leader-migration', 'wait-reconcile'], ['install-ccm', 'install-chart'],
      ['wait-ccm-rollout', 'wait-rollout'], ['cordon-control-plane', 'cordon'], ['switch-provider', 'update-cluster'],
      ['wait-switch', 'wait-reconcile'], ['verify-nodes', 'verify-nodes'], ['cleanup', 'cleanup'], ['wait-cleanup', 'wait-rollout'],
    ]],
    ['rke1', 'downtime', { cluster: cluster('rke1-prov'), management: cluster('rke1-mgmt-aws') }, [
      ['switch-provider', 'update-cluster'], ['wait-switch', 'wait-reconcile'], ['install-ccm', 'install-chart'],
      ['wait-ccm-rollout', 'wait-rollout'], ['verify-nodes', 'verify-nodes'],
    ]],
  ] as const)('orders the %s %s steps so they work on a real cluster', (_distro, mode, inputs, expected) => {
    expect(ids(buildPlan(inputs, { mode }).steps)).toStrictEqual(expected);
  });

  it('cordons with the RKE2 label and carries the node names', () => {
    const cordon = buildPlan({ cluster: cluster('rke2-dashboard-intree'), nodes: nodes('rke2-nodes') }).steps.find((s) => s.kind === 'cordon')!;

    expect([cordon.nodeSelector, cordon.nodes]).toStrictEqual([
      'node-role.kubernetes.io/control-plane=true',
      ['ip-10-0-1-10.us-west-2.compute.internal', 'ip-10-0-2-10.us-west-2.compute.internal', 'ip-10-0-3-10.us-west-2.compute.internal'],
    ]);
  });

  it('cordons RKE1 with the RKE1 label', () => {
    const cordon = buildPlan({ cluster: cluster('rke1-prov'), management: cluster('rke1-mgmt-aws') }).steps.find((s) => s.kind === 'cordon')!;

    expect(cordon.nodeSelector).toBe('node-role.kubernetes.io/controlplane=true');
  });

  it('threads each step’s object into the next and every patch reproduces its object', () => {
    const start = cluster('rke2-existing-additional-manifest');
    const plan = buildPlan({ cluster: start }, { kubernetesVersion: 'v1.27.16+rke2r2' });
    let current = start;

    for (const step of plan.steps.filter((s) => s.cluster)) {
      expect(applyJsonPatch(current, step.patch!.filter((op) => op.op !== 'test'))).toStrictEqual(step.cluster);
      current = step.cluster;
    }
    expect(current.spec.kubernetesVersion).toBe('v1.27.16+rke2r2');
  });

  it('carries the whole management cluster and the chart request on RKE1 install', () => {
    const mgmt = cluster('rke1-mgmt-aws');
    const install = buildPlan({ cluster: cluster('rke1-prov'), management: mgmt }).steps.find((s) => s.id === 'install-ccm')!;
    const expected = { ...mgmt, rancherKubernetesEngineConfig: { ...mgmt.rancherKubernetesEngineConfig } };

    expected.rancherKubernetesEngineConfig.services.kubeController.extraArgs['enable-leader-migration'] = 'true';
    expect(install.management).toStrictEqual(expected);
    expect(install.chart!.url).toBe('/k8s/clusters/c-rk1ab/v1/catalog.cattle.io.clusterrepos/aws-cloud-controller-manager?action=install');
  });

  it('marks the switch irreversible when it upgrades Kubernetes', () => {
    const step = (v?: string) => buildPlan({ cluster: cluster('rke2-dashboard-intree') }, { kubernetesVersion: v }).steps.find((s) => s.id === 'switch-provider')!;

    expect([step().reversible, step('v1.27.16+rke2r2').reversible]).toStrictEqual([true, false]);
  });

  it.each([['k3s'], ['rke2-external'], ['imported'], ['rke2-non-aws']])('plans nothing for %s', (name) => {
    const plan = buildPlan({ cluster: cluster(name) });

    expect([plan.candidate, plan.blocked, plan.steps, plan.preflight.map((p) => [p.id, p.status])]).toStrictEqual([false, true, [], [['distro', 'fail']]]);
  });
});
