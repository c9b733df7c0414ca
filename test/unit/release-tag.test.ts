import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

const ROOT = path.join(__dirname, '../..');
const SCRIPT = 'scripts/check-release-tag.sh';

function check(cwd: string, ...args: string[]) {
  const r = spawnSync('bash', [path.join(cwd, SCRIPT), ...args], { cwd, encoding: 'utf8' });

  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

/** A throw-away repository layout with the script and the two package.json files it reads. */
function fakeRepo(pkg: { name: string; version: string }, root: { name: string; version: string }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'release-tag-'));

  fs.mkdirSync(path.join(dir, 'scripts'));
  fs.copyFileSync(path.join(ROOT, SCRIPT), path.join(dir, SCRIPT));
  fs.mkdirSync(path.join(dir, 'pkg', 'aws-oot-migration'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'pkg', 'aws-oot-migration', 'package.json'), JSON.stringify(pkg));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(root));

  return dir;
}

describe('release tag check', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'pkg/aws-oot-migration/package.json'), 'utf8'));
  const repos: string[] = [];

  afterAll(() => repos.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('accepts the tag <name>-<version> of this repository\'s extension package, silently', () => {
    const r = check(ROOT, `${ pkg.name }-${ pkg.version }`);

    expect(r).toStrictEqual({ status: 0, stderr: '', stdout: '' });
  });

  it.each([
    ['another version', `${ pkg.name }-${ pkg.version }.1`],
    ['a v prefix', `${ pkg.name }-v${ pkg.version }`],
    ['another package', `aws-migrate-${ pkg.version }`],
    ['a bare version', pkg.version],
  ])('rejects %s with one line on stderr and exit 1', (_title, tag) => {
    const r = check(ROOT, tag);

    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`expected '${ pkg.name }-${ pkg.version }'`);
  });

  it('accepts this repository\'s own release tag for the catalog image too (root and extension share name and version)', () => {
    expect(check(ROOT, '--catalog', `${ pkg.name }-${ pkg.version }`).status).toBe(0);
  });

  it('needs exactly one tag (exit 2)', () => {
    expect(check(ROOT).status).toBe(2);
    expect(check(ROOT, 'a', 'b').status).toBe(2);
  });

  it('in --catalog mode also requires the root package.json to carry the same <name>-<version>', () => {
    const same = fakeRepo({ name: 'aws-oot-migration', version: '1.2.0' }, { name: 'aws-oot-migration', version: '1.2.0' });
    const differentRoot = fakeRepo({ name: 'aws-oot-migration', version: '1.2.0' }, { name: 'aws-oot-migration-ui', version: '1.2.0' });

    repos.push(same, differentRoot);
    expect(check(same, '--catalog', 'aws-oot-migration-1.2.0').status).toBe(0);
    expect(check(same, '--catalog', 'aws-oot-migration-1.2.1').status).toBe(1);
    const r = check(differentRoot, '--catalog', 'aws-oot-migration-1.2.0');

    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('root package.json \'aws-oot-migration-ui-1.2.0\'');
    // the chart workflow only looks at pkg/<name>/package.json
    expect(check(differentRoot, 'aws-oot-migration-1.2.0').status).toBe(0);
  });
});
