import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GitopsConfig } from '../config';
import { copyExampleWorkspace, EXAMPLE_ROOT } from '../test-support/example-workspace';
import { assertAppGlobsMatch, deploymentByApplication, discoverApps, envChain, findWorkspaceRoot, getApp, getEnv, loadWorkspace } from './workspace';

function appFolders(dirs: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'hvm-apps-'));
  for (const d of dirs) {
    mkdirSync(join(root, d), { recursive: true });
    writeFileSync(join(root, d, 'values.yaml'), 'replicaCount: 1\n');
  }
  return root;
}

describe('app names', () => {
  it('are folder names, with as many parent folders as it takes to tell two apart', () => {
    const root = appFolders(['teams/a/api', 'teams/b/api', 'teams/a/web', 'x/a/db', 'y/a/db']);
    const config = { apps: ['teams/*/*', 'x/*/*', 'y/*/*'], layouts: [] } as unknown as GitopsConfig;
    expect(discoverApps(root, config).map((a) => `${a.name} <- ${a.dir}`)).toEqual([
      'a-api <- teams/a/api',
      'b-api <- teams/b/api',
      'web <- teams/a/web',
      'x-a-db <- x/a/db',
      'y-a-db <- y/a/db',
    ]);
  });
});

describe('workspace lookups', () => {
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (e) {
      const u = e as import('../common').UserError;
      return { message: u.message, hint: u.hint, ...(u.file ? { file: u.file, line: u.line, column: u.column } : {}) };
    }
    throw new Error('no refusal');
  };

  it('names the apps, envs and Applications there are when one is unknown, with a guess', () => {
    const ws = loadWorkspace(EXAMPLE_ROOT);
    expect(getApp(ws, 'alpha-members').dir).toBe('deployment/helm/alpha-members');
    expect(refusal(() => getApp(ws, 'alpha-member'))).toEqual({ message: 'unknown app "alpha-member"; did you mean "alpha-members"?', hint: 'Apps are what the Argo CD Applications deploy and the folders matching deployment/helm/* that hold a values.yaml: alpha-members.' });
    expect(refusal(() => getEnv(ws, 'zzz'))).toEqual({ message: 'unknown environment "zzz"', hint: 'Environments declared in gitops.yaml: dev, staging, prod.' });
    expect(refusal(() => getEnv(ws, 'prd')).message).toBe('unknown environment "prd"; did you mean "prod"?');
    expect(deploymentByApplication(ws, 'alpha-members-dev').env).toBe('dev');
    expect(refusal(() => deploymentByApplication(ws, 'alpha-members-dve'))).toEqual({
      message: 'no Argo CD Application named "alpha-members-dve"; did you mean "alpha-members-dev"?',
      hint: 'Applications found under argocd/applications: alpha-members-dev, alpha-members-prod, alpha-members-staging.',
    });
  });

  it('layers an env after its ancestors, outermost first, and finds the workspace root above a folder', () => {
    const root = copyExampleWorkspace();
    writeFileSync(join(root, 'gitops.yaml'), readFileSync(join(root, 'gitops.yaml'), 'utf8').replace('  - name: prod\n', '  - name: prod\n    parent: staging\n'));
    const ws = loadWorkspace(root);
    expect(envChain(ws, 'prod').map((e) => e.name)).toEqual(['staging', 'prod']);
    expect(envChain(ws, 'dev').map((e) => e.name)).toEqual(['dev']);
    expect(findWorkspaceRoot(join(root, 'deployment/helm/alpha-members'))).toBe(root);
    const nowhere = mkdtempSync(join(tmpdir(), 'hvm-nowhere-'));
    expect(refusal(() => findWorkspaceRoot(nowhere))).toEqual({ message: `no gitops.yaml found in ${nowhere} or any folder above it`, hint: 'Run this inside a workspace, or create gitops.yaml at its root (see README.md).' });
  });

  it('refuses an apps glob that matches no app folder, at its line in gitops.yaml', () => {
    const root = copyExampleWorkspace();
    const text = readFileSync(join(root, 'gitops.yaml'), 'utf8').replace('apps: deployment/helm/*\n', 'apps:\n  - deployment/helm/*\n  - charts/*\n  - other/*\n');
    writeFileSync(join(root, 'gitops.yaml'), text);
    expect(refusal(() => assertAppGlobsMatch(loadWorkspace(root)))).toEqual({
      message: 'the apps glob "charts/*" (and "other/*") matches no app folder (a folder holding values.yaml), so nothing would be checked',
      hint: 'Fix the glob or remove it from apps in gitops.yaml.',
      file: 'gitops.yaml',
      line: text.split('\n').indexOf('  - charts/*') + 1,
      column: 5,
    });
    expect(() => assertAppGlobsMatch(loadWorkspace(EXAMPLE_ROOT))).not.toThrow();
  });
});
