import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExampleWorkspace, CORPUS, EXAMPLE_ROOT } from '../../test-support/example-workspace';
import type { Finding } from '../../common';
import { loadWorkspace } from '../../workspace';
import { lintApp } from './lint-app';

const APP = 'deployment/helm/alpha-members';
const lint = (dir: string) => lintApp(loadWorkspace(dir), 'alpha-members');
const line = (f: { rule: string; file: string; line: number; path?: string; severity: string }) => `${f.severity} ${f.rule} ${f.file.split('/').pop()}:${f.line} ${f.path ?? ''}`.trim();

function edit(dir: string, file: string, from: string, to: string): void {
  const p = join(dir, APP, file);
  writeFileSync(p, readFileSync(p, 'utf8').replace(from, to));
}

describe('lintApp', () => {
  it('finds in the example only the overrides where the spec\'s overlays restate a chart default', () => {
    const findings = lint(EXAMPLE_ROOT);
    expect(findings.filter((f) => f.rule !== 'redundant-override')).toEqual([]);
    expect(findings.map(line)).toEqual([
      'warning redundant-override values-dev.yaml:2 replicaCount',
      'warning redundant-override values-dev.yaml:22 autoscaling.enabled',
      'warning redundant-override values-dev.yaml:25 podDisruptionBudget.enabled',
      'warning redundant-override values-prod.yaml:5 image.tag',
      'warning redundant-override values-prod.yaml:9 config.nodeEnv',
      'warning redundant-override values-prod.yaml:88 mongodb.enabled',
      'warning redundant-override values-prod.yaml:94 keycloak.enabled',
      'warning redundant-override values-staging.yaml:5 image.tag',
      'warning redundant-override values-staging.yaml:8 config.logLevel',
      'warning redundant-override values-staging.yaml:13 resources.requests.cpu',
      'warning redundant-override values-staging.yaml:14 resources.requests.memory',
      'warning redundant-override values-staging.yaml:16 resources.limits.cpu',
      'warning redundant-override values-staging.yaml:17 resources.limits.memory',
      'warning redundant-override values-staging.yaml:41 mongodb.enabled',
      'warning redundant-override values-staging.yaml:47 keycloak.enabled',
    ]);
  });

  it('reports an overlay key the chart does not declare, and a base key without a comment', () => {
    const dir = copyExampleWorkspace();
    edit(dir, 'values-prod.yaml', 'nodeSelector:', 'nodeSelectors:');
    edit(dir, 'values.yaml', '# Replaces the chart name in object names.\n', '');
    const findings = lint(dir);
    expect(findings.filter((f) => f.rule === 'unknown-key').map((f) => f.path)).toEqual(['nodeSelectors']);
    expect(findings.filter((f) => f.rule === 'undocumented-key').map((f) => f.path)).toEqual(['nameOverride']);
  });

  it('says a redundant secret override is redundant without showing it', () => {
    const dir = copyExampleWorkspace();
    edit(dir, 'values.yaml', 'config:\n', 'config:\n  dbPassword: Sup3rS3cretPw!\n');
    edit(dir, 'values-staging.yaml', 'config:\n', 'config:\n  dbPassword: Sup3rS3cretPw!\n');
    const redundant = lint(dir).filter((f) => f.rule === 'redundant-override' && f.path === 'config.dbPassword');
    expect(redundant.map((f) => f.message)).toEqual(['is already <redacted> without this line']);
  });

  it('accepts a finding an ignore comment with a reason names on its line, and only that one', () => {
    const dir = copyExampleWorkspace();
    edit(dir, 'values-dev.yaml', 'replicaCount: 1', 'replicaCount: 1  # gitops:ignore redundant-override dev pins it in case the base changes');
    edit(dir, 'values-staging.yaml', '  logLevel: info', '  logLevel: info  # gitops:ignore redundant-override');
    const redundant = lint(dir).filter((f) => f.rule === 'redundant-override').map(line);
    expect(redundant).not.toContain('warning redundant-override values-dev.yaml:2 replicaCount');
    expect(redundant).toContain('warning redundant-override values-staging.yaml:8 config.logLevel');
    expect(redundant).toHaveLength(14);
  });

  it('calls a near miss of a declared key an error, with a suggestion', () => {
    const dir = copyExampleWorkspace();
    edit(dir, 'values-prod.yaml', 'replicaCount: 3', 'replicaCont: 3');
    edit(dir, 'values-prod.yaml', '  tag: ""', '  tagg: ""');
    const errors = lint(dir).filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.line, f.column, f.message])).toEqual([
      [2, 1, 'is not a key of values.yaml or values.schema.json; did you mean "replicaCount"?'],
      [5, 3, 'is not a key of values.yaml or values.schema.json; did you mean "image.tag"?'],
    ]);
  });

  it('knows the keys the schema declares, and the children of an empty map in the base', () => {
    const dir = copyExampleWorkspace();
    const schemaPath = join(dir, APP, 'values.schema.json');
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
    schema.properties.podSecurityContext = { type: 'object', additionalProperties: true };
    writeFileSync(schemaPath, JSON.stringify(schema));
    edit(dir, 'values.yaml', 'config:', '# free-form annotations\npodAnnotations: {}\n\n# app config\nconfig:');
    const unknown = lint(dir).filter((f) => f.rule === 'unknown-key').map((f) => f.path);
    expect(unknown).not.toContain('podSecurityContext');
    expect(unknown).not.toContain('podAnnotations');
  });

  it('reports duplicate keys and missing overlays as findings, not crashes', () => {
    const dir = copyExampleWorkspace();
    edit(dir, 'values-staging.yaml', 'replicaCount: 2', 'replicaCount: 2\nreplicaCount: 3');
    const gitops = join(dir, 'gitops.yaml');
    writeFileSync(gitops, readFileSync(gitops, 'utf8').replace('  - name: prod\n', '  - name: qa\n    namespace: qa\n    tier: staging\n    secrets: sops\n    project: staging\n  - name: prod\n'));
    const findings = lint(dir);
    expect(findings.filter((f) => f.rule === 'duplicate-key').map(line)).toEqual(['error duplicate-key values-staging.yaml:3']);
    expect(findings.filter((f) => f.rule === 'missing-overlay').map((f) => [f.file, f.env])).toEqual([[`${APP}/values-qa.yaml`, 'qa']]);
  });

  it('words every finding it makes, at its file, line and column', () => {
    const dir = copyExampleWorkspace();
    edit(dir, 'values-prod.yaml', 'nodeSelector:', 'nodeSelectors:');
    edit(dir, 'values-prod.yaml', 'replicaCount: 3', 'replicaCount: 3\nzzTop: 1');
    edit(dir, 'values.yaml', '# Replaces the chart name in object names.\n', '');
    edit(dir, 'values.yaml', 'replicaCount: 1', 'replicaCount: 1\nwithTrailing: 1  # says what it sets\nhashInside: "a#b"');
    edit(dir, 'values-staging.yaml', 'replicaCount: 2', 'replicaCount: 2\nreplicaCount: 3');
    const gitops = join(dir, 'gitops.yaml');
    writeFileSync(gitops, readFileSync(gitops, 'utf8').replace('  - name: prod\n', '  - name: qa\n    namespace: qa\n    tier: staging\n    secrets: sops\n    project: staging\n  - name: prod\n'));
    // a trailing comment documents a key; a # inside a quoted value does not
    expect(lint(dir).filter((f) => f.rule !== 'redundant-override').map((f) => `${f.severity} ${f.rule} ${f.file.split('/').pop()}:${f.line}:${f.column} ${f.env ?? ''} ${f.path ?? ''} | ${f.message}`)).toEqual([
      'warning unknown-key values-prod.yaml:3:1 prod zzTop | is set here but declared in neither values.yaml nor values.schema.json',
      'error unknown-key values-prod.yaml:84:1 prod nodeSelectors | is not a key of values.yaml or values.schema.json; did you mean "nodeSelector"?',
      'warning missing-overlay values-qa.yaml:0:0 qa  | env "qa" has no overlay file',
      'error duplicate-key values-staging.yaml:3:1   | duplicate key: this key is already set earlier in the same mapping',
      'warning undocumented-key values.yaml:8:1  hashInside | has no comment saying what it sets',
      'warning undocumented-key values.yaml:22:1  nameOverride | has no comment saying what it sets',
    ]);
  });

  it('lints every real chart of the corpus with each ci overlay as an env', () => {
    let checked = 0;
    const found: Record<string, Finding[]> = {};
    for (const repo of readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const chart of readdirSync(join(CORPUS, repo.name), { withFileTypes: true }).filter((d) => d.isDirectory())) {
        const src = join(CORPUS, repo.name, chart.name);
        if (!existsSync(join(src, 'values.yaml')) || !existsSync(join(src, 'ci'))) continue;
        const overlays = readdirSync(join(src, 'ci')).filter((f) => f.endsWith('.yaml')).sort().slice(0, 4);
        const ws = mkdtempSync(join(tmpdir(), 'hvm-lint-'));
        const app = join(ws, 'apps', chart.name);
        mkdirSync(app, { recursive: true });
        copyFileSync(join(src, 'values.yaml'), join(app, 'values.yaml'));
        if (existsSync(join(src, 'values.schema.json'))) copyFileSync(join(src, 'values.schema.json'), join(app, 'values.schema.json'));
        const envs = overlays.map((_, i) => `env-${i}`);
        overlays.forEach((o, i) => copyFileSync(join(src, 'ci', o), join(app, `values-env-${i}.yaml`)));
        writeFileSync(join(ws, 'gitops.yaml'), `apps: apps/*\nenvironments:\n${envs.map((e) => `  - name: ${e}\n    namespace: ${e}\n    tier: staging\n    secrets: sops\n    project: default\n`).join('')}`);
        const findings = lintApp(loadWorkspace(ws), chart.name);
        for (const f of findings.filter((x) => x.rule !== 'missing-overlay' && x.rule !== 'input')) expect(f.line, `${chart.name} ${f.rule} ${f.path}`).toBeGreaterThan(0);
        found[chart.name] = findings;
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(8);
    // Known problems of the real files, each checked by reading them: an overlay line that
    // repeats the chart default, and a key the chart does not declare.
    const at = (f: Finding) => ({ rule: f.rule, file: f.file, line: f.line, column: f.column, path: f.path });
    expect(found['argo-cd'].map(at)).toContainEqual({ rule: 'redundant-override', file: 'apps/argo-cd/values-env-3.yaml', line: 8, column: 12, path: 'redis-ha.enabled' });
    expect(found['argo-workflows'].map(at)).toEqual(
      expect.arrayContaining([
        { rule: 'redundant-override', file: 'apps/argo-workflows/values-env-2.yaml', line: 5, column: 23, path: 'useStaticCredentials' },
        { rule: 'redundant-override', file: 'apps/argo-workflows/values-env-2.yaml', line: 7, column: 16, path: 'artifactRepository.archiveLogs' },
      ]),
    );
    expect(found['argo-events'].map(at)).toContainEqual({ rule: 'unknown-key', file: 'apps/argo-events/values-env-0.yaml', line: 1, column: 1, path: 'singleNamespace' });
  });
});

