import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { nx } from '../../../core/src/test-support/e2e-workspace';
import { helmBinary } from '../../../../tools/test/helm';
import { CONFIG_FILE } from '@helm-values-manager/core';
import { workspaceWithAppOfApps, workspaceWithApps, workspaceWithDeployments } from '../test-support/nx-workspace';
import { PLUGIN_CONFIG_FILE } from './plugin';

const json = (dir: string, args: string[]) => {
  const r = nx(dir, args);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};

/**
 * A target's inputs one file or glob each, from the workspace root: the plugin groups files as
 * `{a,b}`, and an app's files that the workspace project (root `.`) holds are exact paths with
 * `includeIgnored`.
 */
const each = (inputs: unknown[]): unknown[] =>
  inputs.flatMap((i) => {
    if (typeof i === 'object' && i !== null && 'includeIgnored' in i) return [(i as unknown as { fileset: string }).fileset];
    return typeof i === 'string' ? (/^\{workspaceRoot\}\/\{(.*)\}$/.exec(i)?.[1].split(',').map((f) => `{workspaceRoot}/${f}`) ?? [i]) : [i];
  });

/** The projects `project` depends on in the project graph, as `nx graph` writes it. */
const dependencies = (dir: string, project: string): string[] => {
  const file = join(mkdtempSync(join(tmpdir(), 'hvm-graph-')), 'graph.json');
  expect(nx(dir, ['graph', `--file=${file}`]).code).toBe(0);
  return (JSON.parse(readFileSync(file, 'utf8')).graph.dependencies[project] as { target: string }[]).map((d) => d.target);
};

describe('project inference', () => {
  it('looks for the configuration file the core reads', () => {
    expect(PLUGIN_CONFIG_FILE).toBe(CONFIG_FILE);
  });

  it('turns every app folder of gitops.yaml into a project with cacheable, described targets', () => {
    const dir = workspaceWithApps(['beta']);
    // a values.yaml outside the apps globs is not an app
    mkdirSync(join(dir, 'charts/vendor'), { recursive: true });
    writeFileSync(join(dir, 'charts/vendor/values.yaml'), 'a: 1\n');

    const projects = json(dir, ['show', 'projects', '--json']);
    expect(projects.filter((p: string) => !p.startsWith('@helm-values-manager/')).sort()).toEqual(['alpha-members', 'beta', 'gitops']);

    const beta = json(dir, ['show', 'project', 'beta', '--json']);
    const ws = json(dir, ['show', 'project', 'gitops', '--json']);
    expect(beta.root).toBe('deployment/helm/beta');
    // its Applications are files of the workspace project: projects touched with them include the app
    expect(dependencies(dir, 'beta')).toEqual(['gitops']);
    expect(Object.keys(beta.targets).sort()).toEqual(['diff', 'lint', 'promote', 'render', 'rendered-diff', 'validate']);
    for (const [name, target] of Object.entries<any>(beta.targets)) {
      expect(target.metadata.description, name).toMatch(/^[A-Z]\w+ \w+/);
      expect(each(target.inputs), name).toEqual(expect.arrayContaining(['{projectRoot}/**/*', '{workspaceRoot}/gitops.yaml', '{workspaceRoot}/argocd/applications/beta-prod.yaml']));
      expect(each(target.inputs), name).not.toContain('{workspaceRoot}/argocd/applications/alpha-members-prod.yaml');
      // each looked up by its path, not matched against every file of the workspace project
      for (const env of ['dev', 'staging', 'prod']) expect(target.inputs, name).toContainEqual({ fileset: `{workspaceRoot}/argocd/applications/beta-${env}.yaml`, includeIgnored: true });
      expect(target.inputs.filter((i: unknown) => typeof i === 'string' && i.includes('argocd/')), name).toEqual([]);
      expect(Array.isArray(target.outputs), name).toBe(true);
      expect(typeof target.cache, name).toBe('boolean');
    }
    expect(beta.targets.validate.cache).toBe(true);
    expect(beta.targets.promote.cache).toBe(false);
    expect(beta.targets['rendered-diff'].cache).toBe(false);
    expect(beta.targets.render.outputs).toEqual(['{workspaceRoot}/dist/rendered/{projectName}']);
    expect(beta.targets.render.inputs).toContain('{workspaceRoot}/templates/**/*');
    // a chart's findings change with helm and with the workspace's Kubernetes schemas
    for (const t of ['validate', 'render']) {
      expect(beta.targets[t].inputs, t).toEqual(expect.arrayContaining([{ runtime: 'helm version --short 2>/dev/null || echo no-helm' }, '{workspaceRoot}/schemas/kubernetes/**/*']));
    }
    expect(beta.targets.diff.options).toMatchObject({ from: 'staging', to: 'prod' });

    // the workspace as a whole: what belongs to no one app, and the status page of every app
    expect(ws.root).toBe('.');
    expect(ws.targets.validate).toMatchObject({ executor: '@helm-values-manager/nx:validate', cache: true, options: { workspace: true } });
    expect(ws.targets.report).toMatchObject({ executor: '@helm-values-manager/nx:report', cache: true, outputs: ['{workspaceRoot}/dist/reports/status.html'] });
    expect(each(ws.targets.report.inputs)).toEqual(expect.arrayContaining(['{workspaceRoot}/gitops.yaml', '{workspaceRoot}/deployment/helm/*/**/*', '{workspaceRoot}/argocd/applications/**/*']));
    // its validate reads the Applications, not the apps' values files; their folder holds each of them
    expect(each(ws.targets.validate.inputs)).toEqual(expect.arrayContaining(['{workspaceRoot}/gitops.yaml', '{workspaceRoot}/argocd/applications/**/*']));
    expect(each([...ws.targets.validate.inputs, ...ws.targets.report.inputs]).filter((i) => typeof i === 'string' && /applications\/.+\.yaml$/.test(i))).toEqual([]);
    expect(each(ws.targets.report.inputs).filter((i) => typeof i === 'string' && i.includes('deployment/helm/'))).toEqual(['{workspaceRoot}/deployment/helm/*/**/*']);
    expect(each(ws.targets.validate.inputs).filter((i) => typeof i === 'string' && i.includes('deployment/helm'))).toEqual([]);
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
    // projects are kept between runs, and any new file infers them again
    mkdirSync(join(dir, 'services/delta'), { recursive: true });
    writeFileSync(join(dir, 'services/delta/values.yaml'), '# the delta service\nreplicaCount: 1\n');
    expect(json(dir, ['show', 'projects', '--json'])).toEqual(expect.arrayContaining(['gamma', 'delta']));
  });

  it('keeps the inferred projects across edits of values files, and infers them again on any other change', () => {
    const dir = workspaceWithApps(['beta']);
    const kept = () => {
      expect(nx(dir, ['show', 'projects', '--json']).code).toBe(0);
      return JSON.parse(readFileSync(join(dir, '.nx/workspace-data/gitops-projects.json'), 'utf8')).key as string;
    };
    const first = kept();
    // what an overlay holds changes beta's results, not its project: nx affected does not infer 3 projects for 1 task
    appendFileSync(join(dir, 'deployment/helm/beta/values-staging.yaml'), '# reviewed\n');
    expect(kept()).toBe(first);
    appendFileSync(join(dir, 'argocd/applications/beta-prod.yaml'), '# reviewed\n');
    const second = kept();
    expect(second).not.toBe(first);
    writeFileSync(join(dir, 'deployment/helm/beta/values-qa.yaml'), 'replicaCount: 1\n');
    expect(kept()).not.toBe(second);
  });
});

