import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { copyExampleWorkspace, editFile as edit } from '../test-support/example-workspace';
import { validateApp } from './validate';
import { loadWorkspace } from '../workspace';

const APP = 'deployment/helm/alpha-members';

/** The chart's values.yaml declares these keys, so the rules may suggest them (values-level hints never suggest a key the chart does not read). */
function declare(dir: string, keys: string): void {
  const p = join(dir, APP, 'values.yaml');
  writeFileSync(p, `${readFileSync(p, 'utf8')}${keys}`);
}
/** The chart's values.yaml stops declaring these top-level keys (the example documents every key its templates read). */
function undeclare(dir: string, keys: string[]): void {
  const p = join(dir, APP, 'values.yaml');
  const doc = parseDocument(readFileSync(p, 'utf8'));
  for (const k of keys) doc.delete(k);
  writeFileSync(p, doc.toString());
}
const run = (dir: string, envs?: string[]) => validateApp(loadWorkspace(dir), 'alpha-members', { envs });
const summary = (fs: ReturnType<typeof run>) => fs.map((f) => `${f.severity} ${f.rule} ${f.file.split('/').pop()}:${f.line}${f.env ? ` ${f.env}` : ''}`);

describe('policy through validate', () => {
  it("sees the Argo CD Application's helm.parameters as the last layer: the prod tag is pinned there", () => {
    const dir = copyExampleWorkspace();
    expect(run(dir, ['prod'])).toEqual([]);
    edit(dir, 'argocd/applications/alpha-members-prod.yaml', '      parameters:\n        - name: image.tag\n          value: $ARGOCD_APP_REVISION\n', '');
    expect(summary(run(dir, ['prod']))).toEqual(['error image-tag-pinned values-prod.yaml:5 prod']);
  });

  it('takes $ARGOCD_APP_REVISION for the synced commit only where Argo CD fills it in: a helm parameter, not a values file', () => {
    const dir = copyExampleWorkspace();
    edit(dir, 'argocd/applications/alpha-members-prod.yaml', '      parameters:\n        - name: image.tag\n          value: $ARGOCD_APP_REVISION\n', '');
    edit(dir, `${APP}/values-prod.yaml`, 'tag: ""', 'tag: $ARGOCD_APP_REVISION');
    const found = run(dir, ['prod']);
    expect(summary(found)).toEqual(['error image-tag-pinned values-prod.yaml:5 prod']);
    expect(found[0].message).toContain('"$ARGOCD_APP_REVISION" reaches helm as written');
  });

  it('points at the line that set a bad value, with the tier severity', () => {
    const dir = copyExampleWorkspace();
    // the chart's values.yaml documents securityContext already: no need to declare it
    edit(dir, `${APP}/values-prod.yaml`, '  readOnlyRootFilesystem: true', '  readOnlyRootFilesystem: false\n  privileged: true');
    expect(summary(run(dir, ['prod']))).toEqual(['error read-only-root-filesystem values-prod.yaml:40 prod', 'error no-privileged values-prod.yaml:41 prod']);
  });

  it('takes severities per tier from gitops.yaml', () => {
    const dir = copyExampleWorkspace();
    declare(dir, 'hostNetwork: false\n');
    edit(dir, `${APP}/values-prod.yaml`, 'replicaCount: 3', 'replicaCount: 3\nhostNetwork: true');
    writeFileSync(join(dir, 'gitops.yaml'), `${readFileSync(join(dir, 'gitops.yaml'), 'utf8')}\npolicy:\n  tiers:\n    production:\n      rules:\n        no-host-namespaces: warning\n`);
    expect(summary(run(dir, ['prod']))).toEqual(['warning no-host-namespaces values-prod.yaml:3 prod']);
  });

  it('accepts a finding ignored on its line with a reason, and reports ignores without one or with an unknown rule', () => {
    const dir = copyExampleWorkspace();
    declare(dir, 'hostNetwork: false\nhostPID: false\nhostIPC: false\n');
    edit(dir, `${APP}/values-prod.yaml`, 'replicaCount: 3', 'replicaCount: 3\nhostNetwork: true  # gitops:ignore no-host-namespaces the CNI agent needs the node network\nhostPID: true  # gitops:ignore no-host-namespaces\nhostIPC: true  # gitops:ignore no-host-namespace because');
    const findings = run(dir, ['prod']);
    expect(summary(findings)).toEqual([
      'error no-host-namespaces values-prod.yaml:4 prod',
      'error ignore-comment values-prod.yaml:4',
      'error no-host-namespaces values-prod.yaml:5 prod',
      'error ignore-comment values-prod.yaml:5',
    ]);
    expect(findings.find((f) => f.rule === 'ignore-comment' && f.line === 4)?.message).toMatch(/gives no reason/);
    expect(findings.find((f) => f.rule === 'ignore-comment' && f.line === 5)?.message).toBe('unknown rule "no-host-namespace" in an ignore comment; did you mean "no-host-namespaces"?');
  });

  it('never suggests a key the chart does not declare, and reads the chart\'s own key names', () => {
    const dir = copyExampleWorkspace();
    // the example chart documents every key it reads: this copy is a chart that declares no security contexts, PDB or autoscaling
    undeclare(dir, ['podSecurityContext', 'securityContext', 'podDisruptionBudget', 'autoscaling']);
    // staging sets no securityContext, but the chart's values.yaml and schema do not declare one: setting it would change nothing
    expect(summary(run(dir, ['staging']))).toEqual(['warning image-tag-pinned values-staging.yaml:5 staging']);
    declare(dir, 'securityContext: {}\n');
    expect(summary(run(dir, ['staging'])).filter((s) => s.includes('read-only'))).toEqual(['warning read-only-root-filesystem values-staging.yaml:2 staging']);
    // a chart that keeps its tag under imageVersion: the hint names that key and reads its value
    edit(dir, `${APP}/values-staging.yaml`, '  tag: ""  # Set by CI/CD', '  tag: ""  # Set by CI/CD\nimageVersion: latest');
    declare(dir, 'imageVersion: ""\n');
    writeFileSync(join(dir, 'gitops.yaml'), `${readFileSync(join(dir, 'gitops.yaml'), 'utf8')}\npolicy:\n  apps:\n    alpha-members:\n      keys:\n        imageTag: imageVersion\n`);
    const tag = run(dir, ['staging']).filter((f) => f.rule === 'image-tag-pinned');
    expect(tag.map((f) => [f.path, f.line, f.message])).toEqual([['imageVersion', 6, 'imageVersion "latest" is a floating tag']]);
  });

  it('reports a wrong ignore comment in a file where nothing else is found', () => {
    const dir = copyExampleWorkspace();
    const base = join(dir, `${APP}/values.yaml`);
    writeFileSync(base, `# gitops:ignore run-as-nonroot\n${readFileSync(base, 'utf8')}`);
    const wrong = run(dir, ['prod']).filter((f) => f.rule === 'ignore-comment');
    expect(wrong.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`)).toEqual([
      `${APP}/values.yaml:1:1 the ignore comment for run-as-nonroot gives no reason, so it ignores nothing`,
      `${APP}/values.yaml:1:1 unknown rule "run-as-nonroot" in an ignore comment; did you mean "run-as-non-root"?`,
    ]);
  });
});

describe('secret scanning through validate', () => {
  it('warns about the dev passwords in development, fails the same in staging, never echoes them', () => {
    const dir = copyExampleWorkspace();
    const dev = run(dir, ['dev']).filter((f) => f.rule === 'plaintext-secret');
    expect(dev.map((f) => [f.severity, f.path, f.line])).toEqual([
      ['warning', 'mongodb.auth.rootPassword', 35],
      ['warning', 'redis.auth.password', 41],
      ['warning', 'keycloak.auth.adminPassword', 46],
    ]);
    edit(dir, `${APP}/values-staging.yaml`, 'replicaCount: 2', 'replicaCount: 2\nredis:\n  auth:\n    password: hunter22');
    const staging = run(dir, ['staging']).filter((f) => f.rule === 'plaintext-secret');
    expect(staging.map((f) => [f.severity, f.path, f.line])).toEqual([['error', 'redis.auth.password', 5]]);
    expect(JSON.stringify([...dev, ...staging])).not.toMatch(/devpassword|devredis|devadmin|hunter22/);
  });

  it('scans the base values.yaml too, and reports the secret in that file for every env', () => {
    const dir = copyExampleWorkspace();
    const base = join(dir, APP, 'values.yaml');
    writeFileSync(base, `smtp:\n  # relay login\n  password: base-Pa55word\n${readFileSync(base, 'utf8')}`);
    for (const env of ['dev', 'prod']) {
      const found = run(dir, [env]).filter((f) => f.rule === 'plaintext-secret' && f.path === 'smtp.password');
      expect(found.map((f) => `${f.file}:${f.line}:${f.column}`), env).toEqual([`${APP}/values.yaml:3:13`]);
      expect(JSON.stringify(found)).not.toContain('base-Pa55word');
    }
  });

  it("judges a secret of the base values.yaml by each env's tier in one run, and again after an edit", () => {
    const dir = copyExampleWorkspace();
    const base = join(dir, APP, 'values.yaml');
    const text = readFileSync(base, 'utf8');
    writeFileSync(base, `smtp:\n  password: base-Pa55word\n${text}`);
    const smtp = () => run(dir).filter((f) => f.path === 'smtp.password' || f.path === 'smtp.token');
    expect(smtp().map((f) => `${f.env} ${f.severity} ${f.rule} ${f.file}:${f.line}:${f.column}`)).toEqual(
      ['dev warning', 'prod error', 'staging error'].map((s) => `${s} plaintext-secret ${APP}/values.yaml:2:13`),
    );
    writeFileSync(base, `smtp:\n  token: AKIA${'A'.repeat(16)}\n${text}`);
    expect(smtp().map((f) => `${f.env} ${f.severity} ${f.rule} ${f.file}:${f.line}:${f.column}`)).toEqual(
      ['dev', 'prod', 'staging'].map((env) => `${env} error secret-token ${APP}/values.yaml:2:10`),
    );
  });

  it('finds a known token format under any key, and accepts references', () => {
    const dir = copyExampleWorkspace();
    edit(dir, `${APP}/values-prod.yaml`, 'replicaCount: 3', `replicaCount: 3\nnotes:\n  ci: ghp_${'a1B2'.repeat(9)}\n  db: postgres://app:s3cr3t@db:5432/app\n  fine: postgres://app:\${DB_PASSWORD}@db/app\n  jvm: -Xmx1g -Dspring.datasource.password=s3cr3tPw\n  jvmRef: -Dspring.datasource.password=\${DB_PASSWORD}\ndatabase:\n  password: ""\n  existingSecret: db-credentials`);
    expect(summary(run(dir, ['prod']).filter((f) => f.rule.startsWith('secret') || f.rule.startsWith('plaintext')))).toEqual([
      'error secret-token values-prod.yaml:4 prod',
      'error secret-token values-prod.yaml:5 prod',
      'error secret-token values-prod.yaml:7 prod',
    ]);
    const jvm = run(dir, ['prod']).find((f) => f.path === 'notes.jvm');
    expect([jvm?.message, jvm?.column]).toEqual(['holds a credential in a "spring.datasource.password" setting in plain text', 8]);
    expect(JSON.stringify(jvm)).not.toContain('s3cr3tPw');
  });

  it('requires every file under secrets/ to be encrypted', () => {
    const dir = copyExampleWorkspace();
    const secrets = join(dir, APP, 'secrets');
    mkdirSync(secrets, { recursive: true });
    writeFileSync(join(secrets, 'secrets-dev.yaml'), 'db:\n  password: devpassword\n');
    writeFileSync(join(secrets, 'secrets-qa.yaml.enc'), 'db:\n  password: ENC[AES256_GCM,data:abc,iv:x,tag:y,type:str]\n  user: app\n  port_unencrypted: 5432\nsops:\n  mac: ENC[AES256_GCM,data:m,iv:i,tag:t,type:str]\n  version: 3.9.0\n');
    writeFileSync(join(secrets, 'sealed-secrets-prod.yaml'), 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: s\nspec:\n  encryptedData:\n    k: AgB3\n');
    writeFileSync(join(secrets, 'secret.yaml'), 'apiVersion: v1\nkind: Secret\ndata:\n  k: aGk=\n');
    const findings = run(dir, ['prod']).filter((f) => f.rule === 'unencrypted-secret-file');
    expect(findings.map((f) => `${f.file.split('/').pop()}:${f.line}:${f.column} ${f.message}`)).toEqual([
      'secret.yaml:1:1 a plain Kubernetes Secret: base64 is an encoding, not encryption',
      'secrets-dev.yaml:1:1 neither a SOPS file (no sops section with a mac) nor a SealedSecret',
      'secrets-qa.yaml.enc:3:9 "db.user" is in clear text in a SOPS file',
    ]);
    rmSync(secrets, { recursive: true });
  });

  it('reports plaintext files under secrets/: a note, a dotenv file, a PEM key', () => {
    const dir = copyExampleWorkspace();
    const secrets = join(dir, APP, 'secrets');
    writeFileSync(join(secrets, 'raw.txt'), 'Sup3rS3cretPw!\n');
    writeFileSync(join(secrets, 'db.env'), 'DB_USER=app\nDB_PASSWORD=Sup3rS3cretPw!\n');
    writeFileSync(join(secrets, 'tls.key'), '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAtestkeymaterial\n-----END RSA PRIVATE KEY-----\n');
    const findings = run(dir, ['prod']).filter((f) => f.rule === 'unencrypted-secret-file');
    expect(findings.map((f) => `${f.severity} ${f.file.split('/').pop()}:${f.line} ${f.message}`)).toEqual([
      'error db.env:1 holds a credential in a "DB_PASSWORD" setting in plain text: neither a SOPS file nor a SealedSecret',
      'error raw.txt:1 plain text: neither a SOPS file nor a SealedSecret',
      'error tls.key:1 holds a PEM private key in plain text: neither a SOPS file nor a SealedSecret',
    ]);
    expect(JSON.stringify(findings)).not.toMatch(/Sup3rS3cretPw|MIIE/);
  });

  it('flags and redacts the value of an env list item named like a secret', () => {
    const dir = copyExampleWorkspace();
    edit(dir, `${APP}/values-prod.yaml`, 'replicaCount: 3', 'replicaCount: 3\nextraEnv:\n  - name: LOG_LEVEL\n    value: debug\n  - name: DB_PASSWORD\n    value: Sup3rS3cretPw!');
    const findings = run(dir, ['prod']).filter((f) => f.rule === 'plaintext-secret');
    expect(summary(findings)).toEqual(['error plaintext-secret values-prod.yaml:7 prod']);
    expect(findings[0].path).toBe('extraEnv[1].value');
    expect(JSON.stringify(findings)).not.toContain('Sup3rS3cretPw!');
  });
});

describe('Argo CD consistency through validate', () => {
  it('requires valueFiles in layer order, pointing at the first wrong entry', () => {
    const dir = copyExampleWorkspace();
    edit(dir, 'argocd/applications/alpha-members-prod.yaml', '        - values.yaml\n        - values-prod.yaml', '        - values-prod.yaml\n        - values.yaml');
    const findings = run(dir, ['prod']);
    // the Application is the truth: with the base last, its replicaCount: 1 is what prod gets, and
    // its externalSecrets.enabled: false leaves prod without the secret keys staging has
    expect(summary(findings)).toEqual([
      'error argocd-value-files alpha-members-prod.yaml:14 prod',
      'error secret-key-missing values-prod.yaml:1 prod',
      'error secret-key-missing values-prod.yaml:1 prod',
      'error secret-key-missing values-prod.yaml:1 prod',
      'error replicas-ha values.yaml:6 prod',
    ]);
    expect(findings[0].message).toBe('valueFiles are [values-prod.yaml, values.yaml] but the layers of prod are [values.yaml, values-prod.yaml]');
  });

  it('reports a listed file that does not exist and a missing Application', () => {
    const dir = copyExampleWorkspace();
    edit(dir, 'argocd/applications/alpha-members-staging.yaml', '        - values-staging.yaml', '        - values-staging.yaml\n        - values-stg.yaml');
    rmSync(join(dir, 'argocd/applications/alpha-members-dev.yaml'));
    const findings = run(dir).filter((f) => f.rule.startsWith('argocd'));
    expect(findings.map((f) => [f.rule, f.env, f.message])).toEqual([
      ['argocd-value-file-missing', 'staging', 'values file "values-stg.yaml" (deployment/helm/alpha-members/values-stg.yaml) does not exist, so Argo CD fails to sync this Application'],
      ['argocd-application-missing', 'dev', 'no Argo CD Application deploys alpha-members to dev (none found under argocd/applications; expected e.g. argocd/applications/alpha-members-dev.yaml)'],
    ]);
  });
});
