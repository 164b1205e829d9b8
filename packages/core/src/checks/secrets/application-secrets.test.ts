import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExampleWorkspace } from '../../test-support/example-workspace';
import { loadWorkspace } from '../../workspace';
import { validateApp } from '../validate';
import { applicationSecretsCheck } from './application-secrets';

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