describe('lintApp across schemas, clusters and Applications', () => {
  const PROD_APP = 'argocd/applications/alpha-members-prod.yaml';
  const write = (dir: string, rel: string, text: string) => writeFileSync(join(dir, rel), text);
  const change = (dir: string, rel: string, from: string, to: string) => {
    const text = readFileSync(join(dir, rel), 'utf8');
    expect(text).toContain(from);
    writeFileSync(join(dir, rel), text.replace(from, to));
  };
  const shown = (findings: Finding[]) => findings.filter((f) => f.rule !== 'redundant-override' || f.env === 'prod').map((f) => `${f.severity} ${f.rule} ${f.file.split('/').pop()}:${f.line}:${f.column} ${f.env ?? ''} ${f.path ?? ''} | ${f.message}`);

  it('knows keys only the schema declares, suggests their names, and knows fewer when the schema is broken', () => {
    const dir = copyExampleWorkspace();
    const schemaPath = join(dir, APP, 'values.schema.json');
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
    schema.properties.probe = { type: 'object', properties: { http: { type: 'object', properties: { timeoutSeconds: { type: 'integer' } } } } };
    writeFileSync(schemaPath, JSON.stringify(schema));
    edit(dir, 'values-prod.yaml', 'replicaCount: 3', 'replicaCount: 3\nprobe:\n  http:\n    timeoutSecond: 3');
    expect(lint(dir).filter((f) => f.rule === 'unknown-key').map((f) => `${f.severity} ${f.line}:${f.column} ${f.path} | ${f.message}`)).toEqual([
      'error 5:5 probe.http.timeoutSecond | is not a key of values.yaml or values.schema.json; did you mean "probe.http.timeoutSeconds"?',
    ]);
    writeFileSync(schemaPath, '{ "properties": ');
    expect(lint(dir).filter((f) => f.rule === 'unknown-key').map((f) => `${f.severity} ${f.line}:${f.column} ${f.path}`)).toEqual(['warning 3:1 probe']);
  });

  it('lints a base with no keys yet: every overlay key is unknown, nothing is undocumented', () => {
    const dir = copyExampleWorkspace();
    write(dir, `${APP}/values.yaml`, '# the chart sets no defaults yet\n');
    for (const env of ['dev', 'staging']) write(dir, `${APP}/values-${env}.yaml`, '{}\n');
    write(dir, `${APP}/values-prod.yaml`, 'zone: eu\nlabels:\n  team: a\n');
    expect(shown(lint(dir))).toEqual([
      'warning unknown-key values-prod.yaml:1:1 prod zone | is set here but declared in neither values.yaml nor values.schema.json',
      'warning unknown-key values-prod.yaml:2:1 prod labels | is set here but declared in neither values.yaml nor values.schema.json',
    ]);
  });

  it('lints a per-cluster overlay against the env\'s layers below it, once however many Applications deploy it', () => {
    const dir = copyExampleWorkspace();
    // no Applications: the declared layers, with prod's second cluster's own overlay
    rmSync(join(dir, 'argocd'), { recursive: true });
    change(dir, 'gitops.yaml', 'clusters:\n  - name: in-cluster\n', 'clusters:\n  - name: eu\n    server: https://eu.example.com\n  - name: in-cluster\n');
    change(dir, 'gitops.yaml', '    project: production\n', '    project: production\n    clusters: [in-cluster, eu]\n');
    write(dir, `${APP}/values-prod.eu.yaml`, '# eu\nconfig:\n  logLevel: warn\nzone: eu-west-1\n');
    expect(shown(lint(dir)).filter((f) => f.includes('values-prod.eu.yaml'))).toEqual([
      'warning redundant-override values-prod.eu.yaml:3:13 prod config.logLevel | is already "warn" without this line',
      'warning unknown-key values-prod.eu.yaml:4:1 prod zone | is set here but declared in neither values.yaml nor values.schema.json',
    ]);
    // a broken layer below it is reported once, and the overlay is still linted against the rest
    edit(dir, 'values-prod.yaml', 'replicaCount: 3', 'replicaCount: 3\nreplicaCount: 4');
    expect(shown(lint(dir)).filter((f) => f.includes('values-prod.'))).toEqual([
      'warning unknown-key values-prod.eu.yaml:4:1 prod zone | is set here but declared in neither values.yaml nor values.schema.json',
      'error duplicate-key values-prod.yaml:3:1   | duplicate key: this key is already set earlier in the same mapping',
    ]);
  });

  it('lints an overlay two Applications deploy once, and never lints the base against itself', () => {
    const dir = copyExampleWorkspace();
    change(dir, 'gitops.yaml', 'clusters:\n  - name: in-cluster\n', 'clusters:\n  - name: eu\n    server: https://eu.example.com\n  - name: in-cluster\n');
    change(dir, 'gitops.yaml', '    project: production\n', '    project: production\n    clusters: [in-cluster, eu]\n');
    const prod = readFileSync(join(dir, PROD_APP), 'utf8');
    write(dir, 'argocd/applications/alpha-members-prod-eu.yaml', prod.replace('name: alpha-members-prod', 'name: alpha-members-prod-eu').replace('server: https://kubernetes.default.svc', 'server: https://eu.example.com'));
    edit(dir, 'values-prod.yaml', 'replicaCount: 3', 'replicaCount: 3\nzone: eu');
    expect(lint(dir).filter((f) => f.rule === 'unknown-key').map((f) => `${f.file.split('/').pop()}:${f.line} ${f.path}`)).toEqual(['values-prod.yaml:3 zone']);
    // a cluster's own overlay the Application lists but nobody wrote: the missing value file is the consistency check's, not a missing env overlay
    change(dir, 'argocd/applications/alpha-members-prod-eu.yaml', '        - values-prod.yaml\n', '        - values-prod.yaml\n        - values-prod.eu.yaml\n');
    expect(lint(dir).filter((f) => f.rule === 'unknown-key' || f.rule === 'missing-overlay').map((f) => `${f.rule} ${f.file.split('/').pop()}:${f.line} ${f.path}`)).toEqual(['unknown-key values-prod.yaml:3 zone']);
    // prod's Applications layer only the chart's values.yaml: nothing of prod is linted
    for (const f of [PROD_APP, 'argocd/applications/alpha-members-prod-eu.yaml']) change(dir, f, '        - values-prod.yaml\n', '');
    expect(lint(dir).filter((f) => f.env === 'prod')).toEqual([]);
  });

  it('lints an app gitops.yaml does not describe only in the envs its Applications deploy it to', () => {
    const dir = copyExampleWorkspace();
    change(dir, 'gitops.yaml', 'apps: deployment/helm/*', 'apps: charts/*');
    rmSync(join(dir, 'argocd/applications/alpha-members-staging.yaml'));
    edit(dir, 'values-staging.yaml', 'replicaCount: 2', 'replicaCount: 2\nzone: eu');
    edit(dir, 'values-prod.yaml', 'replicaCount: 3', 'replicaCount: 3\nzone: eu');
    expect(lint(dir).filter((f) => f.rule === 'unknown-key' || f.rule === 'missing-overlay').map((f) => `${f.rule} ${f.file.split('/').pop()}:${f.line} ${f.path}`)).toEqual(['unknown-key values-prod.yaml:3 zone']);
  });

  it('lints nothing of a chart without values.yaml that Applications deploy: there is no base to know keys from', () => {
    const dir = copyExampleWorkspace();
    change(dir, 'gitops.yaml', 'apps: deployment/helm/*', 'apps: charts/*');
    rmSync(join(dir, APP, 'values.yaml'));
    edit(dir, 'values-prod.yaml', 'replicaCount: 3', 'replicaCount: 3\nzone: eu');
    expect(lint(dir)).toEqual([]);
    // nor when the Applications stop naming it: the first file they list is no base either
    for (const env of ['dev', 'staging', 'prod']) change(dir, `argocd/applications/alpha-members-${env}.yaml`, '        - values.yaml\n', '');
    expect(lint(dir)).toEqual([]);
  });

  it('leaves a value file an Application lists but nobody wrote to the consistency check', () => {
    const dir = copyExampleWorkspace();
    change(dir, 'argocd/applications/alpha-members-prod.yaml', '        - values-prod.yaml\n', '        - values-eu.yaml\n        - values-prod.yaml\n');
    expect(lint(dir).filter((f) => f.rule !== 'redundant-override')).toEqual([]);
  });

  it('counts a comment above a key as its documentation however it is indented, and names the app of a broken file', () => {
    const dir = copyExampleWorkspace();
    edit(dir, 'values.yaml', '# Replaces the chart name in object names.\n', '  # Replaces the chart name in object names.\n');
    edit(dir, 'values-staging.yaml', 'replicaCount: 2', 'replicaCount: 2\nreplicaCount: 3');
    const findings = lint(dir);
    expect(findings.filter((f) => f.rule === 'undocumented-key')).toEqual([]);
    expect(findings.filter((f) => f.rule === 'duplicate-key').map((f) => [f.app, f.file, f.line])).toEqual([['alpha-members', `${APP}/values-staging.yaml`, 3]]);
  });
});
