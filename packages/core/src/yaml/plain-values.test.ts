// The plain reader against the full one (yaml's syntax tree under Helm's tags) and against real
// helm: whenever it reads a text, it must read exactly what they read.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { helmBinary, HELM_MAJORS } from '../../../../tools/test/helm';
import { CORPUS, EXAMPLE_ROOT } from '../test-support/example-workspace';
import { helmValuesOfText } from '../test-support/helm-values';
import { parseValuesDocument, plainYamlData, parseValuesYaml, VALUES_YAML_OPTIONS } from './yaml-file';
import { locate, nearestPosition } from './yaml-origin';
import { MAY_BE_TYPED, schemaOf } from './plain-values';
import { seededRandom } from '../../../../tools/test/seeded-random';

type Tags = 'helm' | 'core';

/** What the full reader gives: the data, or an error. */
function full(text: string, tags: Tags): { data?: unknown; error?: string } {
  const doc = tags === 'helm' ? parseValuesDocument(text).doc : parseDocument(text);
  if (doc.errors.length > 0) return { error: doc.errors[0].message };
  return { data: doc.toJS({ maxAliasCount: -1 }) ?? {} };
}

/** Texts the plain reader read differently from the full one (key order included). */
function disagreements(texts: string[], tags: Tags): { plainlyRead: number; differ: { text: string; plain: unknown; full: unknown }[] } {
  let plainlyRead = 0;
  const differ: { text: string; plain: unknown; full: unknown }[] = [];
  for (const text of texts) {
    const plain = plainYamlData(text, tags);
    if (plain === undefined) continue;
    plainlyRead++;
    const ref = full(text, tags);
    if (ref.error !== undefined || JSON.stringify(ref.data) !== JSON.stringify(plain)) differ.push({ text, plain, full: ref.error ?? ref.data });
  }
  return { plainlyRead, differ };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' ? [] : yamlFiles(p);
    return /\.ya?ml$/.test(name) ? [p] : [];
  });
}


// Keys and scalars where readers disagree: YAML 1.1 and 1.2 words, Go's numbers, quoting,
// indicators, comments, and what the plain reader must leave to the full one.
const KEYS = ['a', 'b', 'c', 'yes', 'on', '1', '0x1F', '1.0', 'y', '"a"', "'a'", '"a b"', 'a.b/c', '_x', '$y', 'k-1', 'null', '~', '.inf', '0755', '1e3', 'true', '"1"', 'constructor', '__proto__', 'a#b', 'a b', '-a', 'a:b', "'it''s'", '"x\\ty"', '"\\u0041"', '2024-01-01', '12:30', '? a', '&a a', '!!str a', '<<'];
const SCALARS = [
  'x', 'yes', 'no', 'On', '0755', '0o17', '0x1F', '1_000', '1e400', '.5', '-.5', '.inf', '.nan', '~', 'null', '', '12:30', '2024-01-02', 'a b', 'a #c', 'a#b',
  '"q"', "'q'", '"a\\"b"', '"a\\nb"', "'a''b'", '"\\x41"', '"\\/"', '"a', "'a", '{}', '[]', '{ }', '[a]', '{a: 1}', '|', '|-', '|+', '>', '>-', '|2',
  '&x y', '*x', '!!str 1', '-1', '- a', '-', '--x', '?x', ':x', 'a: b', 'a:', 'http://x', '"x" y', '"x" #c', '# c', '%x', '@x', '`x', ',x', 'x,y', 'x]',
  'a   ', '9223372036854775808', '+12', '-0', '0.', 'Y', 'n', '=', '<<', 'é', '中文', '"é\\\\"',
];
// What values files are mostly made of, which the plain reader reads.
const TAME_KEYS = ['a', 'b', 'c', 'd', 'e', 'yes', '1', '1.0', '"a"', "'a b'", 'a.b/c', 'k-1'];
const TAME_SCALARS = ['x', 'yes', '0755', '1_000', '.5', '~', '', '12:30', 'a b', 'a #c', 'a#b', '"q"', "'q'", '"a\\"b"', '"a\\nb"', "'a''b'", '{}', '[]', '|', '|-', '-1', '--x', 'http://x', '"x" #c', 'x,y', 'x]', 'a   ', '9223372036854775808', 'é'];
const BLOCK_LINES = ['text', 'a: b', '# not a comment', '  more', '-x', ''];

