import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExampleWorkspace, EXAMPLE_ROOT } from '../test-support/example-workspace';
import { schemaCheck } from './schema-check';
import { validateApp, workspaceFindings } from './validate';
import { loadWorkspace } from '../workspace';
import type { Finding } from '../common';

const APP_DIR = 'deployment/helm/alpha-members';

function edit(dir: string, file: string, from: string, to: string): void {
  const p = join(dir, APP_DIR, file);
  const text = readFileSync(p, 'utf8');
  if (!text.includes(from)) throw new Error(`${from} not in ${file}`);
  writeFileSync(p, text.replace(from, to));
}

const schemaOnly = { checks: [schemaCheck] };

describe('validateApp', () => {
  it('passes the example workspace in every env with every check: prod clean, warnings only in dev and staging', () => {
    const findings = validateApp(loadWorkspace(EXAMPLE_ROOT), 'alpha-members');
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.filter((f) => f.env === 'prod')).toEqual([]);
    expect(new Set(findings.map((f) => f.env))).toEqual(new Set(['dev', 'staging']));
    expect(validateApp(loadWorkspace(EXAMPLE_ROOT), 'alpha-members', schemaOnly)).toEqual([]);
  });

  it('pins every finding of the example workspace: the dev passwords by length, the staging hardening hints, the dev SOPS file no key opened', () => {
    const show = (f: Finding) => `${f.severity} ${f.rule} ${f.file}:${f.line}:${f.column} ${f.env} ${f.path ?? ''} | ${f.message}`;
    expect(validateApp(loadWorkspace(EXAMPLE_ROOT), 'alpha-members').map(show)).toEqual([
      `info sops-not-decrypted ${APP_DIR}/secrets/secrets-dev.yaml.enc:1:1 dev  | not decrypted: no age key was given (SOPS_AGE_KEY or SOPS_AGE_KEY_FILE); its MAC, placeholder values and values shared across tiers are not checked (its key names are)`,
      `warning plaintext-secret ${APP_DIR}/values-dev.yaml:35:19 dev mongodb.auth.rootPassword | holds a plaintext value (11 characters)`,
      `warning plaintext-secret ${APP_DIR}/values-dev.yaml:41:15 dev redis.auth.password | holds a plaintext value (8 characters)`,
      `warning plaintext-secret ${APP_DIR}/values-dev.yaml:46:20 dev keycloak.auth.adminPassword | holds a plaintext value (8 characters)`,
      `warning drop-all-capabilities ${APP_DIR}/values-staging.yaml:2:1 staging securityContext.capabilities.drop | capabilities.drop does not include ALL (add it to values-staging.yaml)`,
      `warning no-privilege-escalation ${APP_DIR}/values-staging.yaml:2:1 staging securityContext.allowPrivilegeEscalation | allowPrivilegeEscalation is not false (add it to values-staging.yaml)`,
      `warning read-only-root-filesystem ${APP_DIR}/values-staging.yaml:2:1 staging securityContext.readOnlyRootFilesystem | readOnlyRootFilesystem is not true (add it to values-staging.yaml)`,
      `warning run-as-non-root ${APP_DIR}/values-staging.yaml:2:1 staging podSecurityContext.runAsNonRoot | runAsNonRoot is not true in podSecurityContext or securityContext (add it to values-staging.yaml)`,
      `warning seccomp-runtime-default ${APP_DIR}/values-staging.yaml:2:1 staging podSecurityContext.seccompProfile.type | no RuntimeDefault seccomp profile (add it to values-staging.yaml)`,
      `warning image-tag-pinned ${APP_DIR}/values-staging.yaml:5:8 staging image.tag | image.tag is empty, so the chart falls back to a default tag`,
      `warning autoscaling-bounds ${APP_DIR}/values.yaml:100:38 staging autoscaling.targetMemoryUtilizationPercentage | targetMemoryUtilizationPercentage 0 is not between 1 and 100`,
      `warning pod-disruption-budget ${APP_DIR}/values.yaml:105:12 staging podDisruptionBudget.enabled | 2 replicas but no PodDisruptionBudget is enabled`,
    ]);
  });

  it('takes what the rendered manifests showed instead of the values-level policy hints, and applies ignore comments to it', () => {
    const dir = copyExampleWorkspace();
    const rendered = (line: number, rule: string): Finding => ({ rule, severity: 'error', message: `container app: ${rule}`, file: `${APP_DIR}/values-staging.yaml`, line, column: 1, app: 'alpha-members', env: 'staging' });
    const shown = (fs: Finding[]) => fs.map((f) => `${f.rule} ${f.file.split('/').pop()}:${f.line} ${f.message}`);
    // the other checks still run: dev's plaintext passwords stay
    expect(shown(validateApp(loadWorkspace(dir), 'alpha-members', { envs: ['dev', 'staging'], rendered: [rendered(2, 'run-as-non-root'), rendered(5, 'image-tag-pinned')] }))).toEqual([
      'sops-not-decrypted secrets-dev.yaml.enc:1 not decrypted: no age key was given (SOPS_AGE_KEY or SOPS_AGE_KEY_FILE); its MAC, placeholder values and values shared across tiers are not checked (its key names are)',
      'plaintext-secret values-dev.yaml:35 holds a plaintext value (11 characters)',
      'plaintext-secret values-dev.yaml:41 holds a plaintext value (8 characters)',
      'plaintext-secret values-dev.yaml:46 holds a plaintext value (8 characters)',
      'run-as-non-root values-staging.yaml:2 container app: run-as-non-root',
      'image-tag-pinned values-staging.yaml:5 container app: image-tag-pinned',
    ]);
    edit(dir, 'values-staging.yaml', '  tag: ""  # Set by CI/CD', '  tag: ""  # gitops:ignore image-tag-pinned CI sets the tag at deploy time');
    expect(shown(validateApp(loadWorkspace(dir), 'alpha-members', { envs: ['staging'], rendered: [rendered(2, 'run-as-non-root'), rendered(5, 'image-tag-pinned')] }))).toEqual([
      'run-as-non-root values-staging.yaml:2 container app: run-as-non-root',
    ]);
  });

  it('says once that a broken base values.yaml breaks every env', () => {
    const dir = copyExampleWorkspace();
    edit(dir, 'values.yaml', 'replicaCount: 1\n', 'replicaCount: 1: 2\n');
    expect(validateApp(loadWorkspace(dir), 'alpha-members').map((f) => `${f.rule} ${f.file}:${f.line}:${f.column} ${f.env} | ${f.message}`)).toEqual([
      `input ${APP_DIR}/values.yaml:6:15 dev | YAML syntax error: Nested mappings are not allowed in compact mappings`,
    ]);
  });

  it('reports a broken value in values-prod.yaml at its own line, for prod only', () => {
    const dir = copyExampleWorkspace();
    edit(dir, 'values-prod.yaml', '    memory: 1Gi', '    memory: 1GB');
    const findings = validateApp(loadWorkspace(dir), 'alpha-members', schemaOnly);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'schema',
        severity: 'error',
        file: `${APP_DIR}/values-prod.yaml`,
        line: 17,
        column: 13,
        env: 'prod',
        path: 'resources.limits.memory',
        message: '"1GB" must match ^[0-9]+(Mi|Gi)$',
      }),
    ]);
  });

  it('names the layers consulted when a required key is missing everywhere', () => {
    const dir = copyExampleWorkspace();
    edit(dir, 'values.yaml', '  repository: alpha-members/api\n', '');
    const findings = validateApp(loadWorkspace(dir), 'alpha-members', { envs: ['staging'], ...schemaOnly });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      path: 'image.repository',
      message: 'is required by values.schema.json but not set in any layer (values.yaml, values-staging.yaml)',
      env: 'staging',
    });
  });

  it('turns a broken file into one finding and keeps checking the other envs', () => {
    const dir = copyExampleWorkspace();
    edit(dir, 'values-dev.yaml', 'replicaCount: 1', 'replicaCount: 1: 2');
    edit(dir, 'values-prod.yaml', 'replicaCount: 3', 'replicaCount: 0');
    const findings = validateApp(loadWorkspace(dir), 'alpha-members', schemaOnly);
    expect(findings.map((f) => [f.rule, f.file.split('/').pop(), f.line, f.env])).toEqual([
      ['input', 'values-dev.yaml', 2, 'dev'],
      ['schema', 'values-prod.yaml', 2, 'prod'],
    ]);
  });

  it('reports an unreadable schema as a finding of that app', () => {
    const dir = copyExampleWorkspace();
    const schema = join(dir, APP_DIR, 'values.schema.json');
    rmSync(schema);
    mkdirSync(schema);
    const findings = validateApp(loadWorkspace(dir), 'alpha-members', { envs: ['prod'] });
    expect(findings).toEqual([expect.objectContaining({ rule: 'input', file: `${APP_DIR}/values.schema.json`, message: 'is a folder, not a regular file' })]);
  });

  it('reports a schema linked to /dev/zero and a FIFO under secrets/ as findings, without reading or waiting', () => {
    const dir = copyExampleWorkspace();
    const schema = join(dir, APP_DIR, 'values.schema.json');
    rmSync(schema);
    symlinkSync('/dev/zero', schema);
    mkdirSync(join(dir, APP_DIR, 'secrets'), { recursive: true });
    execFileSync('mkfifo', [join(dir, APP_DIR, 'secrets/pipe.yaml')]);
    symlinkSync('/dev/zero', join(dir, APP_DIR, 'secrets/zero.yaml'));
    const findings = validateApp(loadWorkspace(dir), 'alpha-members', { envs: ['prod'] }).filter((f) => f.rule === 'input');
    expect(findings.map((f) => [f.file, f.message])).toEqual([
      [`${APP_DIR}/secrets/pipe.yaml`, 'is a named pipe (FIFO), not a regular file'],
      [`${APP_DIR}/secrets/zero.yaml`, 'is a symbolic link to /dev/zero, outside the repository'],
      [`${APP_DIR}/values.schema.json`, 'is a symbolic link to /dev/zero, outside the repository'],
    ]);
  });
});

