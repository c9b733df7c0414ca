// Helm's values coalescing, implemented independently: user values are merged INTO the chart defaults — maps
// merge key by key (so a user nodeSelector is added to the chart's default nodeSelector), lists and scalars are
// replaced, and a user `null` deletes the default key (helm.sh "Deleting a Default Key").

import { clone, isPlainObject } from '../engine/kube-object';

export function coalesceValues(defaults: Record<string, any>, user: Record<string, any> | null | undefined): Record<string, any> {
  const out: Record<string, any> = clone(defaults);

  for (const [k, v] of Object.entries(user || {})) {
    if (v === null) {
      delete out[k];
    } else if (isPlainObject(v) && isPlainObject(out[k])) {
      out[k] = coalesceValues(out[k], v);
    } else {
      out[k] = clone(v);
    }
  }

  return out;
}
