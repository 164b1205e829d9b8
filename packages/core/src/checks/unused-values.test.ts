import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExampleWorkspace } from '../test-support/example-workspace';
import { loadWorkspace } from '../workspace';
import { validateApp, workspaceFindings } from './validate';

describe('values files no Application layers', () => {
  it('are reported once, at the file, and the layers are not', () => {
    const dir = copyExampleWorkspace();
    expect(workspaceFindings(loadWorkspace(dir))).toEqual([]);
    writeFileSync(join(dir, 'deployment/helm/alpha-members/values-prod-old.yaml'), 'replicaCount: 9\n');
    expect(workspaceFindings(loadWorkspace(dir)).map((f) => [f.rule, f.file, f.message])).toEqual([
      ['values-file-unused', 'deployment/helm/alpha-members/values-prod-old.yaml', 'no Application layers values-prod-old.yaml in any env, so editing it changes nothing that is deployed'],
    ]);
  });

  it('reads the folder the leftover-overlay check listed, and sees a file added since', () => {
    const dir = copyExampleWorkspace();
    const ws = loadWorkspace(dir);
    const app = 'deployment/helm/alpha-members';
    writeFileSync(join(dir, app, 'values-qa.yaml'), 'replicaCount: 1\n');
    expect(validateApp(ws, 'alpha-members').filter((f) => f.file.endsWith('-qa.yaml')).map((f) => [f.rule, f.file])).toEqual([['orphan-file', `${app}/values-qa.yaml`]]);
    expect(workspaceFindings(ws).map((f) => [f.rule, f.file])).toEqual([['values-file-unused', `${app}/values-qa.yaml`]]);
    // the same workspace object: a folder that changed is listed again
    writeFileSync(join(dir, app, 'values.local.yaml'), 'replicaCount: 1\n');
    utimesSync(join(dir, app), new Date(), new Date(Date.now() + 5000));
    expect(workspaceFindings(ws).map((f) => [f.rule, f.file])).toEqual([
      ['values-file-unused', `${app}/values-qa.yaml`],
      ['values-file-unused', `${app}/values.local.yaml`],
    ]);
  });

  it('name the app that owns the folder, and no app for a folder several apps share', () => {
    const dir = copyExampleWorkspace();
    const app = 'deployment/helm/alpha-members';
    writeFileSync(join(dir, app, 'values-old.yaml'), 'replicaCount: 9\n');
    const finding = { rule: 'values-file-unused', severity: 'warning', message: 'no Application layers values-old.yaml in any env, so editing it changes nothing that is deployed', file: `${app}/values-old.yaml`, line: 1, column: 1, hint: expect.any(String) };
    expect(workspaceFindings(loadWorkspace(dir))).toEqual([{ ...finding, app: 'alpha-members' }]);
    const apps = join(dir, 'argocd/applications');
    writeFileSync(join(apps, 'beta-staging.yaml'), readFileSync(join(apps, 'alpha-members-staging.yaml'), 'utf8').replace('name: alpha-members-staging', 'name: beta-staging'));
    const ws = loadWorkspace(dir);
    expect(ws.apps.map((a) => a.name)).toEqual(['alpha-members', 'beta']);
    expect(workspaceFindings(ws)).toEqual([finding]);
    // an Nx project reports the folders it owns only
    expect(workspaceFindings(ws, (d) => d !== app)).toEqual([]);
  });
});

