// DaemonSet rollout, as `kubectl rollout status` judges it, plus what kubectl misses: 0 desired pods passes
// kubectl's check (a nodeSelector matching no node looks like success), so desired must equal the number of
// control-plane nodes.
import type { AnyObject, MessageRef } from './types';
import { MSG } from './labels';
import { isObject } from './effective-config';

export type RolloutStatus = 'pass' | 'pending' | 'fail';

export interface RolloutResult {
  status: RolloutStatus;
  message: MessageRef;
  desired: number;
  updated: number;
  available: number;
  expected: number;
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function out(status: RolloutStatus, variant: string, counts: Omit<RolloutResult, 'status' | 'message'>): RolloutResult {
  const params = {
    desired: counts.desired, updated: counts.updated, available: counts.available, expected: counts.expected
  };

  return {
    status, message: { key: `${ MSG }.rollout.${ variant }`, params }, ...counts
  };
}

/** `expectedControlPlanes`: the number of control-plane nodes the CCM must run on. */
export function evaluateRollout(daemonSet: unknown, expectedControlPlanes: number): RolloutResult {
  const ds: AnyObject = isObject(daemonSet) ? daemonSet : {};
  const status: AnyObject = isObject(ds.status) ? ds.status : {};
  const counts = {
    desired: num(status.desiredNumberScheduled), updated: num(status.updatedNumberScheduled), available: num(status.numberAvailable), expected: expectedControlPlanes
  };

  if (!isObject(daemonSet)) {
    return out('pending', 'notFound', counts);
  }
  const strategy = ds.spec?.updateStrategy?.type;

  if (strategy !== undefined && strategy !== 'RollingUpdate') {
    return out('fail', 'notRollingUpdate', counts);
  }
  if (num(ds.metadata?.generation) > num(status.observedGeneration)) {
    return out('pending', 'specNotObserved', counts);
  }
  if (counts.desired === 0) {
    return out('fail', 'noneScheduled', counts);
  }
  if (counts.desired < expectedControlPlanes) {
    return out('fail', 'tooFew', counts);
  }
  if (counts.updated < counts.desired) {
    return out('pending', 'updating', counts);
  }
  if (counts.available < counts.desired) {
    return out('pending', 'becomingAvailable', counts);
  }

  return counts.desired > expectedControlPlanes ? out('fail', 'tooMany', counts) : out('pass', 'pass', counts);
}
