import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../common';
import { checkSchema, compileSchemaText } from './schema';
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

