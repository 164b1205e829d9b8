import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS } from '../../test-support/example-workspace';
import { formatPath, leaves } from '../../common';
import { parseValuesYaml } from '../../yaml';
import { hasUserinfo, isSecretKey, isSecretLike, redact, redactAny, REDACTED, redactText, secretTokenKind } from './secret-like';

describe('secret-like keys and values', () => {
  it('tells keys that hold a secret from keys that name one', () => {
    for (const k of ['password', 'rootPassword', 'admin_password', 'apiToken', 'api-key', 'apiKey', 'clientSecret', 'secret', 'privateKey', 'secretKey', 'accessKey', 'credentials', 'dsn']) expect(isSecretKey(k), k).toBe(true);
    for (const k of ['secretName', 'existingSecret', 'secretStoreRef', 'passwordPolicy', 'tokenUrl', 'configFromSecret', 'secretKeyRef', 'passwordFile', 'useSecret', 'tokenTTL', 'createSecret']) expect(isSecretKey(k), k).toBe(false);
  });

  it('reads secretKey in an External Secrets data item as the name of a key, not a secret', () => {
    expect(isSecretLike(['externalSecrets', 'data', 0, 'secretKey'], 'database-url')).toBe(false);
    expect(isSecretLike(['minio', 'secretKey'], 'wJalrXUtnFEMI')).toBe(true);
  });

  it('recognises well-known token formats', () => {
    expect(secretTokenKind('-----BEGIN RSA PRIVATE KEY-----\nMIIE')).toBe('a PEM private key');
    expect(secretTokenKind('AKIAIOSFODNN7EXAMPLE')).toBe('an AWS access key id');
    expect(secretTokenKind('AGE-SECRET-KEY-1QXRVEJH9S4NQU0FPD6V79ESZQ8S6PXH3L8V40EVPTHFH6KNKD4DQ7SKC4P')).toBe('an age secret key');
    expect(secretTokenKind(`ghp_${'x'.repeat(36)}`)).toBe('a GitHub token');
    expect(secretTokenKind('mongodb://admin:hunter2@db:27017')).toBe('a connection string with a password');
    expect(secretTokenKind('mongodb://admin:${MONGO_PASSWORD}@db:27017')).toBeUndefined();
    expect(secretTokenKind('https://auth.example.com')).toBeUndefined();
  });

  it('redacts secret-like leaves and keeps the rest', () => {
    const values = { db: { password: 'hunter2', host: 'db', existingSecret: 'db' }, urls: ['postgres://u:p4ss@h/db', 'https://x'], token: '' };
    expect(redact(values)).toEqual({ db: { password: REDACTED, host: 'db', existingSecret: 'db' }, urls: [REDACTED, 'https://x'], token: '' });
    expect(values.db.password).toBe('hunter2');
  });

  it('finds no token formats in the real charts of the corpus', () => {
    const hits: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(name)) {
          let values;
          try {
            values = parseValuesYaml(readFileSync(p, 'utf8'), p).values;
          } catch {
            continue;
          }
          for (const [path, v] of leaves(values)) if (isSecretLike(path, v)) hits.push(`${p.slice(CORPUS.length + 1)} ${formatPath(path)}`);
        }
      }
    };
    walk(CORPUS);
    // true positives only: CI values files that commit a test redis password and a test API key
    expect(hits).toEqual([
      'argo-helm/argo-cd/ci/external-redis-values.yaml externalRedis.password',
      'argo-helm/argo-rollouts/ci/enable-extra-objects-values.yaml extraObjects[0].data.api-key',
      'argo-helm/argocd-image-updater/ci/enable-extra-objects-values.yaml extraObjects[0].data.api-key',
    ]);
  });
});