/** Documents of nested block mappings and sequences built from KEYS and SCALARS (or the tame ones). */
function generated(seed: number, count: number, tame = false): string[] {
  const keys = tame ? TAME_KEYS : KEYS;
  const scalars = tame ? TAME_SCALARS : SCALARS;
  const rnd = seededRandom(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const block = (depth: number, indent: number): string[] => {
    const out: string[] = [];
    const seq = rnd() < 0.3;
    const pad = ' '.repeat(indent);
    for (let i = 0, n = 1 + Math.floor(rnd() * 3); i < n; i++) {
      if (rnd() < 0.1) out.push(pad + pick(['# c', '', '   ', '  # deeper', '#']));
      const head = seq ? `${pad}-${pick([' ', ' ', '  ', '   '])}` : pad + pick(keys) + pick(tame ? [':', ': '] : [':', ':', ': ', ':  ', ' :']);
      if (rnd() < 0.35 && depth < 3) {
        if (seq && rnd() < 0.5) {
          // a mapping that starts on the dash's line
          const inner = block(depth + 1, 0);
          out.push(head + (inner[0] ?? '').trimStart());
          const shift = head.length - ((inner[0] ?? '').length - (inner[0] ?? '').trimStart().length);
          for (const l of inner.slice(1)) out.push(' '.repeat(Math.max(0, shift)) + l);
        } else {
          out.push(head.trimEnd() + pick(['', '', ' # c', ' ']));
          out.push(...block(depth + 1, indent + pick([0, 1, 2, 2, 2, 4])));
        }
      } else {
        const v = pick(scalars);
        out.push(head + (seq || head.endsWith(' ') ? '' : ' ') + v + pick(['', '', '', ' # c', '  ', '#c']));
        if (/^[|>]/.test(v)) {
          const at = indent + pick([1, 2, 2, 4, 0]);
          for (let k = 0, lines = 1 + Math.floor(rnd() * 3); k < lines; k++) out.push(pick(['', ' '.repeat(at) + pick(BLOCK_LINES), ' '.repeat(at + 2) + 'deeper', ' '.repeat(at)]));
        }
        if (rnd() < 0.1) out.push(' '.repeat(indent + pick([1, 2, 4])) + pick(['more', 'k: v', '- x', '# c']));
      }
    }
    return out;
  };
  return Array.from({ length: count }, () => {
    const lines = block(0, pick([0, 0, 0, 2]));
    if (rnd() < 0.1) lines.unshift(pick(tame ? ['# head', ''] : ['---', '# head', '', '%YAML 1.1\n---', '...']));
    return lines.join('\n') + pick(tame ? ['\n', '', '\n\n', '\n  \n'] : ['\n', '', '\n\n', '\n  \n', '\r\n', '\t\n']);
  });
}

describe('the plain reader against the full reader', () => {
  it.each<Tags>(['helm', 'core'])('reads every example and corpus file it reads as the full reader does (%s tags)', (tags) => {
    const texts = [...yamlFiles(EXAMPLE_ROOT), ...yamlFiles(CORPUS)].map((f) => readFileSync(f, 'utf8'));
    const { plainlyRead, differ } = disagreements(texts, tags);
    expect(differ.slice(0, 3)).toEqual([]);
    // the example's values files and Applications are plain block YAML
    expect(plainlyRead).toBeGreaterThan(20);
  });

  it.each<Tags>(['helm', 'core'])('reads 12000 generated documents as the full reader does, or leaves them to it (%s tags)', (tags) => {
    const hostile = disagreements(generated(tags === 'helm' ? 15 : 16, 6000), tags);
    const tame = disagreements(generated(tags === 'helm' ? 17 : 18, 6000, true), tags);
    expect([...hostile.differ, ...tame.differ].slice(0, 3)).toEqual([]);
    expect(hostile.plainlyRead).toBeGreaterThan(100);
    expect(tame.plainlyRead).toBeGreaterThan(1500);
  });

  it('leaves to the full reader what it does not read, so errors keep their positions', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: [1, 2]\n', 'a: >\n  folded\n', 'a: 1\n---\nb: 2\n', 'a:\tb\n', 'a: 1\r\n', 'a: b\n  c\n', '- a\n', 'a: 1\na: 2\n', 'a: .inf\n', '? a\n: b\n', '<<: {a: 1}\n', 'a: "\\x41"\n', 'a: |+\n  x\n\n'])
      expect(plainYamlData(text, 'helm'), text).toBeUndefined();
    expect(() => parseValuesYaml('image:\n  tag: a\n  tag: b\n', 'values.yaml')).toThrow(expect.objectContaining({ line: 3, column: 3, message: expect.stringMatching(/duplicate key/) }));
  });

  it('reads these itself, as the full reader does: the edges of what it reads', () => {
    const nested = (levels: number) => Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\n';
    const texts = [
      `${'k'.repeat(1000)}: 1\n`, // the longest key it reads
      nested(201), // nesting it reads: 200 levels below the top
      'a:\n- 1\n- 2\nb: 3\n', // a list at its key's column
      'a:\n  -\n  - x\n', // an empty item
      'a:\n  - # c\n    k: v\n', // an item's map on the lines below its dash
      'a:\n  - - x\n    - y\n', // a list in a list, on the dash's line
      'a:\n  -   k: v\n      j: w\n', // a map on the dash's line, after spaces
      'a:  \n  b: 1\n', // spaces after the colon
      'a:   \nb: 1\n', // nothing but spaces after the colon: null
      'a: 1\n  # an indented comment\n',
      'a: |  \n  x\n', // spaces after the block header
      'a: |\n  x\n\n\nb: 1\n', // blank lines after a block, dropped by its chomping
      "a: 'b''c' # d\n",
      "a: 'b'''\n",
      'a: -b\n',
      'a: b#c\n',
      'a: {}  # c\n',
      '"a": 1\n',
      "'': 1\n",
      'k: 1\nconstructor: 2\ntoString: 3\n',
    ];
    for (const text of texts) {
      const plain = plainYamlData(text, 'helm');
      expect(plain, text).toBeDefined();
      expect(JSON.stringify(plain), text).toBe(JSON.stringify(full(text, 'helm').data));
    }
  });

  it('leaves to the full reader the edges it does not read, whether they are errors or not', () => {
    const nested = (levels: number) => Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\n';
    const texts = [
      `${'k'.repeat(1001)}: 1\n`,
      `${'k'.repeat(1030)}: 1\n`, // past YAML's limit on an implicit key: an error
      nested(202),
      '  a: 1\nb: 2\n', // less indented than the first line: an error
      'a:\n  - 1\n - 2\n',
      'a: |\n  x\n b: 1\n',
      'a: |\n\n  x\n', // a blank line before the block's first
      'a: |\n  \n  x\n', // a line of spaces that are content
      'a: |\n  x\n   \n',
      'a:\n  |\n  x\n', // a block on the line below its key
      'a: |-  # c\n  x\n',
      'a: "b" x\n',
      'a: [] x\n',
      'a: []x\n',
      'a: {}x\n',
      'a: -\n',
      'a: - b\n',
      '"a"x: 1\n',
      '"a" : 1\n',
      'a:b: 1\n',
      '~: 1\n', // a null key reads as "" in JavaScript
      'null: 1\n',
      '__proto__: 1\n',
      '-\n',
      'a: "unclosed\n',
      "a: 'unclosed\n",
      'a: b: c\n',
      'a: b:\n',
    ];
    for (const text of texts) expect(plainYamlData(text, 'helm'), text).toBeUndefined();
    expect(() => parseValuesYaml(nested(300), 'values.yaml')).toThrow(expect.objectContaining({ line: 257, column: 257, message: 'values nest more than 256 levels deep' }));
  });

  it('reads literal blocks, quoted keys and values, empty collections and comments', () => {
    const text = ['# head', 'config: |', '  line one', '', '    indented', 'script: |-', '  run', '"a.b/c": \'it\'\'s\'', "'q k': \"tab\\there\"", 'empty: {}', 'none: []', 'list:', '- name: a  # c', '  value: yes', '-   - 0755', '    - 1_000', 'off: ~', ''].join('\n');
    expect(plainYamlData(text, 'helm')).toEqual({ config: 'line one\n\n  indented\n', script: 'run', 'a.b/c': "it's", 'q k': 'tab\there', empty: {}, none: [], list: [{ name: 'a', value: true }, [493, 1000]], false: null });
  });
});

