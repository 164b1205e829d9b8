import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { isMap, isUserError, type Value, type ValueMap } from '../common';
import { copyExampleWorkspace } from '../test-support/example-workspace';
import { mergeFiles, mergeMaps, type SetKind } from '../values';
import { loadWorkspace } from '../workspace';
import { DEFAULT_MAX_NODES, parseValuesYaml } from '../yaml';
import { lintApp } from './lint/lint-app';
import { validateApp } from './validate';
import { seededRandom } from '../../../../tools/test/seeded-random';

// Bounded and reproducible: a fixed seed and fixed counts of inputs, each of bounded size. A
// failure names the seed and the input's number, so it can be replayed.
const SEED = 0x17;

function random(seed: number) {
  const next = seededRandom(seed);
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick };
}
type Rng = ReturnType<typeof random>;

const TOKENS = ['{', '}', '[', ']', ',', ': ', ':', '- ', '? ', '\n', '\n  ', '\n    ', '&a ', '&b ', '*a', '*b', '<<: ', '!!str ', '!!int ', '!!binary ', '!custom ', '|\n  ', '>-\n  ', '"', "'", '#', ' #c', '---\n', '...\n', '%YAML 1.1\n', 'key', 'image', 'tag', '__proto__', 'constructor', '0755', 'yes', 'off', '~', 'null', '1e3', '.inf', '"\\u0000"', '\t', '\r\n', 'é', '\u{1F600}', '\ufeff', '@', '`', '%'];
const KEYS = ['image', 'tag', 'repository', 'replicaCount', 'resources', 'limits', 'memory', 'config', 'dbPassword', 'env', 'name', 'value', '__proto__', 'constructor', 'prototype', '<<', '', 'a.b', 'é', '0', 'ingress', 'hosts', 'externalSecrets', 'enabled'];
const SCALARS: Value[] = [null, true, false, 0, -1, 1.5, 2 ** 53, 'x', '', '1GB', '512Mi', 'latest', 'Sup3rS3cret!', '${HOME}', 'a: b', '- x', '#', 'ENC[AES256_GCM,data:x]', '\u0000'];

function randomValue(r: Rng, depth: number): Value {
  const roll = r.next();
  if (depth > 6 || roll < 0.45) return r.next() < 0.2 ? 'x'.repeat(r.int(300)) : r.pick(SCALARS);
  if (roll < 0.75) {
    const m: ValueMap = {};
    for (let i = r.int(6); i > 0; i--) m[r.pick(KEYS)] = randomValue(r, depth + 1);
    return m;
  }
  return Array.from({ length: r.int(5) }, () => randomValue(r, depth + 1));
}

function randomMap(r: Rng): ValueMap {
  const v = randomValue(r, 0);
  return isMap(v) ? v : { value: v };
}

/** Inputs built to exhaust time or memory if a guard were missing: each must end as a user error, quickly. */
function hostile(): string[] {
  const list = Array.from({ length: 200 }, (_, i) => i).join(',');
  const bomb = ['a: &a [x,x,x,x,x,x,x,x,x,x]', ...Array.from({ length: 30 }, (_, i) => `l${i}: &l${i} [${Array(10).fill(i === 0 ? '*a' : `*l${i - 1}`).join(',')}]`)];
  return [
    `l: &l [${list}]\nr: [${Array(999).fill('*l').join(',')}]\n`,
    bomb.join('\n'),
    `deep: ${'{x: '.repeat(700)}1${'}'.repeat(700)}\n`,
    `deep: ${'['.repeat(20000)}${']'.repeat(20000)}\n`,
    `${'- '.repeat(2000)}x\n`,
    `a: &a [*a]\n`,
  ];
}

function mutate(r: Rng, text: string): string {
  let out = text;
  for (let k = r.int(3); k >= 0; k--) {
    const at = r.int(out.length + 1);
    out = out.slice(0, at) + r.pick(TOKENS) + out.slice(at);
  }
  return out;
}

/** Nodes of a value once expanded (aliases make shared subtrees: counted each time, as memory would be). */
function nodes(v: unknown, budget = DEFAULT_MAX_NODES + 1): number {
  let n = 0;
  const stack: unknown[] = [v];
  while (stack.length > 0 && n < budget) {
    const x = stack.pop();
    n++;
    if (Array.isArray(x)) stack.push(...x);
    else if (x !== null && typeof x === 'object') stack.push(...Object.values(x));
  }
  return n;
}

/** Run `work`; a user error is an answer, anything else a failure recorded with how to replay it. */
function outcome<T>(failures: string[], label: string, work: () => T): T | undefined {
  try {
    return work();
  } catch (e) {
    if (!isUserError(e)) failures.push(`${label}: ${(e as Error)?.name}: ${(e as Error)?.message}`);
    return undefined;
  }
}

