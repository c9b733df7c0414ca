import { buildPlan } from '../plan';
import { buildRunbook, runbookToMarkdown } from '../runbook';
import { cluster } from '../../../../test/fixtures/load';
import type { MessageRef } from '../types';

// keys as text: proves the engine emits no English of its own
const t = (ref: MessageRef) => `<${ ref.key.replace('awsOotMigration.engine.', '') }${ ref.params ? ` ${ JSON.stringify(ref.params) }` : '' }>`;

describe('runbook', () => {
  it.each([
    ['rke2', { cluster: cluster('rke2-dashboard-intree') }, "kubectl cordon -l 'node-role.kubernetes.io/control-plane=true'", "kubectl uncordon -l 'node-role.kubernetes.io/control-plane=true'"],
    ['rke1', { cluster: cluster('rke1-prov'), management: cluster('rke1-mgmt-aws') }, "kubectl cordon -l 'node-role.kubernetes.io/controlplane=true'", undefined],
  ])('uses the %s control-plane label', (_d, inputs, cordon, uncordon) => {
    const md = runbookToMarkdown(buildRunbook(buildPlan(inputs), { name: 'x', namespace: 'fleet-default', clusterId: 'c-1' }), t);

    expect([md.includes(cordon), uncordon === undefined ? !md.includes('kubectl uncordon') : md.includes(uncordon)]).toStrictEqual([true, true]);
  });

  it('shows the YAML of the changed sections and a JSON patch command for each cluster update', () => {
    const blocks = buildRunbook(buildPlan({ cluster: cluster('rke2-yaml-machineglobalconfig') }), { name: 'tf-cluster', namespace: 'fleet-default', clusterId: 'c-m-tf000001' });
    const firstCode = blocks.filter((b) => b.type === 'code').slice(0, 2);

    expect(firstCode).toStrictEqual([
      { type: 'code', lang: 'yaml', code: 'spec:\n  rkeConfig:\n    machineGlobalConfig:\n      cloud-provider-name: aws\n      cni: canal\n      kube-controller-manager-arg:\n        - enable-leader-migration\n' },
      { type: 'code', lang: 'shell', code: 'kubectl -n fleet-default patch clusters.provisioning.cattle.io tf-cluster --type json -p \'[{"op":"add","path":"/spec/rkeConfig/machineGlobalConfig/kube-controller-manager-arg","value":["enable-leader-migration"]}]\'' },
    ]);
  });

  it('explains why a cluster is not a candidate', () => {
    expect(runbookToMarkdown(buildRunbook(buildPlan({ cluster: cluster('k3s') }), { name: 'edge', namespace: 'fleet-default', clusterId: 'c' }), t)).toBe('# <runbook.title {"name":"edge"}>\n\n<runbook.summary {"distro":"UNSUPPORTED","mode":"leader-migration","endState":"-"}>\n\n- <reasons.k3s>\n');
  });
});
