// Command line of `plan`: a stable contract other tools rely on.
import type { Mode } from '../pkg/aws-oot-migration/migration';

export interface PlanArgs {
  cluster: string;
  management?: string;
  nodes?: string;
  mode: Mode;
  kubernetesVersion?: string;
  format: 'json' | 'markdown';
}

export class InputError extends Error {}

const FLAGS = ['--cluster', '--management', '--nodes', '--mode', '--kubernetes-version', '--format'] as const;

function split(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();

  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];

    if (!(FLAGS as readonly string[]).includes(flag)) {
      throw new InputError(flag.startsWith('-') ? `unknown option ${ flag }` : `unexpected argument ${ flag }`);
    }
    const value = inline ?? argv[++i];

    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) {
      throw new InputError(`option ${ flag } needs a value`);
    }
    if (out.has(flag)) {
      throw new InputError(`option ${ flag } given twice`);
    }
    out.set(flag, value);
  }

  return out;
}

export function parseArgs(argv: string[]): PlanArgs {
  const flags = split(argv);
  const cluster = flags.get('--cluster');
  const mode = flags.get('--mode') ?? 'leader-migration';
  const format = flags.get('--format') ?? 'json';

  if (!cluster) {
    throw new InputError('missing --cluster <file>');
  }
  if (mode !== 'leader-migration' && mode !== 'downtime') {
    throw new InputError(`unknown mode ${ mode } (expected leader-migration or downtime)`);
  }
  if (format !== 'json' && format !== 'markdown') {
    throw new InputError(`unknown format ${ format } (expected json or markdown)`);
  }

  return {
    cluster, management: flags.get('--management'), nodes: flags.get('--nodes'), mode, kubernetesVersion: flags.get('--kubernetes-version'), format
  };
}
