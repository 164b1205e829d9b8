import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffEnvs, diffValues, envDiffJson, formatEnvDiff, type EnvDiff } from './diff';
import { isPromotable, matchesKeyPattern } from '../config';
import { copyExampleWorkspace, EXAMPLE_ROOT } from '../test-support/example-workspace';
import { loadWorkspace } from '../workspace';

describe('key patterns', () => {
  it('matches * as one segment and ** as any depth', () => {
    expect(matchesKeyPattern('config.featureFlags.*', ['config', 'featureFlags', 'beta'])).toBe(true);
    expect(matchesKeyPattern('config.featureFlags.*', ['config', 'featureFlags', 'a', 'b'])).toBe(false);
    expect(matchesKeyPattern('resources.**', ['resources', 'limits', 'cpu'])).toBe(true);
    expect(matchesKeyPattern('ingress.hosts.*.host', ['ingress', 'hosts', 0, 'host'])).toBe(true);
    expect(matchesKeyPattern('image.tag', ['image', 'tags'])).toBe(false);
  });

  it('promotes image tags and the allowlist, never the denylist', () => {
    const ws = loadWorkspace(EXAMPLE_ROOT);
    expect(isPromotable(ws.config, 'alpha-members', ['image', 'tag'])).toBe(true);
    expect(isPromotable(ws.config, 'alpha-members', ['worker', 'image', 'tag'])).toBe(true);
    expect(isPromotable(ws.config, 'alpha-members', ['config', 'featureFlags', 'newCheckout'])).toBe(true);
    expect(isPromotable(ws.config, 'alpha-members', ['resources', 'limits', 'cpu'])).toBe(false);
    expect(isPromotable(ws.config, 'alpha-members', ['config', 'logLevel'])).toBe(false);
    const withOverride = { ...ws.config, promotion: { ...ws.config.promotion, apps: { 'alpha-members': { never: ['image.tag'] } } } };
    expect(isPromotable(withOverride, 'alpha-members', ['image', 'tag'])).toBe(false);
  });
});

