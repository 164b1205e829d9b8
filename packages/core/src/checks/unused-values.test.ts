import { utimesSync, writeFileSync } from 'node:fs';
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
});
