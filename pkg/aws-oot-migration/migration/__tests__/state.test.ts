import { detectState } from '../state';
import { buildPlan } from '../plan';
import { clone } from '../json-patch';
import { cluster, nodes } from '../../../../test/fixtures/load';
import type { ObservedState } from '../types';

const reconciledCp = { metadata: { generation: 4 }, status: { observedGeneration: 4, conditions: [{ type: 'Reconciled', status: 'True' }, { type: 'Ready', status: 'True' }] } };
const readyDs = { metadata: { generation: 1 }, spec: { updateStrategy: { type: 'RollingUpdate' } }, status: { observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3 } };
const cordoned = (list: any[]) => list.map((n) => (n.metadata.labels['node-role.kubernetes.io/control-plane'] ? { ...n, spec: { ...n.spec, unschedulable: true } } : n));

describe('detectState (RKE2, leader migration)', () => {
  const start = cluster('rke2-dashboard-intree');
  const plan = buildPlan({ cluster: start, nodes: nodes('rke2-nodes') });
  const obj = (id: string): any => clone(plan.steps.find((s) => s.id === id)!.cluster);
  // what the API server does on save: a new generation the controllers have not observed yet
  const saved = (id: string) => {
    const c = obj(id);

    c.metadata.generation += 1;

    return c;
  };

  it.each([
    ['nothing done', { cluster: start, nodes: nodes('rke2-nodes') }, 'enable-leader-migration'],
    ['leader migration saved, control plane still restarting', { cluster: saved('enable-leader-migration'), nodes: nodes('rke2-nodes') }, 'wait-leader-migration'],
    ['leader migration reconciled', { cluster: obj('enable-leader-migration'), nodes: nodes('rke2-nodes'), controlPlane: reconciledCp }, 'install-ccm'],
    ['chart installed and reconciled', { cluster: obj('install-ccm'), nodes: nodes('rke2-nodes'), controlPlane: reconciledCp }, 'wait-ccm-rollout'],
    ['chart rolled out', { cluster: obj('install-ccm'), nodes: nodes('rke2-nodes'), controlPlane: reconciledCp, daemonSet: readyDs }, 'cordon-control-plane'],
    ['control plane cordoned', { cluster: obj('install-ccm'), nodes: cordoned(nodes('rke2-nodes')), controlPlane: reconciledCp, daemonSet: readyDs }, 'switch-provider'],
    ['switched, nodes still cordoned', { cluster: obj('switch-provider'), nodes: cordoned(nodes('rke2-nodes')), controlPlane: reconciledCp, daemonSet: readyDs }, 'uncordon-control-plane'],
    ['switched and uncordoned', { cluster: obj('switch-provider'), nodes: nodes('rke2-nodes'), controlPlane: reconciledCp, daemonSet: readyDs }, 'cleanup'],
    ['cleaned up', { cluster: obj('cleanup'), nodes: nodes('rke2-nodes'), controlPlane: reconciledCp, daemonSet: readyDs }, null],
  ] as [string, ObservedState, string | null][])('resumes after %s', (_name, observed, next) => {
    const state = detectState(observed);

    expect([state.next, state.complete, state.drift]).toStrictEqual([next, next === null, []]);
  });

  it('lists every step with its status', () => {
    expect(detectState({ cluster: obj('enable-leader-migration'), controlPlane: reconciledCp }).steps.slice(0, 4)).toStrictEqual([
      { id: 'enable-leader-migration', kind: 'update-cluster', status: 'done' },
      { id: 'wait-leader-migration', kind: 'wait-reconcile', status: 'done' },
      { id: 'install-ccm', kind: 'install-chart', status: 'next' },
      { id: 'wait-ccm-reconcile', kind: 'wait-reconcile', status: 'pending' },
    ]);
  });

  it.each([
    ['external without a CCM (half-migrated by the stock UI)', () => {
      const c = cluster('rke2-dashboard-intree');

      c.spec.rkeConfig.machineSelectorConfig[0].config['cloud-provider-name'] = 'external';

      return { cluster: c };
    }, ['externalWithoutCcm']],
    ['leader migration left on an external KCM', () => {
      const c = cluster('rke2-external');

      c.spec.rkeConfig.machineGlobalConfig['kube-controller-manager-arg'] = ['enable-leader-migration'];

      return { cluster: c };
    }, ['leaderMigrationOnExternal']],
    ['leader migration removed from the KCM before the switch', () => {
      const c = obj('install-ccm');

      delete c.spec.rkeConfig.machineGlobalConfig['kube-controller-manager-arg'];

      return { cluster: c };
    }, ['leaderMigrationMissing']],
    ['a DaemonSet with 0 desired pods', () => ({ cluster: obj('install-ccm'), nodes: nodes('rke2-nodes'), daemonSet: { ...readyDs, status: { ...readyDs.status, desiredNumberScheduled: 0 } } }), ['rollout']],
  ] as [string, () => ObservedState, string[]][])('reports drift: %s', (_name, observed, ids) => {
    expect(detectState(observed()).drift.map((d) => d.message.key.split('.').pop() === 'noneScheduled' ? 'rollout' : d.id)).toStrictEqual(ids);
  });
});

describe('detectState (RKE1, downtime)', () => {
  const mgmt = cluster('rke1-mgmt-aws');
  const plan = buildPlan({ cluster: cluster('rke1-prov'), management: mgmt }, { mode: 'downtime' });
  const switched = plan.steps.find((s) => s.id === 'switch-provider')!.management;

  it.each([
    ['nothing done', { management: mgmt }, 'switch-provider'],
    ['switched and updated', { management: switched }, 'install-ccm'],
    ['app installed', { management: switched, app: { metadata: { name: 'aws-cloud-controller-manager' } } }, 'wait-ccm-rollout'],
    ['rolled out', { management: switched, app: {}, nodes: nodes('rke1-nodes'), daemonSet: { ...readyDs, status: { ...readyDs.status, desiredNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 2 } } }, null],
  ] as [string, ObservedState, string | null][])('resumes after %s', (_name, observed, next) => {
    expect(detectState({ cluster: cluster('rke1-prov'), ...observed }, { mode: 'downtime' }).next).toBe(next);
  });
});
