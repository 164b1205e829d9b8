// --set flags at the edges of Helm's parser, given to a real helm: the values it hands a chart's
// templates, or its refusal with the message we print (helm prefixes it with "failed parsing
// --set data: "; for --set-json, helm 3.17 prints only the flag, so the text is Go's
// encoding/json, pinned here).
import { describe, expect, it } from 'vitest';
import { helmBinary, HELM_MAJORS } from '../../../../tools/test/helm';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { helmSetOutcome, helmTemplateValues, valuesChart } from '../test-support/helm-values';
import { parseValuesYaml } from '../yaml';
import { mergeFiles } from './merge-files';
import { parseSet, SetParseError, type SetKind } from './strvals';
import type { ValueMap } from '../common';

type Case = [kind: SetKind, expression: string, want: ValueMap | { error: string; column: number }];

const CASES: Case[] = [
  // an index: negative with nothing after it, and strconv.Atoi's bounds (overflow is found before a bad character)
  ['set', 'a[-1]', { error: 'negative -1 index not allowed', column: 2 }],
  ['set', 'a[-9223372036854775808]=1', { error: 'negative -9223372036854775808 index not allowed', column: 2 }],
  ['set', 'a[-9223372036854775809]=1', { error: 'error parsing index: strconv.Atoi: parsing "-9223372036854775809": value out of range', column: 2 }],
  ['set', 'a[18446744073709551615x]=1', { error: 'error parsing index: strconv.Atoi: parsing "18446744073709551615x": invalid syntax', column: 2 }],
  ['set', 'a[18446744073709551616x]=1', { error: 'error parsing index: strconv.Atoi: parsing "18446744073709551616x": value out of range', column: 2 }],
  // a key that is not printable is quoted as Go's %q quotes it
  ['set', 'a\x01b', { error: 'key "a\\x01b" has no value', column: 3 }],
  ['set', 'a\x7fb', { error: 'key "a\\x7fb" has no value', column: 3 }],
  ['set', 'a\u0085b', { error: 'key "a\\u0085b" has no value', column: 3 }],
  ['set', 'a\u00adb', { error: 'key "a\\u00adb" has no value', column: 3 }],
  ['set', 'a\u{e0001}b', { error: 'key "a\\U000e0001b" has no value', column: 4 }],
  // past int64 a number stays the text written, sign included
  ['set', 'x=+9223372036854775808', { x: '+9223372036854775808' }],
  // a list value followed by another key
  ['set', 'a={x,y},b=1', { a: ['x', 'y'], b: 1 }],
  // JSON numbers, empty and spaced collections, \u escapes
  ['set-json', 'a=0,b=9,c=19', { a: 0, b: 9, c: 19 }],
  ['set-json', 'a=1E2,b=1e+2,c=1e-2,d=-0.5', { a: 100, b: 100, c: 0.01, d: -0.5 }],
  ['set-json', 'a={},b=[],c={ },d=[ ]', { a: {}, b: [], c: {}, d: [] }],
  ['set-json', 'a=[1, 2],b={"x": 1, "y": [true, false]}', { a: [1, 2], b: { x: 1, y: [true, false] } }],
  ['set-json', 'a="\\u0041\\ue000\\udc00\\udc00\\ud83d\\ude00"', { a: 'A\ue000\ufffd\ufffd😀' }],
  ['set-json', 'a=01', { error: 'key "1" has no value', column: 4 }],
  ['set-json', 'a="abc', { error: 'unexpected EOF', column: 6 }],
  ['set-json', 'a="abc\\', { error: 'unexpected EOF', column: 7 }],
];

function ours(kind: SetKind, expression: string): ValueMap | { error: string; column: number } {
  try {
    return parseSet(expression, kind);
  } catch (e) {
    if (!(e instanceof SetParseError)) throw e;
    return { error: e.message, column: e.column };
  }
}

describe.each(HELM_MAJORS)('--set flags against helm %i', (major) => {
  it.each(CASES)('--%s %j', (kind, expression, want) => {
    const got = ours(kind, expression);
    expect(got).toEqual(want);
    const helm = helmSetOutcome(helmBinary(major), kind, expression);
    if ('error' in want) {
      expect(helm.ok).toBe(false);
      if (kind === 'set' && !helm.ok) expect(helm.error).toContain(`failed parsing --set data: ${want.error}`);
    } else {
      expect(helm).toEqual({ ok: true, values: JSON.parse(JSON.stringify(got)) });
    }
  });

  it('leaves a list from a values file as it is under an index with nothing after it, and makes an empty one where there is none', () => {
    const user = 'a: [x, 2]\n';
    const sets = ['a[0]', 'b.c[0]'];
    const ours = mergeFiles([parseValuesYaml(user, 'user.yaml')], { sets: sets.map((expression) => ({ kind: 'set', expression })) }).values;
    expect(ours).toEqual({ a: ['x', 2], b: { c: [] } });
    const chart = valuesChart('');
    writeFileSync(join(chart, 'user.yaml'), user);
    expect(helmTemplateValues(helmBinary(major), chart, ['-f', 'user.yaml', ...sets.flatMap((s) => ['--set', s])], chart)).toEqual(ours);
  });
});
