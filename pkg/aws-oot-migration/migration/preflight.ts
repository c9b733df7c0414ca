// Read-only checks before anything changes (domain.md §8). Each check returns its status and the facts behind it.
import type {
  AnyObject, CheckStatus, MessageRef, MigrationInputs, PlanOptions, PreflightResult, RoleProfile
} from './types';
import {
  ARG_LEADER_MIGRATION, KEY_KCM_ARGS, MACHINE_ROLE_LABELS, MSG
} from './labels';
import {
  CCM_IMAGE_TAGS, CSI_GATE_LOCKED_MINOR, FIRST_LEADER_MIGRATION_MINOR, LAST_IN_TREE_MINOR,
  NODE_NAME_FROM_METADATA_ALL_FROM_MINOR, NODE_NAME_FROM_METADATA_SINCE
} from './constants';
import {
  GLOBAL, argList, effectiveProvider, effectiveValue, isObject, selectorEntries, sourceOf
} from './effective-config';
import { countCcmHelmCharts, validateManifest } from './manifest';
import { MigrationContext, buildContext, finalVersion } from './context';
import { compareVersions, minorOf, parseVersion } from './version';
import { nodeName } from './patches/nodes';
import {
  isCordoned, privateDnsNames, providerIdKind, providerIdOf
} from './preflight-nodes';

type Check = (ctx: MigrationContext) => PreflightResult | undefined;

function result(id: string, status: CheckStatus, variant: string, params?: MessageRef['params'], evidence: string[] = []): PreflightResult {
  const message: MessageRef = params ? { key: `${ MSG }.preflight.${ id }.${ variant }`, params } : { key: `${ MSG }.preflight.${ id }.${ variant }` };

  return {
    id, status, message, evidence
  };
}

export function profileName(p: RoleProfile): string {
  return [p.controlPlane && 'control-plane', p.etcd && 'etcd', p.worker && 'worker'].filter(Boolean).join('+');
}

function sourceName(src: number | undefined): string {
  return src === undefined ? 'unset' : src === GLOBAL ? 'machineGlobalConfig' : `machineSelectorConfig[${ src }]`;
}

const distroCheck: Check = (ctx) => (ctx.candidate ? result('distro', 'pass', 'pass', { distro: ctx.distro.toUpperCase() }) : {
  id: 'distro', status: 'fail', message: ctx.reasons[0], evidence: []
});

const kubernetesVersion: Check = (ctx) => {
  const v = ctx.version;

  if (!v) {
    return result('kubernetes-version', 'warn', 'unknown');
  }
  const params = { version: v.raw };
  const lm = ctx.mode === 'leader-migration';

  if (v.minor > LAST_IN_TREE_MINOR) {
    return result('kubernetes-version', lm ? 'fail' : 'warn', lm ? 'inTreeRemovedLeaderMigration' : 'inTreeRemoved', params);
  }
  if (lm && v.minor < FIRST_LEADER_MIGRATION_MINOR) {
    return result('kubernetes-version', 'fail', 'tooOldForLeaderMigration', params);
  }

  return result('kubernetes-version', 'pass', 'pass', params);
};

const targetVersion: Check = (ctx) => {
  if (!ctx.targetRaw) {
    return undefined;
  }
  const t = ctx.target;
  const params = { target: ctx.targetRaw, version: ctx.versionRaw ?? '?' };
  const flavour = ctx.distro === 'rke2' ? 'rke2' : 'rancher';

  if (!t || t.flavour !== flavour) {
    return result('target-version', 'fail', 'invalid', { ...params, flavour: ctx.distro === 'rke2' ? '+rke2' : '-rancher' });
  }
  if (ctx.version && compareVersions(t, ctx.version) < 0) {
    return result('target-version', 'fail', 'downgrade', params);
  }
  if (ctx.version && t.minor > ctx.version.minor + 1) {
    return result('target-version', 'warn', 'skipsMinor', params);
  }

  return result('target-version', 'pass', 'pass', params);
};

const ccmImage: Check = (ctx) => {
  const versions = [ctx.mode === 'leader-migration' ? ctx.versionRaw : finalVersion(ctx), finalVersion(ctx)];
  const minors = [...new Set(versions.map(minorOf))];
  const missing = minors.filter((m) => !m || !CCM_IMAGE_TAGS[m]);

  if (missing.length) {
    return result('ccm-image', 'fail', 'fail', { minor: missing.map((m) => m ?? '?').join(', ') });
  }

  return result('ccm-image', 'pass', 'pass', { tag: minors.map((m) => CCM_IMAGE_TAGS[m!]).join(' → ') });
};

