// The plan as a document for people who apply changes through GitOps: text as message refs (the caller
// translates), YAML and commands verbatim. `runbookToMarkdown` renders it with any translator.
import { dump } from 'js-yaml';
import type {
  AnyObject, JsonPatchOp, MessageRef, Plan, PlanStep, PreflightResult
} from './types';
import { CCM_NAME, CCM_NAMESPACE, MSG } from './labels';
import { CHART_NAME, CHART_REPO_URL, CHART_VERSION } from './constants';
import { isObject } from './effective-config';

export type RunbookBlock =
  | { type: 'heading'; level: 1 | 2 | 3; text: MessageRef }
  | { type: 'paragraph'; text: MessageRef }
  | { type: 'list'; items: MessageRef[] }
  | { type: 'checks'; items: PreflightResult[] }
  | { type: 'code'; lang: 'yaml' | 'shell' | 'json'; code: string };

export interface RunbookTarget {
  /** Provisioning cluster name and namespace (RKE2), management id (RKE1). */
  name: string;
  namespace: string;
  clusterId: string;
}

const m = (key: string, params?: MessageRef['params']): MessageRef => (params ? { key: `${ MSG }.runbook.${ key }`, params } : { key: `${ MSG }.runbook.${ key }` });

function toYaml(v: unknown): string {
  return dump(v, { lineWidth: -1, noRefs: true });
}

/** The top-level spec sections a patch touches, as YAML of the object after the step. */
function changedSections(object: AnyObject, patch: JsonPatchOp[]): string {
  const roots = new Map<string, string[]>();

  for (const op of patch) {
    const parts = op.path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));

    if (op.op === 'test' || !parts.length) {
      continue;
    }
    // spec.rkeConfig.<section> or rancherKubernetesEngineConfig.<section>: small enough to review, whole enough to paste
    const depth = parts[0] === 'spec' && parts[1] === 'rkeConfig' ? 3 : parts[0] === 'spec' ? Math.min(parts.length, parts[1] === 'rancherKubernetesEngineConfig' ? 3 : 2) : Math.min(parts.length, 2);

    roots.set(parts.slice(0, depth).join('.'), parts.slice(0, depth));
  }
  const out: AnyObject = {};

  for (const path of roots.values()) {
    let src: any = object;
    let dst: AnyObject = out;

    path.forEach((p, i) => {
      src = isObject(src) ? src[p] : undefined;
      if (i === path.length - 1) {
        dst[p] = src === undefined ? null : src;
      } else {
        dst[p] = isObject(dst[p]) ? dst[p] : {};
        dst = dst[p];
      }
    });
  }

  return toYaml(out);
}

