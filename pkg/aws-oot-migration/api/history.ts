// The migration's history lives on the cluster itself (an annotation), so a reload, another browser or another
// admin sees the same record. Pure helpers; the write is `annotateMigrationStep` in clusters.ts.

// the engine owns the name: it reads the record to keep planning a migration that has started
import { HISTORY_ANNOTATION } from '../migration/classify';
import type { HistoryEntry, KubeObject } from './types';

export { HISTORY_ANNOTATION };

/** Annotations are limited to 256 KiB in total per object; a full migration has ~12 steps, so 50 is generous. */
export const HISTORY_MAX = 50;

function isEntry(e: any): e is HistoryEntry {
  return !!e && typeof e.step === 'string' && typeof e.user === 'string' && typeof e.time === 'string';
}

/** Entries recorded on the object; a missing or damaged annotation reads as no history (never throws). */
export function readHistory(obj: Pick<KubeObject, 'metadata'> | null | undefined): HistoryEntry[] {
  const raw = obj?.metadata?.annotations?.[HISTORY_ANNOTATION];

  if (!raw) {
    return [];
  }
  try {
    const list = JSON.parse(raw);

    return Array.isArray(list) ? list.filter(isEntry).map(({ step, user, time }) => ({ step, user, time })) : [];
  } catch {
    return [];
  }
}

const same = (a: HistoryEntry, b: HistoryEntry) => a.step === b.step && a.user === b.user && a.time === b.time;

/**
 * A copy of `obj` with `entry` appended to its history (oldest dropped beyond HISTORY_MAX); `obj` is not changed.
 * An entry already present is not added twice (a retried write after an unanswered one).
 */
export function withHistoryEntry<T extends KubeObject>(obj: T, entry: HistoryEntry): T {
  const recorded = readHistory(obj);
  const next = { step: entry.step, user: entry.user, time: entry.time };
  const entries = (recorded.some((e) => same(e, next)) ? recorded : [...recorded, next]).slice(-HISTORY_MAX);
  const annotations = { ...(obj.metadata.annotations || {}), [HISTORY_ANNOTATION]: JSON.stringify(entries) };

  return { ...obj, metadata: { ...obj.metadata, annotations } };
}