function rke2ProviderCheck(ctx: MigrationContext): PreflightResult {
  const rows = ctx.profiles.map((p) => ({ p, provider: effectiveProvider(ctx.rkeConfig, p), src: sourceOf(ctx.rkeConfig, p, 'cloud-provider-name') }));
  const evidence = rows.map((r) => `${ profileName(r.p) }: ${ r.provider } (cloud-provider-name in ${ sourceName(r.src) })`);
  const aws = rows.filter((r) => r.provider === 'aws').length;

  if (!aws) {
    return result('cloud-provider', 'pass', 'inProgress', undefined, evidence);
  }

  return aws === rows.length ? result('cloud-provider', 'pass', 'pass', undefined, evidence) : result('cloud-provider', 'warn', 'mixed', undefined, evidence);
}

const cloudProvider: Check = (ctx) => {
  if (ctx.distro === 'rke2') {
    return rke2ProviderCheck(ctx);
  }
  const name = String(ctx.rke1Config?.cloudProvider?.name ?? '');

  return result('cloud-provider', 'pass', name === 'aws' ? 'pass' : 'inProgress', undefined, [`cloudProvider.name: ${ name }`]);
};

const ROLE_LABEL_KEYS: string[] = Object.values(MACHINE_ROLE_LABELS);
const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

function selectorProblems(sel: unknown): string[] {
  if (sel === null || sel === undefined) {
    return [];
  }
  if (!isObject(sel)) {
    return ['not an object'];
  }
  const keys = [...Object.keys(isObject(sel.matchLabels) ? sel.matchLabels : {}), ...(Array.isArray(sel.matchExpressions) ? sel.matchExpressions.map((e: AnyObject) => e?.key) : [])];
  const badOps = (Array.isArray(sel.matchExpressions) ? sel.matchExpressions : []).filter((e: AnyObject) => !OPERATORS.includes(e?.operator));

  return [...keys.filter((k) => !ROLE_LABEL_KEYS.includes(k)).map((k) => `label ${ k }`), ...badOps.map((e: AnyObject) => `operator ${ e?.operator }`)];
}

const selectorLabels: Check = (ctx) => {
  if (ctx.distro !== 'rke2') {
    return undefined;
  }
  const evidence = selectorEntries(ctx.rkeConfig).flatMap((e, i) => selectorProblems(isObject(e) ? e.machineLabelSelector : e).map((p) => `machineSelectorConfig[${ i }]: ${ p }`));

  return evidence.length ? result('selector-labels', 'warn', 'warn', undefined, evidence) : result('selector-labels', 'pass', 'pass');
};

const additionalManifest: Check = (ctx) => {
  if (ctx.distro !== 'rke2') {
    return undefined;
  }
  const text = ctx.rkeConfig?.additionalManifest;
  const valid = validateManifest(text);

  if (!valid.ok) {
    return result('additional-manifest', 'fail', 'invalid', { error: valid.error });
  }

  return countCcmHelmCharts(text) > 1 ? result('additional-manifest', 'warn', 'duplicate') : result('additional-manifest', 'pass', 'pass');
};

const existingArgs: Check = (ctx) => {
  if (ctx.distro === 'rke1') {
    const extra = ctx.rke1Config?.services?.kubeController?.extraArgs;
    const evidence = isObject(extra) ? Object.entries(extra).map(([k, v]) => `${ k }=${ v }`) : [];

    return result('existing-args', 'pass', 'pass', { count: evidence.length }, evidence);
  }
  const evidence = ctx.profiles.filter((p) => p.controlPlane).map((p) => {
    const args = argList(effectiveValue(ctx.rkeConfig, p, KEY_KCM_ARGS)).filter((a) => !a.startsWith(ARG_LEADER_MIGRATION));

    return `${ profileName(p) }: ${ args.join(', ') || '—' } (${ sourceName(sourceOf(ctx.rkeConfig, p, KEY_KCM_ARGS)) })`;
  });

  return result('existing-args', 'pass', 'pass', { count: evidence.length }, evidence);
};

function supportsNodeNameFromMetadata(raw: string | undefined): boolean {
  const v = parseVersion(raw);

  if (!v || v.flavour !== 'rke2') {
    return false;
  }
  const since = NODE_NAME_FROM_METADATA_SINCE[`${ v.major }.${ v.minor }`];

  return v.minor >= NODE_NAME_FROM_METADATA_ALL_FROM_MINOR || (since !== undefined && v.patch >= since);
}

