import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nx } from '../../../core/src/test-support/e2e-workspace';
import { workspaceWithApps } from '../test-support/nx-workspace';

const json = (dir: string, args: string[]) => {
  const r = nx(dir, args);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};

describe('project inference', () => {
  it('turns every app folder of gitops.yaml into a project with cacheable, described targets', () => {
    const dir = workspaceWithApps(['beta']);
    // a values.yaml outside the apps globs is not an app
    mkdirSync(join(dir, 'charts/vendor'), { recursive: true });
    writeFileSync(join(dir, 'charts/vendor/values.yaml'), 'a: 1\n');

    const projects = json(dir, ['show', 'projects', '--json']);
    expect(projects.filter((p: string) => !p.startsWith('@helm-values-manager/')).sort()).toEqual(['alpha-members', 'beta', 'gitops']);

    const beta = json(dir, ['show', 'project', 'beta', '--json']);
    expect(beta.root).toBe('deployment/helm/beta');
    expect(Object.keys(beta.targets).sort()).toEqual(['diff', 'lint', 'promote', 'render', 'rendered-diff', 'validate']);
    for (const [name, target] of Object.entries<any>(beta.targets)) {
      expect(target.metadata.description, name).toMatch(/^[A-Z]\w+ \w+/);
      expect(target.inputs, name).toEqual(expect.arrayContaining(['{projectRoot}/**/*', '{workspaceRoot}/gitops.yaml', '{workspaceRoot}/argocd/applications/beta-*.yaml']));
      expect(Array.isArray(target.outputs), name).toBe(true);
      expect(typeof target.cache, name).toBe('boolean');
    }
    expect(beta.targets.validate.cache).toBe(true);
    expect(beta.targets.promote.cache).toBe(false);
    expect(beta.targets['rendered-diff'].cache).toBe(false);
    expect(beta.targets.render.outputs).toEqual(['{workspaceRoot}/dist/rendered/{projectName}']);
    expect(beta.targets.render.inputs).toContain('{workspaceRoot}/templates/**/*');
    expect(beta.targets.diff.options).toMatchObject({ from: 'staging', to: 'prod' });

    // the workspace as a whole: its status page reads every app and Application
    const ws = json(dir, ['show', 'project', 'gitops', '--json']);
    expect(ws.root).toBe('.');
    expect(ws.targets.report).toMatchObject({ executor: '@helm-values-manager/nx:report', cache: true, outputs: ['{workspaceRoot}/dist/reports/status.html'] });
    expect(ws.targets.report.inputs).toEqual(expect.arrayContaining(['{workspaceRoot}/gitops.yaml', '{workspaceRoot}/deployment/helm/*/**/*', '{workspaceRoot}/argocd/applications/**/*']));
    expect(ws.targets.report.metadata.description).toMatch(/^Write dist\/reports\/status\.html/);
  });

  it('follows the apps globs of gitops.yaml', () => {
    const dir = workspaceWithApps([]);
    mkdirSync(join(dir, 'services/gamma'), { recursive: true });
    writeFileSync(join(dir, 'services/gamma/values.yaml'), '# the gamma service\nreplicaCount: 1\n');
    expect(json(dir, ['show', 'projects', '--json'])).not.toContain('gamma');
    const config = join(dir, 'gitops.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('apps: deployment/helm/*', 'apps:\n  - deployment/helm/*\n  - services/*'));
    expect(json(dir, ['show', 'projects', '--json'])).toContain('gamma');
  });
});
