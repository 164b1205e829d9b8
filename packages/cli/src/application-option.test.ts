import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitops } from './test-support/fake-io';

// Names come from ApplicationSets: a matrix of git directories x envs (billing-api-prod from the folder
// apps/Billing-API, normalized) and git files (guestbook-canary-prod).
const FIXTURE = join(__dirname, '../../core/src/workspace/fixtures/appset-matrix');

function copy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'hvm-application-')), 'ws');
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

describe('--application NAME on every command that takes APP ENV', () => {
  it('values, validate, lint and helm-args say for an ApplicationSet-generated name what they say for its app and env', async () => {
    const dir = FIXTURE;
    const same = async (byName: string[], byApp: string[]) => {
      const [a, b] = [await gitops(dir, ...byName), await gitops(dir, ...byApp)];
      expect(a.code, a.stderr).toBe(b.code);
      expect(a.stdout, byName.join(' ')).toBe(b.stdout);
      expect(a.stdout).not.toBe('');
    };
    await same(['values', '-a', 'billing-api-prod', '-o', 'json'], ['values', 'billing-api', 'prod', '-o', 'json']);
    await same(['validate', '--application', 'billing-api-prod', '-o', 'json'], ['validate', 'billing-api', '--env', 'prod', '-o', 'json']);
    await same(['lint', '--application', 'guestbook-dev', '-o', 'json'], ['lint', 'guestbook', '-o', 'json']);
    await same(['helm-args', '--application', 'billing-api-prod'], ['helm-args', 'billing-api', 'prod']);
    expect((await gitops(dir, 'helm-args', '-a', 'billing-api-prod')).stdout).toContain('helm upgrade --install billing-api-prod ./apps/Billing-API');
  });

  it('diff takes two Applications of one app (FROM then TO), and refuses two apps', async () => {
    const byName = await gitops(FIXTURE, 'diff', '-a', 'guestbook-dev', '-a', 'guestbook-prod');
    expect(byName.code, byName.stderr).toBe(0);
    expect(byName.stdout).toBe((await gitops(FIXTURE, 'diff', 'guestbook', 'dev', 'prod')).stdout);
    expect(byName.stdout).toMatch(/replicaCount|image/);
    const mixed = await gitops(FIXTURE, 'diff', '-a', 'guestbook-dev', '-a', 'billing-api-prod');
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('deploy different apps (guestbook and billing-api)');
  });

  it('render writes only the app and env the Application deploys', async () => {
    const dir = copy();
    const out = join(dir, 'out');
    const r = await gitops(dir, 'render', '--application', 'guestbook-prod', '--out-dir', 'out');
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(out, 'guestbook/prod/values.yaml'))).toBe(true);
    expect(existsSync(join(out, 'guestbook/dev'))).toBe(false);
    expect(existsSync(join(out, 'billing-api'))).toBe(false);
  });

  it('status shows only its app and env; promote --dry-run promotes only its app into its env', async () => {
    const status = JSON.parse((await gitops(FIXTURE, 'status', '-a', 'guestbook-prod', '-o', 'json')).stdout);
    expect(JSON.stringify(status)).toContain('guestbook');
    expect(JSON.stringify(status)).not.toContain('billing-api');
    expect(JSON.stringify(status)).not.toContain('"dev"');

    const dry = await gitops(FIXTURE, 'promote', '--from', 'dev', '--application', 'guestbook-prod', '--dry-run', '-o', 'json');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('guestbook');
    expect(dry.stdout).not.toContain('billing-api');
    const contradiction = await gitops(FIXTURE, 'promote', '--from', 'dev', '--to', 'dev', '--application', 'guestbook-prod', '--dry-run');
    expect(contradiction.code).toBe(2);
    expect(contradiction.stderr).toContain('--application deploys guestbook to prod, which --to dev leaves out');
  });

  it('set-image pins the tag of the env the Application deploys, in the layer that sets it', async () => {
    const dir = copy();
    const r = await gitops(dir, 'set-image', '--application', 'guestbook-prod', '9.9.9');
    expect(r.code, r.stderr).toBe(0);
    expect((await gitops(dir, 'values', 'guestbook', 'prod', '-o', 'json')).stdout).toContain('"tag": "9.9.9"');
    expect((await gitops(dir, 'values', 'guestbook', 'dev', '-o', 'json')).stdout).not.toContain('9.9.9');
    expect(readFileSync(join(dir, 'apps/guestbook/values-prod.yaml'), 'utf8')).toContain('9.9.9');
  });

  it.each([
    ['values', '-a', 'billing-api-prd'],
    ['validate', '-a', 'billing-api-prd'],
    ['lint', '-a', 'billing-api-prd'],
    ['diff', '-a', 'billing-api-prd', '-a', 'billing-api-prod'],
    ['render', '-a', 'billing-api-prd'],
    ['helm-args', '-a', 'billing-api-prd'],
    ['status', '-a', 'billing-api-prd'],
    ['promote', '--from', 'dev', '-a', 'billing-api-prd', '--dry-run'],
    ['set-image', '-a', 'billing-api-prd', '1.0.0'],
    ['secret', 'set', '-a', 'billing-api-prd', 'password'],
  ])('%s: an unknown Application name is a usage error (exit 2) with a did-you-mean', async (...argv) => {
    const r = await gitops(FIXTURE, ...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no Argo CD Application named "billing-api-prd"; did you mean "billing-api-prod"?');
  });

  it('APP ENV and --application together is a usage error', async () => {
    const r = await gitops(FIXTURE, 'helm-args', 'guestbook', 'prod', '-a', 'guestbook-prod');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--application names the app and env: give no APP ENV with it');
  });
});
