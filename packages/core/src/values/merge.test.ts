import { describe, it, expect } from 'vitest';
import { coalesce, coalesceOwned, goSprint, mergeAll, mergeMaps } from './merge';
import type { ValueMap } from '../common';

// Helm v3.21.4 pkg/cli/values/options_test.go, TestMergeValues (the mergeMaps cases).
describe('mergeMaps (Helm options_test.go TestMergeValues)', () => {
  const nestedMap = { foo: 'bar', baz: { cool: 'stuff' } };
  const anotherNestedMap = { foo: 'bar', baz: { cool: 'things', awesome: 'stuff' } };
  const flatMap = { foo: 'bar', baz: 'stuff' };
  const anotherFlatMap = { testing: 'fun' };

  const cases: { name: string; a: ValueMap; b: ValueMap; expect: ValueMap }[] = [
    { name: 'a nested map overwrites a flat value', a: flatMap, b: nestedMap, expect: nestedMap },
    { name: 'a flat value overwrites a map', a: nestedMap, b: flatMap, expect: flatMap },
    { name: 'a nested map overwrites another nested map', a: nestedMap, b: anotherNestedMap, expect: anotherNestedMap },
    {
      name: 'maps with different keys merge',
      a: anotherFlatMap,
      b: anotherNestedMap,
      expect: { testing: 'fun', foo: 'bar', baz: { cool: 'things', awesome: 'stuff' } },
    },
  ];
  it.each(cases)('$name', ({ a, b, expect: want }) => {
    expect(mergeMaps(a, b)).toEqual(want);
  });
});

