import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyWorkspace } from '../../core/src/test-support/e2e-workspace';
import { REPO_ROOT } from '../../core/src/test-support/example-workspace';
import { startGitHubServer } from '../../promote/src/test-support/github-server';

/**
 * Known secret values planted everywhere a user can put one (values, overlays, an env list,
 * a file under secrets/, --set, URLs with credentials), then the commands of the suite's
 * scenarios run for real: the gitops binary, the nx binary, a promotion through a bare git
 * origin and the local GitHub. Nothing any of them prints or writes may hold one of the values.
 */
const PLANTED = {
  schemaPassword: 'Pl4ntedSchemaPassw0rd',
  envListPassword: 'Pl4ntedEnvListPassw0rd',
  githubToken: `ghp_${'Pl4nted9'.repeat(5)}`,
  pemKey: 'MIIEpAIBAAKCAQEAPl4ntedPemKeyMaterial',
  awsSecret: 'Pl4ntedAwsSecretAccessKey0123',
  setPassword: 'Pl4ntedSetPassw0rd',
  urlPassword: 'Pl4ntedUrlPassw0rd',
  promotedToken: 'Pl4ntedPromotedT0ken',
  dsnPassword: 'Pl4ntedDsnPassw0rd',
};
const TOKEN = 'ghs_plantedSecretsContractToken';
const APP = 'deployment/helm/alpha-members';
const BRANCH = 'promote/staging-to-prod/alpha-members';

const ENV = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_INTERACTIVE: 'false', NX_TUI: 'false', FORCE_COLOR: '0', GITHUB_ACTIONS: 'true' };

interface Run {
  what: string;
  code: number;
  out: string;
}

/** A real process, run without blocking this one: the local GitHub answers from this process. */
function spawn(cwd: string, bin: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { ...ENV, ...env }, encoding: 'utf8', maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ what: `${relative(REPO_ROOT, bin)} ${args.join(' ')}`, code, out: `${stdout}${stderr}` });
    });
  });
}
const gitops = (cwd: string, args: string[], env?: Record<string, string>) => spawn(cwd, join(REPO_ROOT, 'packages/cli/bin/gitops.js'), args, env);
const nx = (cwd: string, args: string[]) => spawn(cwd, join(REPO_ROOT, 'node_modules/.bin/nx'), [...args, '--output-style=static']);
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

/** Every file under `dir` and its text; git's, Nx's and the linked folders' are left out. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isSymbolicLink() || ['.git', '.nx', 'node_modules'].includes(e.name)) continue;
      if (e.isDirectory()) walk(p);
      else if (statSync(p).isFile()) out.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** Which planted values a text holds. */
const leaks = (text: string) => Object.entries(PLANTED).filter(([, v]) => text.includes(v)).map(([k]) => k);

function edit(dir: string, file: string, change: (text: string) => string): void {
  writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));
}

/** The example workspace with every planted value in place, committed and pushed to a bare origin. */
function plantedWorkspace(): { dir: string; origin: string } {
  const dir = copyWorkspace();
  const schema = JSON.parse(readFileSync(join(dir, APP, 'values.schema.json'), 'utf8'));
  schema.properties.config.properties.dbPassword = { type: 'string', pattern: '^[a-z]{32}$' };
  writeFileSync(join(dir, APP, 'values.schema.json'), JSON.stringify(schema, null, 2));
  edit(dir, `${APP}/values-staging.yaml`, (t) =>
    t
      .replace('tag: ""', 'tag: "1.4.2"')
      .replace('  nodeEnv: staging\n', `  nodeEnv: staging\n  dbPassword: "${PLANTED.schemaPassword}"\n  featureFlags:\n    apiToken: ${PLANTED.promotedToken}\n`)
      .concat(
        `\nextraEnv:\n  - name: LOG_LEVEL\n    value: info\n  - name: DB_PASSWORD\n    value: ${PLANTED.envListPassword}\n`,
        `notes:\n  ci: ${PLANTED.githubToken}\n  reporting: postgres://report:${PLANTED.dsnPassword}@db.staging.example.com/report\n`,
        `aws:\n  aws_secret_access_key: ${PLANTED.awsSecret}\n`,
        `tls:\n  key: |\n    -----BEGIN RSA PRIVATE KEY-----\n    ${PLANTED.pemKey}\n    -----END RSA PRIVATE KEY-----\n`,
      ),
  );
  mkdirSync(join(dir, APP, 'secrets'), { recursive: true });
  writeFileSync(join(dir, APP, 'secrets/tls.key'), `-----BEGIN RSA PRIVATE KEY-----\n${PLANTED.pemKey}\n-----END RSA PRIVATE KEY-----\n`);
  writeFileSync(join(dir, APP, 'secrets/db.env'), `DB_PASSWORD=${PLANTED.envListPassword}\n`);
  writeFileSync(join(dir, '.gitignore'), 'node_modules\npackages\ndist\n.nx\n');
  const origin = mkdtempSync(join(tmpdir(), 'hvm-planted-origin-'));
  git(origin, 'init', '-q', '--bare', '-b', 'main');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'CI');
  git(dir, 'config', 'user.email', 'ci@example.com');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'workspace with planted secrets');
  git(dir, 'remote', 'add', 'origin', origin);
  git(dir, 'push', '-q', 'origin', 'main');
  return { dir, origin };
}

