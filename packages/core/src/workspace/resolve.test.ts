import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../common';
import { parseValuesYaml } from '../yaml';
import { layers } from './layers';
import { mergeFiles } from '../values';
import { newResolutions, resolveDeployment, resolveValues } from './resolve';
import { copyExampleWorkspace, EXAMPLE_ROOT } from '../test-support/example-workspace';
import { loadWorkspace } from './workspace';
import { formatWithProvenance } from '../values';

const ws = loadWorkspace(EXAMPLE_ROOT);
const APP_DIR = 'deployment/helm/alpha-members';

describe('layers', () => {
  it('orders files as the spec helm commands and Argo CD valueFiles do', () => {
    for (const env of ['dev', 'staging', 'prod']) {
      const files = layers(ws, 'alpha-members', env).map((l) => l.valueFile);
      expect(files).toEqual(['values.yaml', `values-${env}.yaml`]);
      const app = readFileSync(join(EXAMPLE_ROOT, `argocd/applications/alpha-members-${env}.yaml`), 'utf8');
      expect(app).toContain(`valueFiles:\n        - values.yaml\n        - values-${env}.yaml\n`);
    }
  });

  it('layers a parent env first and a cluster overlay last', () => {
    const dir = copyExampleWorkspace();
    const cfg = readFileSync(join(dir, 'gitops.yaml'), 'utf8').replace(
      'clusters:\n',
      '  - name: prod-eu\n    parent: prod\n    cluster: eu-1\nclusters:\n  - name: eu-1\n    server: https://eu-1.example.com\n',
    );
    writeFileSync(join(dir, 'gitops.yaml'), cfg);
    const files = layers(loadWorkspace(dir), 'alpha-members', 'prod-eu', 'eu-1').map((l) => [l.valueFile, l.exists]);
    expect(files).toEqual([
      ['values.yaml', true],
      ['values-prod.yaml', true],
      ['values-prod-eu.yaml', false],
      ['values-prod-eu.eu-1.yaml', false],
    ]);
    expect(() => layers(loadWorkspace(dir), 'alpha-members', 'prod', 'eu-1')).toThrow('env "prod" does not deploy to cluster "eu-1"');
  });
});