describe('diff', () => {
  it('compares leaves, lists whole', () => {
    expect(diffValues({ a: { b: 1, c: [1, 2] }, x: 1 }, { a: { b: 2, c: [1, 2] }, y: 2 })).toEqual([
      { path: ['a', 'b'], kind: 'changed', from: 1, to: 2 },
      { path: ['x'], kind: 'only-in-from', from: 1 },
      { path: ['y'], kind: 'only-in-to', to: 2 },
    ]);
  });

  it("marks what promotion would copy and where each side is set; redacts secrets", () => {
    const d = diffEnvs(loadWorkspace(EXAMPLE_ROOT), 'alpha-members', 'dev', 'staging');
    const tag = d.entries.find((e) => e.key === 'image.tag');
    expect(tag).toMatchObject({ kind: 'changed', from: 'dev-latest', to: '', promotable: true });
    expect(tag?.toAt).toMatchObject({ file: 'deployment/helm/alpha-members/values-staging.yaml', line: 5 });
    const text = formatEnvDiff(d);
    expect(text).toContain('~ image.tag: "dev-latest" -> ""  [promotable]');
    expect(text).toContain('~ replicaCount: 1 -> 2  [pinned per env]');
    expect(text).toContain('~ mongodb.auth.rootPassword: <redacted> -> <redacted>  [pinned per env]');
    expect(text).toContain('~ mongodb.auth.database: "member_db" -> ""  [pinned per env]');
    expect(text + JSON.stringify(envDiffJson(d))).not.toMatch(/devpassword|devredis|devadmin/);
  });

  it('walks into a map one side lacks, keeps an empty one whole, and reports a map turned scalar as changed', () => {
    expect(diffValues({ gone: { a: 1, b: { c: 2 } }, emptyGone: {}, shape: { x: 1 } }, { added: { d: 3 }, emptyAdded: {}, shape: 'flat' })).toEqual([
      { path: ['added', 'd'], kind: 'only-in-to', to: 3 },
      { path: ['emptyAdded'], kind: 'only-in-to', to: {} },
      { path: ['emptyGone'], kind: 'only-in-from', from: {} },
      { path: ['gone', 'a'], kind: 'only-in-from', from: 1 },
      { path: ['gone', 'b', 'c'], kind: 'only-in-from', from: 2 },
      { path: ['shape'], kind: 'changed', from: { x: 1 }, to: 'flat' },
    ]);
  });

  it('says where each side is set, and only for the side that has the key', () => {
    const d = diffEnvs(loadWorkspace(EXAMPLE_ROOT), 'alpha-members', 'dev', 'staging');
    expect(d.entries.filter((e) => e.kind !== 'changed')).toStrictEqual([
      {
        path: ['ingress', 'annotations', 'cert-manager.io/cluster-issuer'],
        kind: 'only-in-to',
        to: 'letsencrypt-staging',
        key: 'ingress.annotations["cert-manager.io/cluster-issuer"]',
        promotable: false,
        secret: false,
        toAt: { file: 'deployment/helm/alpha-members/values-staging.yaml', line: 28, column: 37 },
      },
      {
        path: ['podAnnotations', 'sidecar.istio.io/inject'],
        kind: 'only-in-from',
        from: 'false',
        key: 'podAnnotations["sidecar.istio.io/inject"]',
        promotable: false,
        secret: false,
        fromAt: { file: 'deployment/helm/alpha-members/values-dev.yaml', line: 29, column: 28 },
      },
    ]);
    const staging = readFileSync(join(EXAMPLE_ROOT, 'deployment/helm/alpha-members/values-staging.yaml'), 'utf8').split('\n');
    expect(staging[27].slice(36)).toBe('letsencrypt-staging');
  });

  it('names an unknown env on either side, with the closest declared one', () => {
    const ws = loadWorkspace(EXAMPLE_ROOT);
    expect(() => diffEnvs(ws, 'alpha-members', 'stagin', 'prod')).toThrow('unknown environment "stagin"; did you mean "staging"?');
    expect(() => diffEnvs(ws, 'alpha-members', 'dev', 'production')).toThrow('unknown environment "production"');
  });

  it('never marks promotable a key only the target has, nor a map the source turned into a scalar', () => {
    const dir = copyExampleWorkspace();
    try {
      const overlay = (env: string, flags: string) => {
        const file = join(dir, `deployment/helm/alpha-members/values-${env}.yaml`);
        writeFileSync(file, readFileSync(file, 'utf8').replace('config:\n', `config:\n  featureFlags:\n${flags}`));
      };
      overlay('staging', '    checkout: true\n    shape: flat\n    emptied: {}\n');
      overlay('prod', '    checkout: false\n    shape:\n      a: 1\n    prodOnly: true\n');
      const d = diffEnvs(loadWorkspace(dir), 'alpha-members', 'staging', 'prod');
      const flags = d.entries.filter((e) => e.path[1] === 'featureFlags').map((e) => [e.key, e.kind, e.promotable]);
      expect(flags).toEqual([
        ['config.featureFlags.checkout', 'changed', true],
        ['config.featureFlags.emptied', 'only-in-from', true],
        ['config.featureFlags.prodOnly', 'only-in-to', false],
        ['config.featureFlags.shape', 'changed', false],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the diff as people and scripts read it', () => {
  const at = (line: number) => ({ file: 'values-x.yaml', line, column: 3 });
  const diff: EnvDiff = {
    app: 'shop',
    from: 'staging',
    to: 'prod',
    entries: [
      { path: ['image', 'tag'], key: 'image.tag', kind: 'changed', from: '1.2.0', to: '1.1.0', promotable: true, secret: false, fromAt: at(1), toAt: at(2) },
      // secret by what sits next to it, not by its name: only the secret flag redacts these
      { path: ['db', 'conn'], key: 'db.conn', kind: 'changed', from: 'hunter2', to: 'hunter3', promotable: false, secret: true, fromAt: at(3), toAt: at(4) },
      { path: ['api', 'url'], key: 'api.url', kind: 'only-in-from', from: 'https://bot:s3cr3tpw@api.example.com/v1', promotable: true, secret: false, fromAt: at(5) },
      { path: ['old', 'blob'], key: 'old.blob', kind: 'only-in-from', from: 'old-s3cr3t', promotable: false, secret: true, fromAt: at(7) },
      { path: ['cache', 'seed'], key: 'cache.seed', kind: 'only-in-to', to: 'tok-123', promotable: false, secret: true, toAt: at(6) },
    ],
    secrets: [
      { key: 'a-both', status: 'in-both' },
      { key: 'b-differs', status: 'different-value' },
      { key: 'c-from', status: 'only-in-from' },
      { key: 'd-to', status: 'only-in-to' },
      { key: 'e-same', status: 'same-value' },
    ],
  };

  it('lists changed, then only-in-from, then only-in-to, counts what promotes, and names secret keys by status', () => {
    expect(formatEnvDiff(diff).split('\n')).toEqual([
      'shop: staging -> prod',
      '  changed:',
      '    ~ image.tag: "1.2.0" -> "1.1.0"  [promotable]',
      '    ~ db.conn: <redacted> -> <redacted>  [pinned per env]',
      '  only in staging:',
      '    - api.url: "<redacted>"  [promotable]',
      '    - old.blob: <redacted>  [pinned per env]',
      '  only in prod:',
      '    + cache.seed: <redacted>  [pinned per env]',
      '  5 differences, 2 promotable.',
      '  secret keys:',
      '    - c-from: only in staging: promotion leaves prod without it',
      '    + d-to: only in prod',
      '    = e-same: the same value in staging and prod',
      '',
    ]);
  });

  it('says so when the values are the same, and leaves out the secret keys that need no word', () => {
    const same = { ...diff, entries: [], secrets: diff.secrets.slice(0, 2) };
    expect(formatEnvDiff(same)).toBe('shop: staging and prod have the same effective values.\n');
    const one = { ...diff, entries: diff.entries.slice(0, 1), secrets: [] };
    expect(formatEnvDiff(one)).toBe('shop: staging -> prod\n  changed:\n    ~ image.tag: "1.2.0" -> "1.1.0"  [promotable]\n  1 difference, 1 promotable.\n');
  });

  it('gives scripts the same entries as data, secrets redacted and the side a key lacks left out', () => {
    const json = envDiffJson(diff) as { entries: unknown[] };
    expect(json).toStrictEqual({
      ...diff,
      entries: [
        { key: 'image.tag', kind: 'changed', from: '1.2.0', to: '1.1.0', promotable: true, secret: false, fromAt: at(1), toAt: at(2) },
        { key: 'db.conn', kind: 'changed', from: '<redacted>', to: '<redacted>', promotable: false, secret: true, fromAt: at(3), toAt: at(4) },
        { key: 'api.url', kind: 'only-in-from', from: '<redacted>', to: undefined, promotable: true, secret: false, fromAt: at(5) },
        { key: 'old.blob', kind: 'only-in-from', from: '<redacted>', to: undefined, promotable: false, secret: true, fromAt: at(7) },
        { key: 'cache.seed', kind: 'only-in-to', from: undefined, to: '<redacted>', promotable: false, secret: true, toAt: at(6) },
      ],
    });
    expect(JSON.stringify(json)).not.toMatch(/hunter|s3cr3t|tok-123/);
  });
});

