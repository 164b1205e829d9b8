import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExampleWorkspace, EXAMPLE_ROOT } from '../test-support/example-workspace';
import { schemaCheck } from './schema-check';
import { validateApp } from './validate';
import { loadWorkspace } from '../workspace';

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
