import { checkNodes } from '../node-checks';
import { nodes } from '../../../../test/fixtures/load';

const K = 'awsOotMigration.engine.nodeChecks';

describe('checkNodes', () => {
  it('passes healthy RKE2 nodes', () => {
    const report = checkNodes(nodes('rke2-nodes'), { baselineNodeNames: nodes('rke2-nodes').map((n) => n.metadata.name) });

    expect([report.summary, report.cluster]).toStrictEqual([
      {
        total: 5, controlPlane: 3, pass: 5, warn: 0, fail: 0
      },
      [{
        id: 'node-set', status: 'pass', message: { key: `${ K }.nodeSet.unchanged` }, evidence: []
      }],
    ]);
  });

  it('reports each problem of broken nodes', () => {
    const report = checkNodes(nodes('rke2-bad-nodes'));

    expect(report.nodes.map((n) => [n.name, n.roles, n.status, n.problems])).toStrictEqual([
      ['ip-10-0-1-10.us-west-2.compute.internal', ['control-plane', 'etcd'], 'warn', [{ key: `${ K }.cordoned` }]],
      ['prod-east-cp-7d9f8-x2k4p', ['control-plane', 'etcd'], 'fail', [{ key: `${ K }.providerId.rke2`, params: { providerId: 'rke2://prod-east-cp-7d9f8-x2k4p' } }]],
      ['ip-10-0-3-10.us-west-2.compute.internal', ['control-plane', 'etcd'], 'fail', [
        { key: `${ K }.providerId.missing`, params: { providerId: '' } }, { key: `${ K }.uninitialized` }, { key: `${ K }.notReady`, params: { status: 'False' } },
      ]],
      ['ip-10-0-1-20.us-west-2.compute.internal', ['worker'], 'pass', []],
    ]);
  });

  it('catches renamed and duplicate nodes', () => {
    const list = nodes('rke2-nodes');
    const renamed = { ...list[0], metadata: { ...list[0].metadata, name: 'prod-east-cp-abc' } };
    const report = checkNodes([...list, renamed], { baselineNodeNames: list.map((n) => n.metadata.name) });

    expect(report.cluster).toStrictEqual([{
      id:       'node-set',
      status:   'fail',
      message:  { key: `${ K }.nodeSet.changed`, params: { missing: 0, added: 1, duplicates: 1 } },
      evidence: ['same instance: i-0cp0aaaabbbbcccc1: ip-10-0-1-10.us-west-2.compute.internal, prod-east-cp-abc', 'new: prod-east-cp-abc'],
    }]);
  });

  it('treats a DaemonSet with 0 desired pods as a failure', () => {
    const report = checkNodes(nodes('rke1-nodes'), { daemonSet: { status: { desiredNumberScheduled: 0 } } });

    expect(report.rollout?.status).toBe('fail');
  });

  it.each([[undefined], [null], [[]], [[null, 1, 'x', {}]]])('tolerates %p', (input) => {
    expect(() => checkNodes(input as any)).not.toThrow();
  });
});
