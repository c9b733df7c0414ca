import { buildPlan } from '../plan';
import { classifyCluster, isMigrationCandidate } from '../classify';
import { clone } from '../json-patch';
import { cluster, nodes } from '../../../../test/fixtures/load';

// A migration this extension started is recorded on the provisioning cluster (options + history annotations).
// In downtime mode nothing "in-tree" is left once the provider is switched, and leader migration leaves no trace
// after clean-up: the plan must still be built for the page to guide the rest and show the finish, while the
// table action stays offered only until the migration has no write left to make.
const R = 'awsOotMigration.engine.reasons';
const OPTIONS = 'aws-oot-migration.cattle.io/options';
const HISTORY = 'aws-oot-migration.cattle.io/history';

function recorded(obj: any, mode: string, steps: string[]): any {
  const c = clone(obj);

  c.metadata.annotations = {
    ...(c.metadata.annotations || {}),
    [OPTIONS]: JSON.stringify({ mode }),
    [HISTORY]:  JSON.stringify(steps.map((step, i) => ({ step, user: 'local://u', time: `2026-11-23T10:0${ i }:00Z` }))),
  };

  return c;
}

const DOWNTIME_RKE2 = ['switch-provider', 'wait-switch', 'install-ccm', 'wait-ccm-reconcile', 'wait-ccm-rollout', 'verify-nodes'];
const DOWNTIME_RKE1 = ['switch-provider', 'wait-switch', 'install-ccm', 'wait-ccm-rollout', 'verify-nodes'];

describe('a migration that has started', () => {
  const rke2 = buildPlan({ cluster: cluster('rke2-dashboard-intree'), nodes: nodes('rke2-nodes') }, { mode: 'downtime' });
  const rke2After = (id: string) => rke2.steps.find((s) => s.id === id)!.cluster;
  const rke1Mgmt = cluster('rke1-mgmt-aws');
  const rke1 = buildPlan({ cluster: cluster('rke1-prov'), management: rke1Mgmt }, { mode: 'downtime' });
  const rke1Switched = rke1.steps.find((s) => s.id === 'switch-provider')!.management;

  it.each([
    ['RKE2, switched', () => ({ cluster: recorded(rke2After('switch-provider'), 'downtime', ['switch-provider']), nodes: nodes('rke2-nodes') }), DOWNTIME_RKE2],
    ['RKE2, CCM installed', () => ({ cluster: recorded(rke2After('install-ccm'), 'downtime', ['switch-provider', 'install-ccm']), nodes: nodes('rke2-nodes') }), DOWNTIME_RKE2],
    ['RKE1, switched', () => ({ cluster: recorded(cluster('rke1-prov'), 'downtime', ['switch-provider']), management: rke1Switched }), DOWNTIME_RKE1],
  ] as const)('keeps planning the downtime migration (%s)', (_name, inputs, ids) => {
    const plan = buildPlan(inputs(), { mode: 'downtime' });

    expect([plan.candidate, plan.reasons, plan.steps.map((s) => s.id)]).toStrictEqual([true, [{ key: `${ R }.inProgress` }], ids]);
  });

  it('offers the CCM install on the switched RKE2 cluster as one change of additionalManifest', () => {
    const switched = recorded(rke2After('switch-provider'), 'downtime', ['switch-provider']);
    const install = buildPlan({ cluster: switched, nodes: nodes('rke2-nodes') }, { mode: 'downtime' }).steps.find((s) => s.id === 'install-ccm')!;

    expect(install.patch!.filter((op) => op.op !== 'test').map((op) => op.path)).toStrictEqual(['/spec/rkeConfig/additionalManifest']);
    expect(install.cluster!.spec.rkeConfig.additionalManifest).toContain('aws-cloud-controller-manager');
  });

  it('keeps planning a finished leader migration, so the page shows its finish instead of "not a candidate"', () => {
    const lm = buildPlan({ cluster: cluster('rke2-dashboard-intree'), nodes: nodes('rke2-nodes') });
    const done = recorded(lm.steps.find((s) => s.id === 'cleanup')!.cluster, 'leader-migration', ['enable-leader-migration', 'install-ccm', 'switch-provider', 'cleanup']);

    expect(buildPlan({ cluster: done, nodes: nodes('rke2-nodes') }).steps.length).toBeGreaterThan(0);
  });

  it.each([
    ['switched, CCM not installed yet', ['switch-provider'], true],
    ['CCM installed: nothing left to write', ['switch-provider', 'install-ccm'], false],
  ] as [string, string[], boolean][])('offers the table action on a downtime migration %s: %p', (_name, steps, offered) => {
    const id = steps.includes('install-ccm') ? 'install-ccm' : 'switch-provider';

    expect(isMigrationCandidate(recorded(rke2After(id), 'downtime', steps))).toBe(offered);
  });

  it('does not take an external cluster this extension never touched for a migration', () => {
    expect(classifyCluster(rke2After('install-ccm'))).toStrictEqual({ distro: 'rke2', candidate: false, reasons: [{ key: `${ R }.alreadyExternal` }] });
    expect(buildPlan({ cluster: cluster('rke2-external') }).steps).toStrictEqual([]);
  });
});
