import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExampleWorkspace, REPO_ROOT } from '../../../core/src/test-support/example-workspace';
import { helmBinary, HELM_MAJORS } from '../../../../tools/test/helm';
import { gitopsWithEnv } from '../test-support/fake-io';

const APP = 'deployment/helm/alpha-members';
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
const edit = (file: string, from: string, to: string) => writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));

/** The example workspace with its app made a chart, committed to a fresh git repository. */
function chartRepo(): string {
  const dir = copyExampleWorkspace();
  // the example is a chart of its own now: its templates give way to the test chart's, so the diffs below stay the test chart's
  rmSync(join(dir, APP, 'templates'), { recursive: true, force: true });
  cpSync(join(REPO_ROOT, 'packages/core/src/test-support/charts/honours/templates'), join(dir, APP, 'templates'), { recursive: true });
  writeFileSync(join(dir, APP, 'Chart.yaml'), 'apiVersion: v2\nname: alpha-members\nversion: 0.1.0\n');
  writeFileSync(join(dir, APP, 'templates/secret.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}\nstringData:\n  token: {{ .Values.config.logLevel | quote }}\n');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.name=CI', '-c', 'user.email=ci@example.com', 'commit', '-q', '-m', 'chart');
  return dir;
}

describe.each(HELM_MAJORS)('gitops diff on manifests rendered by helm %i', (major) => {
  const env = { PATH: process.env.PATH };
  const helm = ['--helm', helmBinary(major)];

  it('shows what a change does to each affected release, secrets redacted, from the base ref\'s git objects', async () => {
    const dir = chartRepo();
    edit(join(dir, APP, 'values-prod.yaml'), 'replicaCount: 3', 'replicaCount: 4');
    edit(join(dir, APP, 'values-prod.yaml'), '  minReplicas: 3', '  minReplicas: 4');
    edit(join(dir, APP, 'values-prod.yaml'), '  logLevel: warn', '  logLevel: error');
    const r = await gitopsWithEnv(dir, env, 'diff', '--against', 'HEAD', ...helm);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('alpha-members prod: 2 changed, 0 added, 0 removed\n');
    expect(r.stdout).toContain('--- HorizontalPodAutoscaler alpha-members-prod\n+++ HorizontalPodAutoscaler alpha-members-prod\n');
    expect(r.stdout).toContain('-  minReplicas: 3\n+  minReplicas: 4\n');
    // the Secret changed, and says so, but neither value is shown
    expect(r.stdout).toContain('--- Secret alpha-members-prod\n+++ Secret alpha-members-prod\n@@ -3,4 +3,4 @@\n metadata:\n   name: alpha-members-prod\n stringData:\n-  token: <redacted>\n+  token: <redacted> (changed)\n');
    expect(r.stdout).not.toMatch(/warn|error"/);
    // dev and staging render the same as before, and the base ref's files were never touched
    expect(r.stdout).not.toMatch(/alpha-members (dev|staging)/);
    expect(git(dir, 'status', '--porcelain')).toBe(`M ${APP}/values-prod.yaml`);

    const md = await gitopsWithEnv(dir, env, 'diff', '--against', 'HEAD', '--format', 'markdown', ...helm);
    expect(md.stdout).toMatch(/^<details><summary><b>alpha-members<\/b> prod: 2 changed, 0 added, 0 removed<\/summary>\n\n```diff\n--- /);
    git(dir, 'checkout', '-q', '--', '.');
    expect((await gitopsWithEnv(dir, env, 'diff', '--against', 'HEAD', ...helm)).stdout).toBe('No rendered manifest changes against HEAD.\n');
  });

  it('shows how two envs\' manifests differ, pairing them by template', async () => {
    const dir = chartRepo();
    const r = await gitopsWithEnv(dir, env, 'diff', 'alpha-members', 'staging', 'prod', '--rendered', ...helm);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    // the test chart's templates (with its HPA and Ingress) over the example's: four manifests differ, the PDB only prod has
    expect(r.stdout).toMatch(/^alpha-members staging -> prod: 4 changed, 1 added, 0 removed\n/);
    expect(r.stdout).toContain('--- (none)\n+++ PodDisruptionBudget from alpha-members/templates/pdb.yaml\n');
    expect(r.stdout).toContain('-  name: alpha-members-staging\n+  name: alpha-members-prod\n');
  });

  it('says an app that is not a chart has no manifests to compare', async () => {
    const dir = copyExampleWorkspace();
    // the example is a chart now: its copy is made a non-chart
    rmSync(join(dir, APP, 'Chart.yaml'));
    const r = await gitopsWithEnv(dir, env, 'diff', 'alpha-members', 'staging', 'prod', '--rendered', ...helm);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: deployment\/helm\/alpha-members: alpha-members is not a chart \(no Chart\.yaml in deployment\/helm\/alpha-members\): it renders no manifests to compare/);
  });

  it('names a base ref that does not exist', async () => {
    const r = await gitopsWithEnv(chartRepo(), env, 'diff', '--against', 'no-such-branch', ...helm);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --against: "no-such-branch" is not a commit of this repository/m);
  });
});
