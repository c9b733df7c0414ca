import { spawnSync } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';

export const ROOT = path.join(__dirname, '../../..');
export const PKG = 'aws-oot-migration';

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

  if (r.status !== 0) {
    throw new Error(`${ cmd } ${ args.join(' ') } failed (${ r.status }):\n${ (r.stdout || '').slice(-4000) }${ (r.stderr || '').slice(-4000) }`);
  }
}

/** The dashboard without the extension compiled in (dist/app-bare/), as a real Rancher serves it. */
export function ensureBareDashboard(): string {
  run('bash', ['scripts/build-dashboard.sh', '--bare']);

  return path.join(ROOT, 'dist', 'app-bare');
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);

    if (e.name === 'node_modules' || e.name === '__tests__' || e.name === '.shell') {
      return [];
    }

    return e.isDirectory() ? sourceFiles(p) : [p];
  }).sort();
}

/**
 * The extension as Rancher ships it: `build-pkg` output in dist-pkg/<name>-<version>/. Rebuilt unless a stamp
 * beside it records the same sources and lockfile (any other build of dist-pkg leaves the stamp stale, which only
 * costs a rebuild).
 */
export function ensureBuiltPackage(): { dir: string; sourcePackageJson: string; name: string; version: string } {
  const srcDir = path.join(ROOT, 'pkg', PKG);
  const sourcePackageJson = path.join(srcDir, 'package.json');
  const { version } = JSON.parse(fs.readFileSync(sourcePackageJson, 'utf8'));
  const dir = path.join(ROOT, 'dist-pkg', `${ PKG }-${ version }`);
  const stampFile = path.join(ROOT, 'dist-pkg', `.${ PKG }-${ version }.build-stamp`);
  const hash = crypto.createHash('sha256');

  for (const f of [path.join(ROOT, 'package-lock.json'), ...sourceFiles(srcDir)]) {
    hash.update(f).update(fs.readFileSync(f));
  }
  const stamp = hash.digest('hex');
  const fresh = fs.existsSync(path.join(dir, `${ PKG }-${ version }.umd.min.js`)) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp;

  if (!fresh) {
    // build-pkg leaves pkg/<name>/.shell behind if killed; a stale one confuses the next build
    fs.rmSync(path.join(srcDir, '.shell'), { force: true });
    run('./node_modules/@rancher/shell/scripts/build-pkg.sh', [PKG]);
    fs.writeFileSync(stampFile, stamp);
  }

  return {
    dir, sourcePackageJson, name: PKG, version
  };
}
