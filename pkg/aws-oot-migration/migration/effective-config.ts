// How Rancher's planner computes one machine's RKE2 config (rancher/rancher pkg/capr/planner/config.go
// addUserConfig): machineGlobalConfig first, then every machineSelectorConfig entry whose selector matches the
// machine, in array order, each replacing whole keys. No list merging happens anywhere.
import type {
  AnyObject, LabelSelector, RoleProfile, SelectorConfigEntry
} from './types';
import {
  ARG_CLOUD_PROVIDER, KEY_CLOUD_PROVIDER, KEY_KCM_ARGS, KEY_KUBELET_ARGS, MACHINE_ROLE_LABELS
} from './labels';

/** Where a key's effective value comes from: -1 = machineGlobalConfig, n = machineSelectorConfig[n]. */
export type Source = number;
export const GLOBAL: Source = -1;

export const ALL_PROFILES: RoleProfile[] = [
  { controlPlane: true, etcd: true, worker: true },
  { controlPlane: true, etcd: true, worker: false },
  { controlPlane: true, etcd: false, worker: true },
  { controlPlane: true, etcd: false, worker: false },
  { controlPlane: false, etcd: true, worker: true },
  { controlPlane: false, etcd: true, worker: false },
  { controlPlane: false, etcd: false, worker: true },
];

export function isObject(v: unknown): v is AnyObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function hasKey(o: unknown, key: string): boolean {
  return isObject(o) && Object.prototype.hasOwnProperty.call(o, key);
}

export function rkeConfigOf(cluster: unknown): AnyObject | undefined {
  const rc = isObject(cluster) && isObject(cluster.spec) ? cluster.spec.rkeConfig : undefined;

  return isObject(rc) ? rc : undefined;
}

export function selectorEntries(rkeConfig: AnyObject | undefined): SelectorConfigEntry[] {
  const list = rkeConfig?.machineSelectorConfig;

  return Array.isArray(list) ? list : [];
}

export function profileLabels(p: RoleProfile): Record<string, string> {
  const labels: Record<string, string> = {};

  if (p.controlPlane) {
    labels[MACHINE_ROLE_LABELS.controlPlane] = 'true';
  }
  if (p.etcd) {
    labels[MACHINE_ROLE_LABELS.etcd] = 'true';
  }
  if (p.worker) {
    labels[MACHINE_ROLE_LABELS.worker] = 'true';
  }

  return labels;
}

function requirementMatches(req: unknown, labels: Record<string, string>): boolean {
  if (!isObject(req) || typeof req.key !== 'string') {
    return false;
  }
  const present = Object.prototype.hasOwnProperty.call(labels, req.key);
  const values: unknown[] = Array.isArray(req.values) ? req.values : [];

  switch (req.operator) {
  case 'In': return present && values.includes(labels[req.key]);
  case 'NotIn': return !present || !values.includes(labels[req.key]);
  case 'Exists': return present;
  case 'DoesNotExist': return !present;
  default: return false; // k8s rejects the selector; Rancher then skips the entry
  }
}

/** metav1.LabelSelector semantics; a null/absent selector matches every machine (Rancher planner). */
export function selectorMatches(selector: LabelSelector | null | undefined, labels: Record<string, string>): boolean {
  if (selector === null || selector === undefined) {
    return true;
  }
  if (!isObject(selector)) {
    return false;
  }
  const ml = isObject(selector.matchLabels) ? selector.matchLabels : {};

  for (const [k, v] of Object.entries(ml)) {
    if (labels[k] !== v) {
      return false;
    }
  }
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];

  return exprs.every((r) => requirementMatches(r, labels));
}

/** Indexes of the selector entries that apply to a machine with these roles, in order. */
export function matchingEntries(rkeConfig: AnyObject | undefined, profile: RoleProfile): number[] {
  const labels = profileLabels(profile);
  const out: number[] = [];

  selectorEntries(rkeConfig).forEach((e, i) => {
    if (isObject(e) && selectorMatches(e.machineLabelSelector, labels)) {
      out.push(i);
    }
  });

  return out;
}

export function configAt(rkeConfig: AnyObject | undefined, source: Source): AnyObject | undefined {
  if (source === GLOBAL) {
    return isObject(rkeConfig?.machineGlobalConfig) ? rkeConfig!.machineGlobalConfig : undefined;
  }
  const entry = selectorEntries(rkeConfig)[source];

  return isObject(entry) && isObject(entry.config) ? entry.config : undefined;
}

/** The source of `key` for a machine with these roles, or undefined when no config sets it. */
export function sourceOf(rkeConfig: AnyObject | undefined, profile: RoleProfile, key: string, matching = matchingEntries(rkeConfig, profile)): Source | undefined {
  let src: Source | undefined = hasKey(configAt(rkeConfig, GLOBAL), key) ? GLOBAL : undefined;

  for (const i of matching) {
    if (hasKey(configAt(rkeConfig, i), key)) {
      src = i;
    }
  }

  return src;
}