// Follows from options.go mergeMaps: only map-onto-map merges; everything else replaces.
describe('mergeMaps semantics', () => {
  it.each([
    { name: 'null replaces a map', a: { x: { y: 1 } }, b: { x: null }, expect: { x: null } },
    { name: 'null replaces a scalar', a: { x: 1 }, b: { x: null }, expect: { x: null } },
    { name: 'a map replaces null', a: { x: null }, b: { x: { y: 1 } }, expect: { x: { y: 1 } } },
    { name: 'lists replace, never concatenate', a: { l: [1, 2, 3] }, b: { l: [4] }, expect: { l: [4] } },
    { name: 'a list replaces a map', a: { x: { y: 1 } }, b: { x: [1] }, expect: { x: [1] } },
    {
      name: 'deep merge keeps untouched siblings',
      a: { r: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1' } } },
      b: { r: { limits: { memory: '2Gi' } } },
      expect: { r: { limits: { cpu: '1', memory: '2Gi' }, requests: { cpu: '1' } } },
    },
    { name: 'empty map onto a map changes nothing', a: { x: { y: 1 } }, b: { x: {} }, expect: { x: { y: 1 } } },
  ] as { name: string; a: ValueMap; b: ValueMap; expect: ValueMap }[])('$name', ({ a, b, expect: want }) => {
    expect(mergeMaps(a, b)).toEqual(want);
  });

  it('is pure and shares no objects with its inputs', () => {
    const a: ValueMap = { m: { x: 1 }, keep: { deep: [1] } };
    const b: ValueMap = { m: { y: 2 }, added: { z: [3] } };
    const before = JSON.stringify([a, b]);
    const out = mergeMaps(a, b);
    expect(JSON.stringify([a, b])).toBe(before);
    expect(out.keep).not.toBe(a.keep);
    expect(out.added).not.toBe(b.added);
    (out.added as ValueMap).z = [];
    expect(b.added).toEqual({ z: [3] });
  });

  it('folds several files as mergeMaps does one after the other, changing none of them (mergeAll)', () => {
    const files: ValueMap[] = [
      { m: { x: 1, l: [1] }, keep: { deep: [1] }, gone: { a: 1 } },
      { m: { y: 2, l: [2] }, gone: null, added: { z: [3] } },
      { m: { x: { now: 'a map' } }, added: { z: [4], w: {} }, gone: { b: 2 } },
    ];
    const before = JSON.stringify(files);
    const out = mergeAll(files);
    expect(out).toEqual(files.reduce((acc, f) => mergeMaps(acc, f), {} as ValueMap));
    expect(JSON.stringify(files)).toBe(before);
    expect(out.keep).not.toBe(files[0].keep);
    (out.added as ValueMap).w = 'changed';
    ((out.m as ValueMap).x as ValueMap).now = 'changed';
    expect(JSON.stringify(files)).toBe(before);
    expect(mergeAll([])).toEqual({});
  });

  it('treats __proto__ as an ordinary key', () => {
    const b = JSON.parse('{"__proto__": {"polluted": true}}') as ValueMap;
    const out = mergeMaps({}, b);
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

// Helm v3.21.4 pkg/chartutil/coalesce_test.go, TestCoalesceValues: the parent chart
// ("moby") part. Helm's test also has subcharts pequod and ahab; without them
// `pequod` is an ordinary key, so what lies under it follows the plain-key rules.
describe('coalesce (Helm coalesce_test.go TestCoalesceValues, top-level chart)', () => {
  const user = (): ValueMap => ({
    top: 'yup',
    bottom: null,
    right: null,
    left: null,
    front: null,
    back: '',
    nested: { boat: null },
    global: { name: 'Ishmael', subject: 'Queequeg', nested: { boat: true } },
    pequod: {
      boat: null,
      global: { name: 'Stinky', harpooner: 'Tashtego', nested: { boat: false, sail: true, foo2: null } },
      ahab: { scope: 'whale', boat: null, nested: { foo: true, boat: null }, object: null },
    },
  });
  const moby = (): ValueMap => ({
    back: 'exists',
    bottom: 'exists',
    front: 'exists',
    left: 'exists',
    name: 'moby',
    nested: { boat: true },
    override: 'bad',
    right: 'exists',
    scope: 'moby',
    top: 'nope',
    global: { nested2: { l0: 'moby' } },
    pequod: { boat: 'maybe', ahab: { boat: 'maybe', nested: { boat: 'maybe' } } },
  });

  it('user values win, nulls delete defaults, tables merge', () => {
    const v = coalesce(user(), moby());
    // Helm's template assertions for the parent chart
    expect(v.top).toBe('yup');
    expect(v.back).toBe('');
    expect(v.name).toBe('moby');
    expect(v.global).toEqual({ name: 'Ishmael', subject: 'Queequeg', nested: { boat: true }, nested2: { l0: 'moby' } });
    // nullKeys: bottom, right, left, front are removed
    for (const k of ['bottom', 'right', 'left', 'front']) expect(k in v).toBe(false);
    // "Expected nested boat key to be removed"
    expect(v.nested).toEqual({});
    // the whole result, pequod as a plain key: nulls over defaults go, ahab.object (no default) stays null
    expect(v).toEqual({
      top: 'yup',
      back: '',
      nested: {},
      global: { name: 'Ishmael', subject: 'Queequeg', nested: { boat: true }, nested2: { l0: 'moby' } },
      pequod: {
        global: { name: 'Stinky', harpooner: 'Tashtego', nested: { boat: false, sail: true, foo2: null } },
        ahab: { scope: 'whale', nested: { foo: true }, object: null },
      },
      name: 'moby',
      override: 'bad',
      scope: 'moby',
    });
  });

  it('does not mutate its arguments ("CoalesceValues should not mutate the passed arguments")', () => {
    const u = user();
    const d = moby();
    const out = coalesce(u, d);
    expect(u).toEqual(user());
    expect(d).toEqual(moby());
    (out.global as ValueMap).name = 'changed';
    (out.nested as ValueMap).x = 1;
    expect(u).toEqual(user());
    expect(d).toEqual(moby());
  });
});

// Helm v3.21.4 coalesce_test.go TestCoalesceTables: CoalesceTables(dst, src) with dst
// authoritative. The same tables through coalesce(user=dst, defaults=src) give the same values.
describe('coalesce (Helm coalesce_test.go TestCoalesceTables)', () => {
  it('anything in dst overrides src, otherwise values are coalesced', () => {
    const dst: ValueMap = {
      name: 'Ishmael',
      address: { street: '123 Spouter Inn Ct.', city: 'Nantucket', country: null },
      details: { friends: ['Tashtego'] },
      boat: 'pequod',
      hole: null,
    };
    const src: ValueMap = {
      occupation: 'whaler',
      address: { state: 'MA', street: '234 Spouter Inn Ct.', country: 'US' },
      details: 'empty',
      boat: { mast: true },
      hole: 'black',
    };
    const v = coalesce(dst, src);
    expect(v.name).toBe('Ishmael');
    expect(v.occupation).toBe('whaler');
    expect(v.address).toEqual({ street: '123 Spouter Inn Ct.', city: 'Nantucket', state: 'MA' }); // country left out
    expect(v.details).toEqual({ friends: ['Tashtego'] });
    expect(v.boat).toBe('pequod');
    expect('hole' in v).toBe(false); // "The hole still exists."
  });

  it('with no source values everything in dst is kept (the --reuse-values case)', () => {
    const dst2: ValueMap = {
      name: 'Ishmael',
      address: { street: '123 Spouter Inn Ct.', city: 'Nantucket', country: 'US' },
      details: { friends: ['Tashtego'] },
      boat: 'pequod',
      hole: 'black',
    };
    expect(coalesce(dst2, {})).toEqual(dst2);
  });
});

// Helm v3.21.4 coalesce_test.go TestCoalesceValuesWarnings. Helm coalesces chart level3
// as the subchart level1 → level2 → level3; its warnings carry that path as the prefix,
// which chartName reproduces.
describe('coalesce warnings (Helm coalesce_test.go TestCoalesceValuesWarnings)', () => {
  it('reports Helm’s three table/non-table conflicts and keeps the user values', () => {
    const level3: ValueMap = { name: 'ahab', boat: true, spear: { tip: true, sail: { cotton: true } } };
    const vals: ValueMap = { boat: { mast: true }, spear: { tip: { sharp: true }, sail: true } };
    const warnings: string[] = [];
    const v = coalesce(vals, level3, (m) => warnings.push(m), 'level1.level2.level3');
    expect(warnings).toContain('warning: skipped value for level1.level2.level3.boat: Not a table.');
    expect(warnings).toContain(
      'warning: destination for level1.level2.level3.spear.tip is a table. Ignoring non-table value (true)',
    );
    expect(warnings).toContain(
      'warning: cannot overwrite table with non table for level1.level2.level3.spear.sail (map[cotton:true])',
    );
    expect(warnings).toHaveLength(3);
    expect(v).toEqual({ boat: { mast: true }, spear: { tip: { sharp: true }, sail: true }, name: 'ahab' });
  });
});

// Helm v3.21.4 coalesce_test.go TestCoalesceValuesEmptyMapWithNils (helm/helm#31643).
describe('coalesce nulls (Helm coalesce_test.go TestCoalesceValuesEmptyMapWithNils)', () => {
  it('keeps a user null whose key the chart default (an empty map) does not have', () => {
    const v = coalesce({ data: { foo: 'bar', baz: null } }, { data: {} });
    expect(v).toEqual({ data: { foo: 'bar', baz: null } });
    expect('baz' in (v.data as ValueMap)).toBe(true);
  });
});

// Null and conflict rules read off Helm v3.21.4 coalesce.go (coalesceValues for the top
// level, coalesceTablesFullKey below it). Not a Helm test table: each row is one branch.
describe('coalesce rules (Helm 3.21 coalesce.go, branch by branch)', () => {
  it.each([
    { name: 'top: user null deletes a default', user: { a: null }, defs: { a: 1 }, want: {} },
    { name: 'top: user null deletes a default map', user: { a: null }, defs: { a: { b: 1 } }, want: {} },
    { name: 'top: user null over a null default is deleted too', user: { a: null }, defs: { a: null }, want: {} },
    { name: 'top: user null without a default stays null', user: { a: null }, defs: {}, want: { a: null } },
    { name: 'nested: user null deletes a default', user: { m: { a: null } }, defs: { m: { a: 1, b: 2 } }, want: { m: { b: 2 } } },
    { name: 'nested: user null deletes a default map', user: { m: { a: null } }, defs: { m: { a: { x: 1 } } }, want: { m: {} } },
    { name: 'nested: user null over a null default stays null', user: { m: { a: null } }, defs: { m: { a: null } }, want: { m: { a: null } } },
    { name: 'nested: user null without a default stays null (since 3.20.1)', user: { m: { a: null } }, defs: { m: { b: 1 } }, want: { m: { a: null, b: 1 } } },
    { name: 'deep: user null deletes at any depth', user: { a: { b: { c: null } } }, defs: { a: { b: { c: 1, d: 2 } } }, want: { a: { b: { d: 2 } } } },
    { name: 'default null the user does not set is kept (Helm 3; Helm 4.2 drops it)', user: {}, defs: { a: null, m: { b: null, c: 1 } }, want: { a: null, m: { b: null, c: 1 } } },
    { name: 'default null under a user map is kept (Helm 3)', user: { m: { c: 2 } }, defs: { m: { b: null } }, want: { m: { c: 2, b: null } } },
    { name: 'user map under a key the defaults lack keeps its nulls', user: { m: { a: null } }, defs: {}, want: { m: { a: null } } },
    { name: 'user map over a null default is kept whole', user: { m: { a: null } }, defs: { m: null }, want: { m: { a: null } } },
    { name: 'top: user scalar over a default map wins', user: { m: 'x' }, defs: { m: { a: 1 } }, want: { m: 'x' } },
    { name: 'top: user list over a default map wins', user: { m: [1] }, defs: { m: { a: 1 } }, want: { m: [1] } },
    { name: 'lists are never merged', user: { l: [1] }, defs: { l: [1, 2, 3] }, want: { l: [1] } },
    { name: 'empty user map takes all defaults', user: { m: {} }, defs: { m: { a: 1 } }, want: { m: { a: 1 } } },
  ] as { name: string; user: ValueMap; defs: ValueMap; want: ValueMap }[])('$name', ({ user, defs, want }) => {
    const warnings: string[] = [];
    expect(coalesce(user, defs, (m) => warnings.push(m), 'c')).toEqual(want);
    expect(warnings).toEqual([]);
    // the same in place, on a user map the caller owns; the defaults stay as they were
    const before = JSON.stringify(defs);
    expect(coalesceOwned(structuredClone(user), defs, (m) => warnings.push(m), 'c')).toEqual(want);
    expect(warnings).toEqual([]);
    expect(JSON.stringify(defs)).toBe(before);
  });

  it('in place (coalesceOwned): fills the given map, and what it takes from the defaults is a copy', () => {
    const defs: ValueMap = { m: { a: { deep: [1] }, b: 2 }, only: { x: [1] } };
    const user: ValueMap = { m: { b: 3 } };
    const out = coalesceOwned(user, defs);
    expect(out).toBe(user);
    expect(out).toEqual({ m: { b: 3, a: { deep: [1] } }, only: { x: [1] } });
    ((out.m as ValueMap).a as ValueMap).deep = [];
    (out.only as ValueMap).x = [];
    expect(defs).toEqual({ m: { a: { deep: [1] }, b: 2 }, only: { x: [1] } });
  });

  it.each([
    {
      name: 'top: user map over a default scalar',
      user: { a: { b: 1 } },
      defs: { a: 'x' },
      want: { a: { b: 1 } },
      warning: 'warning: skipped value for c.a: Not a table.',
    },
    {
      name: 'nested: user scalar over a default map',
      user: { m: { a: 1 } },
      defs: { m: { a: { big: 1000000, list: [1, 'two', null], z: 0.5 } } },
      want: { m: { a: 1 } },
      warning: 'warning: cannot overwrite table with non table for c.m.a (map[big:1e+06 list:[1 two <nil>] z:0.5])',
    },
    {
      name: 'nested: user list over a default map',
      user: { m: { a: [1] } },
      defs: { m: { a: { b: true } } },
      want: { m: { a: [1] } },
      warning: 'warning: cannot overwrite table with non table for c.m.a (map[b:true])',
    },
    {
      name: 'nested: user map over a default list',
      user: { m: { a: { b: 1 } } },
      defs: { m: { a: ['x', 'y'] } },
      want: { m: { a: { b: 1 } } },
      warning: 'warning: destination for c.m.a is a table. Ignoring non-table value ([x y])',
    },
  ] as { name: string; user: ValueMap; defs: ValueMap; want: ValueMap; warning: string }[])(
    '$name warns',
    ({ user, defs, want, warning }) => {
      const warnings: string[] = [];
      expect(coalesce(user, defs, (m) => warnings.push(m), 'c')).toEqual(want);
      expect(warnings).toEqual([warning]);
    },
  );

  it('without a chart name the texts are what Helm prints for an empty name', () => {
    const warnings: string[] = [];
    coalesce({ a: { b: 1 }, m: { x: 1 } }, { a: 'x', m: { x: { y: 1 } } }, (m) => warnings.push(m));
    expect(warnings).toEqual([
      'warning: skipped value for .a: Not a table.',
      'warning: cannot overwrite table with non table for m.x (map[y:1])',
    ]);
  });

  it('needs no warn callback', () => {
    expect(coalesce({ a: { b: 1 } }, { a: 'x' })).toEqual({ a: { b: 1 } });
  });
});

// Go's fmt %v of float64 (strconv 'g', shortest): what Helm prints for numbers from YAML
// (helm/helm#12195: 999999 → 999999, 1000000 → 1e+06).
describe('goSprint (Go %v)', () => {
  it.each([
    [999999, '999999'],
    [1000000, '1e+06'],
    [356136738, '3.56136738e+08'],
    [1234567, '1.234567e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1.5, '1.5'],
    [-2, '-2'],
    [0, '0'],
    [1e21, '1e+21'],
    [123456.5, '123456.5'],
  ])('%d → %s', (n, s) => {
    expect(goSprint(n)).toBe(s);
  });

  it('prints maps with sorted keys, lists space-separated, null as <nil>', () => {
    expect(goSprint({ b: [true, null], a: 'x', c: {} })).toBe('map[a:x b:[true <nil>] c:map[]]');
  });
});
