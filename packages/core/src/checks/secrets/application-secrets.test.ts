import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExampleWorkspace } from '../../test-support/example-workspace';
import { loadWorkspace } from '../../workspace';
import { validateApp } from '../validate';
import { applicationSecretsCheck } from './application-secrets';
import { secretScanCheck } from './secret-scan';

const PROD = 'argocd/applications/alpha-members-prod.yaml';

describe('plaintext secrets in a multi-source Application', () => {
  it('scans the helm settings of each source, at their lines, and leaves parameters without a value or a name alone', () => {
    const dir = copyExampleWorkspace();
    const file = join(dir, PROD);
    const text = readFileSync(file, 'utf8');
    const spec = text.slice(text.indexOf('  source:\n'), text.indexOf('  destination:\n'));
    writeFileSync(
      file,
      text.replace(
        spec,
        [
          '  sources:',
          '    - repoURL: https://github.com/org/config.git',
          '      targetRevision: main',
          '      ref: values',
          '    - repoURL: https://github.com/org/alpha-members.git',
          '      targetRevision: main',
          '      path: deployment/helm/alpha-members',
          '      helm:',
          '        valueFiles:',
          '          - values.yaml',
          '          - values-prod.yaml',
          '        parameters:',
          '          - name: image.tag',
          '            value: $ARGOCD_APP_REVISION',
          '          - name: db.password',
          '          - value: hunter2-nameless',
          '          - name: api.token',
          '            value: hunter2-param',
          '        valuesObject:',
          '          smtp:',
          '            password: hunter2-object',
          '',
        ].join('\n'),
      ),
    );
    const findings = validateApp(loadWorkspace(dir), 'alpha-members', { envs: ['prod'], checks: [applicationSecretsCheck] });
    // the second source's lines: a parameter without a value holds nothing, one without a name sets nothing
    expect(findings.map((f) => `${f.severity} ${f.rule} ${f.file}:${f.line}:${f.column} ${f.path} | ${f.message}`)).toEqual([
      `error plaintext-secret ${PROD}:25:20 api.token | holds a plaintext value (13 characters) in the Application's helm.parameters (api.token)`,
      `error plaintext-secret ${PROD}:28:23 smtp.password | holds a plaintext value (14 characters) in the Application's helm.valuesObject`,
    ]);
  });
});

describe('plaintext secrets the Application hands Helm', () => {
  const GHP = `ghp_${'a'.repeat(36)}`;
  const withHelm = (dir: string, helm: string[]) => {
    const file = join(dir, PROD);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('      valueFiles:\n');
    const old = text.slice(text.indexOf('      valueFiles:\n'), text.indexOf('  destination:\n'));
    writeFileSync(file, text.replace(old, helm.map((l) => `      ${l}\n`).join('')));
  };
  const found = (dir: string, checks = [applicationSecretsCheck]) =>
    validateApp(loadWorkspace(dir), 'alpha-members', { envs: ['prod'], checks })
      .filter((f) => f.rule === 'plaintext-secret' || f.rule === 'secret-token')
      .map((f) => `${f.rule} ${f.file}:${f.line}:${f.column} ${f.path} | ${f.message}`);

  it('judges a parameter by its value when its name says nothing, and skips entries that set no value', () => {
    const dir = copyExampleWorkspace();
    withHelm(dir, ['parameters:', '  - name: upstream.auth', `    value: ${GHP}`, `  - value: ${GHP}`, `  - ${GHP}`, '  - name: db.password', '    value: null']);
    expect(found(dir)).toEqual([`secret-token ${PROD}:15:18 upstream.auth | holds a GitHub token in plain text in the Application's helm.parameters (upstream.auth)`]);
  });

  it('points into a helm.values block at the secret\'s own line and column', () => {
    const dir = copyExampleWorkspace();
    withHelm(dir, ['values: |', '  replicaCount: 2', '  smtp:', '    host: mail', '    password: hunter2-block']);
    expect(found(dir)).toEqual([`plaintext-secret ${PROD}:17:21 smtp.password | holds a plaintext value (13 characters) in the Application's helm.values`]);
  });

  it('leaves a valuesObject or values Argo CD refuses (not a map, not a string) to the consistency check', () => {
    const dir = copyExampleWorkspace();
    withHelm(dir, [`valuesObject: ${GHP}`, 'values:', `  - ${GHP}`]);
    expect(found(dir)).toEqual([]);
  });

  it('reports a secret in a value file outside the app folder once, at its line in that file', () => {
    const dir = copyExampleWorkspace();
    mkdirSync(join(dir, 'shared'));
    writeFileSync(join(dir, 'shared/db.yaml'), 'db:\n  host: pg\n  password: hunter2-shared\n');
    withHelm(dir, ['valueFiles:', '  - values.yaml', '  - values-prod.yaml', '  - ../../../shared/db.yaml']);
    // the Application layers it: the env's values carry it, and the secret scan of the layers finds it
    expect(found(dir, [applicationSecretsCheck, secretScanCheck])).toEqual(['plaintext-secret shared/db.yaml:3:13 db.password | holds a plaintext value (14 characters)']);
  });

  it('reads an Application file the workspace does not list, and says nothing of what it cannot parse', () => {
    const dir = copyExampleWorkspace();
    // only the dev Applications are listed: prod's file is read by the check alone
    const config = join(dir, 'gitops.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('applications: argocd/applications', 'applications: argocd/applications/*-dev.yaml'));
    // nothing resolves its settings, so only this check reads them: what Helm cannot parse holds nothing to judge
    withHelm(dir, ['parameters:', '  - name: api.token', '    value: hunter2-param', '  - name: "db.password,x"', `    value: ${GHP}`, 'values: "password: [hunter2-values"']);
    const all = () => validateApp(loadWorkspace(dir), 'alpha-members', { envs: ['prod'], checks: [applicationSecretsCheck] });
    expect(all().map((f) => `${f.rule} ${f.file}:${f.line}:${f.column} ${f.path} | ${f.message}`)).toEqual([`plaintext-secret ${PROD}:15:18 api.token | holds a plaintext value (13 characters) in the Application's helm.parameters (api.token)`]);
    writeFileSync(join(dir, PROD), 'spec: [unclosed\n');
    expect(all()).toEqual([]);
    rmSync(join(dir, PROD));
    expect(all()).toEqual([]);
  });
});
