import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExampleWorkspace, editFile as edit } from '../../test-support/example-workspace';
import { loadWorkspace } from '../../workspace';
import { validateApp } from '../validate';
import { externalSecretCheck } from './external-secret-check';

const APP = 'deployment/helm/alpha-members';
const PROD = `${APP}/values-prod.yaml`;

const run = (dir: string, envs: string[]) =>
  validateApp(loadWorkspace(dir), 'alpha-members', { envs, checks: [externalSecretCheck] }).map((f) => `${f.severity} ${f.rule} ${f.file}:${f.line}:${f.column} ${f.env} ${f.path} | ${f.message}`);

const REMOTE_KEY = `error external-secret-remote-key ${PROD}:108:14 prod externalSecrets.data[0].remoteRef.key | remote key "alpha-members/staging/database" of "database-url" is outside alpha-members/production/: prod would read another env's or app's secret`;
const REFRESH = `${APP}/values.yaml:188:20 prod externalSecrets.refreshInterval | the ExternalSecret sets no refreshInterval (the template's default applies): set how soon a rotated secret reaches prod`;

describe("the ExternalSecret an env deploys", () => {
  /** prod reads staging's store, one remote key under staging's path and one under its own, and sets no refreshInterval. */
  function crossed(): string {
    const dir = copyExampleWorkspace();
    edit(dir, PROD, '    name: vault-production', '    name: vault-staging');
    edit(dir, PROD, '  refreshInterval: 1h', '  data:\n    - secretKey: database-url\n      remoteRef:\n        key: alpha-members/staging/database\n        property: url\n    - secretKey: other\n      remoteRef:\n        key: alpha-members/production/other');
    return dir;
  }

  it('passes the example in every env', () => {
    expect(run(copyExampleWorkspace(), ['dev', 'staging', 'prod'])).toEqual([]);
  });

  it("reads from the env's store, under <app>/<namespace>/, and sets refreshInterval: each finding at the line to change", () => {
    expect(run(crossed(), ['prod'])).toEqual([
      `error external-secret-store ${PROD}:103:11 prod externalSecrets.secretStoreRef | reads from ClusterSecretStore "vault-staging", but prod's store in gitops.yaml is ClusterSecretStore "vault-production"`,
      REMOTE_KEY,
      `error external-secret-refresh-interval ${REFRESH}`,
    ]);
  });

  it('names the store kind too, and says when gitops.yaml declares no store for the env', () => {
    const dir = copyExampleWorkspace();
    edit(dir, PROD, '    kind: ClusterSecretStore', '    kind: SecretStore');
    expect(run(dir, ['prod'])).toEqual([`error external-secret-store ${PROD}:103:11 prod externalSecrets.secretStoreRef | reads from SecretStore "vault-production", but prod's store in gitops.yaml is ClusterSecretStore "vault-production"`]);
    edit(dir, 'gitops.yaml', '    secretStore:\n      name: vault-production\n      kind: ClusterSecretStore\n', '');
    expect(run(dir, ['prod'])).toEqual([`error external-secret-store ${PROD}:103:11 prod externalSecrets.secretStoreRef.name | reads from SecretStore "vault-production", but gitops.yaml declares no secretStore for prod`]);
  });

  it("takes each rule's severity from the tier, off included", () => {
    const dir = crossed();
    writeFileSync(join(dir, 'gitops.yaml'), `${readFileSync(join(dir, 'gitops.yaml'), 'utf8')}\npolicy:\n  tiers:\n    production:\n      rules:\n        external-secret-store: off\n        external-secret-refresh-interval: warning\n`);
    expect(run(dir, ['prod'])).toEqual([REMOTE_KEY, `warning external-secret-refresh-interval ${REFRESH}`]);
  });

  it('is not checked in an env that keeps its secrets in SOPS', () => {
    const dir = crossed();
    edit(dir, 'gitops.yaml', '    secrets: external-secrets\n    secretStore:\n      name: vault-production\n      kind: ClusterSecretStore\n', '    secrets: sops\n');
    expect(run(dir, ['prod'])).toEqual([]);
  });
});