describe('projects from what Argo CD deploys', () => {
  const tasks = (out: string) => [...new Set(out.match(/nx run [^:\s]+:validate/g) ?? [])].filter((t) => !t.startsWith('nx run gitops:')).sort();
  let dir: string;
  beforeAll(() => {
    dir = workspaceWithDeployments();
  });

  it('makes a project of every app an Application or ApplicationSet deploys, each with its own root and inputs', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hvm-graph-')), 'graph.json');
    expect(nx(dir, ['graph', `--file=${file}`]).code).toBe(0);
    const nodes = JSON.parse(readFileSync(file, 'utf8')).graph.nodes as Record<string, { data: { root: string; targets: Record<string, { inputs: unknown[] }> } }>;
    const roots = Object.fromEntries(Object.entries(nodes).filter(([p]) => !p.startsWith('@helm-values-manager/')).map(([p, n]) => [p, n.data.root]));
    // billing-api comes only from an ApplicationSet over an uppercase folder; api and web share one chart; two folders are named worker
    expect(roots).toEqual({
      'a-worker': 'teams/a/worker',
      'alpha-members': 'deployment/helm/alpha-members',
      api: 'deployments/api',
      'b-worker': 'teams/b/worker',
      'billing-api': 'platform/Billing-API',
      gitops: '.',
      web: 'deployments/web',
    });
    const api = each(nodes.api.data.targets.validate.inputs);
    expect(api).toEqual(expect.arrayContaining(['{workspaceRoot}/charts/microservice/**/*', '{workspaceRoot}/argocd/applications/api-prod.yaml', '{workspaceRoot}/deployments/api/values-prod.yaml']));
    expect(api).not.toContain('{workspaceRoot}/deployments/web/values-prod.yaml');
  });

  it.each([
    ['deployments/web/values-prod.yaml', ['web']],
    ['argocd/applications/api-dev.yaml', ['api']],
    ['charts/microservice/values.yaml', ['api', 'web']],
    ['platform/Billing-API/values-prod.yaml', ['billing-api']],
    ['argocd/applications/platform.yaml', ['billing-api']],
    ['teams/b/worker/values.yaml', ['b-worker']],
  ])('nx affected: a change to %s reaches %j', (file, projects) => {
    appendFileSync(join(dir, file), '# reviewed\n');
    try {
      const r = nx(dir, ['affected', '-t', 'validate', '--base=HEAD', '--output-style=static']);
      expect(tasks(r.stdout)).toEqual(projects.map((p) => `nx run ${p}:validate`));
    } finally {
      execFileSync('git', ['checkout', '--', file], { cwd: dir });
    }
  });

  it('a values file nothing layers in a chart folder several apps share, which no project holds, is the workspace project\'s finding', () => {
    const file = join(dir, 'charts/microservice/values.old.yaml');
    writeFileSync(file, 'replicaCount: 9\n');
    try {
      const r = nx(dir, ['affected', '-t', 'validate', '--base=HEAD', '--output-style=static']);
      expect([...new Set(r.stdout.match(/nx run [^:\s]+:validate/g))].sort()).toEqual(['nx run api:validate', 'nx run gitops:validate', 'nx run web:validate']);
      const gitops = r.stdout.slice(r.stdout.indexOf('nx run gitops:validate'));
      expect(gitops).toContain('charts/microservice/values.old.yaml:1:1  warning  no Application layers values.old.yaml in any env');
      expect(r.stdout.match(/no Application layers values\.old\.yaml/g)).toHaveLength(1);
    } finally {
      rmSync(file);
    }
  });
});

