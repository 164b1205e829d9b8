import { createPrivateKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encryptionLabel, hybridDecrypt, parseValuesYaml } from '@helm-values-manager/core';
import { describe, expect, it } from 'vitest';
import { controllerCert, copyWorkspace, files, gitopsBin, nx } from '../../../core/src/test-support/e2e-workspace';

const APP = 'deployment/helm/alpha-members';
const yaml = (dir: string, path: string): any => parseValuesYaml(readFileSync(join(dir, path), 'utf8'), path).values;

/** What every generated workspace must pass at once. */
function expectChecksPass(dir: string): void {
  for (const command of ['validate', 'lint']) {
    const r = gitopsBin(dir, [command]);
    expect(r.stdout + r.stderr, `gitops ${command}`).toMatch(/^(No problems found\.|0 errors, \d+ warnings?)$/m);
    expect(r.code).toBe(0);
  }
}

// Each test runs nx several times, and nx alone takes many seconds on a loaded two-core machine.
describe('generators through the real nx binary', { timeout: 180_000 }, () => {
  it('nx g env --name=qa scaffolds without a prompt or collection prefix, and the workspace validates', () => {
    const dir = copyWorkspace();
    const r = nx(dir, ['g', 'env', '--name=qa']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('CREATE deployment/helm/alpha-members/values-qa.yaml');
    expect(yaml(dir, 'gitops.yaml').environments.map((e: any) => e.name)).toEqual(['dev', 'staging', 'qa', 'prod']);
    expect(yaml(dir, 'argocd/applications/alpha-members-qa.yaml').spec.source.helm.valueFiles).toEqual(['values.yaml', 'values-qa.yaml']);
    expectChecksPass(dir);

    const seeded = nx(dir, ['g', 'env', '--name=perf', '--from=prod', '--tier=staging']);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(yaml(dir, `${APP}/values-perf.yaml`).ingress.hosts[0].host).toBe('members-perf.example.com');
    expectChecksPass(dir);
  });

  it('writes nothing on --dry-run or on bad input, and says why', () => {
    const dir = copyWorkspace();
    const before = files(dir);
    const dry = nx(dir, ['g', 'env', '--name=qa', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('CREATE deployment/helm/alpha-members/values-qa.yaml');
    for (const [args, message] of [
      [['g', 'env', '--name=../x'], /env name "..\/x" is not allowed: it must be a DNS-1123 label/],
      [['g', 'env', '--name=qa', '--from=stagin'], /unknown environment "stagin"; did you mean "staging"\?/],
      [['g', 'cluster', '--name=eu', '--env=prod'], /cluster "eu" is not declared yet, so it needs --server/],
      [['g', 'app', '--name=alpha-members'], /app "alpha-members" already exists/],
    ] as const) {
      const r = nx(dir, [...args]);
      expect(r.code).not.toBe(0);
      expect(r.stdout + r.stderr).toMatch(message);
      expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(files(dir)).toEqual(before);
  });

  it('nx g cluster wires prod-eu and the workspace validates', () => {
    const dir = copyWorkspace();
    const r = nx(dir, ['g', 'cluster', '--name=prod-eu', '--env=prod', '--server=https://eu.example.com']);
    expect(r.code, r.stderr).toBe(0);
    expect(yaml(dir, 'argocd/applications/alpha-members-prod-prod-eu.yaml').spec.source.helm.valueFiles).toEqual(['values.yaml', 'values-prod.yaml', 'values-prod.prod-eu.yaml']);
    expectChecksPass(dir);
    const values = gitopsBin(dir, ['values', 'alpha-members', 'prod', '--cluster', 'prod-eu', '-o', 'json']);
    expect(values.code, values.stderr).toBe(0);
  });

  it('nx g app adds billing and the workspace validates', () => {
    const dir = copyWorkspace();
    const r = nx(dir, ['g', 'app', '--name=billing', '--image=org/billing', '--port=9090']);
    expect(r.code, r.stderr).toBe(0);
    expect(yaml(dir, 'deployment/helm/billing/values.yaml').service.port).toBe(9090);
    expectChecksPass(dir);
    const billing = gitopsBin(dir, ['validate', 'billing']);
    expect(billing.code).toBe(0);
    const project = nx(dir, ['show', 'project', 'billing', '--json']);
    expect(project.code, project.stderr).toBe(0);
    expect(Object.keys(JSON.parse(project.stdout).targets)).toEqual(expect.arrayContaining(['validate', 'lint', 'render', 'diff', 'promote']));
    const validate = nx(dir, ['run', 'billing:validate']);
    expect(validate.code, validate.stdout).toBe(0);
  });

  it('nx g secret adds a key once, and seals a piped value that only the controller opens', () => {
    const dir = copyWorkspace();
    for (let i = 0; i < 2; i++) {
      const r = nx(dir, ['g', 'secret', '--app=alpha-members', '--name=redis-password', '--remoteKey=redis', '--property=password']);
      expect(r.code, r.stderr).toBe(0);
    }
    // the first listed key keeps the ExternalSecret's default keys listed too, so none is dropped
    expect(yaml(dir, `${APP}/values-prod.yaml`).externalSecrets.data).toEqual([
      { secretKey: 'database-url', remoteRef: { key: 'alpha-members/production/database', property: 'url' } },
      { secretKey: 'keycloak-client-secret', remoteRef: { key: 'alpha-members/production/keycloak', property: 'client-secret' } },
      { secretKey: 'redis-password', remoteRef: { key: 'alpha-members/production/redis', property: 'password' } },
    ]);
    expectChecksPass(dir);

    controllerCert(dir);
    expect(nx(dir, ['g', 'env', '--name=lab', '--secrets=sealed-secrets']).code).toBe(0);
    // every env gets the key (lab promotes to prod, so prod needs it too); lab's is sealed
    const sealed = nx(dir, ['g', 'secret', '--app=alpha-members', '--name=api-token', '--seal', '--cert=cert.pem'], 'hunter2');
    expect(sealed.code, sealed.stderr).toBe(0);
    expect(sealed.stdout + sealed.stderr).not.toContain('hunter2');
    const stubText = readFileSync(join(dir, `${APP}/secrets/sealed-secrets-lab.yaml`), 'utf8');
    expect(stubText).not.toContain('hunter2');
    const ciphertext = parseValuesYaml(stubText, 'stub').values as any;
    const key = createPrivateKey(readFileSync(join(dir, 'key.pem')));
    const opened = hybridDecrypt(key, Buffer.from(ciphertext.spec.encryptedData['api-token'], 'base64'), encryptionLabel('strict', 'lab', 'alpha-members-secrets'));
    expect(opened.toString()).toBe('hunter2');
    expect(yaml(dir, `${APP}/values-prod.yaml`).externalSecrets.data.map((d: { secretKey: string }) => d.secretKey)).toContain('api-token');
    expectChecksPass(dir);

    // gitops seal gives the same format for the same target.
    writeFileSync(join(dir, 'v.txt'), 'x');
    const raw = gitopsBin(dir, ['seal', '--raw', '--cert', 'cert.pem', '--namespace', 'lab', '--name', 'alpha-members-secrets', '--from-file', 'v.txt']);
    expect(hybridDecrypt(key, Buffer.from(raw.stdout, 'base64'), encryptionLabel('strict', 'lab', 'alpha-members-secrets')).toString()).toBe('x');
  });
});
