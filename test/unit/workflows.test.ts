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
