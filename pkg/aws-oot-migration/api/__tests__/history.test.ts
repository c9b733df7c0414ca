import {
  HISTORY_ANNOTATION, HISTORY_MAX, readHistory, withHistoryEntry,
} from '../history';
import type { KubeObject } from '../types';

const e = (i: number) => ({ step: `s${ i }`, user: 'admin', time: `2026-01-01T00:00:${ String(i % 60).padStart(2, '0') }Z` });
const withAnnotation = (raw?: string): KubeObject => ({ metadata: { name: 'c', annotations: raw === undefined ? {} : { [HISTORY_ANNOTATION]: raw, other: 'x' } } });

describe('readHistory', () => {
  it.each([
    ['no annotation', withAnnotation(), []],
    ['no object', null, []],
    ['broken JSON', withAnnotation('[{'), []],
    ['not an array', withAnnotation('{"step":"a"}'), []],
    ['malformed entries', withAnnotation(JSON.stringify([e(1), { step: 2 }, null, { ...e(2), extra: true }])), [e(1), e(2)]],
  ])('reads %s', (_t, obj, expected) => {
    expect(readHistory(obj)).toStrictEqual(expected);
  });
});

describe('withHistoryEntry', () => {
  it('appends without changing the input and keeps other annotations', () => {
    const obj = withAnnotation(JSON.stringify([e(1)]));
    const next = withHistoryEntry(obj, e(2));

    expect(next.metadata.annotations).toStrictEqual({ [HISTORY_ANNOTATION]: JSON.stringify([e(1), e(2)]), other: 'x' });
    expect(readHistory(obj)).toStrictEqual([e(1)]);
  });

  it('does not record the same entry twice', () => {
    expect(readHistory(withHistoryEntry(withAnnotation(JSON.stringify([e(1)])), e(1)))).toStrictEqual([e(1)]);
  });

  it('keeps only the newest HISTORY_MAX entries', () => {
    const full = withAnnotation(JSON.stringify(Array.from({ length: HISTORY_MAX }, (_, i) => e(i))));
    const next = readHistory(withHistoryEntry(full, e(999)));

    expect(next).toHaveLength(HISTORY_MAX);
    expect(next[0]).toStrictEqual(e(1));
    expect(next[HISTORY_MAX - 1]).toStrictEqual(e(999));
  });
});
