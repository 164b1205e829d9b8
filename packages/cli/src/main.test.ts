import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { copyExampleWorkspace } from '../../core/src/test-support/example-workspace';
import { commands } from './commands/index';
import { gitops, gitopsWithEnv } from './test-support/fake-io';

const REPO = resolve(__dirname, '../../..');
/** The example workspace. */
const ROOT = join(REPO, 'examples/alpha-members');
const APP = join(ROOT, 'deployment/helm/alpha-members');

describe('gitops values', () => {
  it('prints the effective values of an app in an env', async () => {
    const r = await gitops(ROOT, 'values', 'alpha-members', 'prod');
    expect(r.code).toBe(0);
    const v = parse(r.stdout);
    expect(v.replicaCount).toBe(3);
    // What Argo CD deploys: prod's Application sets the tag with a helm parameter, applied last.
    expect(v.image).toEqual({ repository: 'alpha-members/api', pullPolicy: 'IfNotPresent', tag: '$ARGOCD_APP_REVISION' });
  });

  it('shows where each value came from with --provenance', async () => {
    const r = await gitops(join(ROOT, 'deployment'), 'values', 'alpha-members', 'dev', '--provenance');
    expect(r.stdout).toContain('logLevel: debug # deployment/helm/alpha-members/values-dev.yaml:9:13');
    expect(r.stdout).toContain('pullPolicy: Always # deployment/helm/alpha-members/values-dev.yaml:6:15');
  });

  it('applies --set with Helm typing', async () => {
    const r = await gitops(ROOT, 'values', 'alpha-members', 'prod', '--set', 'image.tag=1.2.3', '--set', 'replicaCount=4', '-o', 'json');
    const v = JSON.parse(r.stdout);
    expect([v.image.tag, v.replicaCount]).toEqual(['1.2.3', 4]);
  });

  it('suggests the closest name for an unknown app or env, exit 2, no stack', async () => {
    const app = await gitops(ROOT, 'values', 'alpha-member', 'prod');
    expect(app.code).toBe(2);
    expect(app.stderr).toMatch(/unknown app "alpha-member"; did you mean "alpha-members"\?/);
    const env = await gitops(ROOT, 'values', 'alpha-members', 'prd');
    expect(env.stderr).toMatch(/unknown environment "prd"; did you mean "prod"\?\n {2}Environments declared in gitops.yaml: dev, staging, prod/);
    expect(env.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('secret-like values printed by values and merge', () => {
  const PASSWORD = 'Plain-Db-Passw0rd-77';
  const TOKEN = 'ghp_0123456789abcdefghijABCDEFGHIJ0123456789';

  it('are <redacted> by default in YAML, JSON and --provenance, and said so; --show-secrets prints them', async () => {
    const dir = copyExampleWorkspace();
    const dev = join(dir, 'deployment/helm/alpha-members/values-dev.yaml');
    writeFileSync(dev, `${readFileSync(dev, 'utf8')}database:\n  password: ${PASSWORD}\n  url: postgres://app:${PASSWORD}@db:5432/app\nci:\n  access: ${TOKEN}\n`);
    for (const format of [['-o', 'yaml'], ['-o', 'json'], ['--provenance']]) {
      const r = await gitops(dir, 'values', 'alpha-members', 'dev', ...format);
      expect(r.code, r.stderr).toBe(0);
      for (const secret of [PASSWORD, TOKEN]) expect(r.stdout + r.stderr).not.toContain(secret);
      // the example's own three and the three planted here
      expect(r.stderr).toContain('note: 6 secret-like values are shown as <redacted>; --show-secrets prints them\n');
    }
    const json = JSON.parse((await gitops(dir, 'values', 'alpha-members', 'dev', '-o', 'json')).stdout);
    expect(json.database).toEqual({ password: '<redacted>', url: '<redacted>' });
    expect(json.ci.access).toBe('<redacted>');
    // what is not a secret is printed as it is
    expect(json.replicaCount).toBe(1);
    const provenance = await gitops(dir, 'values', 'alpha-members', 'dev', '--provenance');
    expect(provenance.stdout).toMatch(/password: <redacted> # deployment\/helm\/alpha-members\/values-dev\.yaml:\d+:13/);

    const shown = await gitops(dir, 'values', 'alpha-members', 'dev', '-o', 'json', '--show-secrets');
    expect(JSON.parse(shown.stdout).database.password).toBe(PASSWORD);
    expect(shown.stderr).not.toContain('redacted');
  });

  it('are <redacted> by merge too, unless --show-secrets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvm-merge-'));
    writeFileSync(join(dir, 'a.yaml'), `db:\n  host: db\n  password: ${PASSWORD}\n`);
    const r = await gitops(dir, 'merge', '-f', 'a.yaml', '--set', `api.token=${TOKEN}`);
    expect(r.code).toBe(0);
    expect(parse(r.stdout)).toEqual({ db: { host: 'db', password: '<redacted>' }, api: { token: '<redacted>' } });
    expect(r.stderr).toBe('note: 2 secret-like values are shown as <redacted>; --show-secrets prints them\n');
    const shown = await gitops(dir, 'merge', '-f', 'a.yaml', '--show-secrets', '-o', 'json');
    expect(JSON.parse(shown.stdout)).toEqual({ db: { host: 'db', password: PASSWORD } });
  });
});

describe('gitops merge', () => {
  it('merges arbitrary files exactly as helm -f would', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvm-merge-'));
    writeFileSync(join(dir, 'a.yaml'), 'a: {b: 1, c: [1, 2]}\nd: x\n');
    writeFileSync(join(dir, 'b.yaml'), 'a: {c: [3]}\nd: {e: 1}\n');
    const r = await gitops(dir, 'merge', '-f', 'a.yaml', '-f', 'b.yaml', '--set', 'a.b=null', '-o', 'json');
    expect(r.code).toBe(0);
    // Without chart defaults Helm keeps an explicit null; with them it deletes the key.
    expect(JSON.parse(r.stdout)).toEqual({ a: { b: null, c: [3] }, d: { e: 1 } });
    const withDefaults = await gitops(dir, 'merge', '--defaults', 'a.yaml', '-f', 'b.yaml', '--set', 'a.b=null', '-o', 'json');
    expect(JSON.parse(withDefaults.stdout)).toEqual({ a: { c: [3] }, d: { e: 1 } });
  });

  it('locates a broken file and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvm-merge-'));
    writeFileSync(join(dir, 'bad.yaml'), 'a: 1\na: 2\n');
    const r = await gitops(dir, 'merge', '-f', 'bad.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: bad\.yaml:2:1: duplicate key/);
  });

  it('prints a stack trace only with --verbose', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvm-merge-'));
    const quiet = await gitops(dir, 'merge', '-f', 'missing.yaml');
    expect(quiet.stderr).toBe('error: missing.yaml: cannot be read: no such file or folder (ENOENT)\n  Check the path; a folder on the way may be missing.\n');
    const verbose = await gitops(dir, 'merge', '-f', 'missing.yaml', '--verbose');
    expect(verbose.stderr).toMatch(/ENOENT[\s\S]*\n\s+at /);
  });

  it('reports a bad --set expression with the place it broke', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvm-merge-'));
    writeFileSync(join(dir, 'a.yaml'), 'a: 1\n');
    const r = await gitops(dir, 'merge', '-f', 'a.yaml', '--set', 'a.b');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--set a\.b: /);
  });
});

