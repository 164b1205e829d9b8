import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../common';
import { checkSchema, compileSchemaText, loadSchemaFile } from './schema';
import { EXAMPLE_ROOT } from '../test-support/example-workspace';

const specSchema = readFileSync(join(EXAMPLE_ROOT, 'deployment/helm/alpha-members/values.schema.json'), 'utf8');

function compileError(text: string): UserError {
  try {
    compileSchemaText(text, 'values.schema.json');
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

describe('JSON Schema validation', () => {
  it('explains a pattern failure with the value and the pattern', () => {
    const s = compileSchemaText(specSchema, 'values.schema.json');
    const v = checkSchema(s, { replicaCount: 1, image: { repository: 'a' }, resources: { limits: { memory: '1GB' } } });
    expect(v).toEqual([{ path: ['resources', 'limits', 'memory'], keyword: 'pattern', message: '"1GB" must match ^[0-9]+(Mi|Gi)$' }]);
  });

  it('names a missing required key by its full path', () => {
    const s = compileSchemaText(specSchema, 'values.schema.json');
    const v = checkSchema(s, { replicaCount: 1, image: {} });
    expect(v).toEqual([{ path: ['image', 'repository'], keyword: 'required', missing: 'repository', message: 'is required but not set' }]);
  });

  it('reports every problem at once, with types and enums in plain words', () => {
    const s = compileSchemaText(specSchema, 'values.schema.json');
    const v = checkSchema(s, { replicaCount: '3', image: { repository: 'a', pullPolicy: 'Sometimes' } });
    expect(v.map((x) => x.message)).toEqual([
      '"3" must be an integer (it is a string)',
      '"Sometimes" must be one of "Always", "IfNotPresent", "Never"',
    ]);
  });

  it('compiles each distinct schema once per process', () => {
    expect(compileSchemaText(specSchema, 'a.json').validate).toBe(compileSchemaText(specSchema, 'b.json').validate);
  });

  it('chooses the draft from $schema: 2020-12 prefixItems and 2019-09 dependentRequired work', () => {
    const s2020 = compileSchemaText(
      JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', properties: { p: { prefixItems: [{ type: 'integer' }] } } }),
      's.json',
    );
    expect(checkSchema(s2020, { p: ['x'] })[0].message).toBe('"x" must be an integer (it is a string)');
    const s2019 = compileSchemaText(
      JSON.stringify({ $schema: 'https://json-schema.org/draft/2019-09/schema', dependentRequired: { tls: ['host'] } }),
      's.json',
    );
    expect(checkSchema(s2019, { tls: true })).toHaveLength(1);
    const s04 = compileSchemaText(JSON.stringify({ $schema: 'http://json-schema.org/draft-04/schema#', properties: { n: { maximum: 3, exclusiveMaximum: true } } }), 's.json');
    expect(checkSchema(s04, { n: 3 })).toHaveLength(1);
  });

  it('checks formats', () => {
    const s = compileSchemaText(JSON.stringify({ properties: { url: { type: 'string', format: 'uri' } } }), 's.json');
    expect(checkSchema(s, { url: 'not a uri' })[0].message).toBe('"not a uri" must be a valid uri');
    expect(checkSchema(s, { url: 'https://example.com' })).toEqual([]);
  });

  it('never fetches a remote $ref and says where it is', () => {
    const text = '{\n  "type": "object",\n  "properties": {\n    "x": { "$ref": "https://example.com/defs.json#/x" }\n  }\n}\n';
    const e = compileError(text);
    expect(e.message).toMatch(/points outside this schema; remote or cross-file references are never fetched/);
    expect([e.file, e.line]).toEqual(['values.schema.json', 4]);
    expect(e.hint).toMatch(/definitions/);
  });

  it('refuses an invalid schema at the offending keyword', () => {
    const e = compileError('{\n  "properties": {\n    "a": { "type": "strin" }\n  }\n}\n');
    expect(e.message).toMatch(/^invalid JSON Schema/);
    expect(e.line).toBe(3);
  });

  it('refuses a schema that is not JSON, with a line', () => {
    const e = compileError('{\n  "type": "object",,\n}\n');
    expect(e.line).toBe(2);
  });

  it('accepts every meta-schema address helm accepts, http or https, and "the latest draft" as the chosen Helm reads it', () => {
    for (const id of ['https://json-schema.org/schema#', 'http://json-schema.org/schema', 'https://json-schema.org/draft-07/schema#', 'http://json-schema.org/draft/2020-12/schema']) {
      const s = compileSchemaText(JSON.stringify({ $schema: id, properties: { replicas: { type: 'integer' } } }), 's.json');
      expect(checkSchema(s, { replicas: 'three' }), id).toHaveLength(1);
    }
    // Helm 3.17 validates "the latest draft" as draft-07, Helm 4 as 2020-12 (dependentRequired is 2019-09+)
    const text = JSON.stringify({ $schema: 'https://json-schema.org/schema#', dependentRequired: { tls: ['host'] } });
    expect(checkSchema(compileSchemaText(text, 's.json', { legacy: true }), { tls: true })).toEqual([]);
    expect(checkSchema(compileSchemaText(text, 's.json'), { tls: true })).toHaveLength(1);
  });

  it('refuses an unknown $schema', () => {
    expect(compileError('{"$schema": "http://example.com/my-schema"}').message).toMatch(/unsupported "\$schema"/);
  });

  it('matches a catastrophic pattern in linear time: ^(a+)+$ against 40 a and a "!" is a finding, not a hang', () => {
    const s = compileSchemaText(JSON.stringify({ properties: { name: { type: 'string', pattern: '^(a+)+$' } }, patternProperties: { '^(x+x+)+y$': { type: 'integer' } } }), 'values.schema.json');
    const hostile = `${'a'.repeat(40)}!`;
    expect(checkSchema(s, { name: hostile, [`${'x'.repeat(40)}y`]: 'no' }).map((v) => v.keyword).sort()).toEqual(['pattern', 'type']);
    expect(checkSchema(s, { name: 'aaaa' })).toEqual([]);
  });

  it('refuses a pattern no linear-time engine runs (a backreference), at its line, as Helm does', () => {
    const text = '{\n  "properties": {\n    "a": { "type": "string", "pattern": "^(x)\\\\1$" }\n  }\n}\n';
    const e = compileError(text);
    expect(e.message).toMatch(/^the pattern "\^\(x\)\\\\1\$" cannot be matched in linear time/);
    expect([e.file, e.line]).toEqual(['values.schema.json', 3]);
  });
});


describe('what a user reads for each way values break a schema', () => {
  const schema = {
    type: 'object',
    required: ['must'],
    properties: {
      name: { type: 'string', pattern: '^[a-z]+$' },
      mode: { enum: ['a', 'b', 1] },
      fixed: { const: 'yes' },
      low: { minimum: 1 },
      high: { maximum: 10 },
      emin: { exclusiveMinimum: 0 },
      emax: { exclusiveMaximum: 1 },
      kind: { type: ['string', 'null'] },
      list: { type: 'array', items: { type: 'boolean' } },
      nested: { type: 'object', additionalProperties: false, properties: { a: { type: 'object' } } },
      strict: { type: 'object', unevaluatedProperties: false, properties: { x: {} } },
      size: { type: 'string', minLength: 3 },
      'a/b': { type: 'number' },
      't~x': { type: 'boolean' },
      lst: { type: 'array', items: { type: 'object', required: ['n'] } },
      flag: { type: 'string' },
      none: { type: 'string' },
      half: { type: 'integer' },
      map: { type: 'string' },
      arr: { type: 'array' },
      either: { anyOf: [{ type: 'string' }, { type: 'string', minLength: 1 }] },
      tls: { if: { properties: { on: { const: true } } }, then: { required: ['cert'] } },
    },
  };
  const data = { name: 'Ab', mode: 'c', fixed: 'no', low: 0, high: 11, emin: 0, emax: 1, kind: 5, list: [true, 'x'], nested: { a: [1], extra: 1 }, strict: { x: 1, y: 2 }, size: 'ab', 'a/b': 'x', 't~x': 1, lst: [{}], flag: true, none: null, half: 1.5, map: {}, arr: 'x', either: 5, tls: { on: true } };

  it('says it in plain words at the path of the value (list items by index, / and ~ in keys), each once, without the if of an if/then', () => {
    expect(checkSchema(compileSchemaText(JSON.stringify(schema), 'values.schema.json'), data)).toEqual([
      { path: ['must'], keyword: 'required', missing: 'must', message: 'is required but not set' },
      { path: ['name'], keyword: 'pattern', message: '"Ab" must match ^[a-z]+$' },
      { path: ['mode'], keyword: 'enum', message: '"c" must be one of "a", "b", 1' },
      { path: ['fixed'], keyword: 'const', message: '"no" must be "yes"' },
      { path: ['low'], keyword: 'minimum', message: '0 must be >= 1' },
      { path: ['high'], keyword: 'maximum', message: '11 must be <= 10' },
      { path: ['emin'], keyword: 'exclusiveMinimum', message: '0 must be > 0' },
      { path: ['emax'], keyword: 'exclusiveMaximum', message: '1 must be < 1' },
      { path: ['kind'], keyword: 'type', message: '5 must be a string or null (it is an integer)' },
      { path: ['list', 1], keyword: 'type', message: '"x" must be true or false (it is a string)' },
      { path: ['nested', 'extra'], keyword: 'additionalProperties', atKey: true, message: 'is not allowed here (the schema lists no such key)' },
      { path: ['nested', 'a'], keyword: 'type', message: 'a list must be a map (it is a list)' },
      { path: ['strict', 'y'], keyword: 'unevaluatedProperties', atKey: true, message: 'is not allowed here (the schema lists no such key)' },
      { path: ['size'], keyword: 'minLength', message: '"ab" must NOT have fewer than 3 characters' },
      { path: ['a/b'], keyword: 'type', message: '"x" must be a number (it is a string)' },
      { path: ['t~x'], keyword: 'type', message: '1 must be true or false (it is an integer)' },
      { path: ['lst', 0, 'n'], keyword: 'required', missing: 'n', message: 'is required but not set' },
      { path: ['flag'], keyword: 'type', message: 'true must be a string (it is a boolean)' },
      { path: ['none'], keyword: 'type', message: 'null must be a string (it is null)' },
      { path: ['half'], keyword: 'type', message: '1.5 must be an integer (it is a number)' },
      { path: ['map'], keyword: 'type', message: 'a map must be a string (it is a map)' },
      { path: ['arr'], keyword: 'type', message: '"x" must be a list (it is a string)' },
      { path: ['either'], keyword: 'type', message: '5 must be a string (it is an integer)' },
      { path: ['either'], keyword: 'anyOf', message: '5 must match a schema in anyOf' },
      { path: ['tls', 'cert'], keyword: 'required', missing: 'cert', message: 'is required but not set' },
    ]);
  });

  it('never shows a redacted value, nor the values its key may take', () => {
    const s = compileSchemaText(JSON.stringify({ properties: { password: { enum: ['a', 'b'] }, token: { pattern: '^x$' }, plain: { enum: ['a'] } } }), 'values.schema.json');
    const redact = (path: unknown[], v: unknown) => (/password|token/.test(String(path[0])) ? '<redacted>' : v);
    expect(checkSchema(s, { password: 'c', token: 'y', plain: 'z' }, redact).map((v) => v.message)).toEqual([
      '<redacted> must be one of (a value the schema allows), (a value the schema allows)',
      '<redacted> must match ^x$',
      '"z" must be one of "a"',
    ]);
  });

  it('hands the redaction each value with the map it sits in', () => {
    const s = compileSchemaText(JSON.stringify({ required: ['top'], properties: { db: { properties: { password: { type: 'string' } } } } }), 'values.schema.json');
    const calls: unknown[] = [];
    checkSchema(s, { db: { user: 'u', password: 5 } }, (path, v, siblings) => (calls.push([path, v, siblings]), v));
    expect(calls).toEqual([
      [[], { db: { user: 'u', password: 5 } }, undefined],
      [['db', 'password'], 5, { user: 'u', password: 5 }],
    ]);
  });

  it('numbers list items, and only list items: a map key "0" stays a key, a tenth item is 10', () => {
    const s = compileSchemaText(JSON.stringify({ properties: { m: { additionalProperties: { type: 'integer' } }, l: { items: { type: 'integer' } } } }), 'values.schema.json');
    expect(checkSchema(s, { m: { '0': 'x' }, l: [...Array(10).fill(1), 'y'] }).map((v) => v.path)).toEqual([['m', '0'], ['l', 10]]);
  });

  it('tells two patterns apart', () => {
    const s = compileSchemaText(JSON.stringify({ properties: { a: { pattern: '^a+$' }, b: { pattern: '^b+$' } } }), 'values.schema.json');
    expect(checkSchema(s, { a: 'aa', b: 'aa' })).toEqual([{ path: ['b'], keyword: 'pattern', message: '"aa" must match ^b+$' }]);
  });
});

describe('what a user reads when the schema itself is wrong', () => {
  const at = (e: UserError) => ({ message: e.message, line: e.line, column: e.column, hint: e.hint });

  it('JSON that is YAML but not JSON, and JSON that is not an object', () => {
    expect(at(compileError('{a: 1}'))).toEqual({ message: expect.stringMatching(/^not valid JSON: /), line: 1, column: 1, hint: 'Fix the JSON syntax.' });
    for (const text of ['[1]', 'null', '"x"']) expect(at(compileError(text))).toEqual({ message: 'a JSON Schema must be an object', line: 1, column: 1, hint: 'Start the schema with "{".' });
  });

  it('finds a pattern or a remote reference inside a list of subschemas, and refuses every kind of reference and a $schema that is not text', () => {
    const pattern = compileError('{\n  "allOf": [\n    {},\n    {\n      "pattern":\n        "^(x)\\\\1$"\n    }\n  ]\n}\n');
    expect(pattern.line).toBe(6);
    expect(compileError('{\n  "allOf": [\n    {},\n    { "$ref": "other.json" }\n  ]\n}\n').line).toBe(4);
    for (const keyword of ['$dynamicRef', '$recursiveRef']) {
      const e = compileError(`{\n  "$schema": "https://json-schema.org/draft/2020-12/schema",\n  "${keyword}": "https://example.com/s.json"\n}\n`);
      expect([e.message, e.line]).toEqual([`"${keyword}": "https://example.com/s.json" points outside this schema; remote or cross-file references are never fetched`, 3]);
    }
    expect(compileError('{\n  "$schema": 5\n}\n').message).toBe('unsupported "$schema": 5 (helm would try to download it, and fail offline)');
  });

  it('names the draft the schema must be valid in: the declared one, or the one the chosen Helm reads', () => {
    const bad = (declared: string) => `{\n${declared}  "properties": {\n    "a": { "type": "strin" }\n  }\n}\n`;
    const message = 'invalid JSON Schema: /properties/a/type must be equal to one of the allowed values';
    const e = (text: string, legacy = false) => {
      try {
        compileSchemaText(text, 'values.schema.json', { legacy });
      } catch (err) {
        return at(err as UserError);
      }
      throw new Error('expected a UserError');
    };
    expect(e(bad(''))).toEqual({ message, line: 3, column: 20, hint: 'Fix the schema so that it is valid 2020-12 JSON Schema.' });
    expect(e(bad(''), true)).toEqual({ message, line: 3, column: 20, hint: 'Fix the schema so that it is valid draft-07 JSON Schema.' });
    expect(e(bad('  "$schema": "https://json-schema.org/draft/2019-09/schema",\n'), true)).toEqual({ message, line: 4, column: 20, hint: 'Fix the schema so that it is valid draft-07 JSON Schema.' });
  });

  it('a $ref to nothing, a pattern in a key, an unknown $schema: each with its line and what to do', () => {
    expect(at(compileError('{\n  "type": "object",\n  "$ref": "#/definitions/missing"\n}\n'))).toEqual({
      message: "invalid JSON Schema: can't resolve reference #/definitions/missing from id #",
      line: 1,
      column: 1,
      hint: 'Fix the schema: every "$ref" must point at a definition inside this file.',
    });
    const pattern = at(compileError('{\n  "patternProperties": {\n    "^(x)\\\\1$": {}\n  }\n}\n'));
    expect([pattern.line, pattern.hint]).toEqual([3, "Rewrite it without lookarounds or backreferences (RE2 syntax, which Helm's schema validator uses too)."]);
    expect(at(compileError('{\n  "type": "object",\n  "$schema": "http://example.com/my-schema"\n}\n'))).toEqual({
      message: 'unsupported "$schema": "http://example.com/my-schema" (helm would try to download it, and fail offline)',
      line: 3,
      column: 14,
      hint: 'Use https://json-schema.org/draft/2020-12/schema (or draft-07, draft-04, draft/2019-09, or https://json-schema.org/schema for the latest).',
    });
  });

  it('follows a $ref to its own $id (or draft-04 id), and keeps two schemas that claim one $id apart', () => {
    const own = compileSchemaText(JSON.stringify({ $id: 'https://ex.com/s.json', properties: { a: { $ref: 'https://ex.com/s.json#/$defs/x' } }, $defs: { x: { type: 'string' } } }), 's.json');
    expect(checkSchema(own, { a: 1 }).map((v) => v.message)).toEqual(['1 must be a string (it is an integer)']);
    const draft04 = { $schema: 'http://json-schema.org/draft-04/schema#', id: 'https://ex.com/s4.json#', properties: { a: { $ref: 'https://ex.com/s4.json#/definitions/x' } }, definitions: { x: { type: 'string' } } };
    expect(checkSchema(compileSchemaText(JSON.stringify(draft04), 's4.json'), { a: 1 })).toHaveLength(1);
    const a = compileSchemaText(JSON.stringify({ $id: 'https://ex.com/dup.json', properties: { a: { type: 'string' } } }), 'a.json');
    const b = compileSchemaText(JSON.stringify({ $id: 'https://ex.com/dup.json', properties: { a: { type: 'integer' } } }), 'b.json');
    expect([checkSchema(a, { a: 1 }).length, checkSchema(b, { a: 1 }).length, checkSchema(b, { a: 'x' }).length]).toEqual([1, 0, 1]);
  });
});

describe('a schema file', () => {
  it('is read again when it changes, and one that is missing is named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvm-schema-'));
    const file = join(dir, 'values.schema.json');
    writeFileSync(file, JSON.stringify({ properties: { a: { type: 'string' } } }));
    expect(checkSchema(loadSchemaFile(file, 'chart/values.schema.json'), { a: 1 })).toHaveLength(1);
    expect(loadSchemaFile(file, 'other/values.schema.json').file).toBe('other/values.schema.json');
    writeFileSync(file, JSON.stringify({ properties: { a: { type: 'integer' } } }));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(checkSchema(loadSchemaFile(file, 'chart/values.schema.json'), { a: 1 })).toEqual([]);
    // the same file read as Helm 3.17 and as the current Helm: "the latest draft" is draft-07 to one, 2020-12 to the other
    writeFileSync(file, JSON.stringify({ $schema: 'https://json-schema.org/schema#', dependentRequired: { tls: ['host'] } }));
    utimesSync(file, new Date(), new Date(Date.now() + 10000));
    expect(checkSchema(loadSchemaFile(file, 'chart/values.schema.json'), { tls: true })).toHaveLength(1);
    expect(checkSchema(loadSchemaFile(file, 'chart/values.schema.json', { legacy: true }), { tls: true })).toEqual([]);
    expect(() => loadSchemaFile(join(dir, 'missing.json'), 'chart/missing.json')).toThrow(expect.objectContaining({ file: 'chart/missing.json', message: 'cannot be read: no such file or folder (ENOENT)', hint: 'Check the path; a folder on the way may be missing.' }));
  });
});
