// The user's choices (mode, target version, end state) and the node names before the migration are recorded on
// the provisioning cluster, in the same write as the first step, so a reload, another browser or another admin
// plans with the same choices the migration started with. Pure helpers.
import { OPTIONS_ANNOTATION, type EndState, type Mode } from '../migration';

export { OPTIONS_ANNOTATION };

export interface MigrationOptions {
  mode?: Mode;
  /** null/absent: keep the current version. */
  kubernetesVersion?: string | null;
  endState?: EndState;
  baselineNodeNames?: string[];
}

const MODES: Mode[] = ['leader-migration', 'downtime'];
const END_STATES: EndState[] = ['A', 'B', 'C'];

/** Options recorded on the cluster; a missing or damaged annotation reads as none (never throws). */
export function readOptions(obj: { metadata?: { annotations?: Record<string, string> } } | null | undefined): MigrationOptions {
  const raw = obj?.metadata?.annotations?.[OPTIONS_ANNOTATION];

  if (!raw) {
    return {};
  }
  try {
    const o = JSON.parse(raw);
    const out: MigrationOptions = {};

    if (MODES.includes(o?.mode)) {
      out.mode = o.mode;
    }
    if (typeof o?.kubernetesVersion === 'string' && o.kubernetesVersion) {
      out.kubernetesVersion = o.kubernetesVersion;
    }
    if (END_STATES.includes(o?.endState)) {
      out.endState = o.endState;
    }
    if (Array.isArray(o?.baselineNodeNames) && o.baselineNodeNames.every((n: unknown) => typeof n === 'string')) {
      out.baselineNodeNames = o.baselineNodeNames;
    }

    return out;
  } catch {
    return {};
  }
}

/** A copy of `obj` carrying `opts` (the input is not changed). */
export function withOptions<T extends { metadata: { annotations?: Record<string, string> } }>(obj: T, opts: MigrationOptions): T {
  const value = JSON.stringify({
    mode: opts.mode, kubernetesVersion: opts.kubernetesVersion || undefined, endState: opts.endState, baselineNodeNames: opts.baselineNodeNames
  });

  return { ...obj, metadata: { ...obj.metadata, annotations: { ...(obj.metadata.annotations || {}), [OPTIONS_ANNOTATION]: value } } };
}