describe('the one redaction', () => {
  it('drops credentials in known formats and every URL userinfo from free text', () => {
    const ghp = `ghp_${'a'.repeat(36)}`;
    const text = `see https://user:pw@ghe.example.com/api and ${ghp}, AKIAIOSFODNN7EXAMPLE\n-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\n-----END RSA PRIVATE KEY-----\nafter`;
    const out = redactText(text);
    for (const s of ['pw@', 'user:', ghp, 'AKIAIOSFODNN7EXAMPLE', 'MIIEabc']) expect(out).not.toContain(s);
    expect(out).toBe(`see https://${REDACTED}@ghe.example.com/api and ${REDACTED}, ${REDACTED}\n${REDACTED}\nafter`);
    expect(redactText('image 1.2.3 must match ^[0-9]+$')).toBe('image 1.2.3 must match ^[0-9]+$');
  });

  it('drops the value of a credential setting written inside a text, and keeps its key', () => {
    const cases: [string, string][] = [
      ['-Xmx1g -Dspring.datasource.password=hunter2 -Dlog=info', `-Xmx1g -Dspring.datasource.password=${REDACTED} -Dlog=info`],
      ['--db-password=s3cr3t --port=5432', `--db-password=${REDACTED} --port=5432`],
      ['Server=db;User Id=sa;Password=Pa55w0rd;', `Server=db;User Id=sa;Password=${REDACTED};`],
      ['jdbc:postgresql://db/app?user=app&password=p4ss&ssl=true', `jdbc:postgresql://db/app?user=app&password=${REDACTED}&ssl=true`],
      ['db:\n  password: "two words"\n  user: app', `db:\n  password: "${REDACTED}"\n  user: app`],
      ['{"apiKey":"abc123def","region":"eu"}', `{"apiKey":"${REDACTED}","region":"eu"}`],
      ["API_TOKEN=xyz123456\nclient_secret='a b c'", `API_TOKEN=${REDACTED}\nclient_secret='${REDACTED}'`],
    ];
    for (const [text, redacted] of cases) expect(redactText(text), text).toBe(redacted);
    // references, flags, masks and names of secrets are no passwords
    for (const text of ['password: {{ .Values.db.password }}', 'password=${DB_PASSWORD}', 'password=$(cat /run/pw)', 'secretName: my-secret', '--token-file=/var/run/token', 'password: true', 'password: "********"', '--set db.password=…: key "x" has no value', 'password: <your password>', 'image: nginx:1.25']) {
      expect(redactText(text), text).toBe(text);
      expect(secretTokenKind(`x ${text}`), text).toBeUndefined();
    }
  });

  it('names a credential setting inside a value as a token in plain text, by its key', () => {
    expect(secretTokenKind('-Xmx1g -Dspring.datasource.password=hunter2')).toBe('a credential in a "spring.datasource.password" setting');
    expect(secretTokenKind('Server=db;Password=Pa55w0rd;')).toBe('a credential in a "Password" setting');
    expect(isSecretLike(['javaOpts'], '-Dspring.datasource.password=hunter2')).toBe(true);
    expect(redactAny(['javaOpts'], '-Dspring.datasource.password=hunter2')).toBe(REDACTED);
  });

  it('stays linear on long texts built to make a pattern backtrack', () => {
    // each would take seconds to minutes with an unbounded name or scheme
    for (const text of ['a.'.repeat(100_000), 'password="'.repeat(20_000), `${'p.'.repeat(20_000)}password=x`, 'a://b:'.repeat(20_000)]) {
      expect(redactText(text).length).toBeGreaterThanOrEqual(text.length);
      secretTokenKind(text);
    }
  });

  it('reads the value of an env item as secret when its name is', () => {
    const env = [{ name: 'DB_PASSWORD', value: 'Sup3rS3cretPw!' }, { name: 'LOG_LEVEL', value: 'debug' }, { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } }];
    expect(redactAny(['extraEnv'], env)).toEqual([{ name: 'DB_PASSWORD', value: REDACTED }, { name: 'LOG_LEVEL', value: 'debug' }, env[2]]);
    expect(isSecretLike(['env', 0, 'value'], 'Sup3rS3cretPw!', env[0])).toBe(true);
    expect(isSecretLike(['env', 1, 'value'], 'debug', env[1])).toBe(false);
  });

  it('tells a URL with userinfo', () => {
    expect(hasUserinfo('https://user:pw@host')).toBe(true);
    expect(hasUserinfo('https://host/path@x')).toBe(false);
  });
});

describe('the edges of what is a secret', () => {
  it('reads the last two words of a longer key, and a secret key at the top level', () => {
    for (const k of ['stripeApiKey', 'db_api_key', 'X-Api-Token']) expect(isSecretKey(k), k).toBe(true);
    expect(isSecretLike(['password'], 'hunter2')).toBe(true);
    // a path without any key name holds nothing by name
    expect(isSecretLike([0], 'hunter2')).toBe(false);
  });

  it('reads secretKey as a name only in a data or dataFrom list item', () => {
    expect(isSecretLike(['externalSecrets', 'data', 0, 'password'], 'hunter2')).toBe(true);
    expect(isSecretLike(['externalSecrets', 'dataFrom', 0, 'secretKey'], 'database-url')).toBe(false);
    for (const path of [['data', 'secretKey'], ['metadata', 0, 'secretKey'], ['dataSources', 0, 'secretKey']]) expect(isSecretLike(path, 'wJalrXUtnFEMI'), path.join('.')).toBe(true);
  });

  it('takes a number under a secret key as a password, and a whole reference or a redacted value as none', () => {
    expect(isSecretLike(['password'], 12345678)).toBe(true);
    expect(isSecretLike(['password'], undefined)).toBe(false);
    for (const ref of ['{{ .Values.db.password }}', ' ${DB_PASSWORD} ', '${DB_PASSWORD}', '$(cat /run/pw)', '$DB_PASSWORD', 'ENC[AES256_GCM,data:x]', 'vault:secret/data/db#password', REDACTED]) expect(isSecretLike(['password'], ref), ref).toBe(false);
    // a literal around a reference, or a reference-looking word inside one, is a literal
    for (const literal of ['pw-{{ .Values.x }}', '{{ .Values.x }}-pw', 'pw${X}', '${X}pw', 'pw$(cat x)', '$(cat x)pw', 'pw$DB_PASSWORD', '$DB_password', 'xENC[AES256_GCM,data:x]', 'stop:here-now']) {
      expect(isSecretLike(['password'], literal), literal).toBe(true);
    }
  });

  it('scans a text of eight characters or more for a credential setting', () => {
    expect(secretTokenKind('pwd=abc')).toBeUndefined();
    expect(secretTokenKind('pwd=abcd')).toBe('a credential in a "pwd" setting');
  });

  it('redacts a password with a dollar sign in a setting, and a URL userinfo in any string leaf', () => {
    expect(redactText('password=pa$$word1 next')).toBe(`password=${REDACTED} next`);
    // a token-only userinfo is no connection string with a password, but still leaves the URL
    expect(redactAny(['repoURL'], 'https://ghs0123456789abcdef@github.com/org/repo.git')).toBe(`https://${REDACTED}@github.com/org/repo.git`);
    expect(redact({ mirrors: ['https://deploy-token@git.example.com/org/repo.git'], credentials: ['s3cr3t-one'] })).toEqual({ mirrors: [`https://${REDACTED}@git.example.com/org/repo.git`], credentials: [REDACTED] });
    expect(hasUserinfo('HTTPS://user:pw@host')).toBe(true);
  });
});

