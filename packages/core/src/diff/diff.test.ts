import { describe, expect, it } from 'vitest';
import { diffEnvs, diffValues, envDiffJson, formatEnvDiff } from './diff';
import { isPromotable, matchesKeyPattern } from '../config';
import { EXAMPLE_ROOT } from '../test-support/example-workspace';
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
});
