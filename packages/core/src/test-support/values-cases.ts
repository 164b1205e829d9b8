// A bounded, seeded generator of layered values files and --set flags, for comparing gitops's
// merge with helm's. Small key and scalar pools make layers collide: the same key as a map in
// one file and a scalar, list or null in the next, YAML 1.1 scalars Helm reads its own way.
import type { SetKind } from '../values';
import { seededRandom } from '../../../../tools/test/seeded-random';

export interface ValuesCase {
  /** Layer 0 is the chart's values.yaml (also passed first with -f, as Argo CD does); then the overlays. */
  layers: string[];
  sets: { kind: SetKind; expression: string }[];
}

const KEYS = ['a', 'b', 'c', 'list', 'image'];
// YAML 1.1 scalars and their neighbours, as written in a file.
const SCALARS = [
  '1', '0', '-3', '1.5', '+12', '08', '09.5', '0755', '0o17', '0O17', '0x1F', '0x_1F', '-0b11', '1_000', '1__0', '1e3', '1.0e+3', '.5', '1e400',
  'yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'N', 'Yes', 'NO', 'true', 'False', 'tRUE',
  '~', 'null', 'Null', '12:30', '1:20:30', '190:20:30', '1:30.5', '2024-01-01', '2024-01-01T10:00:00Z', '2001-12-14t21:59:43.10-05:00',
  'text', '""', "'0755'", '"12:30"', '"yes"', "''", '9223372036854775807', '18446744073709551615', '0xFFFFFFFFFFFFFFFF', '100000000000000000000',
];
const SET_VALUES = ['1', '0', 'true', 'false', 'null', 'yes', '12:30', '0755', '0x10', '1e3', '1.5', 'abc', '', '{x,y}', '{1,null}', 'a\\,b', '"q"', '007'];
const JSON_VALUES = ['{"k":1}', '[1,null,"s"]', 'null', '"s"', '1.5', 'true', '{"k":{"n":null}}', '[]', '{}'];

/** `count` cases from `seed`; the same arguments always give the same cases. */
export function valuesCases(seed: number, count: number): ValuesCase[] {
  const r = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const int = (n: number) => Math.floor(r() * n);

  /** A YAML value of at most `depth` nesting levels, as lines indented by `indent`. */
  const value = (depth: number, indent: string): string => {
    const roll = r();
    if (depth > 0 && roll < 0.35) return `\n${map(depth - 1, `${indent}  `)}`;
    if (depth > 0 && roll < 0.5) {
      const n = int(3);
      if (n === 0) return ' []';
      return `\n${Array.from({ length: n }, () => (r() < 0.3 && depth > 1 ? `${indent}  -\n${map(0, `${indent}    `)}` : `${indent}  - ${pick(SCALARS)}`)).join('\n')}`;
    }
    if (roll < 0.6) return r() < 0.5 ? ' null' : ' {}';
    return ` ${pick(SCALARS)}`;
  };
  const map = (depth: number, indent: string): string => {
    const keys = [...new Set(Array.from({ length: 1 + int(3) }, () => pick(KEYS)))];
    return keys.map((k) => `${indent}${k}:${value(depth, indent)}`).join('\n');
  };
  const path = (): string => {
    const parts = Array.from({ length: 1 + int(3) }, () => pick(KEYS));
    return parts.map((p) => (p === 'list' ? `list[${int(3)}]` : p)).join('.');
  };
  const set = (): ValuesCase['sets'][number] => {
    const kind = pick<SetKind>(['set', 'set', 'set-string', 'set-json', 'set-literal']);
    const v = kind === 'set-json' ? pick(JSON_VALUES) : kind === 'set-literal' ? pick(['a,b', '{x}', 'null', '1']) : pick(SET_VALUES);
    return { kind, expression: `${path()}=${v}` };
  };

  return Array.from({ length: count }, () => ({
    layers: Array.from({ length: 1 + int(3) }, () => (r() < 0.1 ? '' : `${map(2, '')}\n`)),
    sets: Array.from({ length: r() < 0.5 ? 0 : 1 + int(3) }, set),
  }));
}
