// Which clusters the migration applies to. This module is bundled into the extension's main entry (it drives
// the action's enabled() on every cluster row), so it must stay small: no js-yaml, no big modules.
import type { AnyObject, Distro, MessageRef } from './types';
import {
  ARG_LEADER_MIGRATION, CCM_NAME, CHART_LEADER_MIGRATION_ARG, KEY_KCM_ARGS, MSG
} from './labels';
import {
  argList, argName, clusterProfiles, effectiveProvider, isObject, rkeConfigOf, selectorEntries
} from './effective-config';
import { parseVersion } from './version';

export interface Classification {
  distro: Distro;
  candidate: boolean;
  reasons: MessageRef[];
}

export interface ClassifyOptions {
  /** Rancher server version; RKE1 is only migratable on Rancher ≤ 2.11. */
  rancherVersion?: string;
  /**
   * Planning (not offering the action): a migration this extension recorded stays a candidate to its end, so the
   * page can guide the remaining steps and show the finish after the provider is external.
   */
  keepStarted?: boolean;
}

/** Where the page records a migration on the provisioning cluster (written with its first step). */
export const OPTIONS_ANNOTATION = 'aws-oot-migration.cattle.io/options';
export const HISTORY_ANNOTATION = 'aws-oot-migration.cattle.io/history';

function parsed(raw: unknown): any {
  try {
    return typeof raw === 'string' ? JSON.parse(raw) : undefined;
  } catch {
    return undefined;
  }
}

/** The mode and the applied steps this extension recorded on the cluster (none when it never ran there). */
export function recordedMigration(prov: unknown): { mode?: string; steps: string[] } {
  const annotations = field(isObject(prov) ? prov : undefined, ['metadata', 'annotations']);
  const options = parsed(isObject(annotations) ? annotations[OPTIONS_ANNOTATION] : undefined);
  const history = parsed(isObject(annotations) ? annotations[HISTORY_ANNOTATION] : undefined);

  return {
    mode:  isObject(options) && typeof options.mode === 'string' ? options.mode : undefined,
    steps: Array.isArray(history) ? history.map((e) => (isObject(e) ? String(e.step) : '')).filter(Boolean) : [],
  };
}

/**
 * An external cluster is still being migrated by us when our record says so: for planning, while a mode is
 * recorded; for the action, only while a write is left (downtime: switched, CCM not installed yet — leader
 * migration leaves its own traces, which `rke2InProgress` and the RKE1 check see).
 */
function stillMigrating(prov: unknown, opts: ClassifyOptions): boolean {
  const r = recordedMigration(prov);

  if (!r.mode) {
    return false;
  }

  return !!opts.keepStarted || (r.mode === 'downtime' && r.steps.includes('switch-provider') && !r.steps.includes('install-ccm'));
}

const HOSTED: Record<string, string> = {
  EKS: 'EKS', AKS: 'AKS', GKE: 'GKE'
};

function reason(name: string, params?: MessageRef['params']): MessageRef {
  return params ? { key: `${ MSG }.reasons.${ name }`, params } : { key: `${ MSG }.reasons.${ name }` };
}

function unsupported(name: string, params?: MessageRef['params']): Classification {
  return { distro: 'unsupported', candidate: false, reasons: [reason(name, params)] };
}

/** Norman (`/v3`) keeps the RKE1 config at the top level, Steve under `spec`. */
export function rke1ConfigOf(mgmt: unknown): AnyObject | undefined {
  if (!isObject(mgmt)) {
    return undefined;
  }
  const rc = isObject(mgmt.spec) && isObject(mgmt.spec.rancherKubernetesEngineConfig) ? mgmt.spec.rancherKubernetesEngineConfig : mgmt.rancherKubernetesEngineConfig;

  return isObject(rc) ? rc : undefined;
}

function field(o: AnyObject | undefined, path: string[]): unknown {
  let cur: unknown = o;

  for (const p of path) {
    cur = isObject(cur) ? cur[p] : undefined;
  }

  return cur;
}

function hostedProvider(prov?: AnyObject, mgmt?: AnyObject): string | undefined {
  const driver = field(mgmt, ['status', 'driver']) ?? field(mgmt, ['driver']);

  if (typeof driver === 'string' && HOSTED[driver.toUpperCase()]) {
    return HOSTED[driver.toUpperCase()];
  }
  for (const k of ['eksConfig', 'aksConfig', 'gkeConfig']) {
    if (isObject(field(mgmt, ['spec', k])) || isObject(field(mgmt, [k])) || isObject(field(prov, ['spec', k]))) {
      return k.slice(0, 3).toUpperCase();
    }
  }

  return undefined;
}

function rke2InProgress(rkeConfig: AnyObject | undefined): boolean {
  const manifest = rkeConfig?.additionalManifest;
  const chartHasLm = typeof manifest === 'string' && manifest.includes(CCM_NAME) && manifest.includes(CHART_LEADER_MIGRATION_ARG);
  const kcmHasLm = [rkeConfig?.machineGlobalConfig, ...selectorEntries(rkeConfig).map((e) => (isObject(e) ? e.config : undefined))]
    .some((c) => isObject(c) && argList(c[KEY_KCM_ARGS]).some((a) => argName(a) === ARG_LEADER_MIGRATION));

  return chartHasLm || kcmHasLm;
}

