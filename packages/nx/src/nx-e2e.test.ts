import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmBinary } from '../../../tools/test/helm';
import { REPO_ROOT } from '../../core/src/test-support/example-workspace';
import { gitopsBin, nx } from '../../core/src/test-support/e2e-workspace';
import { workspaceWithApps } from './test-support/nx-workspace';

/** The tasks a run started: Nx prints `> nx run APP:TARGET` for each. */
const tasksRun = (out: string) => [...new Set(out.match(/nx run \S+:validate/g) ?? [])];

/** The matrix a status page embeds: per app its name and, per env, the tag first. */
function matrixOf(html: string): { envs: string[]; base: string; apps: [string, [string, ...unknown[]][]][] } {
  const json = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html)?.[1];
  return JSON.parse(json ?? 'null');
}

const ELSEWHERE = `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: elsewhere
  namespace: argocd
spec:
  generators:
    - git:
        repoURL: https://github.com/org/other.git
        revision: main
        directories:
          - path: apps/*
  template:
    metadata:
      name: '{{path.basename}}'
    spec:
      project: default
      source:
        repoURL: https://github.com/org/other.git
        targetRevision: main
        path: '{{path}}'
      destination:
        server: https://kubernetes.default.svc
        namespace: production
`;

describe('validate through the real nx binary', () => {
  it('passes a clean workspace, serves the re-run from the cache, and re-runs only what a change affects', () => {
    const dir = workspaceWithApps(['beta', 'gamma']);
    const cold = nx(dir, ['run-many', '-t', 'validate', '--output-style=static']);
    expect(cold.code, cold.stdout + cold.stderr).toBe(0);
    // beta, gamma, alpha-members and the workspace project (what belongs to no one app)
    expect(cold.stdout).toMatch(/Successfully ran target validate for 4 projects/);

    const warm = nx(dir, ['run-many', '-t', 'validate', '--output-style=static']);
    expect(warm.code).toBe(0);
    expect(warm.stdout).toMatch(/Nx read the output from the cache instead of running the command for 4 out of 4 tasks/);

    appendFileSync(join(dir, 'deployment/helm/beta/values-staging.yaml'), '# reviewed\n');
    const affected = nx(dir, ['affected', '-t', 'validate', '--base=HEAD', '--output-style=static']);
    expect(affected.code, affected.stdout).toBe(0);
    // the workspace's own checks read no app's overlay: one task
    expect(tasksRun(affected.stdout)).toEqual(['nx run beta:validate']);
  });

  it('reports each workspace finding once, in the task whose inputs it depends on, and a cached run restores them all', () => {
    const dir = workspaceWithApps(['beta', 'gamma']);
    const affected = () => tasksRun(nx(dir, ['affected', '-t', 'validate', '--base=HEAD', '--output-style=static']).stdout).sort();
    const reset = () => execFileSync('git', ['checkout', '-q', '--', '.'], { cwd: dir });
    // An Application is read by the workspace's checks (an undeclared env is theirs) and by the app it deploys.
    appendFileSync(join(dir, 'argocd/applications/gamma-prod.yaml'), '# reviewed\n');
    expect(affected()).toEqual(['nx run gamma:validate', 'nx run gitops:validate']);
    reset();

    // A values file nothing layers, in beta's folder: beta's finding, found by beta's task alone.
    writeFileSync(join(dir, 'deployment/helm/beta/values.backup.yaml'), 'replicaCount: 9\n');
    expect(affected()).toEqual(['nx run beta:validate']);
    // An ApplicationSet that generates from another repository: what it makes is unknown here, the workspace's finding.
    writeFileSync(join(dir, 'argocd/applications/elsewhere.yaml'), ELSEWHERE);
    const run = nx(dir, ['run-many', '-t', 'validate', '--output-style=static']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const owners = (file: string) => readdirSync(join(dir, 'dist/reports/validate')).filter((f) => readFileSync(join(dir, 'dist/reports/validate', f), 'utf8').includes(file));
    expect(owners('deployment/helm/beta/values.backup.yaml')).toEqual(['beta.json']);
    expect(owners('argocd/applications/elsewhere.yaml')).toEqual(['gitops.json']);
    const report = () => {
      const r = gitopsBin(dir, ['report', 'dist/reports', '--format', 'json']);
      return (JSON.parse(r.stdout) as { findings: { rule: string; file: string }[] }).findings;
    };
    const first = report();
    expect(first.filter((f) => f.file === 'deployment/helm/beta/values.backup.yaml').map((f) => f.rule)).toEqual(['values-file-unused']);
    expect(first.filter((f) => f.file === 'argocd/applications/elsewhere.yaml').map((f) => f.rule)).toEqual(['argocd-generator-unsupported']);
    // what gitops validate finds, no more and no fewer
    const direct = JSON.parse(gitopsBin(dir, ['validate', '--output', 'json']).stdout) as { findings: { rule: string; file: string }[] };
    const key = (f: { rule: string; file: string }) => `${f.rule} ${f.file}`;
    expect(first.map(key).sort()).toEqual(direct.findings.map(key).sort());

    rmSync(join(dir, 'dist'), { recursive: true });
    const cached = nx(dir, ['run-many', '-t', 'validate', '--output-style=static']);
    expect(cached.stdout).toMatch(/from the cache instead of running the command for 4 out of 4 tasks/);
    expect(report()).toEqual(first);
  });

  it('restores the findings reports from the cache, so gitops report loses nothing on a cached run', () => {
    // The example's dev overlay holds plaintext passwords: warnings, so the tasks pass and are cached.
    const dir = workspaceWithApps(['beta']);
    const report = () => {
      const r = gitopsBin(dir, ['report', 'dist/reports', '--format', 'json']);
      return (JSON.parse(r.stdout) as { findings: { rule: string; file: string; line: number }[] }).findings;
    };
    expect(nx(dir, ['run-many', '-t', 'validate', '--output-style=static']).code).toBe(0);
    const first = report();
    expect(first).toContainEqual(expect.objectContaining({ rule: 'plaintext-secret', file: 'deployment/helm/beta/values-dev.yaml', line: 35 }));
    rmSync(join(dir, 'dist'), { recursive: true });
    const cached = nx(dir, ['run-many', '-t', 'validate', '--output-style=static']);
    expect(cached.stdout).toMatch(/from the cache instead of running the command for 3 out of 3 tasks/);
    expect(report()).toEqual(first);
  });

  it('fails only the broken app, at its file:line:col, and the other apps still report', () => {
    const dir = workspaceWithApps(['beta', 'gamma']);
    const overlay = join(dir, 'deployment/helm/beta/values-prod.yaml');
    writeFileSync(overlay, readFileSync(overlay, 'utf8').replace('memory: 1Gi', 'memory: 1GB'));
    const r = nx(dir, ['run-many', '-t', 'validate', '--output-style=static']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toContain('deployment/helm/beta/values-prod.yaml:17:13');
    expect(tasksRun(r.stdout).sort()).toEqual(['nx run alpha-members:validate', 'nx run beta:validate', 'nx run gamma:validate', 'nx run gitops:validate']);
    expect(r.stdout.match(/^0 errors, \d+ warnings$/gm)).toHaveLength(2);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .*\.ts:\d+/);
  });

  it('runs every app in one process with no setting, and reports the same as with one process per task', () => {
    const dir = workspaceWithApps(['beta']);
    const overlay = join(dir, 'deployment/helm/beta/values-prod.yaml');
    writeFileSync(overlay, readFileSync(overlay, 'utf8').replace('memory: 1Gi', 'memory: 1GB'));
    const reports = () => ['alpha-members', 'beta'].map((a) => readFileSync(join(dir, `dist/reports/validate/${a}.json`), 'utf8'));
    // The workspace's .env does not set NX_BATCH_MODE: the executors prefer batches (executors.json).
    expect(readFileSync(join(dir, '.env'), 'utf8')).not.toMatch(/NX_BATCH_MODE/);
    const inBatch = nx(dir, ['run-many', '-t', 'validate', '--skip-nx-cache', '--output-style=static']);
    expect(inBatch.stdout).toContain('Running 3 tasks with @helm-values-manager/nx:validate');
    const batched = reports();
    const perTask = nx(dir, ['run-many', '-t', 'validate', '--skip-nx-cache', '--output-style=static'], '', { NX_BATCH_MODE: 'false' });
    expect(perTask.stdout).not.toContain('with @helm-values-manager/nx:validate');
    expect(reports()).toEqual(batched);
    expect(perTask.code).toBe(inBatch.code);
    expect(batched[1]).toContain('1GB');
  });

  it('renders every app, and a cached run restores dist/rendered', () => {
    const dir = workspaceWithApps(['beta']);
    const first = nx(dir, ['run-many', '-t', 'render', 'lint', '--output-style=static']);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    // the example is a chart: its ExternalSecret is the chart's own, inside manifests.yaml when helm is there
    const prod = join(dir, 'dist/rendered/beta/prod/values.yaml');
    const rendered = readFileSync(prod, 'utf8');
    expect(rendered).toContain('name: vault-production');
    expect(existsSync(join(dir, 'dist/reports/lint/beta.json'))).toBe(true);
    rmSync(join(dir, 'dist'), { recursive: true });
    const again = nx(dir, ['run-many', '-t', 'render', '--output-style=static']);
    expect(again.stdout).toMatch(/from the cache instead of running the command for 2 out of 2 tasks/);
    expect(readFileSync(prod, 'utf8')).toBe(rendered);
  });

  it('plans a promotion of one app through its promote target, and diffs two envs', () => {
    const dir = workspaceWithApps(['beta']);
    expect(gitopsBin(dir, ['set-image', 'beta', 'staging', '1.4.2']).code).toBe(0);
    const plan = nx(dir, ['run', 'beta:promote', '--from=staging', '--to=prod', '--dryRun', '--output-style=static']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    // prod's tag is its Application's helm parameter (what Argo CD deploys): that is what the plan changes.
    expect(plan.stdout).toContain('image.tag: "$ARGOCD_APP_REVISION" -> "1.4.2"  [argocd/applications/beta-prod.yaml:18]');
    expect(plan.stdout).toContain('Gate: passes');
    expect(plan.stdout).not.toContain('alpha-members (');
    const diff = nx(dir, ['run', 'beta:diff', '--output-style=static']);
    expect(diff.stdout).toContain('~ image.tag: "1.4.2" -> "$ARGOCD_APP_REVISION"  [promotable]');
  });

  it('writes the status page of the workspace from its report target, cached until an app changes', () => {
    const dir = workspaceWithApps(['beta']);
    const page = join(dir, 'dist/reports/status.html');
    const first = nx(dir, ['run', 'gitops:report', '--output-style=static']);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const html = readFileSync(page, 'utf8');
    expect(matrixOf(html).apps.map((a) => a[0])).toEqual(['alpha-members', 'beta']);
    // links lead from dist/reports back to the workspace's files
    expect(matrixOf(html).base).toBe('../../');
    rmSync(join(dir, 'dist'), { recursive: true });
    const cached = nx(dir, ['run', 'gitops:report', '--output-style=static']);
    expect(cached.stdout).toMatch(/existing outputs match the cache|read the output from the cache/);
    expect(readFileSync(page, 'utf8')).toBe(html);
    const staging = join(dir, 'deployment/helm/beta/values-staging.yaml');
    writeFileSync(staging, readFileSync(staging, 'utf8').replace('tag: ""', 'tag: "2.0.1"'));
    expect(nx(dir, ['run', 'gitops:report', '--output-style=static']).code).toBe(0);
    const matrix = matrixOf(readFileSync(page, 'utf8'));
    expect(matrix.apps.find((a) => a[0] === 'beta')?.[1][matrix.envs.indexOf('staging')][0]).toBe('2.0.1');
  });

  it('validates the rendered chart, and never replays a result cached under another helm or before a template change', () => {
    const dir = workspaceWithApps(['beta']);
    const app = join(dir, 'deployment/helm/beta');
    cpSync(join(REPO_ROOT, 'packages/core/src/test-support/charts/honours/templates'), join(app, 'templates'), { recursive: true });
    writeFileSync(join(app, 'Chart.yaml'), 'apiVersion: v2\nname: beta\nversion: 0.1.0\n');
    const bins = Object.fromEntries(([3, 4] as const).map((m) => {
      const bin = mkdtempSync(join(tmpdir(), `hvm-helm${m}-`));
      cpSync(helmBinary(m), join(bin, 'helm'));
      return [m, bin];
    }));
    // staging warns (a passing task, so Nx caches it)
    const validate = (major: 3 | 4) => nx(dir, ['run', 'beta:validate', '--env=staging', '--output-style=static'], '', { PATH: `${bins[major]}${delimiter}${process.env.PATH}` });
    const first = validate(3);
    // the chart renders no probes: found on the rendered Deployment, at its template
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain('deployment/helm/beta/templates/deployment.yaml  warning  Deployment beta-staging /spec/template/spec/containers/0/readinessProbe: container web has no readinessProbe');
    expect(first.stdout).not.toContain('note: helm is not on PATH');
    const again = validate(3);
    expect(again.stdout).toMatch(/read the output from the cache/);
    expect(again.stdout).toContain('Deployment beta-staging /spec/template/spec/containers/0/readinessProbe');
    // another helm: its manifests may differ, so the result is computed again
    expect(validate(4).stdout).not.toMatch(/read the output from the cache/);
    // the template now renders probes: the cached failure must not come back
    const deployment = join(app, 'templates/deployment.yaml');
    writeFileSync(deployment, readFileSync(deployment, 'utf8').replace(/^(\s+)image: (.*)$/m, '$1image: $2\n$1readinessProbe: {httpGet: {path: /ready, port: 8080}}\n$1livenessProbe: {httpGet: {path: /live, port: 8080}}'));
    const fixed = validate(4);
    expect(fixed.stdout).not.toMatch(/read the output from the cache/);
    expect(fixed.stdout).not.toContain('readinessProbe: container web has no readinessProbe');
    // five real nx runs, each rendering the chart with helm in three envs
  }, 180_000);

  it('renders a chart with helm and shows what a change does to its manifests', () => {
    const dir = workspaceWithApps(['beta']);
    const app = join(dir, 'deployment/helm/beta');
    cpSync(join(REPO_ROOT, 'packages/core/src/test-support/charts/honours/templates'), join(app, 'templates'), { recursive: true });
    writeFileSync(join(app, 'Chart.yaml'), 'apiVersion: v2\nname: beta\nversion: 0.1.0\n');
    execFileSync('git', ['add', '-A'], { cwd: dir });
    execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-qm', 'beta is a chart'], { cwd: dir });
    const helm = `--helm=${helmBinary(4)}`;
    const render = nx(dir, ['run', 'beta:render', '--env=dev', helm, '--output-style=static']);
    expect(render.code, render.stdout + render.stderr).toBe(0);
    expect(readFileSync(join(dir, 'dist/rendered/beta/dev/manifests.yaml'), 'utf8')).toContain('name: beta-dev');
    const overlay = join(app, 'values-prod.yaml');
    writeFileSync(overlay, readFileSync(overlay, 'utf8').replace('  minReplicas: 3', '  minReplicas: 5'));
    const diff = nx(dir, ['run', 'beta:rendered-diff', '--against=HEAD', helm, '--output-style=static']);
    expect(diff.code, diff.stdout + diff.stderr).toBe(0);
    expect(diff.stdout).toContain('beta prod: 1 changed, 0 added, 0 removed');
    expect(diff.stdout).toContain('-  minReplicas: 3\n+  minReplicas: 5');
  });
});