describe('resolveValues', () => {
  it('merges base and overlay as Helm does and knows where each value came from', () => {
    const r = resolveValues(ws, 'alpha-members', 'prod');
    expect(r.values.replicaCount).toBe(3);
    // What Argo CD deploys: the Application's helm.parameters come last, so prod's tag is the synced revision.
    expect(r.values.image).toEqual({ repository: 'alpha-members/api', pullPolicy: 'IfNotPresent', tag: '$ARGOCD_APP_REVISION' });
    expect(r.originOf(['image', 'tag'])).toEqual({ file: 'argocd/applications/alpha-members-prod.yaml', line: 18, column: 18 });
    expect(r.originOf(['resources', 'limits', 'memory'])).toEqual({ file: `${APP_DIR}/values-prod.yaml`, line: 17, column: 13 });
    expect(r.originOf(['image', 'repository'])).toEqual({ file: `${APP_DIR}/values.yaml`, line: 11, column: 15 });
    expect(r.originOf(['ingress', 'hosts', 0, 'paths', 0, 'pathType'])?.file).toBe(`${APP_DIR}/values-prod.yaml`);
  });

  it('applies --set after the files and points provenance at the flag', () => {
    const r = resolveValues(ws, 'alpha-members', 'staging', { sets: [{ kind: 'set', expression: 'image.tag=v1.2.3,replicaCount=5' }] });
    expect(r.values.image).toMatchObject({ tag: 'v1.2.3' });
    expect(r.values.replicaCount).toBe(5);
    expect(r.originOf(['image', 'tag'])).toEqual({ file: '--set image.tag=…', line: 0, column: 0 });
  });

  it('never echoes a --set value in a parse error or in provenance', () => {
    for (const [kind, expression] of [['set', 'db.password=Sup3rS3cretPw!,oops'], ['set-json', 'db={"password":"Sup3rS3cretPw!"'], ['set', 'db.password[x]=Sup3rS3cretPw!']] as const) {
      const e = (() => {
        try {
          resolveValues(ws, 'alpha-members', 'staging', { sets: [{ kind, expression }] });
        } catch (err) {
          return err as UserError;
        }
        throw new Error(`${expression} parsed`);
      })();
      expect(e).toBeInstanceOf(UserError);
      expect(`${e.format()}`).not.toContain('Sup3rS3cretPw');
      expect(e.message).toMatch(new RegExp(`^--${kind} db`));
    }
    const r = resolveValues(ws, 'alpha-members', 'staging', { sets: [{ kind: 'set', expression: 'db.password=Sup3rS3cretPw!' }] });
    expect(r.originOf(['db', 'password'])?.file).toBe('--set db.password=…');
  });

  it('deletes a key that a later layer sets to null, and lists replace whole', () => {
    const base = parseValuesYaml('a: {b: 1, c: 2}\nlist: [1, 2, 3]\n', 'values.yaml');
    const over = parseValuesYaml('a: {b: null}\nlist: [9]\n', 'values-x.yaml');
    const r = mergeFiles([base, over], { defaults: base });
    expect(r.values).toEqual({ a: { c: 2 }, list: [9] });
    expect(r.originOf(['list', 0])).toEqual({ file: 'values-x.yaml', line: 2, column: 8 });
  });

  it('annotates every value with its origin for --provenance', () => {
    const text = formatWithProvenance(resolveValues(ws, 'alpha-members', 'prod'));
    expect(text).toContain(`replicaCount: 3 # ${APP_DIR}/values-prod.yaml:2:15`);
    expect(text).toContain(`repository: alpha-members/api # ${APP_DIR}/values.yaml:11:15`);
    expect(text).toMatch(/memory: 1Gi # deployment\/helm\/alpha-members\/values-prod\.yaml:17:13/);
  });
});

describe("one run's resolutions", () => {
  it('resolve each app and env once: the next part of the run gets the same values, even if a file changed since', () => {
    const dir = copyExampleWorkspace();
    const w = loadWorkspace(dir);
    const run = newResolutions();
    const first = resolveValues(w, 'alpha-members', 'staging', { resolutions: run });
    writeFileSync(join(dir, APP_DIR, 'values-staging.yaml'), 'replicaCount: 9\n');
    expect(resolveValues(w, 'alpha-members', 'staging', { resolutions: run })).toBe(first);
    // without them (a new run, or the promotion gate over edited files) the file is read again
    expect(resolveValues(w, 'alpha-members', 'staging').values.replicaCount).toBe(9);
  });

  it('fail a broken file the same way each time, and leave --set values out', () => {
    const dir = copyExampleWorkspace();
    writeFileSync(join(dir, APP_DIR, 'values-dev.yaml'), 'replicaCount: [\n');
    const w = loadWorkspace(dir);
    const run = newResolutions();
    const failure = (() => {
      try {
        resolveValues(w, 'alpha-members', 'dev', { resolutions: run });
      } catch (e) {
        return e;
      }
    })();
    expect(failure).toBeInstanceOf(UserError);
    expect(() => resolveValues(w, 'alpha-members', 'dev', { resolutions: run })).toThrow(failure as Error);
    const plain = resolveValues(w, 'alpha-members', 'prod', { resolutions: run });
    const set = resolveValues(w, 'alpha-members', 'prod', { resolutions: run, sets: [{ kind: 'set', expression: 'replicaCount=7' }] });
    expect([set.values.replicaCount, plain.values.replicaCount]).toEqual([7, 3]);
    expect(resolveValues(w, 'alpha-members', 'prod', { resolutions: run })).toBe(plain);
  });
});

describe('the values an Application deploys', () => {
  const where = (p: { file: string; line: number; column: number } | undefined) => p && `${p.file}:${p.line}:${p.column}`;

  it("list the chart's values.yaml once, then the value files, never inline values", () => {
    expect(resolveValues(ws, 'alpha-members', 'prod').files.map((f) => f.file)).toEqual([`${APP_DIR}/values.yaml`, `${APP_DIR}/values-prod.yaml`]);
    const multi = loadWorkspace(join(__dirname, 'fixtures/multi-source-values'));
    // staging's inline helm values are in the values, but no file
    const staging = resolveValues(multi, 'guestbook', 'staging');
    expect(staging.files.map((f) => f.file)).toEqual(['charts/guestbook/values.yaml', 'environments/staging/values.yaml']);
    expect(staging.values.ingress).toMatchObject({ enabled: true, hosts: ['guestbook.staging.example.com'] });
    expect(resolveValues(multi, 'guestbook', 'prod').files.map((f) => f.file)).toEqual(['charts/guestbook/values.yaml', 'charts/guestbook/values-production.yaml', 'environments/prod/values.yaml']);
  });

  it('take --set last, each other value still at its line in the files or the Application', () => {
    const r = resolveValues(ws, 'alpha-members', 'prod', { sets: [{ kind: 'set', expression: 'replicaCount=5' }] });
    expect(r.values.replicaCount).toBe(5);
    expect(r.originOf(['replicaCount'])).toEqual({ file: '--set replicaCount=…', line: 0, column: 0 });
    expect(where(r.originOf(['image', 'tag']))).toBe('argocd/applications/alpha-members-prod.yaml:18:18');
    expect(where(r.originOf(['resources', 'limits', 'memory']))).toBe(`${APP_DIR}/values-prod.yaml:17:13`);
    expect(r.deployment?.application).toBe('alpha-members-prod');
    // a chart without values.yaml: the first value file holds the rest
    const shared = loadWorkspace(join(__dirname, 'fixtures/shared-chart'));
    const web = resolveValues(shared, 'web', 'prod', { sets: [{ kind: 'set', expression: 'replicaCount=5' }] });
    expect(web.values).toEqual({ image: { repository: 'registry.example.com/web', tag: '1.0.0' }, replicas: 3, replicaCount: 5 });
    expect(web.originOf(['image', 'tag'])?.file).toBe('services/web/values.yaml');
    expect(web.files.map((f) => f.file)).toEqual(['services/web/values.yaml', 'services/web/values-prod.yaml']);
  });

  it('of an env no Application deploys are its layers, with --set, per cluster', () => {
    const dir = copyExampleWorkspace();
    rmSync(join(dir, 'argocd/applications/alpha-members-dev.yaml'));
    writeFileSync(join(dir, 'gitops.yaml'), readFileSync(join(dir, 'gitops.yaml'), 'utf8').replace('    tier: development\n', '    tier: development\n    clusters: [in-cluster, eu]\n').replace('clusters:\n  - name: in-cluster\n', 'clusters:\n  - name: eu\n    server: https://eu.example.com\n  - name: in-cluster\n'));
    writeFileSync(join(dir, APP_DIR, 'values-dev.eu.yaml'), 'replicaCount: 4\n');
    const w = loadWorkspace(dir);
    const r = resolveValues(w, 'alpha-members', 'dev', { sets: [{ kind: 'set', expression: 'image.tag=v9' }] });
    expect(r).toMatchObject({ app: 'alpha-members', env: 'dev', opaque: [], values: { image: { tag: 'v9' }, replicaCount: 1 } });
    expect(r.deployment).toBeUndefined();
    expect('cluster' in r).toBe(false);
    expect(r.files.map((f) => f.file)).toEqual([`${APP_DIR}/values.yaml`, `${APP_DIR}/values-dev.yaml`]);
    const eu = resolveValues(w, 'alpha-members', 'dev', { cluster: 'eu' });
    expect(eu).toMatchObject({ cluster: 'eu', values: { replicaCount: 4 } });
    expect(where(eu.originOf(['replicaCount']))).toBe(`${APP_DIR}/values-dev.eu.yaml:1:15`);

    // kept per cluster in one run; an empty --set list changes nothing
    const run = newResolutions();
    const plain = resolveValues(w, 'alpha-members', 'dev', { resolutions: run });
    const inEu = resolveValues(w, 'alpha-members', 'dev', { resolutions: run, cluster: 'eu' });
    expect([plain.values.replicaCount, inEu.values.replicaCount]).toEqual([1, 4]);
    expect(resolveValues(w, 'alpha-members', 'dev', { resolutions: run, sets: [] })).toBe(plain);
    expect(resolveValues(w, 'alpha-members', 'dev', { resolutions: run, cluster: 'eu' })).toBe(inEu);
  });

  it('keep the very error of a broken file for the rest of the run', () => {
    const dir = copyExampleWorkspace();
    writeFileSync(join(dir, APP_DIR, 'values-dev.yaml'), 'replicaCount: [\n');
    const w = loadWorkspace(dir);
    const run = newResolutions();
    const failure = (): unknown => {
      try {
        resolveValues(w, 'alpha-members', 'dev', { resolutions: run });
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const first = failure();
    expect(first).toBeInstanceOf(UserError);
    expect(failure()).toBe(first);
  });
});

describe('resolveDeployment', () => {
  it("names an Application's env (empty when none), cluster and vendored subcharts", () => {
    const dir = copyExampleWorkspace();
    const prod = readFileSync(join(dir, 'argocd/applications/alpha-members-prod.yaml'), 'utf8');
    writeFileSync(join(dir, 'gitops.yaml'), readFileSync(join(dir, 'gitops.yaml'), 'utf8').replace('    tier: production\n', '    tier: production\n    clusters: [in-cluster, eu]\n').replace('clusters:\n  - name: in-cluster\n', 'clusters:\n  - name: eu\n    server: https://eu.example.com\n  - name: in-cluster\n'));
    writeFileSync(join(dir, 'argocd/applications/alpha-members-prod-eu.yaml'), prod.replace('name: alpha-members-prod', 'name: alpha-members-prod-eu').replace('server: https://kubernetes.default.svc', 'server: https://eu.example.com'));
    writeFileSync(join(dir, 'argocd/applications/tools.yaml'), prod.replace('name: alpha-members-prod', 'name: tools').replace('namespace: production', 'namespace: tools').replace('project: production', 'project: default').replace('deployment/helm/alpha-members', 'charts/tools').replace('        - values-prod.yaml\n', ''));
    for (const [f, text] of [
      ['charts/tools/Chart.yaml', 'apiVersion: v2\nname: tools\nversion: 0.1.0\ndependencies:\n  - {name: sub, version: 0.1.0}\n'],
      ['charts/tools/values.yaml', 'a: 1\n'],
      ['charts/tools/charts/sub/Chart.yaml', 'apiVersion: v2\nname: sub\nversion: 0.1.0\n'],
      ['charts/tools/charts/sub/values.yaml', 'b: 2\n'],
    ]) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      writeFileSync(join(dir, f), text);
    }
    const w = loadWorkspace(dir);
    const byName = (name: string) => w.argo.deployments.find((d) => d.application === name)!;
    const tools = resolveDeployment(w, byName('tools'));
    expect({ app: tools.app, env: tools.env, cluster: tools.cluster, subcharts: tools.subcharts?.map((s) => s.path.join('.')), values: tools.values }).toEqual({ app: 'tools', env: '', cluster: undefined, subcharts: ['sub'], values: { a: 1, image: { tag: '$ARGOCD_APP_REVISION' }, sub: { b: 2, global: {} } } });
    expect('subcharts' in resolveDeployment(w, byName('alpha-members-prod'))).toBe(false);
    expect(resolveDeployment(w, byName('alpha-members-prod-eu'))).toMatchObject({ env: 'prod', cluster: 'eu' });
    expect('cluster' in resolveDeployment(w, byName('alpha-members-prod'))).toBe(false);
  });
});
