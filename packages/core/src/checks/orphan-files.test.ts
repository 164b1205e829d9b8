import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeJournal } from '../common';
import { lintApp } from './lint/lint-app';
import { copyExampleWorkspace } from '../test-support/example-workspace';
import { validateApp } from './validate';
import { loadWorkspace } from '../workspace';

const APP = 'deployment/helm/alpha-members';

/** What `nx g env --name=qa` killed mid-write leaves: qa's overlay and Application, gitops.yaml without qa, and its journal. */
function halfWrittenEnv(): string {
  const dir = copyExampleWorkspace();
  writeFileSync(join(dir, APP, 'values-qa.yaml'), '# qa overrides\n');
  writeFileSync(join(dir, 'argocd/applications/alpha-members-qa.yaml'), 'kind: Application\n');
  writeJournal(dir, {
    id: '1-x',
    by: 'nx g env',
    entries: [
      { path: `${APP}/values-qa.yaml`, before: null },
      { path: 'argocd/applications/alpha-members-qa.yaml', before: null },
      { path: 'gitops.yaml', before: 'YQ==' },
    ],
    createdDirs: [],
  });
  return dir;
}

const leftovers = (findings: { rule: string; file: string; message: string }[]) =>
  findings.filter((f) => f.rule === 'orphan-file' || f.rule === 'interrupted-write').map((f) => `${f.file}: ${f.message}`);

describe('leftovers of a half-written env', () => {
  const expected = [
    '.gitops/pending-write.json: nx g env was interrupted while writing 3 files, 2 of them alpha-members\'s: they may be half-written',
    'argocd/applications/alpha-members-qa.yaml: an Argo CD Application for env "qa", which gitops.yaml does not declare',
    `${APP}/values-qa.yaml: an overlay for env "qa", which gitops.yaml does not declare`,
  ];

  it('are errors of validate', () => {
    const findings = validateApp(loadWorkspace(halfWrittenEnv()), 'alpha-members');
    expect(leftovers(findings)).toEqual(expected);
    expect(findings.filter((f) => f.rule === 'orphan-file').every((f) => f.severity === 'error')).toBe(true);
  });

  it('are errors of lint', () => {
    expect(leftovers(lintApp(loadWorkspace(halfWrittenEnv()), 'alpha-members'))).toEqual(expected);
  });

  it('leave declared envs, their clusters and other apps\' Applications alone', () => {
    const dir = copyExampleWorkspace();
    writeFileSync(join(dir, 'argocd/applications/alpha-members-prod-in-cluster.yaml'), 'kind: Application\n');
    writeFileSync(join(dir, 'argocd/applications/alpha-members-extra-qa.yaml'), 'kind: Application\n');
    writeFileSync(join(dir, 'argocd/applications/unrelated.yaml'), 'kind: Application\n');
    const findings = validateApp(loadWorkspace(dir), 'alpha-members');
    expect(leftovers(findings)).toEqual(['argocd/applications/alpha-members-extra-qa.yaml: an Argo CD Application for env "extra-qa", which gitops.yaml does not declare']);
  });

  it('are found in a workspace read before they were written', () => {
    const dir = copyExampleWorkspace();
    const ws = loadWorkspace(dir);
    expect(leftovers(validateApp(ws, 'alpha-members'))).toEqual([]);
    writeFileSync(join(dir, 'argocd/applications/alpha-members-qa.yaml'), 'kind: Application\n');
    expect(leftovers(validateApp(ws, 'alpha-members'))).toEqual(['argocd/applications/alpha-members-qa.yaml: an Argo CD Application for env "qa", which gitops.yaml does not declare']);
  });
});

describe('overlays of undeclared envs', () => {
  it('are the files so named, not folders or links', () => {
    const dir = copyExampleWorkspace();
    writeFileSync(join(dir, APP, 'values-legacy.yaml'), 'replicaCount: 1\n');
    mkdirSync(join(dir, APP, 'values-archive.yaml'));
    symlinkSync('values.yaml', join(dir, APP, 'values-linked.yaml'));
    const found = leftovers(validateApp(loadWorkspace(dir), 'alpha-members'));
    expect(found).toEqual([`${APP}/values-legacy.yaml: an overlay for env "legacy", which gitops.yaml does not declare`]);
  });
});

describe('leftover severities and ownership', () => {
  it('take the production setting of orphan-file and interrupted-write, which an undeclared env has no tier to change', () => {
    const dir = halfWrittenEnv();
    writeFileSync(join(dir, 'gitops.yaml'), `${readFileSync(join(dir, 'gitops.yaml'), 'utf8')}\npolicy:\n  tiers:\n    production:\n      rules:\n        orphan-file: warning\n        interrupted-write: off\n`);
    const findings = validateApp(loadWorkspace(dir), 'alpha-members').filter((f) => f.rule === 'orphan-file' || f.rule === 'interrupted-write');
    expect(findings.map((f) => `${f.severity} ${f.rule} ${f.file}:${f.line}:${f.column} ${f.app}`)).toEqual([
      `warning orphan-file argocd/applications/alpha-members-qa.yaml:1:1 alpha-members`,
      `warning orphan-file ${APP}/values-qa.yaml:1:1 alpha-members`,
    ]);
    writeFileSync(join(dir, 'gitops.yaml'), readFileSync(join(dir, 'gitops.yaml'), 'utf8').replace('orphan-file: warning', 'orphan-file: off'));
    expect(leftovers(validateApp(loadWorkspace(dir), 'alpha-members'))).toEqual([]);
  });

  it("count an interrupted write's Applications by the app whose name each file starts with", () => {
    const dir = copyExampleWorkspace();
    writeJournal(dir, {
      id: '1-x',
      by: 'nx g app',
      entries: ['argocd/applications/alpha-qa.yaml', 'argocd/applications/alpha-members-qa.yaml', 'argocd/applications/alphamembers.yaml', 'argocd/other/alpha-members-x.yaml', `${APP}-old/values.yaml`].map((path) => ({ path, before: null })),
      createdDirs: [],
    });
    expect(leftovers(validateApp(loadWorkspace(dir), 'alpha-members'))).toEqual([
      ".gitops/pending-write.json: nx g app was interrupted while writing 5 files, 1 of them alpha-members's: they may be half-written",
    ]);
  });
});
