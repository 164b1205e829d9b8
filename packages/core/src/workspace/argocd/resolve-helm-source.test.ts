import { describe, expect, it } from 'vitest';
import { UserError } from '../../common';
import { helmTemplateArgs } from './helm-args';
import { resolveHelmSource } from './resolve-helm-source';
import { discoverIn, TEST_REPO as REPO } from './test-support/disk-discovery';

// The values Argo CD deploys for one Helm source, with where each value is written: helm's
// order (chart defaults, value files, inline values, --set, --set-string, --set-file).
const FILE = 'argocd/web.yaml';

function resolve(helm: string, files: Record<string, string | undefined> = {}) {
  const { root, d } = discoverIn({
    'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
    'charts/web/values.yaml': 'replicas: 1\nimage: {tag: latest, pull: Always}\nlabels: {team: a}\n',
    [FILE]: `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: web-prod
spec:
  destination: {server: https://kubernetes.default.svc}
  source:
    repoURL: ${REPO}
    path: charts/web
    helm:
${helm}`,
    ...files,
  });
  return { root, plan: d.plans[0], findings: d.findings, resolve: () => resolveHelmSource(root, d.plans[0]) };
}

/** Where the UserError that resolving throws points. */
function errorAt(broken: { resolve: () => unknown }): { file?: string; line?: number; column?: number } {
  try {
    broken.resolve();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    const { file, line, column } = e as UserError;
    return { file, line, column };
  }
  throw new Error('resolving did not throw');
}

