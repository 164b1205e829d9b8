import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExampleWorkspace } from '../../../core/src/test-support/example-workspace';
import { gitops } from '../test-support/fake-io';

const APP_DIR = 'deployment/helm/alpha-members';

function workspace(): string {
  const dir = copyExampleWorkspace();
  const edit = (env: string, f: (s: string) => string) => {
    const file = join(dir, APP_DIR, `values-${env}.yaml`);
    writeFileSync(file, f(readFileSync(file, 'utf8')));
  };
  edit('staging', (s) => s.replace('tag: ""  # Set by CI/CD', 'tag: "1.4.1-rc.20261130.build-7731-abcdef"  # Set by CI/CD'));
  edit('prod', (s) => `${s}debugMode:\n  verbose: false\n`);
  return dir;
}

type Json = { envs: string[]; apps: { app: string; envs: Record<string, { tags: string[]; atSync?: { value: string; variables: string[] }[]; tagAt?: { file: string; line: number }; pending: number; drift: string[]; findings: { error: number; warning: number; info: number } }> }[]; pending: { from: string; to: string; changes: { key: string; now: unknown; promoted: unknown }[] }[] };

describe('gitops status', () => {
  it('prints one row per app and one column per env in promotion order, within 80 columns', async () => {
    const dir = workspace();
    const r = await gitops(dir, 'status');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(80);
    expect(lines[0].split(/\s+/)).toEqual(['APP', 'DEV', 'STAGING', 'PROD']);
    const row = lines.find((l) => l.startsWith('alpha-members')) as string;
    // dev's tag has a change pending to staging; the long staging tag is shortened, its marks kept
    expect(row).toMatch(/dev-latest >1/);
    expect(row).toMatch(/1\.4\.1-r\S*…\S*abcdef >1/);
    expect(row).not.toContain('1.4.1-rc.20261130.build-7731-abcdef');
    expect(r.stdout).toMatch(/>N promotable changes pending to the next env/);
  });

  it('shows everything with --wide', async () => {
    const r = await gitops(workspace(), 'status', '--wide');
    expect(r.stdout).toContain('1.4.1-rc.20261130.build-7731-abcdef');
    // prod's tag is the commit Argo CD syncs: marked as its variable, and the legend says what it stands for
    expect(r.stdout).toMatch(/^alpha-members .*<ARGOCD_APP_REVISION> ~\d+$/m);
    expect(r.stdout).not.toContain('$ARGOCD_APP_REVISION');
    expect(r.stdout).toContain('<NAME> set by Argo CD when it syncs (ARGOCD_APP_REVISION: the commit Argo CD syncs)');
  });

  it('gives machines the tag, provenance, pending changes, drift and finding counts per env', async () => {
    const dir = workspace();
    const r = await gitops(dir, 'status', 'alpha-members', '-o', 'json');
    expect(r.code, r.stderr).toBe(0);
    const status = JSON.parse(r.stdout) as Json;
    expect(status.envs).toEqual(['dev', 'staging', 'prod']);
    const cells = status.apps[0].envs;
    expect(cells.dev.tags).toEqual(['dev-latest']);
    expect(cells.staging.tags).toEqual(['1.4.1-rc.20261130.build-7731-abcdef']);
    // prod's Application sets the tag with a helm parameter to the commit Argo CD syncs: no tag the repository knows
    expect(cells.prod.tags).toEqual([]);
    expect(cells.prod.atSync).toEqual([{ value: '$ARGOCD_APP_REVISION', variables: ['ARGOCD_APP_REVISION'] }]);
    expect(cells.prod.tagAt?.file).toBe('argocd/applications/alpha-members-prod.yaml');
    expect(cells.staging.tagAt).toMatchObject({ file: `${APP_DIR}/values-staging.yaml`, line: 5 });
    expect(cells.prod.drift).toContain('debugMode.verbose');
    expect(cells.staging.drift).not.toContain('debugMode.verbose');
    expect(cells.dev.pending).toBe(1);
    expect(status.pending.find((p) => p.from === 'dev')?.changes).toEqual([{ key: 'image.tag', now: '1.4.1-rc.20261130.build-7731-abcdef', promoted: 'dev-latest' }]);

    // the counts are validate's
    const validate = JSON.parse((await gitops(dir, 'validate', '--format', 'json')).stdout) as { findings: { env?: string }[] };
    for (const env of status.envs) {
      const c = cells[env].findings;
      expect(c.error + c.warning + c.info, env).toBe(validate.findings.filter((f) => f.env === env).length);
    }
  });

  it('keeps to the envs asked for, and says which names exist', async () => {
    const dir = workspace();
    const r = await gitops(dir, 'status', '--env', 'staging', '--env', 'prod', '-o', 'json');
    const status = JSON.parse(r.stdout) as Json;
    expect(status.envs).toEqual(['staging', 'prod']);
    expect(Object.keys(status.apps[0].envs)).toEqual(['staging', 'prod']);
    const bad = await gitops(dir, 'status', 'alpha-member');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/alpha-members/);
  });

  it('writes the matrix as Markdown for a job summary, secrets redacted', async () => {
    const dir = workspace();
    const dev = join(dir, APP_DIR, 'values-dev.yaml');
    writeFileSync(dev, readFileSync(dev, 'utf8').replace('tag: dev-latest', 'tag: dev-latest\n  password: Pl41ntext-Pw'));
    const r = await gitops(dir, 'status', '-o', 'markdown');
    expect(r.stdout).toMatch(/^\| app \| dev \| staging \| prod \|$/m);
    expect(r.stdout).toMatch(/^\| alpha-members \| `dev-latest`<br>⬆ 1 to promote/m);
    expect(r.stdout).not.toContain('Pl41ntext-Pw');
  });
});