describe('positions in a file the plain reader read', () => {
  it('still name the line and column of a value, its key, and the nearest written ancestor', () => {
    const y = parseValuesYaml('replicaCount: 1\nimage:\n  tag: "1.2"\nhosts:\n  - name: a\n    port: 80\n', 'values-prod.yaml');
    expect(locate(y, ['image', 'tag'])?.value).toEqual({ file: 'values-prod.yaml', line: 3, column: 8 });
    expect(locate(y, ['hosts', 0, 'port'])?.key).toEqual({ file: 'values-prod.yaml', line: 6, column: 5 });
    expect(nearestPosition(y, ['image', 'repository'])).toEqual({ file: 'values-prod.yaml', line: 2, column: 1 });
  });
});

// Plain scalars where YAML 1.1, YAML 1.2 and go-yaml v2 disagree, as the plain reader meets them.
const HELM_SCALARS = [
  'yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'N', 'Yes', 'NO', 'True', 'tRUE', 'OFF', '0755', '0o755', '0O17', '0o8', '0x1F', '0x_1F', '+0x10', '-0x10', '0b101',
  '08', '09.5', '0_7', '1_000', '1__0', '1_2.5', '1e3', '1.5e3', '12e03', '1.0e+3', '.5', '+.5', '.e5', 'e5', '1e400', '-1e400', '0.', '-0', '+12', '2024-01-01',
  '2024-01-01T10:00:00Z', '~', 'null', 'Null', 'NULL', '=', '9223372036854775807', '9223372036854775808', '-9223372036854775808', '18446744073709551615',
  '100000000000000000000', '"0755"', "'yes'", '"a\\tb\\n"', 'a #not', 'a#b', 'http://x:80/y',
];

