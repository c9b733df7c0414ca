// One pass over the inputs that preflight, plan and state detection all need.
import type {
  AnyObject, Distro, EndState, MessageRef, MigrationInputs, Mode, PlanOptions, RoleProfile
} from './types';
import { classifyCluster, rke1ConfigOf } from './classify';
import { clusterProfiles, isObject, rkeConfigOf } from './effective-config';
import { Version, parseVersion } from './version';
import { controlPlaneNodes } from './patches/nodes';

export interface MigrationContext {
  distro: Distro;
  candidate: boolean;
  reasons: MessageRef[];
  mode: Mode;
  endState: EndState;
  cluster?: AnyObject;
  management?: AnyObject;
  rkeConfig?: AnyObject;
  rke1Config?: AnyObject;
  profiles: RoleProfile[];
  nodes?: AnyObject[];
  controlPlaneNodes?: AnyObject[];
  /** Current Kubernetes version string and its parse. */
  versionRaw?: string;
  version?: Version;
  /** Requested target version, if any. */
  targetRaw?: string;
  target?: Version;
  /** Downstream cluster id (`c-m-…` / `c-…`), for `/k8s/clusters/<id>` URLs. */
  clusterId: string;
  inputs: MigrationInputs;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

function downstreamId(cluster?: AnyObject, management?: AnyObject): string {
  return str(cluster?.status?.clusterName) ?? str(management?.metadata?.name) ?? str(management?.id) ?? '<cluster-id>';
}

export function buildContext(inputs: MigrationInputs, options: PlanOptions = {}): MigrationContext {
  const cluster = isObject(inputs.cluster) ? inputs.cluster : undefined;
  const management = isObject(inputs.management) ? inputs.management : undefined;
  const cls = classifyCluster(cluster, management, { rancherVersion: inputs.rancherVersion, keepStarted: true });
  const nodes = Array.isArray(inputs.nodes) ? inputs.nodes.filter(isObject) : undefined;
  const rkeConfig = rkeConfigOf(cluster);
  const rke1Config = cls.distro === 'rke1' ? rke1ConfigOf(management) : undefined;
  const versionRaw = str(cls.distro === 'rke1' ? rke1Config?.kubernetesVersion : cluster?.spec?.kubernetesVersion);

  return {
    distro:            cls.distro,
    candidate:         cls.candidate,
    reasons:           cls.reasons,
    mode:              options.mode ?? 'leader-migration',
    endState:          options.endState ?? 'B',
    cluster,
    management,
    rkeConfig,
    rke1Config,
    profiles:          clusterProfiles(cluster, nodes),
    nodes,
    controlPlaneNodes: nodes ? controlPlaneNodes(nodes) : undefined,
    versionRaw,
    version:           parseVersion(versionRaw),
    targetRaw:         options.kubernetesVersion,
    target:            parseVersion(options.kubernetesVersion),
    clusterId:         downstreamId(cluster, management),
    inputs,
  };
}

/** The version the cluster ends on: the target when one is given, else the current one. */
export function finalVersion(ctx: MigrationContext): string | undefined {
  return ctx.targetRaw ?? ctx.versionRaw;
}