describe('workspaceFindings', () => {
  it("reports what Argo CD's reading finds outside any declared app and env, and leaves the rest to validateApp", () => {
    const dir = copyExampleWorkspace();
    const apps = join(dir, 'argocd/applications');
    const staging = readFileSync(join(apps, 'alpha-members-staging.yaml'), 'utf8');
    const swap = (text: string, from: string, to: string) => {
      if (!text.includes(from)) throw new Error(`${from} not in the Application`);
      return text.replace(from, to);
    };
    let qa = swap(staging, 'name: alpha-members-staging', 'name: alpha-members-qa');
    for (const [from, to] of [['namespace: staging', 'namespace: qa'], ['project: staging', 'project: qa'], ['values-staging.yaml', 'values-qa.yaml']]) qa = swap(qa, from, to);
    writeFileSync(join(apps, 'alpha-members-qa.yaml'), qa);
    // a file staging layers that does not exist: validateApp reports it for alpha-members in staging
    writeFileSync(join(apps, 'alpha-members-staging.yaml'), swap(staging, '- values-staging.yaml', '- values-staging.yaml\n        - values-gone.yaml'));
    expect(workspaceFindings(loadWorkspace(dir)).map((f) => `${f.severity} ${f.rule} ${f.file}:${f.line}:${f.column} ${f.app} | ${f.message}`)).toEqual([
      'warning argocd-env-unknown argocd/applications/alpha-members-qa.yaml:4:9 alpha-members-qa | Application "alpha-members-qa" deploys to no env of gitops.yaml (name, namespace "qa", project "qa" and cluster match none)',
      'error argocd-value-file-missing argocd/applications/alpha-members-qa.yaml:15:11 alpha-members-qa | values file "values-qa.yaml" (deployment/helm/alpha-members/values-qa.yaml) does not exist, so Argo CD fails to sync this Application',
    ]);
  });
});
