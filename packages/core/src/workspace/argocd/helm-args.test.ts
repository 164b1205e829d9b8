import { describe, expect, it } from 'vitest';
import type { Position } from '../../common';
import type { ApplicationSpec } from './application-spec';
import { cleanSetValue, helmTemplateArgs, inlineValuesText, parameterSets } from './helm-args';
import type { HelmSourcePlan } from './helm-source-plan';

// What Argo CD's repo server hands `helm template` for a Helm source, argument by argument.
const FILE = 'argocd/web.yaml';
const at = (line: number): Position => ({ file: FILE, line, column: 9 });

function plan(over: Partial<HelmSourcePlan>, namespace?: string): HelmSourcePlan {
  const app = { name: 'web-prod', project: 'default', destination: namespace ? { namespace } : {}, sources: [], file: FILE, at: () => at(1) } as unknown as ApplicationSpec;
  return { app, sourceIndex: 0, chart: { kind: 'local', dir: 'charts/web' }, releaseName: 'web-prod', defaultsKnown: true, valueFiles: [], parameters: [], fileParameters: [], incomplete: false, findings: [], ...over };
}

describe('helm arguments of an Argo CD Helm source', () => {
  it('escape the commas of a parameter value, except in a {a,b} list or where already escaped', () => {
    expect(cleanSetValue('a,b,c')).toBe('a\\,b\\,c');
    expect(cleanSetValue('a\\,b')).toBe('a\\,b');
    expect(cleanSetValue('{a,b}')).toBe('{a,b}');
    expect(cleanSetValue('x{a,b}')).toBe('x{a\\,b}');
    expect(cleanSetValue('{a,b}x')).toBe('{a\\,b}x');
    expect(cleanSetValue('plain')).toBe('plain');
  });

  it('pass parameters as --set, then --set-string, then --set-file, a name given twice once with its last value', () => {
    const p = plan({
      parameters: [
        { name: 'image.tag', value: '1.0', forceString: false, at: at(10) },
        { name: 'replicas', value: '3', forceString: true, at: at(11) },
        { name: 'hosts', value: 'a,b', forceString: false, at: at(12) },
        { name: 'image.tag', value: '1.1', forceString: false, at: at(13) },
        { name: 'replicas', value: '4', forceString: true, at: at(14) },
      ],
      fileParameters: [
        { name: 'config', file: 'charts/web/files/a.json', at: at(20), exists: true },
        { name: 'gone', file: 'charts/web/files/gone.json', at: at(21), exists: false },
        { name: 'far', at: at(22), exists: false },
        { name: 'config', file: 'charts/web/files/b.json', at: at(23), exists: true },
      ],
    });
    expect(parameterSets(p)).toEqual([
      { kind: 'set', name: 'image.tag', value: '1.1', at: at(13) },
      { kind: 'set', name: 'hosts', value: 'a\\,b', at: at(12) },
      { kind: 'set-string', name: 'replicas', value: '4', at: at(14) },
      { kind: 'set-file', name: 'config', value: 'charts/web/files/b.json', at: at(23) },
    ]);
    expect(helmTemplateArgs('/repo', p, '/tmp/inline.yaml')).toEqual([
      '--namespace',
      'default',
      '--set',
      'image.tag=1.1',
      '--set',
      'hosts=a\\,b',
      '--set-string',
      'replicas=4',
      '--set-file',
      'config=/repo/charts/web/files/b.json',
    ]);
  });

  it('pass the destination namespace, the value files that exist in order, then the inline values as one more file', () => {
    const p = plan(
      {
        valueFiles: [
          { raw: 'values-prod.yaml', at: at(5), file: 'charts/web/values-prod.yaml', exists: true, skipped: false },
          { raw: 'missing.yaml', at: at(6), file: 'charts/web/missing.yaml', exists: false, skipped: true },
          { raw: 'https://x/v.yaml', at: at(7), exists: false, skipped: false },
          { raw: '/envs/prod.yaml', at: at(8), file: 'envs/prod.yaml', exists: true, skipped: false },
        ],
        inline: { field: 'values', at: at(9), text: 'a: 1\n' },
      },
      'web',
    );
    expect(helmTemplateArgs('/repo', p, '/tmp/inline.yaml')).toEqual(['--namespace', 'web', '--values', '/repo/charts/web/values-prod.yaml', '--values', '/repo/envs/prod.yaml', '--values', '/tmp/inline.yaml']);
  });

  it('write the inline values as Argo CD does: valuesObject as YAML, else the values text', () => {
    expect(inlineValuesText(plan({}))).toBeUndefined();
    expect(inlineValuesText(plan({ inline: { field: 'values', at: at(9), text: 'a: 1 # kept\n' } }))).toBe('a: 1 # kept\n');
    expect(inlineValuesText(plan({ inline: { field: 'valuesObject', at: at(9), object: { a: { b: [1, 'x'] } } } }))).toBe('a:\n  b:\n    - 1\n    - x\n');
    expect(inlineValuesText(plan({ inline: { field: 'values', at: at(9) } }))).toBe('');
  });
});
