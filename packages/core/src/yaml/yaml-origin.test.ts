import { describe, expect, it } from 'vitest';
import { locate, nearestPosition } from './yaml-origin';
import { parseValuesYaml } from './yaml-file';

const at = (line: number, column: number) => ({ file: 'values-qa.yaml', line, column });

describe('locate', () => {
  const y = parseValuesYaml(
    [
      'image:', //                       1
      '  tag: "1.2"', //                 2
      'hosts:', //                       3
      '  - name: a', //                  4
      '  -   name: b', //                5
      'empty:', //                       6
      'yes: on', //                      7
      '1: one', //                       8
      'base: &base', //                  9
      '  cpu: 1m', //                    10
      '  mem: 1Mi', //                   11
      'extra: &extra {gpu: 1}', //       12
      'merged:', //                      13
      '  <<: [*base, *extra]', //        14
      '  mem: 2Mi', //                   15
      'alias: *base', //                 16
      '',
    ].join('\n'),
    'values-qa.yaml',
  );

  it('gives the position of the value and of its key', () => {
    expect(locate(y, ['image', 'tag'])).toMatchObject({ value: at(2, 8), key: at(2, 3) });
    expect(locate(y, ['hosts', 1, 'name'])).toMatchObject({ value: at(5, 13), key: at(5, 7) });
    // a list item has no key
    expect(locate(y, ['hosts', 0])).toMatchObject({ value: at(4, 5), key: undefined });
    expect(locate(y, ['image'])).toMatchObject({ value: at(2, 3), key: at(1, 1) });
  });

  it('points at the end of `key:`, and at the key of an explicit key without a value', () => {
    expect(locate(y, ['empty'])).toMatchObject({ value: at(6, 7), key: at(6, 1) });
    expect(locate(parseValuesYaml('? empty\n', 'values-qa.yaml'), ['empty'])).toMatchObject({ value: at(1, 3), key: at(1, 3) });
  });

  it('finds keys as Helm reads them: yes is true, 1 is the text 1', () => {
    expect(locate(y, ['true'])).toMatchObject({ value: at(7, 6), key: at(7, 1) });
    expect(locate(y, ['1'])).toMatchObject({ value: at(8, 4), key: at(8, 1) });
  });

  it('follows merge keys and aliases to where the value is written, the own key first', () => {
    expect(locate(y, ['merged', 'mem'])).toMatchObject({ value: at(15, 8), key: at(15, 3) });
    expect(locate(y, ['merged', 'cpu'])).toMatchObject({ value: at(10, 8), key: at(10, 3) });
    expect(locate(y, ['merged', 'gpu'])).toMatchObject({ value: at(12, 21), key: at(12, 16) });
    expect(locate(y, ['alias', 'mem'])).toMatchObject({ value: at(11, 8), key: at(11, 3) });
    expect(locate(y, ['merged', 'nope'])).toBeUndefined();
    const z = parseValuesYaml('base: &b {cpu: 1m}\nsingle:\n  <<: *b\nouter:\n  inner:\n    deep: 1\nquoted:\n  "<<": {a: 1}\n', 'values-qa.yaml');
    expect(locate(z, ['single', 'cpu'])).toMatchObject({ value: at(1, 16), key: at(1, 11) });
    // only a merge key merges: neither a nested map nor a quoted "<<" key lends its keys
    expect(locate(z, ['outer', 'deep'])).toBeUndefined();
    expect(locate(z, ['quoted', 'a'])).toBeUndefined();
  });

  it('finds nothing for what the file does not set, or for a step of the wrong kind', () => {
    expect(locate(y, ['hosts', 2])).toBeUndefined();
    expect(locate(y, ['hosts', 'name'])).toBeUndefined();
    expect(locate(y, ['image', 0])).toBeUndefined();
    expect(locate(y, ['image', 'tag', 'x'])).toBeUndefined();
    expect(locate(y, ['empty', 'x'])).toBeUndefined();
    expect(locate(parseValuesYaml('# nothing\n', 'values-qa.yaml'), [])).toBeUndefined();
  });
});

describe('nearestPosition', () => {
  const y = parseValuesYaml('replicaCount: 1\nimage:\n  tag: "1.2"\nhosts:\n  - a\n', 'values-qa.yaml');

  it('gives the value, or its key when asked', () => {
    expect(nearestPosition(y, ['image', 'tag'])).toEqual(at(3, 8));
    expect(nearestPosition(y, ['image', 'tag'], { atKey: true })).toEqual(at(3, 3));
    // a list item has no key: its value
    expect(nearestPosition(y, ['hosts', 0], { atKey: true })).toEqual(at(5, 5));
  });

  it('falls back to the key of the closest ancestor the file writes, then to line 1', () => {
    expect(nearestPosition(y, ['image', 'repository', 'name'])).toEqual(at(2, 1));
    expect(nearestPosition(y, ['hosts', 3])).toEqual(at(4, 1));
    expect(nearestPosition(y, ['missing'])).toEqual(at(1, 1));
    // the top level starts below the comments
    expect(nearestPosition(parseValuesYaml('# head\n\nreplicaCount: 1\n', 'values-qa.yaml'), ['missing'])).toEqual(at(3, 1));
    expect(nearestPosition(parseValuesYaml('\n\n# only comments\n', 'values-qa.yaml'), ['a', 'b'])).toEqual(at(1, 1));
  });
});