function classifyRke2(prov: AnyObject): Classification {
  const rkeConfig = rkeConfigOf(prov);
  const providers = clusterProfiles(prov).map((p) => effectiveProvider(rkeConfig, p));

  if (providers.includes('aws')) {
    return { distro: 'rke2', candidate: true, reasons: [reason('rke2InTree')] };
  }
  if (rke2InProgress(rkeConfig)) {
    return { distro: 'rke2', candidate: true, reasons: [reason('inProgress')] };
  }
  if (providers.every((p) => p === 'external')) {
    return { distro: 'rke2', candidate: false, reasons: [reason('alreadyExternal')] };
  }
  const other = providers.find((p) => p !== 'external' && p !== 'none');

  return { distro: 'rke2', candidate: false, reasons: [other ? reason('nonAws', { provider: other }) : reason('noCloudProvider')] };
}

function rancherTooNew(rancherVersion?: string): boolean {
  const v = parseVersion(rancherVersion);

  return !!v && (v.major > 2 || (v.major === 2 && v.minor >= 12));
}

function classifyRke1(rc: AnyObject | undefined, opts: ClassifyOptions): Classification {
  if (rancherTooNew(opts.rancherVersion)) {
    return unsupported('rke1Removed', { rancherVersion: String(opts.rancherVersion) });
  }
  const name = field(rc, ['cloudProvider', 'name']);
  const extraArgs = field(rc, ['services', 'kubeController', 'extraArgs']);

  if (name === 'aws') {
    return { distro: 'rke1', candidate: true, reasons: [reason('rke1InTree')] };
  }
  if (name === 'external-aws' || name === 'external') {
    return isObject(extraArgs) && ARG_LEADER_MIGRATION in extraArgs ? { distro: 'rke1', candidate: true, reasons: [reason('inProgress')] } : { distro: 'rke1', candidate: false, reasons: [reason('alreadyExternal')] };
  }

  return { distro: 'rke1', candidate: false, reasons: [typeof name === 'string' && name ? reason('nonAws', { provider: name }) : reason('noCloudProvider')] };
}

function isRke1(mgmt: AnyObject | undefined): boolean {
  const driver = field(mgmt, ['status', 'driver']) ?? field(mgmt, ['driver']);
  const label = field(mgmt, ['metadata', 'labels', 'provider.cattle.io']) ?? field(mgmt, ['labels', 'provider.cattle.io']);

  return !!rke1ConfigOf(mgmt) || driver === 'rancherKubernetesEngine' || label === 'rke';
}

function classifyOther(prov: AnyObject | undefined, mgmt: AnyObject | undefined): Classification {
  const driver = field(mgmt, ['status', 'driver']) ?? field(mgmt, ['driver']);
  const provider = field(mgmt, ['status', 'provider']) ?? field(mgmt, ['provider']);
  const name = field(prov, ['metadata', 'name']) ?? field(mgmt, ['metadata', 'name']) ?? field(mgmt, ['id']);

  if (driver === 'local' || name === 'local') {
    return unsupported('local');
  }
  if (provider === 'k3s' || driver === 'k3s') {
    return unsupported('k3s');
  }

  return unsupported('imported');
}

/**
 * Classifies a provisioning cluster (plain object or dashboard model, whose `.mgmt` is used when `mgmt` is not
 * given) and its management cluster (Steve or Norman shape). Never throws.
 */
export function classifyCluster(provCluster: unknown, mgmtCluster?: unknown, opts: ClassifyOptions = {}): Classification {
  const c = classifyByConfig(provCluster, mgmtCluster, opts);

  return !c.candidate && c.reasons[0]?.key === `${ MSG }.reasons.alreadyExternal` && stillMigrating(provCluster, opts) ? { ...c, candidate: true, reasons: [reason('inProgress')] } : c;
}

function classifyByConfig(provCluster: unknown, mgmtCluster?: unknown, opts: ClassifyOptions = {}): Classification {
  const prov = isObject(provCluster) ? provCluster : undefined;
  const mgmtRaw = mgmtCluster ?? (prov ? prov.mgmt : undefined);
  const mgmt = isObject(mgmtRaw) ? mgmtRaw : undefined;

  if (!prov && !mgmt) {
    return unsupported('notACluster');
  }
  const rkeConfig = rkeConfigOf(prov);

  if (rkeConfig) {
    const version = field(prov, ['spec', 'kubernetesVersion']);

    return parseVersion(version)?.flavour === 'k3s' ? unsupported('k3s') : classifyRke2(prov!);
  }
  const hosted = hostedProvider(prov, mgmt);

  if (hosted) {
    return unsupported('hosted', { provider: hosted });
  }
  if (isRke1(mgmt)) {
    return classifyRke1(rke1ConfigOf(mgmt), opts);
  }

  return classifyOther(prov, mgmt);
}

export function isMigrationCandidate(provCluster: unknown, mgmtCluster?: unknown, opts?: ClassifyOptions): boolean {
  try {
    return classifyCluster(provCluster, mgmtCluster, opts).candidate;
  } catch {
    // a getter on a half-loaded dashboard model may throw; hide the action rather than break the menu
    return false;
  }
}