describe('gitops validate', () => {
  it('exits 0 on the example workspace', async () => {
    // the example is a chart and this PATH has no helm: said once (validate.test.ts runs it with helm)
    const r = await gitopsWithEnv(ROOT, { PATH: '/nonexistent' }, 'validate');
    expect(r.stderr).toMatch(/^note: helm is not on PATH[^\n]*\n$/);
    expect(r.code).toBe(0);
  });

  it('exits 1 with the finding at file:line:col when a value breaks the schema', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvm-val-'));
    execFileSync('cp', ['-r', join(ROOT, 'gitops.yaml'), join(ROOT, 'deployment'), join(ROOT, 'argocd'), dir]);
    const prod = join(dir, 'deployment/helm/alpha-members/values-prod.yaml');
    writeFileSync(prod, readFileSync(prod, 'utf8').replace('    memory: 1Gi', '    memory: 1GB'));
    const r = await gitops(dir, 'validate', 'alpha-members', '--env', 'prod');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('deployment/helm/alpha-members/values-prod.yaml:17:13  error  resources.limits.memory: "1GB" must match ^[0-9]+(Mi|Gi)$');
    const json = await gitops(dir, 'validate', '--format', 'json');
    expect(JSON.parse(json.stdout).findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([expect.objectContaining({ rule: 'schema', line: 17, column: 13, env: 'prod' })]);
  });

  it('refuses unknown flags and extra arguments with usage, exit 2', async () => {
    const flag = await gitops(ROOT, 'validate', '--enviroment', 'prod');
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/unknown option '--enviroment'[\s\S]*Usage: gitops validate/);
    const extra = await gitops(ROOT, 'values', 'alpha-members');
    expect(extra.code).toBe(2);
    expect(extra.stderr).toMatch(/values takes APP ENV, or --application NAME/);
  });

  it('fails with the gitops.yaml line when the config is invalid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvm-cfg-'));
    writeFileSync(join(dir, 'gitops.yaml'), 'environments:\n  - name: dev\n    tier: prodution\n');
    const r = await gitops(dir, 'validate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('gitops.yaml:3:11: environments[0].tier "prodution" must be one of');
  });
});