describe('resolveHelmSource', () => {
  it('layers value files, then inline values, then parameters, each value at the line that sets it', () => {
    const { resolve: r, findings } = resolve(
      `      valueFiles: [values-prod.yaml]
      values: |
        labels:
          tier: web
        image: {pull: IfNotPresent}
      parameters:
      - {name: image.tag, value: "1.2"}
      - {name: replicas, value: "3"}
      - {name: replicas, value: "4"}
      - {name: note, value: "a,b"}
      - {name: hosts, value: "{x,y}"}
      - {name: flag, value: "true", forceString: true}
      - {name: image.tag, value: "2.0", forceString: true}
      fileParameters:
      - {name: config, path: files/config.txt}
`,
      { 'charts/web/values-prod.yaml': 'replicas: 2\nlabels:\n  env: prod\n', 'charts/web/files/config.txt': 'line one\n' },
    );
    expect(findings).toEqual([]);
    const res = r();
    expect(res.values).toEqual({ replicas: 4, image: { tag: '2.0', pull: 'IfNotPresent' }, labels: { team: 'a', env: 'prod', tier: 'web' }, note: 'a,b', hosts: ['x', 'y'], flag: 'true', config: 'line one\n' });
    expect(res.originOf(['labels', 'team'])).toEqual({ file: 'charts/web/values.yaml', line: 3, column: 16 });
    expect(res.originOf(['labels', 'env'])).toEqual({ file: 'charts/web/values-prod.yaml', line: 3, column: 8 });
    // The inline block's lines are the Application's lines.
    expect(res.originOf(['labels', 'tier'])).toEqual({ file: FILE, line: 14, column: 17 });
    expect(res.originOf(['image', 'pull'])).toEqual({ file: FILE, line: 15, column: 23 });
    expect(res.originOf(['replicas'])).toEqual({ file: FILE, line: 19, column: 33 });
    expect(res.originOf(['image', 'tag'])).toEqual({ file: FILE, line: 23, column: 34 });
    expect(res.originOf(['config'])).toEqual({ file: FILE, line: 25, column: 30 });
    expect(res.originOf(['nope'])).toBeUndefined();
    expect(res.encrypted).toEqual([]);
    expect(res.defaults?.file).toBe('charts/web/values.yaml');
  });

  it('places valuesObject values at their keys in the Application, and hands helm the same order', () => {
    const { root, plan, resolve: r } = resolve(`      valuesObject:\n        replicas: 5\n        labels: {tier: api}\n`);
    const res = r();
    expect(res.values).toEqual({ replicas: 5, image: { tag: 'latest', pull: 'Always' }, labels: { team: 'a', tier: 'api' } });
    expect(res.originOf(['replicas'])).toEqual({ file: FILE, line: 12, column: 19 });
    expect(res.originOf(['labels', 'tier'])).toEqual({ file: FILE, line: 13, column: 24 });
    expect(helmTemplateArgs(root, plan, '/tmp/inline.yaml')).toEqual(['--namespace', 'default', '--values', '/tmp/inline.yaml']);
  });

  it('names the Application and the line of inline values or a parameter helm cannot read', () => {
    const inline = resolve(`      values: |\n        a: 1\n        b: [unclosed\n`);
    expect(() => inline.resolve()).toThrow(UserError);
    try {
      inline.resolve();
    } catch (e) {
      expect((e as UserError).message).toMatch(/^helm\.values of Application "web-prod": /);
      expect((e as UserError).file).toBe(FILE);
      expect((e as UserError).line).toBeGreaterThanOrEqual(12);
    }
    const param = resolve(`      parameters:\n      - {name: "a[x]", value: "1"}\n`);
    try {
      param.resolve();
      expect.unreachable();
    } catch (e) {
      expect((e as UserError).message).toMatch(/^helm parameter of Application "web-prod" cannot be applied: /);
      expect({ file: (e as UserError).file, line: (e as UserError).line, column: (e as UserError).column }).toEqual({ file: FILE, line: 12, column: 31 });
      expect((e as UserError).hint).toBe('Parameter names use Helm --set syntax: a.b, a[0].b, a\\.b.');
    }
  });

  it('places each line of a values block that starts with blank lines, and the line of an error in it', () => {
    const block = resolve(`      values: |\n\n          labels:\n            tier: web\n`);
    expect(block.resolve().originOf(['labels', 'tier'])).toEqual({ file: FILE, line: 14, column: 19 });
    expect(errorAt(resolve(`      values: |\n        a: 1\n        b: [unclosed\n`))).toEqual({ file: FILE, line: 14, column: 9 });
  });

  it('places an error in the middle of an inline values line at its column', () => {
    expect(errorAt(resolve(`      values: |\n        a: 1\n        b: c: d\n`))).toEqual({ file: FILE, line: 13, column: 12 });
  });

  it('keeps opaque only the values an encrypted file sets last', () => {
    const enc = (data: string) => `ENC[AES256_GCM,data:${data},iv:aXY=,tag:dGFn,type:str]`;
    const { resolve: r } = resolve(`      valueFiles: [secrets.yaml, values-prod.yaml]\n`, {
      'charts/web/secrets.yaml': `password: ${enc('cGFzcw==')}\ntoken: ${enc('dG9r')}\napiKey: ${enc('a2V5')}\nsops:\n  mac: ${enc('bWFj')}\n  version: 3.9.0\n`,
      // a later plain file overrides one key and deletes another (null over a chart default)
      'charts/web/values.yaml': 'replicas: 1\napiKey: ""\n',
      'charts/web/values-prod.yaml': 'token: from-the-plain-file\napiKey: null\n',
    });
    const res = r();
    expect(res.encrypted).toEqual(['charts/web/secrets.yaml']);
    expect(res.opaque).toEqual([['password']]);
    expect(res.values.token).toBe('from-the-plain-file');
    expect('apiKey' in res.values).toBe(false);
  });

  it('skips a missing value file Argo CD ignores, and gives no defaults for a chart without values.yaml', () => {
    const { resolve: r, findings } = resolve(`      ignoreMissingValueFiles: true\n      valueFiles: [missing.yaml, values-prod.yaml]\n`, { 'charts/web/values.yaml': '', 'charts/web/values-prod.yaml': 'replicas: 2\n' });
    expect(findings).toEqual([]);
    const res = r();
    expect(res.values).toEqual({ replicas: 2 });
    const bare = resolve(`      valueFiles: [values-prod.yaml]\n`, { 'charts/web/values.yaml': undefined, 'charts/web/values-prod.yaml': 'replicas: 2\n' });
    const none = bare.resolve();
    expect(none.values).toEqual({ replicas: 2 });
    expect(none.defaults).toBeUndefined();
    expect('defaults' in none).toBe(false);
  });
});
