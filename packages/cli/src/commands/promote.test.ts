import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { startGitHubServer } from '../../../promote/src/test-support/github-server';
import { workspaceWithApps } from '../../../nx/src/test-support/nx-workspace';
import { exampleRepo, git, PROD } from '../../../promote/src/test-support/git-repo';

const APPLICATION = 'argocd/applications/alpha-members-prod.yaml';
const STAGING = 'deployment/helm/alpha-members/values-staging.yaml';
import { gitops, gitopsWithEnv } from '../test-support/fake-io';

const TOKEN = 'ghs_cli0123456789TESTTOKEN';
type Server = Awaited<ReturnType<typeof startGitHubServer>>;
let server: Server | undefined;
afterEach(async () => server?.close());

describe('gitops promote', () => {
  it('opens one PR from the plan, leaves the working tree as it was, and updates the same PR on a re-run', async () => {
    const { dir, origin } = exampleRepo();
    server = await startGitHubServer({ owner: 'org', repo: 'alpha-members', token: TOKEN });
    const env = { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: server.url, GITHUB_REPOSITORY: 'org/alpha-members' };
    const first = await gitopsWithEnv(dir, env, 'promote', '--from', 'staging', '--to', 'prod', '--pr');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('image.tag: "$ARGOCD_APP_REVISION" -> "1.4.2"  [argocd/applications/alpha-members-prod.yaml:18]');
    expect(first.stdout).toMatch(/opened pull request #1: https:\/\/github.com\/org\/alpha-members\/pull\/1/);
    const branch = 'promote/staging-to-prod/alpha-members';
    expect(git(origin, 'log', '-1', '--format=%B', branch)).toContain(`Promoted-From: staging@${git(dir, 'rev-parse', 'HEAD')}`);
    expect(git(origin, "diff", "--stat", "main", branch)).toMatch(/alpha-members-prod.yaml \| 2 \+-/);
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(server.pulls[0]).toMatchObject({ title: 'Promote alpha-members from staging to prod', labels: ['promotion', 'env/prod'] });
    expect(server.pulls[0].body).toContain('| `alpha-members` | `prod` | `image.tag` | `"$ARGOCD_APP_REVISION"` | `"1.4.2"` |');

    const again = await gitopsWithEnv(dir, env, 'promote', '--from', 'staging', '--to', 'prod', '--pr');
    expect(again.stdout).toMatch(/already holds this promotion[\s\S]*updated pull request #1/);
    expect(server.pulls).toHaveLength(1);
    expect(server.violations).toEqual([]);
    expect(first.stdout + first.stderr + again.stdout + again.stderr).not.toContain(TOKEN);
  });

  it('says so in one line when there is nothing to promote, and pushes nothing', async () => {
    const { dir, origin } = exampleRepo('');
    const r = await gitops(dir, 'promote', '--from', 'staging', '--to', 'prod', '--push');
    expect(r).toMatchObject({ code: 0, stdout: 'Nothing to promote from staging to prod.\n' });
    expect(git(origin, 'branch', '--list', 'promote/*')).toBe('');
  });

  it('edits the overlay in place without --push, prints the plan only with --dry-run', async () => {
    const { dir } = exampleRepo();
    const dry = await gitops(dir, 'promote', '--from', 'staging', '--dry-run', '--format', 'json');
    // prod's tag is its Application's helm parameter: the promotion edits that, and the dry run says whether the gate passes.
    const plan = dry.stdout.slice(0, dry.stdout.lastIndexOf('}') + 1);
    expect(JSON.parse(plan).apps[0]).toMatchObject({ file: APPLICATION, kind: 'parameter', changes: [{ key: 'image.tag', from: '$ARGOCD_APP_REVISION', to: '1.4.2' }] });
    expect(dry.stderr).toContain('Gate: passes');
    expect(git(dir, 'status', '--porcelain')).toBe('');
    const r = await gitops(dir, 'promote', '--from', 'staging');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Edited ${APPLICATION}. Review with git diff`);
    expect(git(dir, 'diff', '--numstat')).toBe(`1\t1\t${APPLICATION}`);
  });

  it('counts the edited overlays instead of naming them all when a promotion covers many apps', async () => {
    const dir = workspaceWithApps(['a1', 'a2', 'a3', 'a4', 'a5']);
    for (const app of ['alpha-members', 'a1', 'a2', 'a3', 'a4', 'a5']) expect((await gitops(dir, 'set-image', app, 'staging', '1.4.2')).code).toBe(0);
    const r = await gitops(dir, 'promote', '--from', 'staging', '--to', 'prod');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Edited 6 overlays. Review with git diff');
  });

  it('refuses to push while files the plan read have uncommitted changes', async () => {
    const { dir, origin } = exampleRepo();
    const { appendFileSync } = await import('node:fs');
    appendFileSync(`${dir}/${PROD}`, '# a local experiment\n');
    const r = await gitops(dir, 'promote', '--from', 'staging', '--push');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`uncommitted changes in files the promotion reads: ${PROD}`);
    expect(git(origin, 'branch', '--list', 'promote/*')).toBe('');
  });

  it('needs a token for --pr and says so before pushing anything', async () => {
    const { dir, origin } = exampleRepo();
    const r = await gitopsWithEnv(dir, {}, 'promote', '--from', 'staging', '--pr');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no GitHub token[\s\S]*GITHUB_TOKEN/);
    expect(git(origin, 'branch', '--list', 'promote/*')).toBe('');
  });
});

describe('gitops set-image', () => {
  it('pins a tag in the layer that sets it, keeping its comment', async () => {
    const { dir } = exampleRepo();
    const r = await gitops(dir, 'set-image', 'alpha-members', 'staging', '1.5.0');
    expect(r).toMatchObject({ code: 0, stdout: `${STAGING}: image.tag = 1.5.0\n` });
    expect(git(dir, 'diff', '-U0', STAGING)).toContain('+  tag: "1.5.0"  # Set by CI/CD');
    expect((await gitops(dir, 'set-image', 'alpha-members', 'staging', '1.5.0')).stdout).toContain('already 1.5.0');
    // By Application name; in prod the Application's helm parameter sets the tag.
    const prod = await gitops(dir, 'set-image', '--application', 'alpha-members-prod', '1.5.0');
    expect(prod).toMatchObject({ code: 0, stdout: `${APPLICATION}: image.tag = 1.5.0\n` });
    expect(git(dir, 'diff', '-U0', APPLICATION)).toContain('+          value: "1.5.0"');
  });

  it('sets the tag of the image map for --key image instead of replacing the map with a string', async () => {
    const { dir } = exampleRepo();
    const r = await gitops(dir, 'set-image', 'alpha-members', 'staging', '1.6.0', '--key', 'image');
    expect(r).toMatchObject({ code: 0, stdout: `${STAGING}: image.tag = 1.6.0\n` });
    const values = parse(readFileSync(join(dir, STAGING), 'utf8'));
    expect(values.image).toMatchObject({ tag: '1.6.0' });
    expect(typeof values.image).toBe('object');
  });

  it('refuses --key naming a map that has no tag, and writes nothing', async () => {
    const { dir } = exampleRepo();
    const before = readFileSync(join(dir, PROD), 'utf8');
    const r = await gitops(dir, 'set-image', 'alpha-members', 'prod', '1.6.0', '--key', 'resources');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: resources is a map in prod \(.*\) with no tag or repository key; setting it to a tag would replace the whole map\n  Pass --key with the path of the tag inside it/);
    expect(readFileSync(join(dir, PROD), 'utf8')).toBe(before);
  });
});
