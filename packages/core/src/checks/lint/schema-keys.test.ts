import { describe, expect, it } from 'vitest';
import type { ValueMap } from '../../common';
import { schemaDeclares, schemaKeys } from './schema-keys';

/** A values schema as charts write them: nested properties, $ref (with ~1 and ~0 escapes), patterns, free-form maps, lists. */
const SCHEMA: ValueMap = {
  type: 'object',
  properties: {
    image: { $ref: '#/$defs/image' },
    podAnnotations: { type: 'object', additionalProperties: { type: 'string' } },
    nodeSelector: { type: 'object', additionalProperties: true },
    env: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, value: { type: 'string' } } } },
    tags: { type: 'array' },
    routes: { type: 'object', patternProperties: { '^[a-z]+$': { type: 'object', properties: { path: { type: 'string' } } }, '([': { type: 'string' } } },
    escaped: { $ref: '#/$defs/a~1b~0c' },
    loop: { $ref: '#/$defs/loop' },
    dangling: { $ref: '#/$defs/none' },
    external: { $ref: 'https://example.com/schema.json' },
  },
  $defs: {
    image: { $ref: '#/$defs/imageBody' },
    imageBody: { type: 'object', properties: { repository: { type: 'string' }, tag: { type: 'string' } } },
    'a/b~c': { type: 'object', properties: { inner: { type: 'string' } } },
    loop: { $ref: '#/$defs/loop' },
  },
};

describe('the keys a values schema declares', () => {
  it('follows properties through $ref chains and JSON pointer escapes', () => {
    expect(schemaKeys(SCHEMA, [])).toEqual(['image', 'podAnnotations', 'nodeSelector', 'env', 'tags', 'routes', 'escaped', 'loop', 'dangling', 'external']);
    expect(schemaKeys(SCHEMA, ['image'])).toEqual(['repository', 'tag']);
    expect(schemaKeys(SCHEMA, ['escaped'])).toEqual(['inner']);
    expect(schemaKeys(SCHEMA, ['env', 0])).toEqual(['name', 'value']);
    expect(schemaKeys(SCHEMA, ['image', 'tag'])).toEqual([]);
    expect(schemaKeys(SCHEMA, ['missing', 'deeper'])).toEqual([]);
    expect(schemaKeys(SCHEMA, ['loop'])).toEqual([]);
    expect(schemaKeys(undefined, [])).toEqual([]);
  });

  it('declares a path by properties, a matching pattern, a schema for additionalProperties, or list items', () => {
    const declared = (...path: (string | number)[]) => schemaDeclares(SCHEMA, path);
    expect(declared('image', 'repository')).toBe(true);
    expect(declared('image', 'digest')).toBe(false);
    expect(declared('escaped', 'inner')).toBe(true);
    expect(declared('podAnnotations', 'team')).toBe(true);
    expect(declared('nodeSelector', 'zone')).toBe(false);
    expect(declared('env', 0, 'name')).toBe(true);
    expect(declared('env', 0, 'valueFrom')).toBe(false);
    expect(declared('tags', 0)).toBe(true);
    expect(declared('tags', 0, 'x')).toBe(false);
    expect(declared('routes', 'api', 'path')).toBe(true);
    expect(declared('routes', 'API', 'path')).toBe(false);
    expect(declared('routes', 'api', 'host')).toBe(false);
    expect(declared('dangling', 'x')).toBe(false);
    expect(declared('external', 'x')).toBe(false);
    expect(declared('loop', 'x')).toBe(false);
    expect(declared('image', 'tag', 'x')).toBe(false);
    expect(declared()).toBe(true);
    expect(schemaDeclares(undefined, ['image'])).toBe(false);
  });
});
