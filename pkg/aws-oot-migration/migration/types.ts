// Data the engine takes and returns. Objects from Rancher are typed loosely on purpose: the engine must
// accept whatever a live server (or a partial fixture) hands it and never throw on a missing field.

/** User-facing text: a key under `awsOotMigration.engine` (full key given) plus ICU parameters. */
export interface MessageRef {
  key: string;
  params?: Record<string, string | number>;
}

export type Distro = 'rke2' | 'rke1' | 'unsupported';
export type Mode = 'leader-migration' | 'downtime';

/**
 * RKE2 end states (domain.md §8):
 * A = `cloud-provider-name: external` (node names from the OS hostname: nodes may be renamed),
 * B = keep `cloud-provider-name: aws` and override `cloud-provider=external` per component (keeps IMDS node names),
 * C = `external` + `node-name-from-cloud-provider-metadata: true` (RKE2 v1.29.11/v1.30.7/v1.31.3/v1.32.0 and newer).
 */
export type EndState = 'A' | 'B' | 'C';

export type Role = 'control-plane' | 'etcd' | 'worker';

/** The roles one machine holds; a cluster's machines fall into a few of these profiles. */
export interface RoleProfile {
  controlPlane: boolean;
  etcd: boolean;
  worker: boolean;
}

export type AnyObject = Record<string, any>;

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface SelectorConfigEntry {
  machineLabelSelector?: LabelSelector | null;
  config?: AnyObject | null;
}

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface PreflightResult {
  id: string;
  status: CheckStatus;
  message: MessageRef;
  /** Facts behind the status, shown verbatim (node names, arg values, versions). */
  evidence: string[];
}

export type StepKind =
  | 'update-cluster'
  | 'cordon'
  | 'install-chart'
  | 'wait-rollout'
  | 'wait-reconcile'
  | 'uncordon'
  | 'verify-nodes'
  | 'cleanup';

/** RFC 6902 operation. `test` guards the resourceVersion so a concurrent edit fails instead of being overwritten. */
export type JsonPatchOp =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string };

export interface PatchResult<T = AnyObject> {
  /** The whole object after the change (what a PUT sends). */
  object: T;
  /** Minimal JSON Patch from the input to `object` (what a PATCH with application/json-patch+json sends). */
  patch: JsonPatchOp[];
  changed: boolean;
}

/** Body of `POST /k8s/clusters/<id>/v1/catalog.cattle.io.clusterrepos/<repo>?action=install|upgrade`. */
export interface ChartActionRequest {
  namespace: string;
  timeout?: string;
  wait?: boolean;
  noHooks?: boolean;
  charts: {
    chartName: string;
    version: string;
    releaseName: string;
    annotations?: Record<string, string>;
    values: AnyObject;
    resetValues?: boolean;
  }[];
}

export interface ChartPlan {
  /** `catalog.cattle.io/v1` ClusterRepo to create when it is missing. */
  repo: AnyObject;
  action: 'install' | 'upgrade';
  /** `POST <url>` with `body`. */
  url: string;
  body: ChartActionRequest;
}

export interface PlanStep {
  id: string;
  kind: StepKind;
  title: MessageRef;
  /** What this step changes. */
  changes: MessageRef;
  /** The observed state that proves the step done. */
  doneWhen: MessageRef;
  reversible: boolean;
  revert?: MessageRef;
  /** Optional steps may be skipped without breaking the migration. */
  optional?: boolean;
  /** RKE2: the whole provisioning cluster after this step. */
  cluster?: AnyObject;
  /** RKE1: the whole management cluster after this step. */
  management?: AnyObject;
  /** Minimal JSON Patch for `cluster`/`management`. */
  patch?: JsonPatchOp[];
  /** RKE1: Norman removes keys only with `PUT ...?_replace=true` and the whole object. */
  replace?: boolean;
  /** Nodes to cordon or uncordon, or nodes the check applies to. */
  nodes?: string[];
  /** `kubectl` label selector for the nodes. */
  nodeSelector?: string;
  /** RKE1 chart install/upgrade; RKE2 carries the HelmChart inside `cluster`. */
  chart?: ChartPlan;
  /** Values the CCM chart is installed with (both distros), for review. */
  chartValues?: AnyObject;
}

export interface Plan {
  distro: Distro;
  candidate: boolean;
  reasons: MessageRef[];
  mode: Mode;
  endState?: EndState;
  preflight: PreflightResult[];
  /** True when a preflight check failed: steps are still listed, for review, but must not be run. */
  blocked: boolean;
  steps: PlanStep[];
}

export interface PlanOptions {
  mode?: Mode;
  /** Target Kubernetes version, set together with the provider switch. */
  kubernetesVersion?: string;
  /** RKE2 only; default B (keeps node names). */
  endState?: EndState;
}

/** Everything observed about one cluster. Absent = not observed; `null` = looked for and not found. */
export interface MigrationInputs {
  cluster?: AnyObject | null;
  management?: AnyObject | null;
  nodes?: AnyObject[] | null;
  rancherVersion?: string;
  /** Result of a SubjectAccessReview: may `system:kube-controller-manager` get/update the migration lease? */
  leaseAccess?: boolean | null;
  services?: AnyObject[] | null;
  storageClasses?: AnyObject[] | null;
  persistentVolumes?: AnyObject[] | null;
  csiDrivers?: AnyObject[] | null;
  /** Checklist items the user confirmed (e.g. `iam-tags`). */
  acknowledged?: string[];
}

export interface ObservedState extends MigrationInputs {
  helmChart?: AnyObject | null;
  app?: AnyObject | null;
  daemonSet?: AnyObject | null;
  controlPlane?: AnyObject | null;
  lease?: AnyObject | null;
  /** Node names recorded before the migration started. */
  baselineNodeNames?: string[];
}

export type StepStatus = 'done' | 'next' | 'pending';

export interface MigrationState {
  steps: { id: string; kind: StepKind; status: StepStatus }[];
  next: string | null;
  complete: boolean;
  drift: { id: string; severity: 'warn' | 'fail'; message: MessageRef }[];
}
