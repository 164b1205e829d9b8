import { describe, expect, it } from 'vitest';
import { UserError } from '../common';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { userErrorOf } from '../test-support/user-error-of';
import { parseValuesYaml, readValuesYaml, withValues } from './yaml-file';
import { locate } from './yaml-origin';

function errorOf(input: string | Uint8Array, opts = {}): UserError {
  try {
    parseValuesYaml(input, 'values-prod.yaml', opts);
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

describe('parseValuesYaml', () => {
  it('reads floats as Helm does: a digit before the exponent or beside the dot, else a string', () => {
    const { values } = parseValuesYaml('a: e0\nb: 1e3\nc: .5\nd: .\ne: .e5\nf: 1_000.5\ng: -.5\n', 'values.yaml');
    expect(values).toEqual({ a: 'e0', b: 1000, c: 0.5, d: '.', e: '.e5', f: 1000.5, g: -0.5 });
  });

  it('reads values with YAML 1.1 rules, as Helm does', () => {
    const y = parseValuesYaml('enabled: yes\noff: x\nmode: 0755\ndate: 2024-01-02\nname: plain\n', 'v.yaml');
    expect(y.values).toEqual({ enabled: true, false: 'x', mode: 493, date: '2024-01-02', name: 'plain' });
  });

  it('treats an empty file as an empty map', () => {
    expect(parseValuesYaml('# only a comment\n', 'v.yaml').values).toEqual({});
    expect(parseValuesYaml('', 'v.yaml').values).toEqual({});
  });

  it('locates a syntax error', () => {
    const e = errorOf('a: 1\nb: c: d\ne: 3\n');
    expect(e.file).toBe('values-prod.yaml');
    expect(e.line).toBe(2);
    expect(e.format()).toMatch(/^values-prod\.yaml:2:\d+: YAML syntax error/);
  });

  it('refuses duplicate keys at the second one', () => {
    const e = errorOf('image:\n  tag: a\n  tag: b\n');
    expect([e.line, e.column]).toEqual([3, 3]);
    expect(e.message).toMatch(/duplicate key/);
  });

  it('refuses a top level that is not a mapping', () => {
    expect(errorOf('- a\n- b\n').message).toMatch(/top level must be a mapping.*not a list/);
    expect(errorOf('just text\n').message).toMatch(/not a scalar/);
  });

  it('refuses several documents in one file', () => {
    const e = errorOf('a: 1\n---\nb: 2\n');
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/one YAML document/);
  });

  it('stops a billion-laughs alias bomb at the alias where Go\'s decoder (helm\'s) gives up', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
    ].join('\n');
    const e = errorOf(bomb);
    expect(e.message).toMatch(/alias/);
    expect(e.line).toBe(4);
  });

  it('still allows ordinary anchors and merge keys', () => {
    const y = parseValuesYaml('base: &b {cpu: 1m}\nother:\n  <<: *b\n  mem: 2Mi\n', 'v.yaml');
    expect(y.values.other).toEqual({ cpu: '1m', mem: '2Mi' });
  });

  it('refuses a file over the size cap before parsing it', () => {
    const e = errorOf(Buffer.from(`a: ${'x'.repeat(200)}\n`), { maxBytes: 100 });
    expect(e.message).toMatch(/over the 100-byte limit/);
  });

  it('locates invalid UTF-8 by line and column', () => {
    const bytes = Buffer.concat([Buffer.from('a: ok\nb: caf'), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]);
    const e = errorOf(bytes);
    expect(e.message).toMatch(/invalid UTF-8 \(byte 0xc3\)/);
    expect([e.line, e.column]).toEqual([2, 7]);
  });

  it('accepts valid multi-byte UTF-8 and a BOM', () => {
    const y = parseValuesYaml(Buffer.from('\ufeffname: café ✓ 𝄞\n', 'utf8'), 'v.yaml');
    expect(y.values).toEqual({ name: 'café ✓ 𝄞' });
  });

  it('refuses a 4 KB file whose 200-item list 999 aliases copy, at the alias where the copies become too many, without expanding it', () => {
    const list = Array.from({ length: 200 }, (_, i) => i).join(',');
    const text = `l: &l [${list}]\nr: [${Array(999).fill('*l').join(',')}]\n`;
    expect(text.length).toBeLessThan(5000);
    const e = errorOf(text);
    // helm refuses it too; here at the 201st alias, where 40,200 of the 40,606 nodes decoded are copies
    expect(e.message).toMatch(/aliases expand this document to \d+ nodes by here, \d+ of them copies/);
    expect([e.file, e.line]).toEqual(['values-prod.yaml', 2]);
  });

  it('refuses an exponential alias bomb of any size, measured not expanded', () => {
    const levels = ['a: &a [x,x,x,x,x,x,x,x,x,x]'];
    for (let i = 1; i < 40; i++) levels.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(',')}]`);
    const e = errorOf(levels.join('\n'));
    expect(e.message).toMatch(/aliases expand this document to/);
  });

  it('refuses values nested 700 levels deep as an input error at its position', () => {
    const e = errorOf(`ok: 1\ndeep: ${'{x: '.repeat(700)}1${'}'.repeat(700)}\n`);
    expect(e.message).toBe('values nest more than 256 levels deep');
    expect(e.line).toBe(2);
    const flow = errorOf(`deep: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    expect(flow.message).toBe('values nest more than 256 levels deep');
  });

  it('refuses an alias that brings nesting past the limit where it is used', () => {
    const half = 200;
    const e = errorOf(`a: &a ${'{x: '.repeat(half)}1${'}'.repeat(half)}\nb: ${'{y: '.repeat(half)}*a${'}'.repeat(half)}\n`);
    expect(e.message).toBe('values nest more than 256 levels deep');
    expect(e.line).toBe(2);
  });

  it('refuses an alias inside its own anchor and a merge key of a scalar, at their positions', () => {
    const self = errorOf('a: &a [1, *a]\n');
    expect(self.message).toBe('the alias *a is inside its own anchor &a: the value would contain itself');
    expect([self.line, self.column]).toEqual([1, 11]);
    const merge = errorOf('base: 1\nother:\n  <<: 5\n');
    expect(merge.message).toBe('a merge key (<<) must be a map, an alias of a map, or a list of them');
    expect([merge.line, merge.column]).toEqual([3, 3]);
  });

  it('words each refusal with its position and what to do', () => {
    expect(errorOf('a: 1\nb: c: d\n').format()).toBe('values-prod.yaml:2:4: YAML syntax error: Nested mappings are not allowed in compact mappings\n  Fix the YAML syntax at this position.');
    expect(errorOf('image:\n  tag: a\n  tag: b\n').format()).toBe('values-prod.yaml:3:3: duplicate key: this key is already set earlier in the same mapping\n  Keep one of the two keys.');
    expect(errorOf('a: 1\n---\nb: 2\n').format()).toBe('values-prod.yaml:2:1: a values file holds one YAML document, but this file has several (a second "---")\n  Fix the YAML syntax at this position.');
    expect(errorOf('# a list\n- a\n').format()).toBe('values-prod.yaml:2:1: the top level must be a mapping of keys to values, not a list\n  Helm values files are YAML mappings, e.g. "replicaCount: 1".');
    expect(errorOf('\n  "text"\n').format()).toBe('values-prod.yaml:2:3: the top level must be a mapping of keys to values, not a scalar\n  Helm values files are YAML mappings, e.g. "replicaCount: 1".');
    expect(errorOf('a: .nan\n').format()).toBe('values-prod.yaml:1:4: .nan is not a number in YAML, which Helm cannot read: values become JSON, and JSON has neither\n  Quote it (".nan") for a string, or write a finite number.');
    expect(errorOf('a: [1, -.inf]\n').format()).toBe('values-prod.yaml:1:8: -.inf is infinity in YAML, which Helm cannot read: values become JSON, and JSON has neither\n  Quote it ("-.inf") for a string, or write a finite number.');
    expect(errorOf('base: 1\nother:\n  <<: 5\n').hint).toBe('Merge only maps, e.g. "<<: *defaults" where &defaults marks a map.');
  });

  it("allows the share of copies Go's decoder (helm's) allows as it reads: 99 % up to 400,000 nodes, 10 % from 4,000,000, a straight line between", () => {
    // f items written out, then an anchored list of k items aliased m times; or the same with the
    // written items last. The verdicts are those of helm 3.17.3 and 4.1.4 on these files.
    const doc = (k: number, m: number, f: number, copiesFirst = false) => {
      const written = `c: [${'0, '.repeat(f - 1)}0]\n`;
      const copied = `a: &a [${'1, '.repeat(k - 1)}1]\nb: [${'*a, '.repeat(m - 1)}*a]\n`;
      return copiesFirst ? copied + written : written + copied;
    };
    const verdict = (text: string) => {
      try {
        parseValuesYaml(text, 'v.yaml', { maxNodes: 10_000_000 });
        return 'read';
      } catch (e) {
        return (e as UserError).message.replace(/\d+ nodes by here, \d+ of them/, 'N nodes by here, M of them');
      }
    };
    const refused = 'aliases expand this document to N nodes by here, M of them copies (a "billion laughs" document?)';
    // 367,207 nodes in the end, 98.0 % copies: under 400,000 nodes up to 99 % may be copies
    expect(verdict(doc(600, 600, 6000))).toBe('read');
    // 673,607 nodes, 95.0 % copies: above the 92.8 % allowed there
    expect(verdict(doc(800, 800, 32_000))).toBe(refused);
    // 711,107 nodes, 90.0 % copies: under the 91.3 % allowed there
    expect(verdict(doc(800, 800, 69_500))).toBe('read');
    // 4,081,607 nodes, 98.0 % copies: from 4,000,000 nodes only 10 % may be
    expect(verdict(doc(2000, 2000, 77_600))).toBe(refused);
    // with the copies first, the share is too large while they are read, whatever follows
    expect(verdict(doc(600, 600, 6000, true))).toBe(refused);
    expect(verdict(doc(800, 800, 69_500, true))).toBe(refused);
  });

  it('counts every node, keys included, against the cap, whether or not aliases made them', () => {
    // the root, three keys, a list of three, a map of one key and its value: 12
    const text = 'a: 1\nb: [1, 2, 3]\nc: {d: 4}\n';
    expect(parseValuesYaml(text, 'v.yaml', { maxNodes: 12 }).values).toEqual({ a: 1, b: [1, 2, 3], c: { d: 4 } });
    expect(errorOf(text, { maxNodes: 11 }).format()).toBe('values-prod.yaml:1:1: aliases expand this document to 12 nodes, 0 of them copies (a "billion laughs" document?)\n  Write the values out, or reuse fewer and smaller anchors; Helm refuses such documents too.');
    // written as blocks, the same 12
    expect(errorOf('a: 1\nb:\n  - 1\n  - 2\n  - 3\nc:\n  d: 4\n', { maxNodes: 11 }).message).toBe('aliases expand this document to 12 nodes, 0 of them copies (a "billion laughs" document?)');
    // each alias of a two-item list brings three nodes, one of them written
    const aliased = 'l: &l [1, 2]\nr: [*l, *l]\n';
    expect(parseValuesYaml(aliased, 'v.yaml', { maxNodes: 13 }).values).toEqual({ l: [1, 2], r: [[1, 2], [1, 2]] });
    const e = errorOf(aliased, { maxNodes: 12 });
    expect([e.line, e.column, e.message]).toEqual([2, 5, 'aliases expand this document to 13 nodes, 4 of them copies (a "billion laughs" document?)']);
  });

  it('refuses text over the size cap, and reads text that starts with a byte-order mark', () => {
    expect(errorOf('x'.repeat(20), { maxBytes: 10 }).format()).toBe('values-prod.yaml:1:1: file is 20 bytes, over the 10-byte limit\n  Files this large are refused to keep checks fast and safe; split it into smaller files.');
    expect(parseValuesYaml('a: 123456', 'v.yaml', { maxBytes: 9 }).values).toEqual({ a: 123456 });
    expect(parseValuesYaml('\ufeffa: 1\n', 'v.yaml').values).toEqual({ a: 1 });
  });

  it('reads a values file from disk under its shown name, and names it a values file when refusing it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvm-values-'));
    writeFileSync(join(dir, 'values-qa.yaml'), 'image:\n  tag: "1.2"\n');
    const y = readValuesYaml(join(dir, 'values-qa.yaml'), 'app/values-qa.yaml');
    expect(y.values).toEqual({ image: { tag: '1.2' } });
    expect(locate(y, ['image', 'tag'])?.value).toEqual({ file: 'app/values-qa.yaml', line: 2, column: 8 });
    expect(userErrorOf(() => readValuesYaml(join(dir, 'values-qa.yaml'), 'app/values-qa.yaml', { maxBytes: 10 })).format()).toBe(
      'app/values-qa.yaml:1:1: values file is 20 bytes, over the 10-byte limit\n  Files this large are refused to keep checks fast and safe; split it into smaller files.',
    );
  });

  it('keeps the positions of the text when the same file is given other values', () => {
    for (const text of ['image:\n  tag: "1.2"\n', 'image: {tag: &t "1.2"}\n']) {
      const other = withValues(parseValuesYaml(text, 'values-qa.yaml'), { image: { tag: '<redacted>' } });
      expect(other.values).toEqual({ image: { tag: '<redacted>' } });
      expect([other.file, other.text]).toEqual(['values-qa.yaml', text]);
      expect(locate(other, ['image', 'tag'])?.key).toEqual({ file: 'values-qa.yaml', line: text.startsWith('image:\n') ? 2 : 1, column: text.startsWith('image:\n') ? 3 : 9 });
    }
  });
});
