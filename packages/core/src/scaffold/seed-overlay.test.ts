import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ROOT } from '../test-support/example-workspace';
import { parseValuesYaml } from '../yaml';
import { rewriteHost, rewriteName } from './env-tokens';
import { seedOverlay } from './seed-overlay';

const overlay = (env: string) => {
  const file = `deployment/helm/alpha-members/values-${env}.yaml`;
  return parseValuesYaml(readFileSync(join(EXAMPLE_ROOT, file), 'utf8'), file);
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

  it('never copies secrets: keeps each key, empty, with where the new env keeps the secret', () => {
    const seeded = seedOverlay(overlay('dev'), { name: 'dev', namespace: 'development' }, { ...QA, secrets: 'external-secrets', secretStore: { name: 'vault-qa', kind: 'ClusterSecretStore' } });
    for (const secret of ['devpassword', 'devredis', 'devadmin']) expect(seeded.text).not.toContain(secret);
    expect(seeded.droppedSecrets).toBe(3);
    const v = parseValuesYaml(seeded.text, 'x').values as any;
    expect(v.redis).toEqual({ enabled: true, auth: { password: '' } });
    expect(v.mongodb.auth).toEqual({ rootPassword: '', database: 'member_db' });
    expect(seeded.text).toContain('password: "" # secret: not copied from dev; keep it in the External Secrets store vault-qa and reference it');
  });

  it('finds secrets as the secret scan does: a PEM key, a GitHub token, an AWS secret key, an env item named like a password, a URL with a password', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\n  MIIEowIBAAKCAQEAplantedkey\n  -----END RSA PRIVATE KEY-----';
    const src = parseValuesYaml(
      `tls:\n  key: |\n    ${pem.replace(/\n {2}/g, '\n    ')}\nci:\n  notify: ghp_${'P1an7ed'.repeat(6)}\naws:\n  aws_secret_access_key: wJalrXUtnFEMIplantedEXAMPLEKEY\nextraEnv:\n  - name: DB_PASSWORD\n    value: Sup3rS3cretPw!\n  - name: LOG_LEVEL\n    value: debug\ndb:\n  url: "postgres://app:hunter2@db.staging.example.com/app"\n`,
      'values-staging.yaml',
    );
    const seeded = seedOverlay(src, { name: 'staging', namespace: 'staging' }, { ...QA, secrets: 'sops' });
    for (const secret of ['MIIEowIBAAKCAQEAplantedkey', 'P1an7ed', 'wJalrXUtnFEMIplantedEXAMPLEKEY', 'Sup3rS3cretPw!', 'hunter2']) expect(seeded.text).not.toContain(secret);
    expect(seeded.droppedSecrets).toBe(5);
    const v = parseValuesYaml(seeded.text, 'x').values as any;
    expect(v).toMatchObject({ tls: { key: '' }, ci: { notify: '' }, aws: { aws_secret_access_key: '' }, db: { url: '' } });
    expect(v.extraEnv).toEqual([{ name: 'DB_PASSWORD', value: '' }, { name: 'LOG_LEVEL', value: 'debug' }]);
    expect(seeded.text).toContain('# secret: not copied from staging; keep it in secrets/secrets-qa.yaml.enc (SOPS) and reference it');
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

describe('seedOverlay, line by line', () => {
  const from = { name: 'prod', namespace: 'production' };
  const src = parseValuesYaml(
    [
      '# prod overrides',
      '',
      '# replicas for prod',
      'replicaCount: 3',
      'web:',
      '  hosts: [shop.prod.example.com, api.example.com]',
      '  url: https://shop.example.com:8443/path?q=prod',
      '  plain: shop-prod-db',
      '  hostPort: 8080',
      'store:',
      '  storeRef:',
      '    name: vault',
      '  other:',
      '    name: keep-me',
      'tls:',
      '  secretName: shop-tls',
      'db:',
      '  password: s3cret-Prod-pw',
      'externalSecrets:',
      '  enabled: true',
      '',
    ].join('\n'),
    'values-prod.yaml',
  );

  it('rewrites hosts, URLs, store and TLS names, flags what names the env, and says what it changed', () => {
    const seeded = seedOverlay(src, from, { ...QA, secrets: 'sealed-secrets' });
    expect(seeded.text).toBe(
      [
        'replicaCount: 3',
        'web:',
        '  hosts: [ shop.qa.example.com, api-qa.example.com ]',
        '  url: https://shop-qa.example.com:8443/path?q=prod',
        '  plain: shop-prod-db # seeded from prod: check this value for qa',
        '  hostPort: 8080',
        'store:',
        '  storeRef:',
        '    name: vault-qa',
        '  other:',
        '    name: keep-me',
        'tls:',
        '  secretName: shop-qa-tls',
        'db:',
        '  password: "" # secret: not copied from prod; keep it in a SealedSecret (nx g secret --seal) and reference it',
        '',
      ].join('\n'),
    );
    expect(seeded.rewritten).toEqual(['shop.prod.example.com -> shop.qa.example.com', 'api.example.com -> api-qa.example.com', 'https://shop.example.com:8443/path?q=prod -> https://shop-qa.example.com:8443/path?q=prod', 'vault -> vault-qa', 'shop-tls -> shop-qa-tls']);
    expect(seeded.droppedSecrets).toBe(1);
  });

  it('says where each backend keeps the secret', () => {
    const line = (to: Parameters<typeof seedOverlay>[2]) => seedOverlay(src, from, to).text.split('\n').find((l) => l.includes('password:'));
    expect(line({ ...QA, secrets: 'external-secrets' })).toBe('  password: "" # secret: not copied from prod; keep it in the External Secrets store vault-qa and reference it');
    expect(line({ ...QA, secrets: 'external-secrets', secretStore: { name: 'vault-x', kind: 'SecretStore' } })).toContain('keep it in the External Secrets store vault-x and');
    expect(line({ ...QA, secrets: 'sops' })).toContain('keep it in secrets/secrets-qa.yaml.enc (SOPS) and');
    expect(line(QA)).toContain("keep it in qa's secret backend and");
  });
});

describe('seedOverlay, exactly', () => {
  const source = [
    '# staging overrides for web',
    '# (production-like)',
    '',
    'replicaCount: 2',
    'ingress:',
    '  hosts: [web.staging.example.com, "api-staging.example.com"]',
    '  annotations:',
    '    cert-manager.io/cluster-issuer: letsencrypt-staging',
    '  port: 443',
    'externalSecrets:',
    '  enabled: true',
    'store:',
    '  storeRef: { name: vault-staging, kind: ClusterSecretStore }',
    'env:',
    '  - name: DB_PASSWORD',
    '    value: s3cr3t-Value-9',
    '  - name: LOG_LEVEL',
    '    value: staging',
    'cache: redis://cache.staging.internal:6379/0',
    "plain: 'staging'",
    '',
  ].join('\n');
  const STAGING = { name: 'staging', namespace: 'staging' };
  const seed = (to: Parameters<typeof seedOverlay>[2]) => seedOverlay(parseValuesYaml(source, 'values-staging.yaml'), STAGING, to);

  it('drops the header and the secret wiring, rewrites hosts in lists, URLs and store names, empties secrets, flags the rest', () => {
    const seeded = seed({ ...QA, secrets: 'sops' });
    expect(seeded.text).toBe([
      'replicaCount: 2',
      'ingress:',
      '  hosts: [ web.qa.example.com, "api-qa.example.com" ]',
      '  annotations:',
      '    cert-manager.io/cluster-issuer: letsencrypt-staging # seeded from staging: check this value for qa',
      '  port: 443',
      'store:',
      '  storeRef: { name: vault-qa, kind: ClusterSecretStore }',
      'env:',
      '  - name: DB_PASSWORD',
      '    value: "" # secret: not copied from staging; keep it in secrets/secrets-qa.yaml.enc (SOPS) and reference it',
      '  - name: LOG_LEVEL',
      '    value: staging # seeded from staging: check this value for qa',
      'cache: redis://cache.qa.internal:6379/0',
      "plain: 'staging' # seeded from staging: check this value for qa",
      '',
    ].join('\n'));
    expect(seeded.rewritten).toEqual([
      'web.staging.example.com -> web.qa.example.com',
      'api-staging.example.com -> api-qa.example.com',
      'vault-staging -> vault-qa',
      'redis://cache.staging.internal:6379/0 -> redis://cache.qa.internal:6379/0',
    ]);
    expect(seeded.droppedSecrets).toBe(1);
  });

  it("says where the new env keeps each secret, by its backend", () => {
    const home = (to: Parameters<typeof seedOverlay>[2]) => /# secret: not copied from staging; keep it in (.*) and reference it/.exec(seed(to).text)?.[1];
    expect([
      home({ ...QA, secrets: 'external-secrets', secretStore: { name: 'vault-eu', kind: 'ClusterSecretStore' } }),
      home({ ...QA, secrets: 'external-secrets' }),
      home({ ...QA, secrets: 'sealed-secrets' }),
      home(QA),
    ]).toEqual(['the External Secrets store vault-eu', 'the External Secrets store vault-qa', 'a SealedSecret (nx g secret --seal)', "qa's secret backend"]);
  });
});

describe('seedOverlay of small overlays', () => {
  const STAGING = { name: 'staging', namespace: 'staging' };
  it('seeds an empty overlay as an empty one, and drops a header written right above the first key', () => {
    expect(seedOverlay(parseValuesYaml('', 'values-staging.yaml'), STAGING, QA)).toEqual({ text: '', rewritten: [], droppedSecrets: 0 });
    expect(seedOverlay(parseValuesYaml('# staging: two pods\nreplicaCount: 2\n# the rest\nimage: { tag: v1 }\n', 'values-staging.yaml'), STAGING, QA).text).toBe('replicaCount: 2\n# the rest\nimage: { tag: v1 }\n');
    expect(seedOverlay(parseValuesYaml('{}\n', 'values-staging.yaml'), STAGING, QA).text).toBe('{}\n');
  });

  it('leaves empty secrets alone, flags a host name under a key that is not a host, and never folds long lines', () => {
    const note = 'staging mirrors production data nightly, so keep the retention below thirty days for the audit';
    const seeded = seedOverlay(parseValuesYaml(`password: ""\ncdn: assets.staging.example.com\nnote: ${note}\n`, 'values-staging.yaml'), STAGING, QA);
    expect(seeded).toEqual({
      text: `password: ""\ncdn: assets.staging.example.com # seeded from staging: check this value for qa\nnote: ${note}\n`,
      rewritten: [],
      droppedSecrets: 0,
    });
  });
});
