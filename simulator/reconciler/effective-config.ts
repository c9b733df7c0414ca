// Rancher's planner config merge (rancher pkg/capr/planner/config.go addUserConfig), implemented here on its own:
// machineGlobalConfig first, then every machineSelectorConfig entry whose machineLabelSelector matches the
// machine's labels, in array order, each replacing WHOLE keys (no list merge). An entry without a selector (or
// with an empty one) matches every machine. Role labels are rke.cattle.io/{control-plane,etcd,worker}-role.

import { clone, isPlainObject } from '../engine/kube-object';
import type { Roles } from '../world/world';

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export const ROLE_LABELS = {
  controlPlane: 'rke.cattle.io/control-plane-role',
  etcd:         'rke.cattle.io/etcd-role',
  worker:       'rke.cattle.io/worker-role',
};

/** Labels of a machine as the planner sees them: role labels plus the pool's labels. */
export function machineLabels(roles: Roles, poolLabels: Record<string, string> = {}): Record<string, string> {
  const labels: Record<string, string> = { ...poolLabels };

  if (roles.controlPlane) {
    labels[ROLE_LABELS.controlPlane] = 'true';
  }
  if (roles.etcd) {
    labels[ROLE_LABELS.etcd] = 'true';
  }
  if (roles.worker) {
    labels[ROLE_LABELS.worker] = 'true';
  }

  return labels;
}

/** metav1.LabelSelector semantics; a null/empty selector matches everything. */
export function selectorMatches(selector: LabelSelector | null | undefined, labels: Record<string, string>): boolean {
  if (!selector) {
    return true;
  }
  for (const [k, v] of Object.entries(selector.matchLabels || {})) {
    if (labels[k] !== v) {
      return false;
    }
  }

  return (selector.matchExpressions || []).every((req) => {
    const has = Object.prototype.hasOwnProperty.call(labels, req.key);
    const values = req.values || [];

    switch (req.operator) {
    case 'In':
      return has && values.includes(labels[req.key]);
    case 'NotIn':
      return !has || !values.includes(labels[req.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false; // an unknown operator never matches (the apiserver would reject it)
    }
  });
}

export interface RkeConfigLike {
  machineGlobalConfig?: Record<string, any> | null;
  machineSelectorConfig?: Array<{ config?: Record<string, any> | null; machineLabelSelector?: LabelSelector | null }> | null;
}

export function effectiveConfig(rkeConfig: RkeConfigLike | undefined, labels: Record<string, string>): Record<string, any> {
  const out: Record<string, any> = isPlainObject(rkeConfig?.machineGlobalConfig) ? clone(rkeConfig?.machineGlobalConfig as Record<string, any>) : {};

  for (const entry of rkeConfig?.machineSelectorConfig || []) {
    if (!entry || !selectorMatches(entry.machineLabelSelector, labels)) {
      continue;
    }
    for (const [k, v] of Object.entries(entry.config || {})) {
      out[k] = clone(v);
    }
  }

  return out;
}
