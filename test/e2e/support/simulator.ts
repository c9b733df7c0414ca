import { spawn, ChildProcess } from 'child_process';
import path from 'path';

const ROOT = path.join(__dirname, '../../..');

export interface RunningSimulator {
  url: string;
  /** Calls a test-only control endpoint of the simulated Rancher (reset, faults, request log…). */
  control: (route: string, body?: unknown) => Promise<any>;
  /** Reads a test-only control endpoint, e.g. `requests?path=…` (the request log). */
  read: (route: string) => Promise<any>;
  stop: () => Promise<void>;
}

export interface SimulatorOptions {
  scenario?: string;
  rancherVersion?: string;
  speed?: string;
  /** The dashboard build to serve (default dist-app, which has the extension compiled in). */
  staticDir?: string;
  /** Built extension packages the simulated Rancher has installed (`--ui-plugins`). */
  uiPlugins?: string[];
  /** Source package.json files whose annotations become the UIPlugins' metadata (`--ui-plugin-annotations`). */
  uiPluginAnnotations?: string[];
}

/**
 * Starts a fresh simulated Rancher serving the dashboard build (one per test file, so state never leaks
 * between files). It runs as its own process, exactly as `npm run sim` does.
 */
export function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const args = ['simulator/cli.ts', '--port', '0', '--static', opts.staticDir || 'dist-app', '--speed', opts.speed || '50'];

  for (const dir of opts.uiPlugins || []) {
    args.push('--ui-plugins', dir);
  }
  for (const file of opts.uiPluginAnnotations || []) {
    args.push('--ui-plugin-annotations', file);
  }

  if (opts.scenario) {
    args.push('--scenario', opts.scenario);
  }
  if (opts.rancherVersion) {
    args.push('--rancher-version', opts.rancherVersion);
  }
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });

  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/https?:\/\/127\.0\.0\.1:\d+/);

      if (match) {
        child.stdout?.off('data', onData);
        resolve(handle(child, match[0]));
      }
    };

    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`simulator exited with ${ code } before it listened:\n${ output }`)));
  });
}

function handle(child: ChildProcess, url: string): RunningSimulator {
  return {
    url,
    async control(route, body) {
      const res = await fetch(`${ url }/_sim/${ route }`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {})
      });

      if (!res.ok) {
        throw new Error(`simulator control ${ route } answered ${ res.status }: ${ await res.text() }`);
      }
      const text = await res.text();

      return text ? JSON.parse(text) : undefined;
    },
    async read(route) {
      const res = await fetch(`${ url }/_sim/${ route }`);

      if (!res.ok) {
        throw new Error(`simulator control ${ route } answered ${ res.status }: ${ await res.text() }`);
      }

      return res.json();
    },
    stop() {
      return new Promise((resolve) => {
        if (child.exitCode !== null) {
          return resolve();
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}
