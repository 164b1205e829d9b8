import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_HELM_NOTE } from '../../../core/src/render';
import { copyExampleWorkspace, REPO_ROOT } from '../../../core/src/test-support/example-workspace';
import { helmBinary } from '../../../../tools/test/helm';
import { gitops, gitopsWithEnv } from '../test-support/fake-io';

const APP = 'deployment/helm/alpha-members';
const OUT = 'dist/rendered/alpha-members';

/** The example workspace, rendered with the tool's own templates (it has no templates/). */
function workspace(): string {
  return copyExampleWorkspace();
}

function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (f.isFile()) files[join(f.parentPath, f.name).slice(dir.length + 1)] = readFileSync(join(f.parentPath, f.name), 'utf8');
  }
  return files;
}

describe('gitops render', () => {
  it('writes every env of every app, one summary line per app, the same bytes every run', async () => {
    const dir = workspace();
    const r = await gitops(dir, 'render');
    // the example is a chart, and this PATH has no helm: said once, everything else rendered
    // (its ExternalSecret is the chart's own, so there is no Handlebars external-secret.yaml)
    expect(r).toEqual({ code: 0, stdout: `alpha-members: 6 files in ${OUT}/\n`, stderr: `note: ${NO_HELM_NOTE}\n` });
    const first = tree(join(dir, OUT));
    expect(Object.keys(first).sort()).toEqual([
      '.gitops-rendered',
      'dev/application.yaml',
      'dev/values.yaml',
      'prod/application.yaml',
      'prod/values.yaml',
      'staging/application.yaml',
      'staging/values.yaml',
    ]);
    expect((await gitops(dir, 'render', 'alpha-members')).code).toBe(0);
    expect(tree(join(dir, OUT))).toEqual(first);
  });

  it('re-renders only the envs asked for, keeping the others and dropping an env gone from gitops.yaml', async () => {
    const dir = workspace();
    expect((await gitops(dir, 'render')).code).toBe(0);
    const before = tree(join(dir, OUT));
    const cfg = join(dir, 'gitops.yaml');
    writeFileSync(cfg, readFileSync(cfg, 'utf8').replace(/  - name: staging\n[\s\S]*?(?=  - name: prod)/, '').replace(/    - from: dev\n      to: staging\n    - from: staging\n/, '    - from: dev\n'));
    const r = await gitops(dir, 'render', '--env', 'prod');
    // a chart without helm: values and Application only
    expect(r.stdout).toBe(`alpha-members: 2 files in ${OUT}/\n`);
    expect(readdirSync(join(dir, OUT)).sort()).toEqual(['.gitops-rendered', 'dev', 'prod']);
    expect(tree(join(dir, OUT, 'dev'))).toEqual({ 'application.yaml': before['dev/application.yaml'], 'values.yaml': before['dev/values.yaml'] });
  });

  it('writes under --out, relative to where it runs', async () => {
    const dir = workspace();
    const r = await gitops(join(dir, APP), 'render', '--env', 'dev', '--out', 'out');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, APP, 'out/alpha-members/dev/values.yaml'), 'utf8')).toMatch(/^# Effective values of alpha-members in dev/);
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });

  it('exits 1 with the finding at the values line when a manifest breaks its schema, keeping the previous output', async () => {
    const dir = workspace();
    // the example is a chart; this test is of the Handlebars ExternalSecret a non-chart app gets
    rmSync(join(dir, APP, 'Chart.yaml'));
    expect((await gitops(dir, 'render', '--env', 'prod')).code).toBe(0);
    const before = tree(join(dir, OUT));
    const prod = join(dir, APP, 'values-prod.yaml');
    writeFileSync(prod, readFileSync(prod, 'utf8').replace('  refreshInterval: 1h', '  refreshInterval: 1h\n  data:\n    - secretKey: db\n      remoteRef: {}'));
    const r = await gitops(dir, 'render', '--env', 'prod');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${APP}/values-prod.yaml:108:18`);
    expect(r.stdout).toContain('ExternalSecret /spec/data/0/remoteRef/key: must be string');
    expect(tree(join(dir, OUT))).toEqual(before);
  });

  it('exits 2 naming file:line:col when a values file is not YAML, writing nothing', async () => {
    const dir = workspace();
    writeFileSync(join(dir, APP, 'values-dev.yaml'), 'image:\n  tag: [1\n');
    const r = await gitops(dir, 'render');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^error: ${APP}/values-dev\\.yaml:\\d+:\\d+: `, 'm'));
    expect(existsSync(join(dir, OUT))).toBe(false);
  });

  it('says once that helm is missing and renders the rest; with --helm or helm on PATH adds the chart\'s manifests', async () => {
    const dir = workspace();
    cpSync(join(REPO_ROOT, 'packages/core/src/test-support/charts/honours/templates'), join(dir, APP, 'templates'), { recursive: true });
    writeFileSync(join(dir, APP, 'Chart.yaml'), 'apiVersion: v2\nname: alpha-members\nversion: 0.1.0\n');
    const without = await gitopsWithEnv(dir, { PATH: '/nonexistent' }, 'render');
    expect(without.code).toBe(0);
    expect(without.stderr.match(/^note: helm is not on PATH/gm)).toHaveLength(1);
    expect(existsSync(join(dir, OUT, 'prod/manifests.yaml'))).toBe(false);
    const bin = mkdtempSync(join(tmpdir(), 'hvm-helm-bin-'));
    cpSync(helmBinary(4), join(bin, 'helm'));
    const withHelm = await gitopsWithEnv(dir, { PATH: bin }, 'render', '--env', 'prod');
    // the example's values set no probes: the rendered Deployment has none, and prod fails on it
    expect(withHelm).toMatchObject({ code: 1, stderr: '' });
    expect(withHelm.stdout).toContain(`${APP}/templates/deployment.yaml  error  Deployment alpha-members-prod /spec/template/spec/containers/0/readinessProbe: container web has no readinessProbe`);
    expect(readFileSync(join(dir, OUT, 'prod/manifests.yaml'), 'utf8')).toMatch(/^---\n# Source: alpha-members\/templates\/pdb\.yaml\n/);
    const named = await gitopsWithEnv(dir, { PATH: '/nonexistent' }, 'render', '--env', 'dev', '--helm', helmBinary(3));
    expect(named).toMatchObject({ code: 0, stderr: '' });
    expect(existsSync(join(dir, OUT, 'dev/manifests.yaml'))).toBe(true);
    const wrong = await gitopsWithEnv(dir, {}, 'render', '--helm', 'no/such/helm');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/no\/such\/helm \(from --helm\) is not an executable helm/);
  });

  it('refuses to replace a folder it did not write: `render --out-dir .` in the apps folder exits 2 and deletes nothing', async () => {
    const dir = workspace();
    const before = tree(join(dir, APP));
    const r = await gitops(join(dir, 'deployment/helm'), 'render', '--out-dir', '.');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error: ${APP}: ${APP} exists and was not written by gitops render, so it is not replaced\n` +
        '  Render into a folder of its own (the default is dist/rendered, or --out DIR); if that folder is an old render output, delete it first.\n',
    );
    expect(tree(join(dir, APP))).toEqual(before);
  });

  it('refuses an output folder outside the repository, also through a symbolic link', async () => {
    const dir = workspace();
    const outside = mkdtempSync(join(tmpdir(), 'hvm-outside-'));
    const r = await gitops(dir, 'render', '--out-dir', outside);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: render output .* is outside the repository/);
    symlinkSync(outside, join(dir, 'linked'));
    expect((await gitops(dir, 'render', '--out-dir', 'linked')).code).toBe(2);
    expect(readdirSync(outside)).toEqual([]);
  });
});