function shellQuote(s: string): string {
  return `'${ s.replace(/'/g, `'\\''`) }'`;
}

function patchCommand(plan: Plan, target: RunbookTarget, patch: JsonPatchOp[]): string {
  const ops = JSON.stringify(patch.filter((op) => op.op !== 'test'));

  return plan.distro === 'rke2' ? `kubectl -n ${ target.namespace } patch clusters.provisioning.cattle.io ${ target.name } --type json -p ${ shellQuote(ops) }` : `kubectl patch clusters.management.cattle.io ${ target.clusterId } --type json -p ${ shellQuote(ops.replace(/"\/rancherKubernetesEngineConfig/g, '"/spec/rancherKubernetesEngineConfig')) }`;
}

function stepCommands(plan: Plan, step: PlanStep, target: RunbookTarget): string | undefined {
  const ds = `-n ${ CCM_NAMESPACE } daemonset ${ CCM_NAME }`;

  switch (step.kind) {
  case 'cordon': return `kubectl cordon -l ${ shellQuote(step.nodeSelector!) }`;
  case 'uncordon': return `kubectl uncordon -l ${ shellQuote(step.nodeSelector!) }`;
  case 'wait-rollout': return [
    `kubectl rollout status ${ ds }`,
    '# rollout status also "succeeds" with 0 pods: desired must equal the control-plane node count',
    `kubectl get ${ ds } -o jsonpath='{.status.desiredNumberScheduled} {.status.updatedNumberScheduled} {.status.numberAvailable}{"\\n"}'`,
    `kubectl get nodes -l ${ shellQuote(`${ plan.distro === 'rke1' ? 'node-role.kubernetes.io/controlplane' : 'node-role.kubernetes.io/control-plane' }=true`) } --no-headers | wc -l`,
  ].join('\n');
  case 'wait-reconcile': return plan.distro === 'rke2' ? `# against the Rancher management cluster\nkubectl -n ${ target.namespace } get rkecontrolplanes.rke.cattle.io ${ target.name } -o jsonpath='{.metadata.generation} {.status.observedGeneration} {range .status.conditions[?(@.type=="Reconciled")]}{.status}{end} {range .status.conditions[?(@.type=="Ready")]}{.status}{end}{"\\n"}'` : `# against the Rancher management cluster\nkubectl get clusters.management.cattle.io ${ target.clusterId } -o jsonpath='{range .status.conditions[?(@.type=="Updated")]}{.status}{end}{"\\n"}'`;
  case 'verify-nodes': return `kubectl get nodes -o custom-columns='NAME:.metadata.name,PROVIDER_ID:.spec.providerID,UNSCHEDULABLE:.spec.unschedulable,TAINTS:.spec.taints[*].key'`;
  default: return undefined;
  }
}

function helmEquivalent(step: PlanStep): string {
  return [
    `helm repo add aws-cloud-controller-manager ${ CHART_REPO_URL }`,
    `helm upgrade --install ${ CCM_NAME } aws-cloud-controller-manager/${ CHART_NAME } --version ${ CHART_VERSION } -n ${ CCM_NAMESPACE } --values values.yaml`,
    `# or through Rancher: POST ${ step.chart!.url }`,
  ].join('\n');
}

function stepBlocks(plan: Plan, step: PlanStep, index: number, target: RunbookTarget): RunbookBlock[] {
  const blocks: RunbookBlock[] = [
    { type: 'heading', level: 2, text: m('step', { number: index + 1 }) },
    { type: 'paragraph', text: step.title },
    { type: 'paragraph', text: step.changes },
  ];
  const object = step.cluster ?? step.management;

  if (object && step.patch?.length) {
    blocks.push({ type: 'paragraph', text: m('yamlAfter') }, { type: 'code', lang: 'yaml', code: changedSections(object, step.patch) });
    blocks.push({ type: 'paragraph', text: m(step.replace ? 'patchCommandReplace' : 'patchCommand') }, { type: 'code', lang: 'shell', code: patchCommand(plan, target, step.patch) });
  } else if (object && (step.kind === 'update-cluster' || step.kind === 'install-chart' || step.kind === 'cleanup') && !step.chart) {
    blocks.push({ type: 'paragraph', text: m('noChange') });
  }
  if (step.chart) {
    blocks.push({ type: 'paragraph', text: m('clusterRepo') }, { type: 'code', lang: 'yaml', code: toYaml(step.chart.repo) });
    blocks.push({ type: 'paragraph', text: m('chartValues') }, { type: 'code', lang: 'yaml', code: toYaml(step.chart.body.charts[0].values) });
    blocks.push({ type: 'code', lang: 'shell', code: helmEquivalent(step) });
  }
  const cmd = stepCommands(plan, step, target);

  if (cmd) {
    blocks.push({ type: 'code', lang: 'shell', code: cmd });
  }
  blocks.push({ type: 'paragraph', text: step.doneWhen });
  blocks.push({ type: 'paragraph', text: step.reversible && step.revert ? step.revert : m('notReversible') });

  return blocks;
}

export function buildRunbook(plan: Plan, target: RunbookTarget): RunbookBlock[] {
  const head: RunbookBlock[] = [
    { type: 'heading', level: 1, text: m('title', { name: target.name }) },
    { type: 'paragraph', text: m('summary', { distro: plan.distro.toUpperCase(), mode: plan.mode, endState: plan.endState ?? '-' }) },
  ];

  if (!plan.candidate) {
    return [...head, { type: 'list', items: plan.reasons }];
  }
  const preflight: RunbookBlock[] = [
    { type: 'heading', level: 2, text: m('preflight') },
    { type: 'checks', items: plan.preflight },
  ];

  return [...head, ...(plan.blocked ? [{ type: 'paragraph', text: m('blocked') } as RunbookBlock] : []), ...preflight, ...plan.steps.flatMap((s, i) => stepBlocks(plan, s, i, target))];
}

export function runbookToMarkdown(blocks: RunbookBlock[], t: (ref: MessageRef) => string): string {
  return `${ blocks.map((b) => {
    switch (b.type) {
    case 'heading': return `${ '#'.repeat(b.level) } ${ t(b.text) }`;
    case 'paragraph': return t(b.text);
    case 'list': return b.items.map((i) => `- ${ t(i) }`).join('\n');
    case 'checks': return b.items.map((c) => `- **${ c.status.toUpperCase() }** \`${ c.id }\`: ${ t(c.message) }${ c.evidence.length ? ` (${ c.evidence.join('; ') })` : '' }`).join('\n');
    default: return `\`\`\`${ b.lang }\n${ b.code.replace(/\n$/, '') }\n\`\`\``;
    }
  }).join('\n\n') }\n`;
}