const endState: Check = (ctx) => {
  if (ctx.distro !== 'rke2') {
    return undefined;
  }
  if (ctx.endState === 'A') {
    return result('end-state', 'warn', 'A');
  }
  if (ctx.endState === 'C') {
    return supportsNodeNameFromMetadata(finalVersion(ctx)) ? result('end-state', 'pass', 'C') : result('end-state', 'fail', 'CUnsupported', { version: finalVersion(ctx) ?? '?' });
  }

  return result('end-state', 'pass', 'B');
};

const instanceMetadataHostname: Check = (ctx) => {
  if (ctx.distro !== 'rke1') {
    return undefined;
  }

  return ctx.rke1Config?.cloudProvider?.useInstanceMetadataHostname === false ? result('instance-metadata-hostname', 'warn', 'disabled') : result('instance-metadata-hostname', 'pass', 'pass');
};

function nodesOrWarn(ctx: MigrationContext, id: string): PreflightResult | undefined {
  return ctx.nodes ? undefined : result(id, 'warn', 'notChecked');
}

const nodeProviderIds: Check = (ctx) => {
  const skip = nodesOrWarn(ctx, 'node-provider-ids');

  if (skip) {
    return skip;
  }
  const rows = ctx.nodes!.map((n) => ({ name: nodeName(n), id: providerIdOf(n), kind: providerIdKind(providerIdOf(n)) }));
  const bad = rows.filter((r) => r.kind === 'rke2' || r.kind === 'invalid');
  const missing = rows.filter((r) => r.kind === 'missing');

  if (bad.length) {
    return result('node-provider-ids', 'fail', 'fail', { count: bad.length }, bad.map((r) => `${ r.name }: ${ String(r.id) }`));
  }
  if (missing.length) {
    return result('node-provider-ids', 'warn', 'missing', { count: missing.length }, missing.map((r) => r.name));
  }

  return result('node-provider-ids', 'pass', 'pass', { count: rows.length });
};

const nodeNames: Check = (ctx) => {
  const skip = nodesOrWarn(ctx, 'node-names');

  if (skip) {
    return skip;
  }
  const rows = ctx.nodes!.map((n) => ({ name: nodeName(n), dns: privateDnsNames(n) }));
  const unknown = rows.filter((r) => !r.dns.length).map((r) => r.name);
  const mismatched = rows.filter((r) => r.dns.length && !r.dns.includes(r.name)).map((r) => `${ r.name } ≠ ${ r.dns.join(', ') }`);

  // The external CCM finds an instance without a providerID by its private DNS name (findInstanceByNodeName), so
  // every node added after the switch would keep its uninitialized taint; on RKE1 the kubelet also re-registers
  // under the EC2 name. Both distros block (domain §4, rancher/rancher#42749).
  if (mismatched.length) {
    return result('node-names', 'fail', 'mismatch', { count: mismatched.length }, mismatched);
  }

  return unknown.length ? result('node-names', 'warn', 'unknown', { count: unknown.length }, unknown) : result('node-names', 'pass', 'pass', { count: rows.length });
};

function csiGateLocations(ctx: MigrationContext): string[] {
  const hit = (v: unknown) => argList(v).some((a) => /CSIMigrationAWS=false/i.test(a)) || (typeof v === 'string' && /CSIMigrationAWS=false/i.test(v));

  if (ctx.distro === 'rke1') {
    const services = isObject(ctx.rke1Config?.services) ? ctx.rke1Config!.services : {};

    return Object.entries(services).filter(([, s]) => isObject(s) && isObject(s.extraArgs) && Object.values(s.extraArgs).some(hit)).map(([k]) => `services.${ k }.extraArgs`);
  }
  const configs: [string, unknown][] = [['machineGlobalConfig', ctx.rkeConfig?.machineGlobalConfig], ...selectorEntries(ctx.rkeConfig).map((e, i): [string, unknown] => [`machineSelectorConfig[${ i }]`, isObject(e) ? e.config : undefined])];

  return configs.flatMap(([where, cfg]) => (isObject(cfg) ? Object.keys(cfg).filter((k) => k.endsWith('-arg') && hit(cfg[k])).map((k) => `${ where }.${ k }`) : []));
}

const csiMigrationGate: Check = (ctx) => {
  const where = csiGateLocations(ctx);

  if (!where.length) {
    return result('csi-migration-gate', 'pass', 'pass');
  }
  const minor = parseVersion(finalVersion(ctx))?.minor ?? 0;

  return result('csi-migration-gate', minor >= CSI_GATE_LOCKED_MINOR ? 'fail' : 'warn', minor >= CSI_GATE_LOCKED_MINOR ? 'fail' : 'warn', undefined, where);
};

