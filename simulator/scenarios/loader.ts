// Loads a scenario by name (a file in this folder) or by path, with safe YAML parsing and shape validation.

import fs from 'fs';
import path from 'path';
import yaml from 'js-yaml';
import type { ClusterSpec, ScenarioSpec } from './schema';

export const SCENARIO_DIR = __dirname;
export const DEFAULT_SCENARIO = 'rke2-dashboard-intree';

export function scenarioNames(): string[] {
  return fs.readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();
}

export function resolveScenarioPath(ref: string): string {
  const candidates = [ref, path.join(SCENARIO_DIR, ref), path.join(SCENARIO_DIR, `${ ref }.yaml`)];
  const found = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());

  if (!found) {
    throw new Error(`scenario "${ ref }" not found (known: ${ scenarioNames().join(', ') })`);
  }

  return path.resolve(found);
}

export function loadScenario(ref: string = DEFAULT_SCENARIO): ScenarioSpec {
  const file = resolveScenarioPath(ref);
  // js-yaml 4 `load` uses the safe default schema (no functions/regexps/custom tags)
  const doc = yaml.load(fs.readFileSync(file, 'utf8'), { filename: file });

  return validateScenario(doc, file);
}

export function validateScenario(doc: unknown, source = 'scenario'): ScenarioSpec {
  const fail = (msg: string): never => {
    throw new Error(`${ source }: ${ msg }`);
  };
  const s = doc as ScenarioSpec;

  if (!s || typeof s !== 'object') {
    fail('not a mapping');
  }
  if (typeof s.name !== 'string') {
    fail('missing "name"');
  }
  if (!Array.isArray(s.clusters) || !s.clusters.length) {
    fail('"clusters" must be a non-empty list');
  }
  s.clusters.forEach((c: ClusterSpec, i) => {
    const where = `clusters[${ i }]`;

    if (typeof c.name !== 'string') {
      fail(`${ where }.name missing`);
    }
    if (!['rke2', 'k3s', 'rke1', 'imported'].includes(c.distro)) {
      fail(`${ where }.distro must be rke2, k3s, rke1 or imported`);
    }
    if (typeof c.kubernetesVersion !== 'string') {
      fail(`${ where }.kubernetesVersion missing`);
    }
    if (!Array.isArray(c.pools) || !c.pools.length) {
      fail(`${ where }.pools must be a non-empty list`);
    }
    c.pools.forEach((p, j) => {
      if (typeof p.name !== 'string' || !(Number.isInteger(p.quantity) && p.quantity >= 0)) {
        fail(`${ where }.pools[${ j }] needs a name and an integer quantity`);
      }
      if (!Array.isArray(p.roles) || !p.roles.every((r) => ['etcd', 'controlplane', 'worker'].includes(r))) {
        fail(`${ where }.pools[${ j }].roles must list etcd/controlplane/worker`);
      }
    });
    if (c.distro === 'rke1' && !c.rancherKubernetesEngineConfig) {
      fail(`${ where }: an rke1 cluster needs rancherKubernetesEngineConfig`);
    }
  });

  return s;
}
