import { describe, expect, it } from 'vitest';
import { deepClone, formatPath, getAt, isMap, leaves, pathKey, setKey, type ValueMap } from './values';

describe('values', () => {
  it('writes a path as a user reads it', () => {
    expect(formatPath([])).toBe('(root)');
    expect(formatPath(['resources', 'limits', 'memory'])).toBe('resources.limits.memory');
    expect(formatPath(['ingress', 'hosts', 0, 'host'])).toBe('ingress.hosts[0].host');
    expect(formatPath(['podAnnotations', 'sidecar.istio.io/inject'])).toBe('podAnnotations["sidecar.istio.io/inject"]');
    expect(formatPath([0, 'a'])).toBe('[0].a');
    expect(formatPath(['_a-b9', '1x', 'y z'])).toBe('_a-b9["1x"]["y z"]');
    expect(formatPath(['x.'])).toBe('["x."]');
    expect(formatPath(['.x'])).toBe('[".x"]');
  });

  it('tells maps from lists, null and scalars', () => {
    expect([{}, [], null, 'a', 1].map(isMap)).toEqual([true, false, false, false, false]);
  });

  it('reads a value at a path, a present null as null, anything missing as undefined', () => {
    const v: ValueMap = { a: { b: [10, { c: null }] }, s: 'x' };
    expect(getAt(v, ['a', 'b', 0])).toBe(10);
    expect(getAt(v, ['a', 'b', 1, 'c'])).toBeNull();
    expect(getAt(v, [])).toBe(v);
    expect(getAt(v, ['a', 'b', 2])).toBeUndefined();
    expect(getAt(v, ['a', 0])).toBeUndefined();
    expect(getAt(v, ['a', 'b', 'c'])).toBeUndefined();
    expect(getAt(v, ['s', 'length'])).toBeUndefined();
    expect(getAt(v, ['toString'])).toBeUndefined();
  });

  it('lists every leaf with its path in document order, empty maps and lists included', () => {
    const v: ValueMap = { a: 1, m: {}, l: [], n: [{ x: true }, 'y'] };
    expect([...leaves(v)]).toEqual([
      [['a'], 1],
      [['m'], {}],
      [['l'], []],
      [['n', 0, 'x'], true],
      [['n', 1], 'y'],
    ]);
    expect([...leaves({})]).toEqual([]);
    expect([...leaves([])]).toEqual([[[], []]]);
    expect([...leaves('s')]).toEqual([[[], 's']]);
    expect(leaves({}, ['x'])).toEqual([[['x'], {}]]);
    expect(leaves({ b: { c: [] } }, ['a'])).toEqual([[['a', 'b', 'c'], []]]);
  });

  it('gives each leaf a path of its own, which a caller may keep or change', () => {
    const found = leaves({ a: { b: 1, c: { d: 2 } }, e: [3, 4] });
    found[0][0].push('changed');
    expect(found.map(([p]) => p)).toEqual([['a', 'b', 'changed'], ['a', 'c', 'd'], ['e', 0], ['e', 1]]);
  });

  it('keeps __proto__ as an ordinary key and copies deeply', () => {
    const m: ValueMap = {};
    setKey(m, '__proto__', { polluted: true });
    setKey(m, 'a', 1);
    expect(Object.keys(m)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(m)).toBe(Object.prototype);
    const list = [[1]];
    const copy = deepClone({ m, l: list } as ValueMap);
    expect(copy).toEqual({ m, l: [[1]] });
    expect(Object.keys(copy.m as ValueMap)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(copy.m)).toBe(Object.prototype);
    ((copy.m as ValueMap).__proto__ as ValueMap).polluted = false;
    (copy.l as number[][])[0][0] = 2;
    expect((m.__proto__ as ValueMap).polluted).toBe(true);
    expect(list).toEqual([[1]]);
    expect(pathKey(['a', 0])).toBe('["a",0]');
  });

  it('reads an index only in a list, never in a map with a key "0" or in a text', () => {
    expect(getAt({ m: { 0: 'zero' } }, ['m', 0])).toBeUndefined();
    expect(getAt({ m: { 0: 'zero' } }, ['m', '0'])).toBe('zero');
    expect(getAt({ s: 'abc' }, ['s', 0])).toBeUndefined();
  });

  it('keeps a __proto__ key an ordinary one: it can be overwritten and deleted', () => {
    const m: ValueMap = {};
    setKey(m, '__proto__', 1);
    m['__proto__'] = 2;
    expect(Object.getOwnPropertyDescriptor(m, '__proto__')?.value).toBe(2);
    delete m['__proto__'];
    expect(Object.keys(m)).toEqual([]);
  });
});
