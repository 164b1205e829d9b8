import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../core/src/test-support/example-workspace';
import { gitops } from '../test-support/fake-io';

describe('gitops init', () => {
  it('writes gitops.yaml from the Applications it finds, says what it found, and changes nothing the second time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvm-init-'));
    for (const p of ['charts', 'argocd']) cpSync(join(REPO_ROOT, 'fixtures/adopt', p), join(dir, p), { recursive: true });
    const first = await gitops(dir, 'init');
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/envs, in promotion order: dev -> prod/);
    expect(first.stderr).toMatch(/Wrote gitops\.yaml/);
    const written = readFileSync(join(dir, 'gitops.yaml'), 'utf8');
    expect(written).toMatch(/^apps: charts\/\*$/m);
    const again = await gitops(dir, 'init');
    expect(again.stderr).toMatch(/gitops\.yaml exists: kept as it is/);
    expect(readFileSync(join(dir, 'gitops.yaml'), 'utf8')).toBe(written);
    expect((await gitops(dir, 'validate')).code).toBe(0);
  });

  it('--dry-run prints the gitops.yaml it would write and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvm-init-'));
    cpSync(join(REPO_ROOT, 'fixtures/adopt/charts'), join(dir, 'charts'), { recursive: true });
    const dry = await gitops(dir, 'init', '--dry-run');
    expect(dry.stdout).toMatch(/^environments:\n {2}- name: dev/m);
    expect(dry.stdout).toMatch(/Would write gitops\.yaml/);
    expect(() => readFileSync(join(dir, 'gitops.yaml'))).toThrow();
  });
});
