import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExampleWorkspace } from '../../test-support/example-workspace';
import { getApp, loadWorkspace } from '../../workspace';
import { checkFile, scanSecretFiles } from './encrypted-files';

const ENC = 'ENC[AES256_GCM,data:Upwq,iv:PjRm,tag:LASj,type:str]';
/** Each finding as a user reads it: file:line:column and the message. */
const found = (text: string, file = 'apps/web/secrets/s.yaml') => checkFile(file, text, 'web').map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`);

describe('a file under secrets/', () => {
  it('is a finding of its app, at the unencrypted-secret-file rule, with what to do', () => {
    expect(checkFile('apps/web/secrets/s.txt', 'hello\n', 'web')).toEqual([
      { rule: 'unencrypted-secret-file', severity: 'error', message: 'plain text: neither a SOPS file nor a SealedSecret', file: 'apps/web/secrets/s.txt', line: 1, column: 1, app: 'web', hint: expect.stringMatching(/sops|seal/i) },
    ]);
  });

  it('as plain text names a known token format it holds, never the token', () => {
    expect(found('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY-----\n', 'apps/web/secrets/id')).toEqual([
      'apps/web/secrets/id:1:1 holds a PEM private key in plain text: neither a SOPS file nor a SealedSecret',
    ]);
    expect(found('')).toEqual(['apps/web/secrets/s.yaml:1:1 plain text: neither a SOPS file nor a SealedSecret']);
    expect(found('- a\n- b\n')).toEqual(['apps/web/secrets/s.yaml:1:1 plain text: neither a SOPS file nor a SealedSecret']);
    expect(found('key: [unclosed\n')).toEqual(['apps/web/secrets/s.yaml:1:1 plain text: neither a SOPS file nor a SealedSecret']);
  });

  it('as SOPS dotenv: every key but sops_* encrypted; comments are not keys', () => {
    const dotenv = `# database\nDB_PASSWORD=${ENC}\nsops_mac=${ENC}\nsops_version=3.9.0\n`;
    expect(found(dotenv, 'apps/web/secrets/db.env')).toEqual([]);
    expect(found(`${dotenv}DB_USER=app\n`, 'apps/web/secrets/db.env')).toEqual(['apps/web/secrets/db.env:5:1 a SOPS file with a value in clear text']);
  });

  it('as SOPS ini (the layout sops writes: `key = ENC[…]`, metadata in a [sops] section) passes; a clear key outside [sops] does not', () => {
    const ini = `[db]\npassword = ${ENC}\n; a comment = here\n\n[sops]\nlastmodified                = 2026-05-22T20:15:58Z\nmac                         = ${ENC}\nunencrypted_suffix          = _unencrypted\nversion                     = 3.13.2\n`;
    expect(found(ini, 'apps/web/secrets/db.ini')).toEqual([]);
    expect(found(`[app]\nuser = app\n${ini}`, 'apps/web/secrets/db.ini')).toEqual(['apps/web/secrets/db.ini:2:1 a SOPS file with a value in clear text']);
    expect(found(`${ini}[ after ]\nuser = app\n`, 'apps/web/secrets/db.ini')).toEqual(['apps/web/secrets/db.ini:11:1 a SOPS file with a value in clear text']);
  });

  it('as YAML: a plain Secret, a SealedSecret without encryptedData, a file without a sops mac, each at its document', () => {
    expect(found('# a Secret\n---\napiVersion: v1\nkind: Secret\ndata:\n  k: aGk=\n')).toEqual(['apps/web/secrets/s.yaml:3:1 a plain Kubernetes Secret: base64 is an encoding, not encryption']);
    const sealed = 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: s\n';
    expect(found(`---\n${sealed}spec:\n  encryptedData:\n    k: AgB3\n---\n${sealed}spec:\n  encryptedData: AgB3\n---\n${sealed}spec: []\n---\n`)).toEqual([
      'apps/web/secrets/s.yaml:10:1 a SealedSecret without spec.encryptedData',
      'apps/web/secrets/s.yaml:17:1 a SealedSecret without spec.encryptedData',
    ]);
    expect(found(`db:\n  password: ${ENC}\nsops:\n  version: 3.9.0\n`)).toEqual(['apps/web/secrets/s.yaml:1:1 neither a SOPS file (no sops section with a mac) nor a SealedSecret']);
    expect(found(`db:\n  password: ${ENC}\nsops: 3.9.0\n`)).toEqual(['apps/web/secrets/s.yaml:1:1 neither a SOPS file (no sops section with a mac) nor a SealedSecret']);
  });

  it('as SOPS YAML: each value its rules say must be encrypted and is not, at its line and column, list items too', () => {
    const sops = `sops:\n  mac: ${ENC}\n  version: 3.9.0\n`;
    expect(found(`db:\n  password: ${ENC}\n  user: app\n  hosts:\n    - a.example.com\n  empty: ""\n  none: null\n  port: 5432\n${sops}`)).toEqual([
      'apps/web/secrets/s.yaml:3:9 "db.user" is in clear text in a SOPS file',
      'apps/web/secrets/s.yaml:5:7 "db.hosts" is in clear text in a SOPS file',
      'apps/web/secrets/s.yaml:8:9 "db.port" is in clear text in a SOPS file',
    ]);
    // encrypted_regex: only the keys it names are encrypted
    expect(found(`password: ${ENC}\nuser: app\nsops:\n  mac: ${ENC}\n  encrypted_regex: ^password$\n`)).toEqual([]);
    expect(found(`password: hunter2\nuser: app\nsops:\n  mac: ${ENC}\n  encrypted_regex: ^password$\n`)).toEqual(['apps/web/secrets/s.yaml:1:11 "password" is in clear text in a SOPS file']);
    expect(found(`port_unencrypted: 5432\n${sops}`)).toEqual([]);
  });

  it('are all read, folders too, in name order; notes, .gitkeep, .gitignore and .sops.yaml are not secrets', () => {
    const dir = copyExampleWorkspace();
    const secrets = join(dir, 'deployment/helm/alpha-members/secrets');
    mkdirSync(join(secrets, 'old'), { recursive: true });
    for (const name of ['.gitkeep', '.gitignore', '.sops.yaml', 'NOTES.MD', 'z.txt', 'a.txt', 'old/b.yaml']) writeFileSync(join(secrets, name), 'plain\n');
    const ws = loadWorkspace(dir);
    expect(scanSecretFiles(ws, getApp(ws, 'alpha-members')).map((f) => `${f.app} ${f.file}`)).toEqual([
      'alpha-members deployment/helm/alpha-members/secrets/a.txt',
      'alpha-members deployment/helm/alpha-members/secrets/old/b.yaml',
      'alpha-members deployment/helm/alpha-members/secrets/z.txt',
    ]);
  });
});
