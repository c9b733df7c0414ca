import { evaluateRollout } from '../rollout';

const ds = (status: Record<string, number>, extra: Record<string, any> = {}) => ({
  metadata: { name: 'aws-cloud-controller-manager', namespace: 'kube-system', generation: 2 },
  spec:     { updateStrategy: { type: 'RollingUpdate' } },
  status:   { observedGeneration: 2, ...status },
  ...extra,
});

describe('evaluateRollout', () => {
  it.each([
    ['a missing DaemonSet', undefined, 3, 'pending', 'notFound'],
    ['0 desired pods (passes kubectl, fails here)', ds({ desiredNumberScheduled: 0, updatedNumberScheduled: 0, numberAvailable: 0 }), 3, 'fail', 'noneScheduled'],
    ['fewer pods than control-plane nodes', ds({ desiredNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 2 }), 3, 'fail', 'tooFew'],
    ['an unobserved spec', ds({ desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3, observedGeneration: 1 }), 3, 'pending', 'specNotObserved'],
    ['pods still updating', ds({ desiredNumberScheduled: 3, updatedNumberScheduled: 1, numberAvailable: 3 }), 3, 'pending', 'updating'],
    ['pods not yet available', ds({ desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 2 }), 3, 'pending', 'becomingAvailable'],
    ['a complete rollout', ds({ desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3 }), 3, 'pass', 'pass'],
    ['pods on non-control-plane nodes', ds({ desiredNumberScheduled: 5, updatedNumberScheduled: 5, numberAvailable: 5 }), 3, 'fail', 'tooMany'],
  ])('judges %s', (_name, daemonSet, expected, status, variant) => {
    const r = evaluateRollout(daemonSet, expected);

    expect([r.status, r.message.key]).toStrictEqual([status, `awsOotMigration.engine.rollout.${ variant }`]);
  });

  it('reports the counts', () => {
    expect(evaluateRollout(ds({ desiredNumberScheduled: 3, updatedNumberScheduled: 2, numberAvailable: 1 }), 3)).toStrictEqual({
      status:  'pending',
      message: { key: 'awsOotMigration.engine.rollout.updating', params: { desired: 3, updated: 2, available: 1, expected: 3 } },
      desired: 3,
      updated: 2,
      available: 1,
      expected: 3,
    });
  });
});