/** The merged config one machine with these roles receives. */
export function effectiveConfig(rkeConfig: AnyObject | undefined, profile: RoleProfile): AnyObject {
  const out: AnyObject = { ...(configAt(rkeConfig, GLOBAL) || {}) };

  for (const i of matchingEntries(rkeConfig, profile)) {
    Object.assign(out, configAt(rkeConfig, i) || {});
  }

  return out;
}

export function effectiveValue(rkeConfig: AnyObject | undefined, profile: RoleProfile, key: string): unknown {
  const src = sourceOf(rkeConfig, profile, key);

  return src === undefined ? undefined : configAt(rkeConfig, src)![key];
}

/** RKE2 accepts a list or a single string for `*-arg` keys. */
export function argList(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.filter((v) => typeof v === 'string');
  }

  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** `--name=value` / `name=value` / `name` → name. */
export function argName(arg: string): string {
  return arg.replace(/^--?/, '').split('=')[0];
}

export function argValue(args: string[], name: string): string | undefined {
  const hit = args.find((a) => argName(a) === name);

  if (hit === undefined) {
    return undefined;
  }
  const eq = hit.indexOf('=');

  return eq < 0 ? 'true' : hit.slice(eq + 1);
}

/**
 * The cloud provider a machine's components actually use: `aws` (in-tree), `external`, `none` or another name.
 * `cloud-provider-name: aws` with `cloud-provider=external` overrides (end state B) counts as external.
 */
export function effectiveProvider(rkeConfig: AnyObject | undefined, profile: RoleProfile): string {
  const cfg = effectiveConfig(rkeConfig, profile);
  const name = typeof cfg[KEY_CLOUD_PROVIDER] === 'string' ? cfg[KEY_CLOUD_PROVIDER] : '';
  const kubeletExternal = argValue(argList(cfg[KEY_KUBELET_ARGS]), ARG_CLOUD_PROVIDER) === 'external';
  const kcmExternal = !profile.controlPlane || argValue(argList(cfg[KEY_KCM_ARGS]), ARG_CLOUD_PROVIDER) === 'external';

  if (name === 'external' || ((name === 'aws' || name === '') && kubeletExternal && kcmExternal)) {
    return 'external';
  }

  return name || 'none';
}

export function profileFromFlags(cp: unknown, etcd: unknown, worker: unknown): RoleProfile {
  return { controlPlane: cp === true || cp === 'true', etcd: etcd === true || etcd === 'true', worker: worker === true || worker === 'true' };
}

export function profileKey(p: RoleProfile): string {
  return `${ p.controlPlane ? 'c' : '' }${ p.etcd ? 'e' : '' }${ p.worker ? 'w' : '' }`;
}

function hasRole(labels: AnyObject, key: string): boolean {
  const v = labels[key];

  return v !== undefined && v !== 'false' && Object.prototype.hasOwnProperty.call(labels, key);
}

/** Node role labels of either distro (RKE2 `control-plane`, RKE1 `controlplane`); a node with none is a worker. */
export function nodeProfile(node: unknown): RoleProfile {
  // straight-line on purpose: called for every node several times per plan (5,000-node clusters)
  const labels = isObject(node) && isObject(node.metadata) && isObject(node.metadata.labels) ? node.metadata.labels : undefined;

  if (!labels) {
    return { controlPlane: false, etcd: false, worker: true };
  }
  const controlPlane = hasRole(labels, 'node-role.kubernetes.io/control-plane') || hasRole(labels, 'node-role.kubernetes.io/controlplane') || hasRole(labels, 'node-role.kubernetes.io/master');
  const etcd = hasRole(labels, 'node-role.kubernetes.io/etcd');
  const worker = hasRole(labels, 'node-role.kubernetes.io/worker');

  return controlPlane || etcd || worker ? { controlPlane, etcd, worker } : { controlPlane: false, etcd: false, worker: true };
}

function dedupe(profiles: RoleProfile[]): RoleProfile[] {
  const seen: (RoleProfile | undefined)[] = [];

  for (const p of profiles) {
    const bits = (p.controlPlane ? 4 : 0) + (p.etcd ? 2 : 0) + (p.worker ? 1 : 0);

    if (bits && !seen[bits]) {
      seen[bits] = p;
    }
  }

  // first-seen order, as the pools and nodes list them
  return profiles.filter((p) => seen[(p.controlPlane ? 4 : 0) + (p.etcd ? 2 : 0) + (p.worker ? 1 : 0)] === p);
}

/**
 * The role combinations this cluster's machines have: from machine pools and observed nodes; every combination
 * when neither is known (a custom cluster before its nodes are read).
 */
export function clusterProfiles(cluster: unknown, nodes?: unknown[] | null): RoleProfile[] {
  const pools = rkeConfigOf(cluster)?.machinePools;
  const fromPools = Array.isArray(pools) ? pools.filter(isObject).map((p) => profileFromFlags(p.controlPlaneRole, p.etcdRole, p.workerRole)) : [];
  const fromNodes = Array.isArray(nodes) ? nodes.map(nodeProfile) : [];
  const found = dedupe([...fromPools, ...fromNodes]);

  return found.length ? found : ALL_PROFILES;
}
