// Installing the packed packages into a repository that is not this one: what a team with an
// existing Argo CD + Helm repository does. Every package is packed with `npm pack`, the
// tarballs are installed with npm (dependencies from the local npm cache), and only the
// documented commands run there: nothing is copied in by hand.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseValuesYaml } from '@helm-values-manager/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/src/test-support/example-workspace';

const FIXTURE = join(REPO_ROOT, 'fixtures/adopt');
const PLUGIN = JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')).name as string;
const NX_VERSION = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules/nx/package.json'), 'utf8')).version as string;
const ENV = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_INTERACTIVE: 'false', NX_TUI: 'false', FORCE_COLOR: '0', npm_config_yes: 'true' };

/** Runs a command that must succeed; its standard output. */
function ok(cwd: string, command: string, args: string[]): string {
  const r = spawnSync(command, args, { cwd, env: ENV, encoding: 'utf8', timeout: 300_000 });
  expect(r.status, `${command} ${args.join(' ')}\n${r.stdout}${r.stderr}`).toBe(0);
  return r.stdout;
}

let tarballs: string[];

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'hvm-pack-'));
  ok(REPO_ROOT, 'npm', ['pack', '--workspaces', '--pack-destination', dir, '--silent']);
  tarballs = readdirSync(dir).filter((f) => f.endsWith('.tgz')).map((f) => join(dir, f));
}, 180_000);

/** A fresh git repository holding the fixture: charts, and Argo CD Applications unless left out. */
function userRepository(withApplications: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'hvm-user-repo-'));
  cpSync(join(FIXTURE, 'charts'), join(dir, 'charts'), { recursive: true });
  if (withApplications) cpSync(join(FIXTURE, 'argocd'), join(dir, 'argocd'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'shop-deploy', private: true }, null, 2)}\n`);
  ok(dir, 'git', ['init', '-q', '-b', 'main']);
  const origin = mkdtempSync(join(tmpdir(), 'hvm-user-origin-'));
  ok(origin, 'git', ['init', '-q', '--bare']);
  ok(dir, 'git', ['remote', 'add', 'origin', origin]);
  return dir;
}

describe.each([
  { repo: 'Argo CD Applications and values files', withApplications: true },
  { repo: 'values files only, no Applications', withApplications: false },
])('the packed packages in a repository with $repo', ({ withApplications }) => {
  it('install, init, then the targets, a generator and the CLI work there', () => {
    const dir = userRepository(withApplications);
    ok(dir, 'npm', ['install', '--save-dev', '--prefer-offline', '--no-audit', '--no-fund', `nx@${NX_VERSION}`, ...tarballs]);
    const nx = (...args: string[]) => ok(dir, join(dir, 'node_modules/.bin/nx'), args);

    const init = nx('g', `${PLUGIN}:init`);
    expect(init).toMatch(/envs, in promotion order: dev -> prod/);
    expect(JSON.parse(readFileSync(join(dir, 'nx.json'), 'utf8')).plugins).toContainEqual({ plugin: PLUGIN });
    // Only the plugin's own setting: batching is its executors' preference, not forced on the user's other plugins.
    expect(readFileSync(join(dir, '.env'), 'utf8')).not.toMatch(/NX_BATCH_MODE/);
    const config = readFileSync(join(dir, 'gitops.yaml'), 'utf8');
    expect(parseValuesYaml(config, 'gitops.yaml').values).toMatchObject({ apps: 'charts/*', environments: [{ name: 'dev' }, { name: 'prod' }] });
    if (withApplications) expect(config).toMatch(/namespace: shop-dev/);
    else expect(init).toMatch(/Could not detect:[\s\S]*clusters: no Argo CD Application/);
    // Without Applications, the git remote says where Argo CD pulls from.
    if (!withApplications) expect(config).toMatch(/repoURL: .*hvm-user-origin-/);

    // Running init again changes nothing.
    const before = ['nx.json', '.env', 'gitops.yaml'].map((f) => readFileSync(join(dir, f), 'utf8'));
    nx('g', `${PLUGIN}:init`);
    expect(['nx.json', '.env', 'gitops.yaml'].map((f) => readFileSync(join(dir, f), 'utf8'))).toEqual(before);

    // The user's apps are the projects (beside the workspace-wide gitops project): none of the tool's packages.
    expect(nx('show', 'projects', '--projects', 'tag:gitops:app').trim().split('\n')).toEqual(['orders']);
    expect(nx('show', 'projects').trim().split('\n').sort()).toEqual(['gitops', 'orders']);
    expect(nx('run-many', '-t', 'validate', 'lint', 'render')).toMatch(/Running 2 tasks with @helm-values-manager\/nx:validate/);
    expect(existsSync(join(dir, 'dist/rendered/orders/prod/values.yaml'))).toBe(true);

    nx('g', 'env', '--name=qa');
    expect(readFileSync(join(dir, 'gitops.yaml'), 'utf8')).toMatch(/name: qa/);
    expect(existsSync(join(dir, 'charts/orders/values-qa.yaml'))).toBe(true);

    const values = ok(dir, join(dir, 'node_modules/.bin/gitops'), ['values', 'orders', 'prod', '-o', 'json']);
    expect(JSON.parse(values)).toMatchObject({ replicaCount: 3, image: { tag: '1.4.0' } });
  }, 900_000);
});
