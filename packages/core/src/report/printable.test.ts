import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateApp } from '../checks';
import type { Finding } from '../common';
import { copyExampleWorkspace } from '../test-support/example-workspace';
import { loadWorkspace } from '../workspace';
import { githubAnnotations } from './github';
import { FORMATS, report } from './index';

const APP = 'deployment/helm/alpha-members';
const PASSWORD = 'Sup3rS3cretPw!';

/** Every reporter's text of these findings. */
const everyFormat = (findings: Finding[]) => [...FORMATS.map((f) => report(findings, f, { apps: ['alpha-members'] })), githubAnnotations(findings)];

describe('reporters print no secret', () => {
  it('a schema finding on a password names the rule, not the value, in every format', () => {
    const dir = copyExampleWorkspace();
    const schemaFile = join(dir, APP, 'values.schema.json');
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
    schema.properties.config.properties.dbPassword = { type: 'string', pattern: '^[a-z]{20,}$' };
    schema.properties.config.properties.adminToken = { enum: ['one', 'two'] };
    writeFileSync(schemaFile, JSON.stringify(schema, null, 2));
    const prod = join(dir, APP, 'values-prod.yaml');
    writeFileSync(prod, readFileSync(prod, 'utf8').replace('config:\n', `config:\n  dbPassword: "${PASSWORD}"\n  adminToken: "${PASSWORD}"\n`));
    const findings = validateApp(loadWorkspace(dir), 'alpha-members', { envs: ['prod'] }).filter((f) => f.rule === 'schema');
    expect(findings.map((f) => `${f.path}: ${f.message}`)).toEqual([
      'config.dbPassword: <redacted> must match ^[a-z]{20,}$',
      'config.adminToken: <redacted> must be one of (a value the schema allows), (a value the schema allows)',
    ]);
    for (const out of everyFormat(findings)) expect(out).not.toContain(PASSWORD);
  });

  it('drops credentials that reached a message, a hint or a path from any source', () => {
    const ghp = `ghp_${'x1Y2'.repeat(9)}`;
    const leaky: Finding[] = [{ rule: 'input', severity: 'error', message: `cannot reach https://ci:${PASSWORD}@charts.example.com (token ${ghp})`, hint: `export GITHUB_TOKEN=${ghp}`, path: `repos["https://u:${PASSWORD}@h"]`, file: 'gitops.yaml', line: 1, column: 1 }];
    for (const out of everyFormat(leaky)) {
      expect(out).not.toContain(PASSWORD);
      expect(out).not.toContain(ghp);
      expect(out).toContain('charts.example.com');
    }
  });
});
