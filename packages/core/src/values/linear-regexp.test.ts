import { describe, expect, it } from 'vitest';
import { linearRegExp, UnsupportedPattern } from './linear-regexp';

describe('the schema pattern engine', () => {
  it('answers a value the same the first time and every time after, past the answers it keeps', () => {
    const quantity = linearRegExp('^[0-9]+(Mi|Gi)$', 'u');
    const values = Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? `${i}Mi` : i % 3 === 1 ? `${i}MB` : `${i}Gi`));
    const first = values.map((v) => quantity.test(v));
    expect(first.filter(Boolean)).toHaveLength(3333);
    expect(values.map((v) => quantity.test(v))).toEqual(first);
    expect([quantity.test('256Mi'), quantity.test('256Mi'), quantity.test('256M'), quantity.test('256M')]).toEqual([true, true, false, false]);
    // each pattern keeps its own answers
    expect(linearRegExp('^[0-9]+M$', 'u').test('256M')).toBe(true);
    expect(String(quantity)).toBe('/^[0-9]+(Mi|Gi)$/u');
  });

  it('refuses what RE2 cannot run in linear time', () => {
    expect(() => linearRegExp('^(?=a)a$', 'u')).toThrow(UnsupportedPattern);
  });
});
