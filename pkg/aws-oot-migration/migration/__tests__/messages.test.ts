import { readFileSync } from 'fs';
import { join } from 'path';
import yaml from 'js-yaml';
import { buildPlan } from '../plan';
import { cluster, nodes } from '../../../../test/fixtures/load';
import type { MessageRef, PlanStep } from '../types';

// Every message the plan hands to the page must exist in en-us.yaml and come with each {placeholder} its English
// text uses: the dashboard's intl throws on a missing one, and the component rendering it goes blank.
const EN = yaml.load(readFileSync(join(__dirname, '../../l10n/en-us.yaml'), 'utf8')) as Record<string, any>;

function english(key: string): string | undefined {
  const v = key.split('.').reduce<any>((o, k) => (o && typeof o === 'object' ? o[k] : undefined), EN);

  return typeof v === 'string' ? v : undefined;
}

/** `{name}` placeholders of an ICU message (plural/select branches name their variable the same way). */
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)].map((m) => m[1]))];
}

const refsOf = (s: PlanStep): [string, MessageRef][] => (['title', 'changes', 'doneWhen', 'revert'] as const)
  .filter((f) => (s as any)[f]?.key)
  .map((f) => [`${ s.id }.${ f }`, (s as any)[f] as MessageRef]);

const rke2 = { cluster: cluster('rke2-dashboard-intree'), nodes: nodes('rke2-nodes') };
const rke1 = { cluster: cluster('rke1-prov'), management: cluster('rke1-mgmt-aws'), nodes: nodes('rke1-nodes') };

const plans = [
  ['rke2', rke2], ['rke1', rke1],
].flatMap(([distro, inputs]) => (['leader-migration', 'downtime'] as const).flatMap((mode) => [undefined, distro === 'rke2' ? 'v1.27.16+rke2r2' : 'v1.27.16-rancher1-1']
  .map((kubernetesVersion) => [`${ distro } ${ mode } ${ kubernetesVersion || 'keep version' }`, inputs, { mode, ...(kubernetesVersion ? { kubernetesVersion } : {}) }] as const)));

describe('plan messages', () => {
  it.each(plans)('gives every step message of %s its English text and all of its parameters', (_name, inputs, options) => {
    const plan = buildPlan(inputs as any, options);
    const steps = plan.steps;
    const refs: [string, MessageRef][] = [
      ...steps.flatMap(refsOf), ...plan.preflight.map((p): [string, MessageRef] => [`preflight ${ p.id }`, p.message]), ...plan.reasons.map((r): [string, MessageRef] => ['reason', r]),
    ];
    const problems = refs.flatMap(([where, ref]) => {
      const text = english(ref.key);

      if (text === undefined) {
        return [`${ where }: no English for ${ ref.key }`];
      }

      return placeholders(text).filter((p) => !(ref.params && p in ref.params)).map((p) => `${ where }: {${ p }} not given for ${ ref.key }`);
    });

    expect(steps.length).toBeGreaterThan(0);
    expect(problems).toStrictEqual([]);
  });
});
