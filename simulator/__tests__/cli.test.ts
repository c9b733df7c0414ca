import { spawn, spawnSync } from 'child_process';
import path from 'path';
import { normalizeVersion, parseArgs } from '../cli';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CLI = path.join(ROOT, 'simulator/cli.ts');

describe('cli', () => {
  it('parses its options and normalises Rancher versions', () => {
    expect(parseArgs(['--scenario', 'k3s', '--port=0', '--rancher-version', '2.11', '--speed', '0'])).toMatchObject({
      scenario: 'k3s', port: 0, rancherVersion: 'v2.11.3', speed: 0
    });
    expect(normalizeVersion('v2.12')).toBe('v2.12.0');
    expect(() => parseArgs(['--port', 'x'])).toThrow(/--port/);
    expect(() => parseArgs(['--scenario', 'no-such-scenario'])).toThrow(/not found/);
  });

  it('exits 2 with one line on stderr for bad arguments', () => {
    const r = spawnSync(TSX, [CLI, '--nope'], { encoding: 'utf8', timeout: 60000 });

    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown argument --nope/);
  });

  it('prints its URL and the login', async() => {
    const child = spawn(TSX, [CLI, '--port', '0', '--speed', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';

    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${ out }`)), 60000);

      child.stdout.on('data', (d) => {
        out += d;
        if (/Login:/.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGTERM');
    expect(out).toMatch(/at http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toMatch(/admin \/ password/);
  }, 70000);
});
