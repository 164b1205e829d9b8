import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { copyExampleWorkspace, EXAMPLE_ROOT } from '../test-support/example-workspace';
import { loadWorkspace, resolveValues } from '../workspace';
import { renderApp } from './render-app';
import { RENDER_MARKER, writeRendered } from './write-rendered';

const APP = 'deployment/helm/alpha-members';

function workspace(): string {
  // No templates/ of its own: render uses the tool's.
  return copyExampleWorkspace();
}

// the example is a real chart now, rendered by helm; these tests are of the Handlebars
// ExternalSecret an app without a Chart.yaml gets, so their copy is made a non-chart
function nonChartWorkspace(): string {
  const dir = workspace();
  rmSync(join(dir, APP, 'Chart.yaml'));
  return dir;
}

describe('render', () => {
  it('writes effective values, the Application and the ExternalSecret per env, byte for byte the same each time', async () => {
    const dir = nonChartWorkspace();
    const a = await renderApp(loadWorkspace(dir), 'alpha-members', { helm: null });
    const b = await renderApp(loadWorkspace(dir), 'alpha-members', { helm: null });
    expect(a.findings).toEqual([]);
    expect(a.notes).toEqual([`alpha-members is not a chart (no Chart.yaml in ${APP}): only its values, Applications and secrets are rendered, not its manifests`]);
    expect(a.files).toEqual(b.files);
    expect(a.files.map((f) => f.path)).toEqual([
      'dist/rendered/alpha-members/dev/values.yaml',
      'dist/rendered/alpha-members/dev/application.yaml',
      'dist/rendered/alpha-members/staging/values.yaml',
      'dist/rendered/alpha-members/staging/application.yaml',
      'dist/rendered/alpha-members/staging/external-secret.yaml',
      'dist/rendered/alpha-members/prod/values.yaml',
      'dist/rendered/alpha-members/prod/application.yaml',
      'dist/rendered/alpha-members/prod/external-secret.yaml',
    ]);
    const prodValues = a.files.find((f) => f.path.endsWith('prod/values.yaml'))?.content ?? '';
    expect(prodValues.split('\n').slice(0, 2)).toEqual(['# Effective values of alpha-members in prod: values.yaml + values-prod.yaml', '# Written by gitops render; edit the layers, not this file.']);
    expect(parse(prodValues)).toEqual(resolveValues(loadWorkspace(dir), 'alpha-members', 'prod').values);
    const prodApp = a.files.find((f) => f.path.endsWith('prod/application.yaml'));
    expect(prodApp?.content).toBe(readFileSync(join(EXAMPLE_ROOT, 'argocd/applications/alpha-members-prod.yaml'), 'utf8'));
    expect(a.files.find((f) => f.path.endsWith('prod/external-secret.yaml'))?.content).toMatch(/name: vault-production\n\s+kind: ClusterSecretStore/);
  });

  it('renders external-secrets.io/v1, and v1beta1 only for a cluster that declares an operator older than 0.16', async () => {
    const dir = nonChartWorkspace();
    const render = () => renderApp(loadWorkspace(dir), 'alpha-members', { envs: ['prod'], helm: null });
    const apiVersion = (r: Awaited<ReturnType<typeof renderApp>>) => parse(r.files.find((f) => f.path.endsWith('prod/external-secret.yaml'))?.content ?? '').apiVersion;
    expect(apiVersion(await render())).toBe('external-secrets.io/v1');
    const config = join(dir, 'gitops.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('    description: the cluster Argo CD runs in', '    description: the cluster Argo CD runs in\n    externalSecretsVersion: 0.15.1'));
    const old = await render();
    expect(old.findings).toEqual([]);
    expect(apiVersion(old)).toBe('external-secrets.io/v1beta1');
    writeFileSync(config, readFileSync(config, 'utf8').replace('externalSecretsVersion: 0.15.1', 'externalSecretsVersion: v0.17.0'));
    expect(apiVersion(await render())).toBe('external-secrets.io/v1');
  });

  it('keeps a store name with a line break inside its quotes, in the header comment too', async () => {
    const dir = nonChartWorkspace();
    const prod = join(dir, APP, 'values-prod.yaml');
    writeFileSync(prod, readFileSync(prod, 'utf8').replace('    name: vault-production', '    name: "vault\\nkind: Secret"'));
    const r = await renderApp(loadWorkspace(dir), 'alpha-members', { envs: ['prod'], helm: null });
    const text = r.files.find((f) => f.path.endsWith('prod/external-secret.yaml'))?.content ?? '';
    expect(text.split('\n').filter((l) => /^kind:/.test(l))).toEqual(['kind: ExternalSecret']);
    expect(text).toContain('# the ClusterSecretStore "vault\\nkind: Secret" under');
    expect(parse(text).spec.secretStoreRef.name).toBe('vault\nkind: Secret');
  });

  it('reports a manifest its schema refuses at the value that fed the field, naming the template', async () => {
    const dir = nonChartWorkspace();
    const prod = join(dir, APP, 'values-prod.yaml');
    writeFileSync(prod, readFileSync(prod, 'utf8').replace('  refreshInterval: 1h', '  refreshInterval: 1h\n  data:\n    - secretKey: db\n      remoteRef: {}'));
    const r = await renderApp(loadWorkspace(dir), 'alpha-members', { envs: ['prod'], helm: null });
    expect(r.findings).toEqual([expect.objectContaining({ rule: 'manifest-schema', file: `${APP}/values-prod.yaml`, line: 108, column: 18, env: 'prod', message: 'ExternalSecret /spec/data/0/remoteRef/key: must be string (rendered by templates/render/external-secret.yaml.hbs)' })]);
  });

  it('passes an env\'s sealed secret through as plain data, validated, and renders no secret for a SOPS env', async () => {
    const dir = workspace();
    const sealed = 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: alpha-members-secrets\n  namespace: NS\nspec:\n  # sealed with gitops seal\n  encryptedData:\n    redis-password: AgBy3i4OJSWK+PiTySYZZA==\n';
    writeFileSync(join(dir, APP, 'secrets/sealed-secrets-staging.yaml'), sealed.replace('NS', 'staging'));
    writeFileSync(join(dir, APP, 'secrets/sealed-secrets-dev.yaml'), sealed.replace('NS', 'development'));
    const r = await renderApp(loadWorkspace(dir), 'alpha-members', { envs: ['dev', 'staging'], helm: null });
    expect(r.findings).toEqual([]);
    expect(r.files.map((f) => f.path).filter((p) => p.endsWith('sealed-secret.yaml'))).toEqual(['dist/rendered/alpha-members/staging/sealed-secret.yaml']);
    expect(r.files.find((f) => f.path.endsWith('sealed-secret.yaml'))?.content).toBe(
      `# From ${APP}/secrets/sealed-secrets-staging.yaml; edit that file, not this one.\n` +
        'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: alpha-members-secrets\n  namespace: staging\nspec:\n  encryptedData:\n    redis-password: AgBy3i4OJSWK+PiTySYZZA==\n',
    );
  });

  it('refuses a plaintext Secret where the sealed one belongs, without repeating its data', async () => {
    const dir = workspace();
    writeFileSync(join(dir, APP, 'secrets/sealed-secrets-prod.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: hunter2\n');
    const r = await renderApp(loadWorkspace(dir), 'alpha-members', { envs: ['prod'], helm: null });
    expect(r.findings).toEqual([expect.objectContaining({ rule: 'manifest-schema', severity: 'error', file: `${APP}/secrets/sealed-secrets-prod.yaml`, line: 0, column: 0, app: 'alpha-members', env: 'prod', message: expect.stringMatching(/^Secret \/kind: no schema for v1\/Secret; known: [^()]*$/) })]);
    expect(JSON.stringify(r.findings)).not.toContain('hunter2');
  });

  it('locates a sealed file that is not YAML', async () => {
    const dir = workspace();
    writeFileSync(join(dir, APP, 'secrets/sealed-secrets-prod.yaml'), 'kind: SealedSecret\nspec: [\n');
    const r = await renderApp(loadWorkspace(dir), 'alpha-members', { envs: ['prod'], helm: null });
    expect(r.findings.map((f) => [f.rule, f.file, f.line, f.column, f.env, f.message, f.hint])).toEqual([
      ['input', `${APP}/secrets/sealed-secrets-prod.yaml`, 3, 1, 'prod', 'not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 3, column 1:', 'Re-seal the secret with gitops seal (or kubeseal --format=yaml).'],
    ]);
    // a folder where the file belongs
    rmSync(join(dir, APP, 'secrets/sealed-secrets-prod.yaml'));
    mkdirSync(join(dir, APP, 'secrets/sealed-secrets-prod.yaml'));
    const folder = await renderApp(loadWorkspace(dir), 'alpha-members', { envs: ['prod'], helm: null });
    expect(folder.findings.map((f) => [f.rule, f.file, f.message, f.hint])).toEqual([['input', `${APP}/secrets/sealed-secrets-prod.yaml`, 'is a folder, not a regular file', 'Put a regular SealedSecret there.']]);
  });

  it('passes on every document of a sealed file, as data, and drops empty ones; a document the schema refuses is named by its kind', async () => {
    const dir = workspace();
    const sealed = (name: string) => `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: ${name}\n  namespace: production\nspec:\n  encryptedData:\n    k: AgBy3i4OJSWK\n`;
    // read as Kubernetes reads it (YAML 1.1: an unquoted on is true), written without folding a long line
    const note = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    const labelled = sealed('a').replace('  namespace: production\n', `  namespace: production\n  labels:\n    managed: on\n  annotations:\n    note: ${note}\n`);
    writeFileSync(join(dir, APP, 'secrets/sealed-secrets-prod.yaml'), `# two secrets\n${labelled}---\n# nothing here\n---\n${sealed('b')}---\nmetadata: {}\n`);
    const r = await renderApp(loadWorkspace(dir), 'alpha-members', { envs: ['prod'], helm: null });
    expect(r.files.find((f) => f.path.endsWith('sealed-secret.yaml'))?.content).toBe(`# From ${APP}/secrets/sealed-secrets-prod.yaml; edit that file, not this one.\n${labelled.replace('managed: on', 'managed: true')}---\n${sealed('b')}---\nmetadata: {}\n`);
    // as the cluster would: a label is a string
    expect(r.findings.map((f) => f.message)).toEqual(['SealedSecret /metadata/labels/managed: must be string', expect.stringMatching(/^manifest \/kind: no schema for /)]);
  });

  it('renders an env added to gitops.yaml, with no overlay of its own yet', async () => {
    const dir = workspace();
    const cfg = join(dir, 'gitops.yaml');
    writeFileSync(cfg, readFileSync(cfg, 'utf8').replace('\nclusters:', '  - name: qa\n    namespace: quality\n    tier: staging\n    secrets: sops\n    project: staging\n\nclusters:'));
    const r = await renderApp(loadWorkspace(dir), 'alpha-members', { helm: null });
    expect(r.findings).toEqual([]);
    expect(r.files.filter((f) => f.path.includes('/qa/')).map((f) => f.path)).toEqual(['dist/rendered/alpha-members/qa/values.yaml', 'dist/rendered/alpha-members/qa/application.yaml']);
    expect(r.files.find((f) => f.path.endsWith('qa/application.yaml'))?.content).toMatch(/namespace: quality/);
    expect(r.files.find((f) => f.path.endsWith('qa/values.yaml'))?.content).toMatch(/^# Effective values of alpha-members in qa: values\.yaml\n/);
  });

  it('renders each cluster of an env that has its own overlay into <env>/<cluster>/', async () => {
    const dir = nonChartWorkspace();
    const cfg = join(dir, 'gitops.yaml');
    writeFileSync(cfg, readFileSync(cfg, 'utf8').replace('    namespace: production\n', '    namespace: production\n    clusters: [in-cluster, prod-us]\n').replace('\npromotion:', '  - name: prod-us\n    server: https://prod-us.example.com\n\npromotion:'));
    writeFileSync(join(dir, APP, 'values-prod.in-cluster.yaml'), 'replicaCount: 4\n');
    writeFileSync(join(dir, APP, 'values-prod.prod-us.yaml'), 'replicaCount: 5\n');
    const r = await renderApp(loadWorkspace(dir), 'alpha-members', { envs: ['prod'], helm: null });
    expect(r.findings).toEqual([]);
    expect(r.files.map((f) => f.path)).toEqual(['in-cluster', 'prod-us'].flatMap((c) => ['values.yaml', 'application.yaml', 'external-secret.yaml'].map((n) => `dist/rendered/alpha-members/prod/${c}/${n}`)));
    expect(r.files.find((f) => f.path.endsWith('prod-us/values.yaml'))?.content).toMatch(/^replicaCount: 5$/m);
    expect(r.files.find((f) => f.path.endsWith('prod-us/values.yaml'))?.content.split('\n')[0]).toBe('# Effective values of alpha-members in prod on prod-us: values.yaml + values-prod.yaml + values-prod.prod-us.yaml');
    expect(r.files.find((f) => f.path.endsWith('prod-us/application.yaml'))?.content).toMatch(/server: https:\/\/prod-us\.example\.com/);
  });

  it('writes the effective values as YAML 1.1 reads them back, a long string on one line', async () => {
    const dir = nonChartWorkspace();
    const long = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    const prod = join(dir, APP, 'values-prod.yaml');
    writeFileSync(prod, `${readFileSync(prod, 'utf8')}\nbanner: "yes"\nmotd: ${long}\n`);
    const r = await renderApp(loadWorkspace(dir), 'alpha-members', { envs: ['prod'], helm: null });
    const lines = (r.files.find((f) => f.path.endsWith('prod/values.yaml'))?.content ?? '').split('\n');
    expect(lines.filter((l) => /^(banner|motd):/.test(l))).toEqual(['banner: "yes"', `motd: ${long}`]);
  });

  it("reports an Application the workspace's own template makes invalid, at that template", async () => {
    const dir = nonChartWorkspace();
    const cfg = join(dir, 'gitops.yaml');
    writeFileSync(cfg, readFileSync(cfg, 'utf8').replace('\nclusters:', '  - name: qa\n    namespace: quality\n    tier: staging\n    secrets: sops\n    project: staging\n\nclusters:'));
    mkdirSync(join(dir, 'templates/argocd'), { recursive: true });
    writeFileSync(join(dir, 'templates/argocd/application.yaml.hbs'), 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: {{name}}\nspec:\n  project: [{{project}}]\n');
    const r = await renderApp(loadWorkspace(dir), 'alpha-members', { envs: ['qa'], helm: null });
    expect(r.findings.map((f) => `${f.rule} ${f.severity} ${f.env} ${f.file}:${f.line}:${f.column} ${f.message}`)).toEqual([
      'manifest-schema error qa templates/argocd/application.yaml.hbs:0:0 Application /spec: must have required property destination',
      'manifest-schema error qa templates/argocd/application.yaml.hbs:0:0 Application /spec/project: must be string',
    ]);
  });

  it('replaces the previous output whole, dropping stale files', async () => {
    const dir = workspace();
    writeRendered(dir, 'alpha-members', [{ path: 'dist/rendered/alpha-members/qa/values.yaml', content: 'old\n' }]);
    writeRendered(dir, 'alpha-members', [{ path: 'dist/rendered/alpha-members/prod/values.yaml', content: 'new\n' }]);
    expect(existsSync(join(dir, 'dist/rendered/alpha-members/qa'))).toBe(false);
    expect(readFileSync(join(dir, 'dist/rendered/alpha-members/prod/values.yaml'), 'utf8')).toBe('new\n');
  });

  it('puts back the previous output that a render killed between its two renames left aside', () => {
    const dir = workspace();
    writeRendered(dir, 'alpha-members', [{ path: 'dist/rendered/alpha-members/prod/values.yaml', content: 'previous\n' }]);
    // What a render killed after moving the old output aside leaves: the old folder and a staging folder, no target.
    renameSync(join(dir, 'dist/rendered/alpha-members'), join(dir, 'dist/rendered/.alpha-members.999999.tmp.old'));
    mkdirSync(join(dir, 'dist/rendered/.alpha-members.999999.tmp'));
    writeFileSync(join(dir, 'dist/rendered/.alpha-members.999999.tmp', RENDER_MARKER), '');
    expect(() => writeRendered(dir, 'alpha-members', [{ path: 'dist/rendered/alpha-members/dev/values.yaml', content: 'dev\n' }], { keep: ['prod'] })).not.toThrow();
    expect(readFileSync(join(dir, 'dist/rendered/alpha-members/prod/values.yaml'), 'utf8')).toBe('previous\n');
    expect(readdirSync(join(dir, 'dist/rendered')).sort()).toEqual(['alpha-members']);
  });
});

