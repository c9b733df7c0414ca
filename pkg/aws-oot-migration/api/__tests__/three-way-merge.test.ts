import {
  PROVISIONING_CLUSTER_MERGE, canonical, deepEqual, pathString, selectorEntryKey, threeWayMerge,
} from '../three-way-merge';

const CP = { matchLabels: { 'rke.cattle.io/control-plane-role': 'true' } };
const WK = { matchLabels: { 'rke.cattle.io/worker-role': 'true' } };
const keyed = { keyedArrays: { list: selectorEntryKey } };

describe('threeWayMerge', () => {
  describe('scalars and objects', () => {
    it.each([
      ['nobody changed anything', { a: 1 }, { a: 1 }, { a: 1 }, { a: 1 }],
      ['only we changed a field', { a: 1 }, { a: 2 }, { a: 1 }, { a: 2 }],
      ['only they changed a field', { a: 1 }, { a: 1 }, { a: 3 }, { a: 3 }],
      ['both made the same change', { a: 1 }, { a: 2 }, { a: 2 }, { a: 2 }],
      ['we and they changed different fields', { a: 1, b: 1 }, { a: 2, b: 1 }, { a: 1, b: 3 }, { a: 2, b: 3 }],
      ['we added a key, they added another', { a: 1 }, { a: 1, b: 2 }, { a: 1, c: 3 }, { a: 1, c: 3, b: 2 }],
      ['we deleted a key they left alone', { a: 1, b: 1 }, { a: 1 }, { a: 1, b: 1 }, { a: 1 }],
      ['they deleted a key we left alone', { a: 1, b: 1 }, { a: 1, b: 1 }, { a: 1 }, { a: 1 }],
      ['both deleted the same key', { a: 1, b: 1 }, { a: 1 }, { a: 1 }, { a: 1 }],
      ['nested: different leaves of one map', { m: { x: 1, y: 1 } }, { m: { x: 2, y: 1 } }, { m: { x: 1, y: 2 } }, { m: { x: 2, y: 2 } }],
      ['nested map added by both with different keys', {}, { m: { x: 1 } }, { m: { y: 1 } }, { m: { y: 1, x: 1 } }],
      ['key order does not count as a change', { a: 1, b: 2 }, { b: 2, a: 1 }, { a: 1, b: 5 }, { a: 1, b: 5 }],
      ['an undefined-valued key equals a missing one', { a: 1 }, { a: 1, b: undefined }, { a: 2 }, { a: 2 }],
    ])('merges cleanly when %s', (_title, base, ours, theirs, merged) => {
      expect(threeWayMerge<any>(base, ours, theirs)).toStrictEqual({ merged, conflicts: [] });
    });

    it.each([
      ['both changed one field differently', { a: 1 }, { a: 2 }, { a: 3 }, 'a', 1, 2, 3],
      ['we changed what they deleted', { a: 1, b: 1 }, { a: 1, b: 2 }, { a: 1 }, 'b', 1, 2, undefined],
      ['we deleted what they changed', { a: 1, b: 1 }, { a: 1 }, { a: 1, b: 3 }, 'b', 1, undefined, 3],
      ['both added the same key with different values', {}, { n: 'x' }, { n: 'y' }, 'n', undefined, 'x', 'y'],
      ['a map replaced by a scalar on one side', { m: { x: 1 } }, { m: { x: 2 } }, { m: 'gone' }, 'm', { x: 1 }, { x: 2 }, 'gone'],
      ['nested leaf changed differently', { s: { r: { v: 1 } } }, { s: { r: { v: 2 } } }, { s: { r: { v: 3 } } }, 's.r.v', 1, 2, 3],
    ])('reports a conflict and keeps theirs when %s', (_title, base, ours, theirs, path, b, o, t) => {
      const { merged, conflicts } = threeWayMerge<any>(base, ours, theirs);

      expect(conflicts).toStrictEqual([{
        path, base: b, ours: o, theirs: t
      }]);
      expect(merged).toStrictEqual(theirs);
    });

    it('lists every conflicting path and still merges the rest', () => {
      const { merged, conflicts } = threeWayMerge<any>({ a: 1, b: 1, c: 1 }, { a: 2, b: 2, c: 1 }, { a: 3, b: 3, c: 9 });

      expect(conflicts.map((c) => c.path)).toStrictEqual(['a', 'b']);
      expect(merged).toStrictEqual({ a: 3, b: 3, c: 9 });
    });
  });

  describe('arrays as leaves', () => {
    it.each([
      ['only we changed it', { l: [1, 2] }, { l: [1, 2, 3] }, { l: [1, 2] }, { l: [1, 2, 3] }],
      ['only they changed it', { l: [1, 2] }, { l: [1, 2] }, { l: [2] }, { l: [2] }],
      ['both changed it the same way', { l: [1] }, { l: [1, 2] }, { l: [1, 2] }, { l: [1, 2] }],
    ])('takes the whole array when %s', (_title, base, ours, theirs, merged) => {
      expect(threeWayMerge<any>(base, ours, theirs)).toStrictEqual({ merged, conflicts: [] });
    });

    it('reports a conflict when both changed an unkeyed array differently, even at different indexes', () => {
      expect(threeWayMerge<any>({ l: [1, 2] }, { l: [9, 2] }, { l: [1, 8] })).toStrictEqual({
        merged: { l: [1, 8] }, conflicts: [{
          path: 'l', base: [1, 2], ours: [9, 2], theirs: [1, 8]
        }]
      });
    });
  });

  describe('keyed arrays (machineSelectorConfig)', () => {
    const all = (config: object) => ({ config });
    const cp = (config: object) => ({ machineLabelSelector: CP, config });
    const wk = (config: object) => ({ machineLabelSelector: WK, config });

    it.each([
      ['we appended an entry, they edited another entry',
        [all({ a: 1 })], [all({ a: 1 }), cp({ k: 1 })], [all({ a: 2 })], [all({ a: 2 }), cp({ k: 1 })]],
      ['they appended an entry, we edited another entry',
        [all({ a: 1 })], [all({ a: 9 })], [all({ a: 1 }), wk({ w: 1 })], [all({ a: 9 }), wk({ w: 1 })]],
      ['both edited different keys of the same entry',
        [all({ a: 1, b: 1 })], [all({ a: 2, b: 1 })], [all({ a: 1, b: 2 })], [all({ a: 2, b: 2 })]],
      ['we removed an entry they left alone',
        [all({}), cp({ k: 1 })], [all({})], [all({ a: 1 }), cp({ k: 1 })], [all({ a: 1 })]],
      ['they removed an entry we left alone',
        [all({}), cp({ k: 1 })], [all({ a: 1 }), cp({ k: 1 })], [all({})], [all({ a: 1 })]],
      ['both appended the same entry',
        [all({})], [all({}), cp({ k: 1 })], [all({}), cp({ k: 1 })], [all({}), cp({ k: 1 })]],
      ['the selector is compared regardless of key order',
        [{ machineLabelSelector: { matchLabels: { a: '1', b: '2' } }, config: { x: 1 } }],
        [{ machineLabelSelector: { matchLabels: { b: '2', a: '1' } }, config: { x: 2 } }],
        [{ machineLabelSelector: { matchLabels: { a: '1', b: '2' } }, config: { x: 1, y: 1 } }],
        [{ machineLabelSelector: { matchLabels: { b: '2', a: '1' } }, config: { x: 2, y: 1 } }]],
    ])('merges entry by entry when %s', (_title, base, ours, theirs, merged) => {
      expect(threeWayMerge<any>({ list: base }, { list: ours }, { list: theirs }, keyed)).toStrictEqual({ merged: { list: merged }, conflicts: [] });
    });

    it.each([
      ['both appended different entries (their order would decide the effective config)',
        [all({})], [all({}), cp({ k: 1 })], [all({}), wk({ w: 1 })], 'list'],
      ['they reordered while we appended',
        [all({}), cp({})], [all({}), cp({}), wk({})], [cp({}), all({})], 'list'],
      ['both changed the same key of the same entry',
        [all({}), cp({ k: 1 })], [all({}), cp({ k: 2 })], [all({}), cp({ k: 3 })], 'list[1].config.k'],
      ['they removed an entry we edited',
        [all({}), cp({ k: 1 })], [all({}), cp({ k: 2 })], [all({})], 'list[1]'],
      ['we removed an entry they edited',
        [all({}), cp({ k: 1 })], [all({})], [all({}), cp({ k: 5 })], 'list[1]'],
      ['two entries share one selector (entries cannot be matched)',
        [all({}), all({})], [all({ a: 1 }), all({})], [all({}), all({ b: 1 })], 'list'],
    ])('reports a conflict when %s', (_title, base, ours, theirs, path) => {
      const { merged, conflicts } = threeWayMerge<any>({ list: base }, { list: ours }, { list: theirs }, keyed);

      expect(conflicts.map((c) => c.path)).toStrictEqual([path]);
      expect(merged).toStrictEqual({ list: theirs });
    });

    it('does not merge by index: an inserted entry does not mix configs of different selectors', () => {
      // they inserted a worker entry at index 1; we edited the control-plane entry (index 1 in base)
      const base = [all({}), cp({ k: 1 })];
      const ours = [all({}), cp({ k: 2 })];
      const theirs = [all({}), wk({ w: 1 }), cp({ k: 1 })];

      expect(threeWayMerge<any>({ list: base }, { list: ours }, { list: theirs }, keyed)).toStrictEqual({
        merged: { list: [all({}), wk({ w: 1 }), cp({ k: 2 })] }, conflicts: []
      });
    });
  });

  describe('server-owned paths', () => {
    it('always takes theirs for status, resourceVersion and Steve decoration, never reporting a conflict', () => {
      const base = {
        metadata: { name: 'c', resourceVersion: '1', state: { name: 'active' } }, spec: { v: 1 }, status: { ready: true }, links: { self: 's' }
      };
      const ours = {
        metadata: { name: 'c', resourceVersion: 'x', state: { name: 'mine' } }, spec: { v: 2 }, status: { ready: false }, links: { self: 'o' }
      };
      const theirs = {
        metadata: { name: 'c', resourceVersion: '7', state: { name: 'updating' } }, spec: { v: 1 }, status: { ready: 'maybe' }, links: { self: 't' }
      };

      expect(threeWayMerge<any>(base, ours, theirs, PROVISIONING_CLUSTER_MERGE)).toStrictEqual({
        merged: {
          metadata: { name: 'c', resourceVersion: '7', state: { name: 'updating' } }, spec: { v: 2 }, status: { ready: 'maybe' }, links: { self: 't' }
        },
        conflicts: []
      });
    });

    it('merges machinePools by name (a concurrent scale of another pool is kept)', () => {
      const pools = (a: number, b: number) => ({ spec: { rkeConfig: { machinePools: [{ name: 'cp', quantity: a }, { name: 'wk', quantity: b }] } } });
      const base = pools(3, 2);
      const ours = { spec: { rkeConfig: { ...pools(3, 2).spec.rkeConfig, machineGlobalConfig: { x: 1 } } } };
      const theirs = pools(3, 5);

      expect(threeWayMerge<any>(base, ours, theirs, PROVISIONING_CLUSTER_MERGE).merged).toStrictEqual({
        spec: { rkeConfig: { machinePools: [{ name: 'cp', quantity: 3 }, { name: 'wk', quantity: 5 }], machineGlobalConfig: { x: 1 } } }
      });
    });
  });
});

describe('deepEqual', () => {
  it.each([
    [{ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: undefined }, true],
    [[1, 2], [2, 1], false],
    [{ a: [] }, { a: {} }, false],
    [null, undefined, false],
    ['1', 1, false],
  ])('compares %j and %j as %s', (a, b, expected) => {
    expect(deepEqual(a, b)).toBe(expected);
  });
});

describe('canonical', () => {
  it('ignores key order and undefined keys', () => {
    expect(canonical({ b: 1, a: [{ d: 1, c: undefined }] })).toBe(canonical({ a: [{ d: 1 }], b: 1 }));
  });

  it('keys a selector-less entry as null', () => {
    expect(selectorEntryKey({ config: {} })).toBe('null');
  });
});

describe('pathString', () => {
  it.each([
    [['spec', 'rkeConfig', 'machineSelectorConfig', 1, 'config'], 'spec.rkeConfig.machineSelectorConfig[1].config'],
    [[0, 'a'], '[0].a'],
    [[], ''],
  ])('writes %j as %s', (path, expected) => {
    expect(pathString(path)).toBe(expected);
  });
});
