import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExampleWorkspace } from '../../../core/src/test-support/example-workspace';
import { gitops } from '../test-support/fake-io';

describe('gitops report', () => {
  it('gathers the findings kept under dist/reports into one report', async () => {
    const dir = copyExampleWorkspace();
    const prod = join(dir, 'deployment/helm/alpha-members/values-prod.yaml');
    writeFileSync(prod, readFileSync(prod, 'utf8').replace('memory: 1Gi', 'memory: 1GB'));
    const json = await gitops(dir, 'validate', '--format', 'json');
    mkdirSync(join(dir, 'dist/reports/validate'), { recursive: true });
    writeFileSync(join(dir, 'dist/reports/validate/alpha-members.json'), json.stdout);
    writeFileSync(join(dir, 'dist/reports/validate/clean.json'), JSON.stringify({ findings: [] }));

    const r = await gitops(join(dir, 'deployment'), 'report');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('deployment/helm/alpha-members/values-prod.yaml:17:13');
    expect(r.stdout).toMatch(/1 error/);
  });

  it('gives an empty report when nothing was kept, says why, and says where a report is broken', async () => {
    const dir = copyExampleWorkspace();
    const none = await gitops(dir, 'report', '--format', 'sarif');
    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout).runs[0].results).toEqual([]);
    expect(none.stderr).toMatch(/nothing at dist\/reports: no findings kept, or the validate and lint targets have not run \(npx nx run-many -t validate lint\)/);

    mkdirSync(join(dir, 'dist/reports/lint'), { recursive: true });
    writeFileSync(join(dir, 'dist/reports/lint/a.json'), '{"findings": [');
    const broken = await gitops(dir, 'report');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('dist/reports/lint/a.json: not a JSON report');
  });

  it('writes the status page whole or not at all, and only inside the workspace', async () => {
    const dir = copyExampleWorkspace();
    const page = join(dir, 'dist/reports/status.html');
    const first = await gitops(dir, 'report', '-o', 'html', '--out', 'dist/reports/status.html');
    expect([first.code, first.stderr]).toEqual([0, 'wrote dist/reports/status.html\n']);
    const html = readFileSync(page, 'utf8');
    expect(html).toMatch(/^<!doctype html>[\s\S]*<\/html>\n$/);

    // an unknown env fails before anything is written: the last page stays as it was
    const unknown = await gitops(dir, 'report', '-o', 'html', '--out', 'dist/reports/status.html', '--env', 'prd');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown environment "prd"; did you mean "prod"\?/);
    expect(readFileSync(page, 'utf8')).toBe(html);

    // a folder in the way: said with its name, and no temporary file left beside it
    mkdirSync(join(dir, 'dist/reports/folder.html'));
    const folder = await gitops(dir, 'report', '-o', 'html', '--out', 'dist/reports/folder.html');
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('dist/reports/folder.html');
    expect(folder.stderr).toMatch(/folder/);
    expect(folder.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(join(dir, 'dist/reports')).sort()).toEqual(['folder.html', 'status.html']);

    const outside = await gitops(dir, 'report', '-o', 'html', '--out', '../status.html');
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/--out \.\.\/status\.html is outside the workspace/);
    expect(existsSync(join(dir, '../status.html'))).toBe(false);
  });
});
