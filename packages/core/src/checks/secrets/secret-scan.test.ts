import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExampleWorkspace, EXAMPLE_ROOT } from '../../test-support/example-workspace';
import { loadWorkspace } from '../../workspace';
import { validateApp } from '../validate';
import { secretLeafFinding, secretScanCheck } from './secret-scan';

const APP = 'deployment/helm/alpha-members';
const scan = (dir: string) =>
  validateApp(loadWorkspace(dir), 'alpha-members', { envs: ['dev'], checks: [secretScanCheck] }).map((f) => `${f.severity} ${f.rule} ${f.file.split('/').pop()}:${f.line}:${f.column} ${f.path} | ${f.message}`);

describe('the plaintext-secret and secret-token rules on values files', () => {
  it('follow the severities a tier gives them, off included', () => {
    const dir = copyExampleWorkspace();
    const dev = join(dir, APP, 'values-dev.yaml');
    writeFileSync(dev, `${readFileSync(dev, 'utf8')}\nnotes:\n  ci: ghp_${'a1B2'.repeat(9)}\n`);
    const lines = readFileSync(dev, 'utf8').split('\n').length;
    expect(scan(dir)).toEqual([
      'warning plaintext-secret values-dev.yaml:35:19 mongodb.auth.rootPassword | holds a plaintext value (11 characters)',
      'warning plaintext-secret values-dev.yaml:41:15 redis.auth.password | holds a plaintext value (8 characters)',
      'warning plaintext-secret values-dev.yaml:46:20 keycloak.auth.adminPassword | holds a plaintext value (8 characters)',
      `error secret-token values-dev.yaml:${lines - 1}:7 notes.ci | holds a GitHub token in plain text`,
    ]);
    const config = join(dir, 'gitops.yaml');
    const base = readFileSync(config, 'utf8');
    writeFileSync(config, `${base}\npolicy:\n  tiers:\n    development:\n      rules:\n        plaintext-secret: off\n`);
    expect(scan(dir)).toEqual([`error secret-token values-dev.yaml:${lines - 1}:7 notes.ci | holds a GitHub token in plain text`]);
    writeFileSync(config, `${base}\npolicy:\n  tiers:\n    development:\n      rules:\n        plaintext-secret: error\n        secret-token: off\n`);
    expect(scan(dir).map((f) => f.split(' |')[0])).toEqual([
      'error plaintext-secret values-dev.yaml:35:19 mongodb.auth.rootPassword',
      'error plaintext-secret values-dev.yaml:41:15 redis.auth.password',
      'error plaintext-secret values-dev.yaml:46:20 keycloak.auth.adminPassword',
    ]);
  });

  it('take an empty map or list under a secret key for no value', () => {
    const config = loadWorkspace(EXAMPLE_ROOT).config;
    expect(secretLeafFinding(config, 'production', ['db', 'password'], {})).toBeUndefined();
    expect(secretLeafFinding(config, 'production', ['db', 'password'], [])).toBeUndefined();
    expect(secretLeafFinding(config, 'production', ['db', 'password'], 'hunter22')).toEqual({ rule: 'plaintext-secret', severity: 'error', message: 'holds a plaintext value (8 characters)', hint: expect.any(String) });
  });
});
