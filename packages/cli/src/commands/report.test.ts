import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
});