function list(v: unknown): AnyObject[] | undefined {
  return Array.isArray(v) ? v.filter(isObject) : undefined;
}

const ebsCsi: Check = (ctx) => {
  const scs = list(ctx.inputs.storageClasses);
  const pvs = list(ctx.inputs.persistentVolumes);
  const drivers = list(ctx.inputs.csiDrivers);

  if (!scs && !pvs) {
    return result('ebs-csi', 'warn', 'notChecked');
  }
  const inTree = [
    ...(scs || []).filter((s) => s.provisioner === 'kubernetes.io/aws-ebs').map((s) => `StorageClass ${ s.metadata?.name }`),
    ...(pvs || []).filter((p) => isObject(p.spec?.awsElasticBlockStore)).map((p) => `PersistentVolume ${ p.metadata?.name }`),
  ];
  const hasDriver = (drivers || []).some((d) => d.metadata?.name === 'ebs.csi.aws.com');

  if (!inTree.length || hasDriver) {
    return result('ebs-csi', 'pass', inTree.length ? 'driverPresent' : 'pass', { count: inTree.length }, inTree);
  }

  return result('ebs-csi', drivers ? 'fail' : 'warn', drivers ? 'fail' : 'driverNotChecked', { count: inTree.length }, inTree);
};

function controlPlaneCount(ctx: MigrationContext): number | undefined {
  if (ctx.controlPlaneNodes) {
    return ctx.controlPlaneNodes.length;
  }
  const pools = list(ctx.rkeConfig?.machinePools)?.filter((p) => p.controlPlaneRole);

  return pools?.length ? pools.reduce((n, p) => n + (Number(p.quantity) || 0), 0) : undefined;
}

const controlPlane: Check = (ctx) => {
  const count = controlPlaneCount(ctx);

  if (count === undefined) {
    return result('control-plane-count', 'warn', 'notChecked');
  }
  if (count === 0) {
    return result('control-plane-count', 'fail', 'none');
  }

  return count === 1 && ctx.mode === 'leader-migration' ? result('control-plane-count', 'warn', 'single', { count }) : result('control-plane-count', 'pass', 'pass', { count });
};

const cordonState: Check = (ctx) => {
  const skip = nodesOrWarn(ctx, 'cordon-state');

  if (skip) {
    return skip;
  }
  const cordoned = ctx.nodes!.filter(isCordoned).map(nodeName);

  return cordoned.length ? result('cordon-state', 'warn', 'cordoned', { count: cordoned.length }, cordoned) : result('cordon-state', 'pass', 'pass');
};

const leaseRbac: Check = (ctx) => {
  if (ctx.mode !== 'leader-migration') {
    return result('lease-rbac', 'pass', 'notNeeded');
  }
  const access = ctx.inputs.leaseAccess;

  return access === true ? result('lease-rbac', 'pass', 'pass') : access === false ? result('lease-rbac', 'fail', 'fail') : result('lease-rbac', 'warn', 'notChecked');
};

const iamTags: Check = (ctx) => (ctx.inputs.acknowledged?.includes('iam-tags') ? result('iam-tags', 'pass', 'pass', { clusterId: ctx.clusterId }) : result('iam-tags', 'warn', 'acknowledge', { clusterId: ctx.clusterId }));

const loadBalancers: Check = (ctx) => {
  const services = list(ctx.inputs.services);

  if (!services) {
    return result('load-balancers', 'warn', 'notChecked');
  }
  const lbs = services.filter((s) => s.spec?.type === 'LoadBalancer').map((s) => `${ s.metadata?.namespace }/${ s.metadata?.name }`);

  return lbs.length ? result('load-balancers', 'warn', 'recheck', { count: lbs.length }, lbs) : result('load-balancers', 'pass', 'pass');
};

const CHECKS: Check[] = [
  distroCheck, kubernetesVersion, targetVersion, ccmImage, cloudProvider, selectorLabels, additionalManifest, existingArgs,
  endState, instanceMetadataHostname, nodeProviderIds, nodeNames, csiMigrationGate, ebsCsi, controlPlane, cordonState,
  leaseRbac, iamTags, loadBalancers,
];

export function runPreflightFor(ctx: MigrationContext): PreflightResult[] {
  if (!ctx.candidate) {
    return [distroCheck(ctx)!];
  }

  return CHECKS.map((c) => c(ctx)).filter((r): r is PreflightResult => !!r);
}

/** All preflight checks for one cluster; a non-candidate gets only the `distro` check, failed with its reason. */
export function runPreflight(inputs: MigrationInputs, options: PlanOptions = {}): PreflightResult[] {
  return runPreflightFor(buildContext(inputs, options));
}

