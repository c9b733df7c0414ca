// metadata.state as Steve's summarizer would compute it (a simplified rancher/wrangler summary): the dashboard
// shows this badge in lists, so it must follow status changes (e.g. "updating" during a rollout).

import { Condition, KubeObject } from '../kube-object';

export interface SteveState {
  name: string;
  error: boolean;
  transitioning: boolean;
  message: string;
}

const TRANSITIONING_CONDITIONS = ['Updated', 'Provisioned', 'Ready', 'Reconciled', 'Available'];

export function summarize(type: string, o: KubeObject): SteveState {
  const conditions: Condition[] = o.status?.conditions || [];

  if (type === 'pod') {
    const phase = String(o.status?.phase || 'Pending');
    const waiting = (o.status?.containerStatuses || []).map((c: any) => c.state?.waiting?.reason).find(Boolean);

    if (waiting) {
      return {
        name: waiting.toLowerCase(), error: waiting === 'CrashLoopBackOff', transitioning: waiting !== 'CrashLoopBackOff', message: waiting
      };
    }

    return {
      name: phase.toLowerCase(), error: phase === 'Failed', transitioning: phase === 'Pending', message: ''
    };
  }
  if (type === 'node') {
    const ready = conditions.find((c) => c.type === 'Ready');

    if (ready && ready.status !== 'True') {
      return {
        name: 'unavailable', error: true, transitioning: false, message: ready.message || 'Kubelet stopped posting node status.'
      };
    }
    if (o.spec?.unschedulable) {
      return {
        name: 'cordoned', error: false, transitioning: false, message: ''
      };
    }

    return {
      name: 'active', error: false, transitioning: false, message: ''
    };
  }
  if (type === 'apps.daemonset') {
    const s = o.status || {};
    const desired = s.desiredNumberScheduled || 0;

    if ((s.numberAvailable || 0) < desired || (s.updatedNumberScheduled || 0) < desired) {
      return {
        name: 'in-progress', error: false, transitioning: true, message: `${ s.numberAvailable || 0 } of ${ desired } available`
      };
    }
  }
  const failed = conditions.find((c) => c.status === 'False' && (c.reason === 'Error' || c.type === 'Failed'));

  if (failed) {
    return {
      name: 'error', error: true, transitioning: false, message: failed.message || ''
    };
  }
  const pending = conditions.find((c) => TRANSITIONING_CONDITIONS.includes(c.type) && c.status !== 'True' && (c.status === 'Unknown' || c.message));

  if (pending) {
    return {
      name: pending.type === 'Updated' ? 'updating' : (pending.type === 'Provisioned' ? 'provisioning' : 'reconciling'),
      error: false,
      transitioning: true,
      message: pending.message || '',
    };
  }
  if (o.status?.phase && typeof o.status.phase === 'string') {
    return {
      name: o.status.phase.toLowerCase(), error: false, transitioning: o.status.phase === 'Pending', message: ''
    };
  }

  return {
    name: 'active', error: false, transitioning: false, message: 'Resource is Ready'
  };
}
