import { describe, expect, it } from 'vitest';
import { mentionsEnv, replaceEnvTokens, rewriteHost, rewriteName } from './env-tokens';

const prod = { name: 'prod', namespace: 'production' };
const staging = { name: 'staging', namespace: 'staging' };

describe('env names as whole tokens', () => {
  it('replaces each -, _ or . delimited token equal to the env name or namespace, keeping the separators', () => {
    expect(replaceEnvTokens('members_prod.db-production', prod, 'qa')).toBe('members_qa.db-qa');
    expect(replaceEnvTokens('products-preprod', prod, 'qa')).toBeUndefined();
    expect(mentionsEnv('db.prod', prod)).toBe(true);
    expect(mentionsEnv('product', prod)).toBe(false);
  });

  it('gives a host the new env in place of the old, else appended to its first label; the top-level domain is never an env', () => {
    expect(rewriteHost('members-staging.example.com', staging, 'qa')).toBe('members-qa.example.com');
    expect(rewriteHost('prod.example.com', prod, 'qa')).toBe('qa.example.com');
    expect(rewriteHost('api.production.example.com', prod, 'qa')).toBe('api.qa.example.com');
    expect(rewriteHost('api.example.prod', prod, 'qa')).toBe('api-qa.example.prod');
    expect(rewriteHost('prod', prod, 'qa')).toBe('qa');
    expect(rewriteHost('localhost', prod, 'qa')).toBe('localhost-qa');
  });

  it('gives a resource name the new env in place of the old, else before a -tls suffix, else at the end', () => {
    expect(rewriteName('members-prod-tls', prod, 'qa')).toBe('members-qa-tls');
    expect(rewriteName('vault', prod, 'qa')).toBe('vault-qa');
    expect(rewriteName('web-tls', prod, 'qa')).toBe('web-qa-tls');
    expect(rewriteName('tls', prod, 'qa')).toBe('tls-qa');
  });
});
