import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import yaml from 'js-yaml';

const DIR = path.join(__dirname, '../../.github/workflows');
const files = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();

interface Workflow {
  jobs: Record<string, { uses?: string; needs?: string | string[]; steps?: Array<{ uses?: string; run?: string; env?: Record<string, string> }> }>;
}

function load(file: string): Workflow {
  return yaml.load(fs.readFileSync(path.join(DIR, file), 'utf8')) as Workflow; // js-yaml 4: load is the safe schema
}

/** Every `uses:` of a workflow: reusable-workflow jobs and action steps. */
function usesOf(wf: Workflow): string[] {
  return Object.values(wf.jobs).flatMap((job) => [job.uses, ...(job.steps || []).map((s) => s.uses)]).filter((u): u is string => !!u);
}

const remote = (uses: string) => !uses.startsWith('./') && !uses.startsWith('docker://');

describe('GitHub workflows', () => {
  it('exist: CI and both release workflows', () => {
    expect(files).toEqual(expect.arrayContaining(['ci.yml', 'build-extension-charts.yml', 'build-extension-catalog.yml']));
  });

  it.each(files)('%s parses as YAML with jobs', (file) => {
    expect(Object.keys(load(file).jobs).length).toBeGreaterThan(0);
  });

  it.each(files)('%s pins every remote action and reusable workflow to a commit SHA with its tag as a comment', (file) => {
    const text = fs.readFileSync(path.join(DIR, file), 'utf8');
    const uses = usesOf(load(file)).filter(remote);

    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) {
      expect(u).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      // YAML drops comments, so the `# <tag>` is checked on the line that holds this `uses:`
      const line = text.split('\n').find((l) => l.trim().replace(/^- /, '').startsWith(`uses: ${ u }`));

      expect(line).toMatch(/@[0-9a-f]{40} # \S+\s*$/);
    }
  });

  it.each([
    ['build-extension-charts.yml', 'rancher/dashboard/.github/workflows/build-extension-charts.yml@', ''],
    ['build-extension-catalog.yml', 'rancher/dashboard/.github/workflows/build-extension-catalog.yml@', '--catalog '],
  ])('%s checks the release tag before Rancher\'s reusable workflow runs', (file, reusable, mode) => {
    const wf = load(file);
    const [callerName, caller] = Object.entries(wf.jobs).find(([, job]) => job.uses?.startsWith(reusable)) || [];
    const needs = ([] as string[]).concat(caller?.needs || []);
    const checks = needs.map((n) => wf.jobs[n]).filter((job) => (job?.steps || []).some((s) => s.run === `bash scripts/check-release-tag.sh ${ mode }"$TAG"`));

    expect(callerName).toBeDefined();
    expect(checks).toHaveLength(1);
    // the tag reaches the script through the environment, not spliced into the shell text
    expect(checks[0].steps!.find((s) => s.run?.includes('check-release-tag'))!.env).toStrictEqual({ TAG: '${{ github.ref_name }}' });
  });

  it('runs the CI script on pull requests', () => {
    const wf = load('ci.yml') as Workflow & { on: Record<string, unknown> };

    expect(Object.keys(wf.on)).toContain('pull_request');
    expect(Object.values(wf.jobs).some((job) => (job.steps || []).some((s) => s.run === 'bash .ci/run'))).toBe(true);
  });
});

// Rancher's reusable workflows run `actions/setup-node` with `cache: yarn` (it fails without a yarn.lock) and then
// `yarn`. npm keeps a yarn.lock in step with package-lock.json when one exists, and with the project's
// omit-lockfile-registry-resolved it writes no `resolved` URL: versions and integrity only, no registry host. yarn 1
// installs from it (--frozen-lockfile: same versions as npm), so the release build uses what the tests ran on.
describe('the release build\'s yarn.lock', () => {
  const ROOT = path.join(__dirname, '../..');
  const HOSTS = /registry\.npmjs\.org|registry\.yarnpkg\.com|registry\.npmmirror\.com/;
  const text = fs.readFileSync(path.join(ROOT, 'yarn.lock'), 'utf8');

  /** name → versions locked in yarn.lock (`"@scope/name@^1", name@~2:` headers, then `  version "x"`). */
  function yarnVersions(): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    let names: string[] = [];

    for (const line of text.split('\n')) {
      if (/^\S.*:$/.test(line) && !line.startsWith('#')) {
        names = line.slice(0, -1).split(', ').map((spec) => spec.replace(/^"|"$/g, '').replace(/^(@?[^@]+)@.*$/, '$1'));
      } else {
        const v = /^ {2}version "([^"]+)"$/.exec(line);

        v && names.forEach((n) => out.set(n, new Set([...(out.get(n) || []), v[1]])));
      }
    }

    return out;
  }

  it('is a yarn v1 lockfile with entries, and no `resolved` URL', () => {
    expect(text).toMatch(/^# yarn lockfile v1$/m);
    expect(yarnVersions().size).toBeGreaterThan(100);
    expect(text).not.toMatch(/^\s+resolved /m);
  });

  it('locks the same versions as package-lock.json', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
    const npmVersions = new Map<string, Set<string>>();

    Object.entries<any>(lock.packages).filter(([k, p]) => k && p.version && !p.link).forEach(([k, p]) => {
      const name = k.slice(k.lastIndexOf('node_modules/') + 'node_modules/'.length);

      npmVersions.set(name, new Set([...(npmVersions.get(name) || []), p.version]));
    });
    const stale = [...yarnVersions()].flatMap(([name, versions]) => [...versions].filter((v) => !npmVersions.get(name)?.has(v)).map((v) => `${ name }@${ v }`));

    expect(stale).toStrictEqual([]);
    for (const name of ['@rancher/shell', 'webpack', 'js-yaml']) {
      expect([...(yarnVersions().get(name) || [])]).toStrictEqual([...(npmVersions.get(name) || [])]);
    }
  });

  it('no committed file names a package registry host', () => {
    const tracked: string[] = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
    const offenders = tracked.filter((f) => !/\.(png|jpg|gif|ico|woff2?)$/.test(f) && fs.existsSync(path.join(ROOT, f)) && HOSTS.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));

    expect(tracked).toEqual(expect.arrayContaining(['package-lock.json', 'yarn.lock']));
    expect(offenders).toStrictEqual([]);
  });
});
