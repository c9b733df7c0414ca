// `npm run --silent plan -- --cluster <file> [--management <file>] [--nodes <file>]
//   [--mode leader-migration|downtime] [--kubernetes-version <version>] [--format json|markdown]`
// Prints the migration plan for one cluster. Bad input: one line on stderr, exit code 2.
import {
  Plan, PlanStep, buildPlan, buildRunbook, runbookToMarkdown
} from '../pkg/aws-oot-migration/migration';
import { InputError, PlanArgs, parseArgs } from './args';
import { readCluster, readManagement, readNodes } from './input';
import { Translate, loadTranslations } from './l10n';

type Obj = Record<string, any>;

function inputsOf(args: PlanArgs) {
  const { cluster, management } = readCluster(args.cluster);

  return {
    cluster,
    management: args.management ? readManagement(args.management) : management,
    nodes:      args.nodes ? readNodes(args.nodes) : undefined,
  };
}

function stepJson(step: PlanStep, t: Translate): Obj {
  const chart = step.chart ?? (step.chartValues ? { values: step.chartValues } : undefined);

  return {
    id:    step.id,
    kind:  step.kind,
    title: t(step.title),
    ...(step.cluster ? { cluster: step.cluster } : {}),
    ...(step.management ? { management: step.management } : {}),
    ...(step.nodes ? { nodes: step.nodes } : {}),
    ...(chart ? { chart } : {}),
  };
}

function planJson(plan: Plan, t: Translate): Obj {
  return {
    distro:    plan.distro,
    candidate: plan.candidate,
    reasons:   plan.reasons.map(t),
    preflight: plan.preflight.map((p) => ({ id: p.id, status: p.status, message: t(p.message) })),
    steps:     plan.steps.map((s) => stepJson(s, t)),
  };
}

function markdown(plan: Plan, inputs: ReturnType<typeof inputsOf>, t: Translate): string {
  const obj = inputs.cluster ?? inputs.management ?? {};
  const target = {
    name:      String(obj.metadata?.name ?? obj.name ?? obj.id ?? 'cluster'),
    namespace: String(obj.metadata?.namespace ?? 'fleet-default'),
    clusterId: String(inputs.cluster?.status?.clusterName ?? inputs.management?.metadata?.name ?? inputs.management?.id ?? '<cluster-id>'),
  };

  return runbookToMarkdown(buildRunbook(plan, target), t);
}

function main(argv: string[]): number {
  try {
    const args = parseArgs(argv);
    const inputs = inputsOf(args);
    const plan = buildPlan(inputs, { mode: args.mode, kubernetesVersion: args.kubernetesVersion });
    const t = loadTranslations();

    process.stdout.write(args.format === 'json' ? `${ JSON.stringify(planJson(plan, t), null, 2) }\n` : markdown(plan, inputs, t));

    return 0;
  } catch (e) {
    const bad = e instanceof InputError;

    process.stderr.write(`plan: ${ bad ? '' : 'internal error: ' }${ String((e as Error)?.message ?? e).split('\n')[0] }\n`);

    return bad ? 2 : 1;
  }
}

process.exitCode = main(process.argv.slice(2));