describe(`fuzz (seed ${SEED})`, () => {
  it('the loader answers every input, random bytes, YAML token soup or hostile, with values or a user error, within its node and depth caps', () => {
    const r = random(SEED);
    const failures: string[] = [];
    const counts = { parsed: 0, refused: 0, bytes: 0 };
    const inputs: (string | Uint8Array)[] = [
      ...Array.from({ length: 200 }, () => Uint8Array.from({ length: r.int(2048) }, () => r.int(256))),
      ...Array.from({ length: 400 }, () => Array.from({ length: r.int(80) }, () => r.pick(TOKENS)).join('')),
      // Valid documents with a few tokens dropped in: close enough to YAML to reach past the parser.
      ...Array.from({ length: 400 }, () => mutate(r, stringify(randomMap(r)))),
      ...hostile(),
    ];
    inputs.forEach((input, i) => {
      counts.bytes += input.length;
      const y = outcome(failures, `input #${i}`, () => parseValuesYaml(input, 'values-fuzz.yaml'));
      if (!y) return void counts.refused++;
      counts.parsed++;
      expect(nodes(y.values), `input #${i}`).toBeLessThanOrEqual(DEFAULT_MAX_NODES);
    });
    expect(failures).toEqual([]);
    // Both sides were exercised, and every hostile input was refused.
    expect(counts.parsed).toBeGreaterThan(100);
    expect(counts.refused).toBeGreaterThan(200);
    for (const [i, text] of hostile().entries()) expect(() => parseValuesYaml(text, 'h.yaml'), `hostile #${i}`).toThrow(/aliases expand|nest more than|YAML syntax error|inside its own anchor/);
    expect(counts.bytes).toBeLessThan(2_000_000);
  });

  it('merge and the --set family take any structure and any expression, answering with values or a user error', () => {
    const r = random(SEED + 1);
    const failures: string[] = [];
    const kinds: SetKind[] = ['set', 'set-string', 'set-json', 'set-literal', 'set-file'];
    const setChars = ['a', 'b', '.', ',', '=', '[', ']', '0', '9', '{', '}', '"', '\\', ' ', 'null', '65537', '-1', 'x'];
    for (let i = 0; i < 150; i++) {
      const files = [randomMap(r), randomMap(r), randomMap(r)].map((m, k) => outcome(failures, `merge #${i}`, () => parseValuesYaml(stringify(m), `f${k}.yaml`)));
      const sets = Array.from({ length: r.int(3) }, () => ({ kind: r.pick(kinds), expression: Array.from({ length: r.int(30) }, () => r.pick(setChars)).join('') }));
      const merged = outcome(failures, `merge #${i}`, () => mergeFiles(files.filter((f) => f !== undefined), { sets, defaults: files[0], readFile: () => 'from a file' }));
      if (merged) expect(isMap(merged.values)).toBe(true);
      outcome(failures, `mergeMaps #${i}`, () => mergeMaps(randomMap(r), randomMap(r)));
    }
    // A deep --set path stays within Helm's own limit of nesting.
    outcome(failures, 'deep --set', () => mergeFiles([], { sets: [{ kind: 'set', expression: `${Array(700).fill('a').join('.')}=1` }] }));
    expect(failures).toEqual([]);
  });

  it('every check and lint take any overlay and any schema, answering with findings, never an internal error', () => {
    const r = random(SEED + 2);
    const dir = copyExampleWorkspace();
    const app = join(dir, 'deployment/helm/alpha-members');
    const failures: string[] = [];
    const schemas = [
      '{"properties":{"name":{"type":"string","pattern":"^(a+)+$"}}}',
      '{"patternProperties":{"^(x+x+)+y$":{"type":"integer"}}}',
      '{"properties":{"a":{"pattern":"(?=lookahead)"}}}',
      '{"$ref":"https://example.com/s.json"}',
      '{"type":',
      `{"properties":${'{"a":{"properties":'.repeat(700)}{}${'}}'.repeat(700)}}`,
      '[]',
    ];
    let findings = 0;
    for (let i = 0; i < 20; i++) {
      const overlay = r.next() < 0.3 ? Array.from({ length: r.int(60) }, () => r.pick(TOKENS)).join('') : stringify(randomMap(r));
      writeFileSync(join(app, 'values-dev.yaml'), overlay);
      if (i % 3 === 0) writeFileSync(join(app, 'values.schema.json'), r.pick(schemas));
      const ws = outcome(failures, `workspace #${i}`, () => loadWorkspace(dir));
      if (!ws) continue;
      findings += outcome(failures, `validate #${i}`, () => validateApp(ws, 'alpha-members'))?.length ?? 0;
      findings += outcome(failures, `lint #${i}`, () => lintApp(ws, 'alpha-members'))?.length ?? 0;
    }
    expect(failures).toEqual([]);
    expect(findings).toBeGreaterThan(0);
  });
});

