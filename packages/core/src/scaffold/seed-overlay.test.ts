import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../test-support/example-workspace';
import { parseValuesYaml } from '../yaml';
import { rewriteHost, rewriteName } from './env-tokens';
import { seedOverlay } from './seed-overlay';

const overlay = (env: string) => {
  const file = `deployment/helm/alpha-members/values-${env}.yaml`;
  return parseValuesYaml(readFileSync(join(REPO_ROOT, file), 'utf8'), file);
};
const QA = { name: 'qa', namespace: 'qa' };

describe('seedOverlay', () => {
  it('rewrites hosts, TLS secret names and URLs of staging for qa and drops the secret wiring', () => {
    const seeded = seedOverlay(overlay('staging'), { name: 'staging', namespace: 'staging' }, QA);
    const v = parseValuesYaml(seeded.text, 'values-qa.yaml').values as any;
    expect(v.ingress.hosts[0].host).toBe('members-qa.example.com');
    expect(v.ingress.tls[0]).toEqual({ secretName: 'members-qa-tls', hosts: ['members-qa.example.com'] });
    expect(v.mongodb.external.host).toBe('qa-cluster.mongodb.net');
    expect(v.keycloak.external.url).toBe('https://auth-qa.example.com');
    expect(v.externalSecrets).toBeUndefined();
    expect(v.replicaCount).toBe(2);
    // Values that name staging but are not hosts or names are kept and flagged for review.
    expect(seeded.text).toContain('realm: alpha-members-staging # seeded from staging: check this value for qa');
    expect(seeded.text).toContain('cert-manager.io/cluster-issuer: letsencrypt-staging # seeded from staging');
    expect(seeded.text).not.toContain('# Staging - production-like');
    expect(seeded.text).toContain('tag: "" # Set by CI/CD');
  });

  it('derives env-specific hosts from prod hosts that do not name the env', () => {
    const v = parseValuesYaml(seedOverlay(overlay('prod'), { name: 'prod', namespace: 'production' }, QA).text, 'x').values as any;
    expect(v.ingress.hosts[0].host).toBe('members-qa.example.com');
    expect(v.ingress.tls[0].secretName).toBe('members-qa-tls');
    expect(v.mongodb.external.host).toBe('qa-cluster.mongodb.net');
    expect(v.keycloak.external.url).toBe('https://auth-qa.example.com');
  });

  it('never copies secrets', () => {
    const seeded = seedOverlay(overlay('dev'), { name: 'dev', namespace: 'development' }, QA);
    for (const secret of ['devpassword', 'devredis', 'devadmin']) expect(seeded.text).not.toContain(secret);
    expect(seeded.droppedSecrets).toBe(3);
    const v = parseValuesYaml(seeded.text, 'x').values as any;
    expect(v.redis).toEqual({ enabled: true });
    expect(v.mongodb.auth).toEqual({ database: 'member_db' });
  });

  it('drops connection strings with passwords', () => {
    const src = parseValuesYaml('db:\n  url: "postgres://app:hunter2@db.staging.example.com/app"\n', 'x');
    expect(seedOverlay(src, { name: 'staging', namespace: 'staging' }, QA).text).not.toContain('hunter2');
  });
});

describe('env names in hosts and resource names', () => {
  it('replaces whole tokens only', () => {
    const prod = { name: 'prod', namespace: 'production' };
    expect(rewriteHost('api.production.example.com', prod, 'qa')).toBe('api.qa.example.com');
    expect(rewriteHost('products.example.com', prod, 'qa')).toBe('products-qa.example.com');
    expect(rewriteName('vault-production', prod, 'qa')).toBe('vault-qa');
    expect(rewriteName('web-tls', prod, 'qa')).toBe('web-qa-tls');
  });
});