describe.each(HELM_MAJORS)('the plain reader as helm %i reads values', (major) => {
  it('reads every scalar, in mappings, lists, literal blocks and under quoted keys, to what helm puts in .Values', () => {
    const lines = HELM_SCALARS.flatMap((s, i) => [`v${i}: ${s}`, `l${i}:`, `  - ${s}`, `  - k: ${s}`]);
    const text = [...lines, 'block: |', '  a: 1', '', '  b', 'strip: |-', '  x', '"quoted.key/x": 1', "'single key': two", 'yes: key', '0x10: hex', 'empty: {}', 'none: []', 'nothing:', ''].join('\n');
    const plain = plainYamlData(text, 'helm');
    expect(plain).toBeDefined();
    const helm = helmValuesOfText(helmBinary(major), text) as Record<string, unknown>;
    expect(JSON.parse(JSON.stringify(plain))).toEqual(helm);
  });

  it('names float keys as helm does, in both readers: 5e9 is "5e+09", .inf is ".inf", past a 32-bit float is infinity', () => {
    const keys = ['5e9', '1.50', '.5', '100.0', '1234567.0', '16777217.0', '3.14159265', '0.00001', '1e100', '1e-50', '0x1F', '0o17', '1_000'];
    const plainText = `m:\n${keys.map((k, i) => `  ${k}: v${i}`).join('\n')}\n`;
    // signed keys, .inf and .nan as keys, and an anchor, send the text to the full reader
    const fullText = 'm:\n  -2.5: n\n  +12: p\n  .inf: a\n  -.inf: b\n  .nan: c\n  5e9: d\nx: &x 1\n';
    expect(plainYamlData(plainText, 'helm')).toBeDefined();
    expect(plainYamlData(fullText, 'helm')).toBeUndefined();
    for (const [text, line] of [[plainText, 2], [fullText, 7]] as const) {
      const helm = helmValuesOfText(helmBinary(major), text) as { m: Record<string, string> };
      expect(Object.keys(helm.m)).toContain('5e+09');
      const ours = parseValuesYaml(text, 'values.yaml');
      expect(ours.values.m).toEqual(helm.m);
      // positions follow the names: the key helm calls "5e+09" is found where 5e9 is written
      expect(locate(ours, ['m', '5e+09'])?.key).toEqual({ file: 'values.yaml', line, column: 3 });
    }
  });
});

describe('which plain scalars a tag may read as something else than a string', () => {
  it.each<Tags>(['helm', 'core'])('are those MAY_BE_TYPED lets through: no %s tag accepts any other', (tags) => {
    const schema = schemaOf(tags === 'helm' ? VALUES_YAML_OPTIONS : {});
    const typing = schema.tags.filter((t) => t.default && t.test);
    // every string of one to three characters over letters, digits and YAML's indicators, then words
    const alphabet = 'abeEfFhilmnNoOrsStTuUxXyYzZ019-+._~:<>!&*%@#,=/ ';
    const samples = [...alphabet].flatMap((a) => [a, ...[...alphabet].flatMap((b) => [a + b, ...[...alphabet].map((c) => a + b + c)])]);
    samples.push('ENABLED', 'Inf', 'NaN', 'infinity', 'Yes!', 'is', 'asNumber', 'e5', 'x1', 'M1', 'ClusterSecretStore', 'secretKey', 'image', 'Never');
    const missed = samples.filter((s) => !MAY_BE_TYPED.test(s) && typing.some((t) => t.test?.test(s)));
    expect(missed).toEqual([]);
    expect(samples.filter((s) => typing.some((t) => t.test?.test(s))).length).toBeGreaterThan(100);
  });
});
