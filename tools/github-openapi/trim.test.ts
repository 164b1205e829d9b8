import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PATHS, trimDescription } from './trim';

const VENDORED = join(__dirname, '../../packages/promote/src/test-support/github-openapi/api.github.com.json');

describe('trimDescription', () => {
  const spec = {
    openapi: '3.0.3',
    info: { version: '1' },
    paths: { '/a': { get: { responses: { 200: { $ref: '#/components/responses/ok' } } } }, '/b': { get: {} } },
    components: {
      responses: { ok: { content: { 'application/json': { schema: { $ref: '#/components/schemas/thing' } } } } },
      schemas: { thing: { properties: { self: { $ref: '#/components/schemas/thing' }, other: { $ref: '#/components/schemas/a~1b' } } }, 'a/b': { type: 'string' }, unused: {} },
    },
  };

  it('keeps the paths asked for and every component they reach, cycles included', () => {
    const t = trimDescription(spec, ['/a'], []);
    expect(Object.keys(t.paths)).toEqual(['/a']);
    expect(t.components).toEqual({ responses: { ok: spec.components.responses.ok }, schemas: { 'a/b': { type: 'string' }, thing: spec.components.schemas.thing } });
  });

  it('says which path or reference the description lacks', () => {
    expect(() => trimDescription(spec, ['/c'], [])).toThrow('the description has no /c');
    const broken = { ...spec, components: { ...spec.components, responses: {} } };
    expect(() => trimDescription(broken, ['/a'], [])).toThrow('#/components/responses/ok is not in the description');
  });

  it('left the vendored description whole: the operations the tool calls, every reference resolvable', () => {
    const vendored = JSON.parse(readFileSync(VENDORED, 'utf8'));
    expect(Object.keys(vendored.paths)).toEqual(PATHS);
    expect(trimDescription(vendored)).toEqual(vendored);
  });
});
