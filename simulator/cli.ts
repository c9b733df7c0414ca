// tsx simulator/cli.ts [--scenario <file|name>] [--port <n>] [--rancher-version <v>] [--static <dir>] [--speed <x>] [--host <h>]
//                      [--ui-plugins <dist-pkg dir>]… [--ui-plugin-annotations <source package.json>]…
// Starts the simulated Rancher and prints its URL and the logins. Bad arguments: one line on stderr, exit 2.

import fs from 'fs';
import { Simulator } from './simulator';
import { resolveScenarioPath } from './scenarios/loader';
import { DEFAULT_USERS } from './engine/auth';
import { loadUiPluginPackages } from './ui-plugins/packages';

interface CliOptions {
  scenario?: string;
  port: number;
  host: string;
  rancherVersion?: string;
  staticDir?: string;
  speed: number;
  /** Built extension packages (a dist-pkg/<name>-<version> folder, or dist-pkg/ itself). */
  uiPlugins: string[];
  /** Source package.json files whose `rancher.annotations` become the UIPlugins' metadata, as the chart does. */
  uiPluginAnnotations: string[];
}

export function parseArgs(argv: string[]): CliOptions {
  const o: CliOptions = {
    port: 8989, host: '127.0.0.1', speed: 1, uiPlugins: [], uiPluginAnnotations: []
  };
  const value = (i: number, flag: string) => {
    const v = argv[i + 1];

    if (v === undefined || v.startsWith('--')) {
      throw new Error(`${ flag } needs a value`);
    }

    return v;
  };

  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const take = () => (inline !== undefined ? inline : value(i++, flag));

    switch (flag) {
    case '--scenario':
      o.scenario = take();
      resolveScenarioPath(o.scenario);
      break;
    case '--port': {
      const p = Number(take());

      if (!Number.isInteger(p) || p < 0 || p > 65535) {
        throw new Error('--port must be an integer 0-65535');
      }
      o.port = p;
      break;
    }
    case '--host':
      o.host = take();
      break;
    case '--rancher-version': {
      const v = take();

      if (!/^v?2\.\d+(\.\d+)?/.test(v)) {
        throw new Error(`--rancher-version must look like v2.11.3 or 2.12 (got "${ v }")`);
      }
      o.rancherVersion = normalizeVersion(v);
      break;
    }
    case '--static':
      o.staticDir = take();
      if (!fs.existsSync(o.staticDir) || !fs.statSync(o.staticDir).isDirectory()) {
        throw new Error(`--static: not a directory: ${ o.staticDir }`);
      }
      break;
    case '--speed': {
      const s = Number(take());

      if (!Number.isFinite(s) || s < 0) {
        throw new Error('--speed must be a number >= 0 (0 = manual clock)');
      }
      o.speed = s;
      break;
    }
    case '--ui-plugins':
      o.uiPlugins.push(take());
      break;
    case '--ui-plugin-annotations': {
      const file = take();

      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
        throw new Error(`--ui-plugin-annotations: not a file: ${ file }`);
      }
      o.uiPluginAnnotations.push(file);
      break;
    }
    default:
      throw new Error(`unknown argument ${ argv[i] }`);
    }
  }

  return o;
}

/** 2.11 → v2.11.3, 2.12 → v2.12.0, v2.11.16 stays. */
export function normalizeVersion(v: string): string {
  const m = /^v?2\.(\d+)(?:\.(\d+))?(.*)$/.exec(v) as RegExpExecArray;

  return `v2.${ m[1] }.${ m[2] ?? (m[1] === '11' ? '3' : '0') }${ m[3] || '' }`;
}

async function main() {
  let opts: CliOptions;

  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`sim: ${ (e as Error).message }\n`);
    process.exit(2);
  }
  let sim: Simulator;

  try {
    if (opts.uiPluginAnnotations.length && !opts.uiPlugins.length) {
      throw new Error('--ui-plugin-annotations needs --ui-plugins');
    }
    const uiPlugins = loadUiPluginPackages(opts.uiPlugins, opts.uiPluginAnnotations);

    sim = new Simulator({
      scenario: opts.scenario, rancherVersion: opts.rancherVersion, speed: opts.speed, staticDir: opts.staticDir, port: opts.port, host: opts.host, uiPlugins
    });
  } catch (e) {
    process.stderr.write(`sim: ${ (e as Error).message }\n`);
    process.exit(2);
  }
  const url = await sim.listen();
  const logins = DEFAULT_USERS.map((u) => `${ u.username } / ${ u.password }${ u.readOnly ? ' (read-only)' : '' }`).join(', ');

  process.stdout.write(`Simulated Rancher ${ sim.world.rancherVersion } (scenario ${ sim.world.scenarioName }, speed ${ opts.speed }) at ${ url }\n`);
  process.stdout.write(`Login: ${ logins }\n`);
  for (const p of sim.uiPlugins) {
    process.stdout.write(`Extension: ${ p.name } ${ p.version } at ${ url }/v1/uiplugins/${ p.name }/${ p.version }/plugin/${ p.main }\n`);
  }
  process.stdout.write(`${ opts.staticDir ? `Dashboard: ${ url }/\n` : `Dashboard: run the shell with API=${ url }\n` }Control API: ${ url }/_sim\n`);
  const stop = () => {
    sim.close().finally(() => process.exit(0));
  };

  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main();
}