describe('the gitops binary', () => {
  it('runs from the workspace as npx gitops would', () => {
    const out = execFileSync(join(REPO, 'node_modules/.bin/gitops'), ['values', 'alpha-members', 'staging', '-o', 'json'], { cwd: APP, encoding: 'utf8' });
    expect(JSON.parse(out).replicaCount).toBe(2);
    const { version } = JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8'));
    expect(execFileSync(join(REPO, 'node_modules/.bin/gitops'), ['--version'], { cwd: APP, encoding: 'utf8' })).toBe(`${version}\n`);
  });
});

describe('gitops conventions', () => {
  it('describes every flag of every command in its --help, with the choices it takes', async () => {
    for (const c of commands) {
      const r = await gitops(ROOT, c.name, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: gitops ${c.name} `);
      for (const f of c.flags) {
        expect(r.stdout, `${c.name} --${f.name}`).toMatch(new RegExp(`${f.short ? `-${f.short}, ` : ''}--${f.name}\\b[^\\n]*\\s+${f.description.slice(0, 20).replace(/[()$.*+?[\]\\]/g, '\\$&')}`));
        for (const choice of f.choices ?? []) expect(r.stdout).toContain(`"${choice}"`);
      }
      expect(r.stdout).toContain('--root <DIR>');
    }
    const help = await gitops(ROOT, 'help', 'render');
    expect(help.stdout).toContain('--out-dir <DIR>');
  });

  it('prints the version of package.json with version and --version', async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8'));
    expect(await gitops(ROOT, '--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(await gitops(ROOT, 'version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(JSON.parse((await gitops(ROOT, 'version', '-o', 'json')).stdout).version).toBe(version);
  });

  it('takes -o/--output for machine output everywhere, --format as the same flag, and refuses a format a command lacks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvm-out-'));
    execFileSync('cp', ['-r', join(ROOT, 'gitops.yaml'), join(ROOT, 'deployment'), join(ROOT, 'argocd'), dir]);
    const json = await gitops(dir, 'lint', '-o', 'json');
    expect(JSON.parse(json.stdout).findings.length).toBeGreaterThan(0);
    expect((await gitops(dir, 'lint', '--output', 'json')).stdout).toBe(json.stdout);
    expect((await gitops(dir, 'lint', '--format', 'json')).stdout).toBe(json.stdout);
    expect(JSON.parse((await gitops(dir, 'diff', 'alpha-members', 'staging', 'prod', '-o', 'json')).stdout)).toHaveProperty('app', 'alpha-members');
    expect(JSON.parse((await gitops(dir, 'report', '-o', 'sarif')).stdout).version).toBe('2.1.0');
    const bad = await gitops(dir, 'diff', 'alpha-members', 'staging', 'prod', '-o', 'sarif');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/argument 'sarif' is invalid\. Allowed choices are text, json, markdown\.\n {2}Usage: gitops diff/);
    const both = await gitops(dir, 'validate', '-o', 'json', '--format', 'text');
    expect([both.code, both.stderr]).toEqual([2, expect.stringContaining('--output json and --format text disagree')]);
  });

  it('writes render output under --out-dir (or --out) and no longer takes -o for the folder', async () => {
    const dir = copyExampleWorkspace();
    expect((await gitops(dir, 'render', '--env', 'dev', '--out-dir', 'a')).code).toBe(0);
    expect((await gitops(dir, 'render', '--env', 'dev', '--out', 'b')).code).toBe(0);
    expect(readFileSync(join(dir, 'b/alpha-members/dev/values.yaml'), 'utf8')).toBe(readFileSync(join(dir, 'a/alpha-members/dev/values.yaml'), 'utf8'));
    const o = await gitops(dir, 'render', '-o', 'c');
    expect([o.code, o.stderr]).toEqual([2, expect.stringMatching(/^error: unknown option '-o'\n {2}Usage: gitops render/)]);
    expect(existsSync(join(dir, 'c'))).toBe(false);
  });

  it('runs against another checkout with --root DIR or GITOPS_ROOT, relative to the current folder', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'hvm-elsewhere-'));
    const here = await gitops(elsewhere, 'values', 'alpha-members', 'prod');
    expect(here.code).toBe(2);
    expect(here.stderr).toMatch(/no gitops\.yaml found/);
    const flag = await gitops(elsewhere, '--root', ROOT, 'values', 'alpha-members', 'prod', '-o', 'json');
    expect(JSON.parse(flag.stdout).replicaCount).toBe(3);
    const after = await gitops(join(ROOT, 'deployment'), 'values', 'alpha-members', 'dev', '--root', 'helm/alpha-members', '-o', 'json');
    expect(JSON.parse(after.stdout).replicaCount).toBe(JSON.parse((await gitops(ROOT, 'values', 'alpha-members', 'dev', '-o', 'json')).stdout).replicaCount);
    const env = await gitopsWithEnv(elsewhere, { GITOPS_ROOT: ROOT }, 'validate', 'alpha-members', '-o', 'json');
    expect(env.code).toBe(0);
    const wrong = await gitopsWithEnv(ROOT, { GITOPS_ROOT: elsewhere }, 'validate');
    expect([wrong.code, wrong.stderr]).toEqual([2, expect.stringContaining('GITOPS_ROOT points there')]);
  });

  it('answers a missing or misspelt command with the usage, exit 2', async () => {
    const none = await gitops(ROOT);
    expect([none.code, none.stdout]).toEqual([2, '']);
    expect(none.stderr).toMatch(/^Usage: gitops <command> \[options\][\s\S]*Commands:\n {2}values/);
    const typo = await gitops(ROOT, 'vaildate');
    expect([typo.code, typo.stderr]).toEqual([2, "error: unknown command 'vaildate' (Did you mean validate?)\n  Usage: gitops <command> [options]. Run gitops --help for the commands.\n"]);
  });
});
