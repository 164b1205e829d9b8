import { describe, expect, it } from 'vitest';
import { mergePatch } from './merge-patch';
import { renderTemplateValue, TemplateAtPathError } from './render-template';
import { flattenParams, goPrint, renderFastTemplate } from './template-fast';

describe('fasttemplate, as Argo CD renders without goTemplate', () => {
  it('replaces each tag by its string parameter, trimmed, and leaves any other tag as written', () => {
    const p = { name: 'web', 'path.basename': 'api', n: 3 as unknown as string };
    expect(renderFastTemplate('{{name}}-{{ path.basename }}/{{name}}', p)).toBe('web-api/web');
    expect(renderFastTemplate('{{n}} {{ missing }} {{}} {{ }}', p)).toBe('{{n}} {{ missing }} {{}} {{ }}');
    expect(renderFastTemplate('a {{name', p)).toBe('a {{name');
    expect(renderFastTemplate('{{name}} and {{ name', p)).toBe('web and {{ name');
    expect(renderFastTemplate('}}{{name}}{{', p)).toBe('}}web{{');
    expect(renderFastTemplate('{{na\nme}}', { 'na\nme': 'x' })).toBe('x');
    expect(renderFastTemplate('plain text', p)).toBe('plain text');
    // An empty tag stays, even where a parameter has an empty name.
    expect(renderFastTemplate('{{}}{{ }}', { '': 'x' })).toBe('{{}}{{ }}');
  });

  it("flattens nested data into dotted keys with Go's %v, as the git files generator does", () => {
    expect(flattenParams({ a: { b: 'x', c: [1, { d: true }] }, e: null, f: 2.5 })).toEqual({ 'a.b': 'x', 'a.c.0': '1', 'a.c.1.d': 'true', e: '<nil>', f: '2.5' });
    expect(flattenParams([{ a: 1 }, 'b'])).toEqual({ '0.a': '1', '1': 'b' });
    expect(flattenParams('scalar')).toEqual({});
  });

  it("prints values as Go's %v", () => {
    expect(goPrint({ b: [1, 'x', null], a: { z: false, y: undefined } })).toBe('map[a:map[y:<nil> z:false] b:[1 x <nil>]]');
    expect([goPrint('s'), goPrint(1.5), goPrint(true), goPrint(null), goPrint([])]).toEqual(['s', '1.5', 'true', '<nil>', '[]']);
  });
});

describe('renderTemplateValue', () => {
  const fast = { goTemplate: false, options: {} };
  const go = { goTemplate: true, options: { missingKeyError: true } };

  it('renders every string and map key on its own, leaving numbers, booleans and nulls as they are', () => {
    const template = { metadata: { name: '{{name}}', labels: { '{{name}}-tier': '{{tier}}' } }, list: ['{{name}}', 3, true, null, ['{{tier}}']] };
    expect(renderTemplateValue(template, { name: 'web', tier: 'front' }, fast)).toEqual({ metadata: { name: 'web', labels: { 'web-tier': 'front' } }, list: ['web', 3, true, null, ['front']] });
    expect(renderTemplateValue({ n: '{{ .n }}' }, { n: 3 }, go)).toEqual({ n: '3' });
  });

  it('names where in the value a template fails: the list index or key of its string', () => {
    const fail = (value: unknown) => {
      try {
        renderTemplateValue(value, {}, go, ['spec']);
      } catch (e) {
        if (e instanceof TemplateAtPathError) return [e.path, e.message];
        throw e;
      }
      return undefined;
    };
    expect(fail({ a: ['ok', '{{ .nope }}'] })).toEqual([['spec', 'a', 1], 'map has no entry for key "nope"']);
    expect(fail({ '{{ .key }}': 'v' })).toEqual([['spec', '{{ .key }}'], 'map has no entry for key "key"']);
    expect(fail('{{ .x }}')).toEqual([['spec'], 'map has no entry for key "x"']);
    expect(fail({ fine: 1 })).toBeUndefined();
  });
});

describe('mergePatch (RFC 7386), as Argo CD applies templatePatch and override files', () => {
  it('merges maps, replaces lists and scalars, and deletes a key patched with null', () => {
    expect(mergePatch({ a: { b: 1, c: 2 }, l: [1, 2], s: 'x', keep: true }, { a: { b: null, d: 3 }, l: [3], s: { now: 'map' }, gone: null })).toEqual({ a: { c: 2, d: 3 }, l: [3], s: { now: 'map' }, keep: true });
    expect(mergePatch({ a: 1 }, 'text')).toBe('text');
    expect(mergePatch(undefined, { a: { b: null, c: 1 } })).toEqual({ a: { c: 1 } });
    expect(mergePatch([1], { a: 1 })).toEqual({ a: 1 });
  });
});