describe('planted secrets', () => {
  let server: Awaited<ReturnType<typeof startGitHubServer>> | undefined;
  afterAll(async () => server?.close());

  it('reach no output and no file that any command writes, nor the PR, the commit or the pushed branch', async () => {
    const { dir, origin } = plantedWorkspace();
    server = await startGitHubServer({ owner: 'org', repo: 'alpha-members', token: TOKEN });
    const before = tree(dir);
    const runs: Run[] = [];
    const step = async (run: Promise<Run>, code: number | 'nonzero', shows?: RegExp) => {
      const r = await run;
      runs.push(r);
      if (code === 'nonzero') expect(r.code, `${r.what}\n${r.out}`).not.toBe(0);
      else expect(r.code, `${r.what}\n${r.out}`).toBe(code);
      // each command did meet the secrets: it names where they are
      if (shows) expect(r.out, r.what).toMatch(shows);
    };

    for (const format of ['text', 'json', 'sarif', 'junit']) await step(gitops(dir, ['validate', '--env', 'staging', '--format', format]), 1, /dbPassword/);
    await step(gitops(dir, ['validate', '--env', 'staging']), 1, /::error file=.*plaintext-secret.*extraEnv\[1\]\.value/);
    await step(gitops(dir, ['lint']), 0);
    for (const format of ['text', 'json']) await step(gitops(dir, ['diff', 'alpha-members', 'staging', 'prod', '--format', format]), 0, /featureFlags\.apiToken/);
    // The dry run says what the real run does: the gate refuses the plaintext secret it would bring into prod.
    for (const format of ['text', 'json', 'markdown']) await step(gitops(dir, ['promote', '--from', 'staging', '--to', 'prod', '--dry-run', '--format', format]), 1, /featureFlags\.apiToken/);
    for (const format of ['text', 'json', 'markdown']) await step(gitops(dir, ['status', '--format', format]), 0, /alpha-members/);
    // the page embeds the matrix, then every app's values: the token's key is there, its value is not
    await step(gitops(dir, ['report', '-o', 'html']), 0, /id="report-data">[^<]*"alpha-members"[\s\S]*id="report-details">[^<]*featureFlags\.apiToken/);
    await step(gitops(dir, ['report', '-o', 'html', '--out', 'dist/reports/status.html']), 0, /wrote dist\/reports\/status\.html/);
    await step(gitops(dir, ['values', 'alpha-members', 'staging', '--set', `db.password=${PLANTED.setPassword},broken`]), 2, /--set db\.password=…/);
    await step(gitops(dir, ['values', 'alpha-members', 'staging', '--set-json', `db={"password":"${PLANTED.setPassword}"`]), 2);

    const github = { GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'org/alpha-members' };
    // the promotable token would land in prod: the gate refuses, and says so without the value
    await step(gitops(dir, ['promote', '--from', 'staging', '--to', 'prod', '--pr'], { ...github, GITHUB_API_URL: server.url }), 1, /plaintext-secret/);

    await step(nx(dir, ['run', 'alpha-members:validate']), 'nonzero', /dbPassword/);
    await step(nx(dir, ['run', 'gitops:report']), 0, /wrote dist\/reports\/status\.html/);
    await step(gitops(dir, ['report', 'dist/reports', '--format', 'sarif']), 1, /dbPassword/);

    // Without the promotable token and the plaintext files, the promotion goes through: branch, commit, PR.
    edit(dir, `${APP}/values-staging.yaml`, (t) => t.replace(`    apiToken: ${PLANTED.promotedToken}\n`, '    newCheckout: true\n'));
    git(dir, 'rm', '-q', `${APP}/secrets/tls.key`, `${APP}/secrets/db.env`);
    git(dir, 'commit', '-q', '-am', 'drop the promotable token and the plaintext files');
    git(dir, 'push', '-q', 'origin', 'main');
    await step(gitops(dir, ['promote', '--from', 'staging', '--to', 'prod', '--pr'], { ...github, GITHUB_API_URL: `http://ci:${PLANTED.urlPassword}@127.0.0.1:9` }), 2, /GITHUB_API_URL carries credentials/);
    await step(gitops(dir, ['promote', '--from', 'staging', '--to', 'prod', '--pr'], { ...github, GITHUB_API_URL: server.url }), 0, /opened pull request #1/);

    // last: the generators leave gitops.yaml changed, which a promotion refuses to start from
    await step(nx(dir, ['g', 'env', '--name=qa', '--from=staging']), 0, /alpha-members: \d+ secret values of staging not copied[\s\S]*CREATE deployment\/helm\/alpha-members\/values-qa\.yaml/);
    await step(nx(dir, ['g', 'cluster', '--name=eu', '--env=prod', `--server=https://admin:${PLANTED.urlPassword}@eu.example.com`]), 'nonzero', /carries credentials/);

    const printed = runs.map((r) => r.out).join('\n');
    expect(leaks(printed), printed).toEqual([]);

    const after = tree(dir);
    const written = [...after].filter(([file, text]) => before.get(file) !== text && file !== `${APP}/values-staging.yaml`);
    expect(written.map(([f]) => f)).toEqual(expect.arrayContaining([`${APP}/values-qa.yaml`, 'dist/reports/validate/alpha-members.json', 'gitops.yaml']));
    for (const [file, text] of written) expect(leaks(text), file).toEqual([]);
    // the new env's overlay keeps the keys, pointing at its secret backend
    expect(after.get(`${APP}/values-qa.yaml`)).toMatch(/dbPassword: "" # secret: not copied from staging; keep it in the External Secrets store vault-qa/);

    const pushed = git(origin, 'log', '-p', `main..${BRANCH}`);
    expect(git(origin, 'rev-list', '--count', `main..${BRANCH}`).trim()).toBe('1');
    expect(pushed).toContain('Promoted-From: staging@');
    expect(leaks(pushed)).toEqual([]);
    expect(server.pulls).toHaveLength(1);
    expect(leaks(JSON.stringify(server.pulls))).toEqual([]);
  }, 300_000);
});
