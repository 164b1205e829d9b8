// Layers and --set flags as `gitops values` takes them: Helm's order of the flag kinds, messages
// that never print a flag's value, and values files read once while they do not change.
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../common';
import { parseValuesYaml } from '../yaml';
import { withFileContents } from './file-overrides';
import { mergeFiles, readCached, type SetArg } from './merge-files';

function refusal(sets: SetArg[], readFile?: (p: string) => string): { message: string; file?: string; hint?: string } {
  try {
    mergeFiles([], { sets, readFile });
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return { message: e.message, file: e.file, hint: e.hint };
  }
  throw new Error('expected a UserError');
}

describe('--set flags', () => {
  it('apply in Helm\'s order of kinds (json, set, string, file, literal), each kind in the order given, and name their origin', () => {
    const sets: SetArg[] = [
      { kind: 'set-literal', expression: 'a=lit,eral' },
      { kind: 'set-file', expression: 'b=b.txt' },
      { kind: 'set-string', expression: 'a=str,b=str,c=1' },
      { kind: 'set', expression: 'a=1,b=2,c=2' },
      { kind: 'set-json', expression: 'a=[1],c=3,d={"x":true}' },
      { kind: 'set', expression: 'd.y=1' },
    ];
    const res = mergeFiles([parseValuesYaml('a: 0\ne: 1\n', 'values.yaml')], { sets, readFile: (p) => `contents of ${p}` });
    expect(res.values).toEqual({ a: 'lit,eral', e: 1, c: '1', d: { x: true, y: 1 }, b: 'contents of b.txt' });
    expect(['a', 'b', 'c', 'e'].map((k) => res.originOf([k])?.file)).toEqual(['--set-literal a=…', '--set-file b=…', '--set-string a=…', 'values.yaml']);
    expect([res.originOf(['d', 'x'])?.file, res.originOf(['d', 'y'])?.file]).toEqual(['--set-json a=…', '--set d.y=…']);
  });

  it('are refused with the key and never the value, pointing at the key or at the value', () => {
    expect(refusal([{ kind: 'set', expression: 'a.b[x]=1' }])).toEqual({
      message: '--set a.b[x]=…: error parsing index: strconv.Atoi: parsing "x": invalid syntax',
      file: '--set',
      hint: '    ^ fix the expression here; the syntax is key.path=value, a[0].b=1, a={x,y}, a\\.b=c.',
    });
    expect(refusal([{ kind: 'set-json', expression: 'a={"pw":"hunter2"' }])).toEqual({
      message: '--set-json a=…: unexpected EOF',
      file: '--set-json',
      hint: 'Fix the value after "=" (not shown: it may be a secret); the syntax is key.path=value, a[0].b=1, a={x,y}, a\\.b=c.',
    });
    const readFile = (p: string) => {
      throw new Error(`open ${p}: no such file or directory`);
    };
    expect(refusal([{ kind: 'set-file', expression: 'cert=secret-cert.pem' }], readFile).message).toBe('--set-file cert=…: open …: no such file or directory');
    expect(refusal([{ kind: 'set', expression: 'a\\=b' }])).toEqual({
      message: '--set a\\=b: key "a=b" has no value',
      file: '--set',
      hint: '    ^ fix the expression here; the syntax is key.path=value, a[0].b=1, a={x,y}, a\\.b=c.',
    });
  });
});

describe('an umbrella chart through the layers', () => {
  it('warns with the chart\'s name, lists the subcharts that deploy, and credits an explicit null to its --set', () => {
    const defaults = parseValuesYaml('web:\n  port: 80\nx: 1\n', 'values.yaml');
    const res = mergeFiles([parseValuesYaml('web:\n  port: {a: 1}\n', 'values-prod.yaml')], {
      defaults,
      chartName: 'shop',
      sets: [{ kind: 'set', expression: 'x=null' }],
      subcharts: [{ key: 'web', declared: true, chart: { name: 'web', file: 'charts/web', values: { port: 8080 }, dependencies: [] } }],
    });
    // twice: once while deciding which subcharts deploy, once for the values (helm coalesces twice too)
    expect(res.warnings).toEqual(['warning: skipped value for shop.web.port: Not a table.', 'warning: skipped value for shop.web.port: Not a table.']);
    expect(res.subcharts?.map((s) => s.path)).toEqual([['web']]);
    expect(res.values).toEqual({ web: { port: { a: 1 }, global: {} } });
    const plain = mergeFiles([parseValuesYaml('x: 1\n', 'values-prod.yaml')], { sets: [{ kind: 'set', expression: 'x=null' }] });
    expect([plain.values, plain.originOf(['x'])?.file]).toEqual([{ x: null }, '--set x=…']);
  });
});

describe('values files read once while they do not change', () => {
  it('gives the same file again, reads a changed one anew, and reads the pending text of a file being edited', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvm-cached-'));
    const abs = join(dir, 'values.yaml');
    writeFileSync(abs, 'a: 1\n');
    const first = readCached(abs, 'app/values.yaml');
    expect(readCached(abs, 'app/values.yaml')).toBe(first);
    expect(readCached(abs, 'other/values.yaml').file).toBe('other/values.yaml');
    writeFileSync(abs, 'a: 22\n');
    utimesSync(abs, new Date(), new Date(Date.now() + 5000));
    expect(readCached(abs, 'app/values.yaml').values).toEqual({ a: 22 });
    expect(withFileContents(new Map([[abs, 'a: 3\n']]), () => readCached(abs, 'app/values.yaml').values)).toEqual({ a: 3 });
    expect(readCached(abs, 'app/values.yaml').values).toEqual({ a: 22 });
    expect(() => readCached(join(dir, 'missing.yaml'), 'app/missing.yaml')).toThrow(expect.objectContaining({ file: 'app/missing.yaml' }));
  });
});