describe("an app's files in the workspace project's folder", () => {
  /** The validate tasks a run replayed from the cache, and those it ran. */
  const runs = (dir: string) => {
    const r = nx(dir, ['run-many', '-t', 'validate', '--output-style=static']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const lines = [...new Set(r.stdout.match(/nx run \S+:validate.*/g) ?? [])];
    const names = (cached: boolean) => lines.filter((l) => l.includes('[local cache]') === cached).map((l) => /nx run (\S+):validate/.exec(l)?.[1]).sort();
    return { cached: names(true), ran: names(false) };
  };

  it('reach its cached result through the workspace project, whatever that is called: an edit to one Application runs its app again, a new app only itself', () => {
    const dir = workspaceWithApps(['beta', 'gamma']);
    const nxJson = JSON.parse(readFileSync(join(dir, 'nx.json'), 'utf8'));
    nxJson.plugins = [{ plugin: '@helm-values-manager/nx', options: { workspaceProjectName: 'platform' } }];
    writeFileSync(join(dir, 'nx.json'), JSON.stringify(nxJson));
    execFileSync('git', ['commit', '-qam', 'platform'], { cwd: dir });

    expect(runs(dir).ran).toEqual(['alpha-members', 'beta', 'gamma', 'platform']);
    expect(runs(dir).ran).toEqual([]);

    appendFileSync(join(dir, 'argocd/applications/gamma-prod.yaml'), '# reviewed\n');
    // the workspace project reads every Application too
    expect(runs(dir)).toEqual({ cached: ['alpha-members', 'beta'], ran: ['gamma', 'platform'] });

    // the workspace project's configuration changes with the apps; no other app's result does
    cpSync(join(dir, 'deployment/helm/beta'), join(dir, 'deployment/helm/delta'), { recursive: true });
    for (const env of ['dev', 'staging', 'prod']) {
      writeFileSync(join(dir, `argocd/applications/delta-${env}.yaml`), readFileSync(join(dir, `argocd/applications/beta-${env}.yaml`), 'utf8').replaceAll('beta', 'delta'));
    }
    expect(runs(dir)).toEqual({ cached: ['alpha-members', 'beta', 'gamma'], ran: ['delta', 'platform'] });
  });

  it('depend on the workspace project whatever a project.json at the root names it', () => {
    const dir = workspaceWithApps(['beta']);
    writeFileSync(join(dir, 'project.json'), JSON.stringify({ name: 'infra' }));
    execFileSync('git', ['add', '-A'], { cwd: dir });
    execFileSync('git', ['commit', '-qm', 'infra'], { cwd: dir });

    expect(runs(dir).ran).toEqual(['alpha-members', 'beta', 'infra']);
    appendFileSync(join(dir, 'argocd/applications/beta-prod.yaml'), '# reviewed\n');
    expect(runs(dir)).toEqual({ cached: ['alpha-members'], ran: ['beta', 'infra'] });
  });

  it('a new app and its Applications: nx affected runs that app and the workspace project alone', () => {
    const dir = workspaceWithApps(['beta']);
    cpSync(join(dir, 'deployment/helm/beta'), join(dir, 'deployment/helm/delta'), { recursive: true });
    for (const env of ['dev', 'staging', 'prod']) {
      writeFileSync(join(dir, `argocd/applications/delta-${env}.yaml`), readFileSync(join(dir, `argocd/applications/beta-${env}.yaml`), 'utf8').replaceAll('beta', 'delta'));
    }
    const r = nx(dir, ['affected', '-t', 'validate', '--base=HEAD', '--output-style=static']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect([...new Set(r.stdout.match(/nx run \S+:validate/g))].sort()).toEqual(['nx run delta:validate', 'nx run gitops:validate']);
  });

  it('stay workspace files where another project may hold them (a folder with project.json or package.json on the way), or another app does', () => {
    const dir = workspaceWithApps(['beta', 'gamma']);
    writeFileSync(join(dir, 'argocd/project.json'), JSON.stringify({ name: 'argocd' }));
    // gamma's prod Application kept in beta's folder: beta's project holds that file
    renameSync(join(dir, 'argocd/applications/gamma-prod.yaml'), join(dir, 'deployment/helm/beta/gamma-prod.yaml'));
    const gitops = parse(readFileSync(join(dir, 'gitops.yaml'), 'utf8'));
    gitops.argocd = { ...gitops.argocd, applications: ['argocd/applications', 'deployment/helm/beta/gamma-prod.yaml'] };
    writeFileSync(join(dir, 'gitops.yaml'), stringify(gitops));
    execFileSync('git', ['add', '-A'], { cwd: dir });
    execFileSync('git', ['commit', '-qm', 'elsewhere'], { cwd: dir });

    const inputs = json(dir, ['show', 'project', 'gamma', '--json']).targets.validate.inputs;
    expect(inputs.filter((i: unknown) => typeof i !== 'string' && 'includeIgnored' in (i as object))).toEqual([]);
    expect(dependencies(dir, 'gamma')).toEqual([]);
    expect(each(inputs)).toEqual(expect.arrayContaining(['{workspaceRoot}/argocd/applications/gamma-dev.yaml', '{workspaceRoot}/deployment/helm/beta/gamma-prod.yaml']));
    expect(runs(dir).ran).toEqual(['alpha-members', 'beta', 'gamma', 'gitops']);
    appendFileSync(join(dir, 'argocd/applications/gamma-dev.yaml'), '# reviewed\n');
    expect(runs(dir).ran).toEqual(['gamma', 'gitops']);
    appendFileSync(join(dir, 'deployment/helm/beta/gamma-prod.yaml'), '# reviewed\n');
    // beta's folder is beta's input, and the file deploys gamma
    expect(runs(dir).ran).toEqual(['beta', 'gamma', 'gitops']);
  });
});

describe('app-of-apps under Nx', () => {
  it('without helm, the workspace validate says which Applications are not read and what that leaves unchecked; with helm.binary, they are projects', () => {
    const dir = workspaceWithAppOfApps();
    const noHelm = { PATH: '/usr/bin:/bin' };
    const projects = () => JSON.parse(nx(dir, ['show', 'projects', '--json'], '', noHelm).stdout) as string[];
    expect(projects()).not.toContain('guestbook');
    const r = nx(dir, ['run', 'gitops:validate', '--output-style=static', '--skip-nx-cache'], '', noHelm);
    expect(r.stdout).toContain('argocd/applications/root.yaml:11');
    expect(r.stdout).toMatch(/no helm is available to render it: the Applications it creates are not read, so their values, validate, lint, diff and promotion are not checked/);

    appendFileSync(join(dir, 'gitops.yaml'), `\nhelm:\n  binary: ${helmBinary(3)}\n`);
    expect(projects()).toContain('guestbook');
    expect(json(dir, ['show', 'project', 'guestbook', '--json']).root).toBe('guestbook');
  });

  it('keeps the inferred projects for another PATH that finds the same helm, and infers them again for another helm', () => {
    const dir = workspaceWithAppOfApps();
    const bins = [3, 4].map((major) => {
      const bin = mkdtempSync(join(tmpdir(), `helm${major}-`));
      symlinkSync(helmBinary(major as 3 | 4), join(bin, 'helm'));
      return bin;
    });
    const keyAfter = (PATH: string) => {
      expect(JSON.parse(nx(dir, ['show', 'projects', '--json'], '', { PATH }).stdout)).toContain('guestbook');
      return JSON.parse(readFileSync(join(dir, '.nx/workspace-data/gitops-projects.json'), 'utf8')).key as string;
    };
    const first = keyAfter(`${bins[0]}:/usr/bin:/bin`);
    // an editor's PATH, other folders around the same helm
    expect(keyAfter(`${mkdtempSync(join(tmpdir(), 'tools-'))}:${bins[0]}:/usr/bin:/bin:/sbin`)).toBe(first);
    expect(keyAfter(`${bins[1]}:/usr/bin:/bin`)).not.toBe(first);
  });
});
