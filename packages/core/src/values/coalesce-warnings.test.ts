// The warnings `gitops values` shows when a user's map meets a chart's non-map (or the reverse),
// against the warnings a real helm prints for the same chart and -f file: same keys, same texts,
// numbers printed as Go prints a float64.
import { describe, expect, it } from 'vitest';
import { helmBinary, HELM_MAJORS } from '../../../../tools/test/helm';
import { helmCoalesceWarnings } from '../test-support/helm-values';
import { parseValuesYaml } from '../yaml';
import { coalesce } from './merge';

const CASES: { name: string; chart: string; user: string; want: string[] }[] = [
  {
    name: 'a map over numbers, a null and a map; a scalar over a scalar says nothing',
    chart: ['top: 100', 's:', '  a: 1', '  b: null', '  z: -0.0', '  e: 0.00001', '  f: 1.5e-7', '  g: 1e21', '  h: 123456.5', '  i: 1234567', '  j: -2.5', '  p: 250000', '  k: {m: [1, "x", null, true]}', ''].join('\n'),
    user: ['top: {x: 1}', 's:', '  a: 2', '  b: {x: 1}', ...['z', 'e', 'f', 'g', 'h', 'i', 'j', 'p'].map((k) => `  ${k}: {x: 1}`), '  k: 5', ''].join('\n'),
    want: [
      'warning: cannot overwrite table with non table for values.s.k (map[m:[1 x <nil> true]])',
      'warning: destination for values.s.e is a table. Ignoring non-table value (1e-05)',
      'warning: destination for values.s.f is a table. Ignoring non-table value (1.5e-07)',
      'warning: destination for values.s.g is a table. Ignoring non-table value (1e+21)',
      'warning: destination for values.s.h is a table. Ignoring non-table value (123456.5)',
      'warning: destination for values.s.i is a table. Ignoring non-table value (1.234567e+06)',
      'warning: destination for values.s.j is a table. Ignoring non-table value (-2.5)',
      'warning: destination for values.s.p is a table. Ignoring non-table value (250000)',
      'warning: destination for values.s.z is a table. Ignoring non-table value (-0)',
      'warning: skipped value for values.top: Not a table.',
    ],
  },
  {
    name: 'scalars, lists and nulls over scalars, lists and nulls, nested: nothing to say',
    chart: 's:\n  a: 1\n  b: [1]\n  c: null\n  d: x\n',
    user: 's:\n  a: [2]\n  b: 3\n  c: 4\n  d: null\n',
    want: [],
  },
];

describe.each(HELM_MAJORS)('coalesce warnings against helm %i', (major) => {
  it.each(CASES)('$name', ({ chart, user, want }) => {
    const warnings: string[] = [];
    coalesce(parseValuesYaml(user, 'user.yaml').values, parseValuesYaml(chart, 'values.yaml').values, (m) => warnings.push(m), 'values');
    expect(warnings.sort()).toEqual(want);
    expect(helmCoalesceWarnings(helmBinary(major), chart, user)).toEqual(want);
  });
});
