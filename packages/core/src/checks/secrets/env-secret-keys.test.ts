import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSopsDocument } from '../../sops';
import { copyExampleWorkspace } from '../../test-support/example-workspace';
import { getApp, getEnv, loadWorkspace, resolveValues, type AppResolution } from '../../workspace';
import { parseValuesYaml } from '../../yaml';
import { encryptedValueLayers, envSecretKeys, readSealedSecrets, secretKeyPath } from './env-secret-keys';

const ENC = 'ENC[AES256_GCM,data:abc,iv:x,tag:y,type:str]';
const SOPS = `sops:\n  lastmodified: "2026-01-02T03:04:05Z"\n  mac: ${ENC}\n  version: 3.9.0\n`;
const keysOf = (text: string) => {
  const doc = parseSopsDocument(text, 'secrets.yaml');
  return doc.leaves.map((l) => secretKeyPath(doc, l.path)).filter((k) => k !== undefined);
};

describe('the secret keys a SOPS file holds', () => {
  it('are the names under stringData and data of a Kubernetes Secret', () => {
    expect(keysOf(`apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n  db-url: ${ENC}\ndata:\n  token: ${ENC}\n${SOPS}`)).toEqual(['db-url', 'token']);
  });

  it('are whole value paths in a helm-secrets values file, even one with a kind or a data key', () => {
    expect(keysOf(`kind: worker\ndb:\n  password: ${ENC}\n${SOPS}`)).toEqual(['kind', 'db.password']);
    expect(keysOf(`data:\n  apiToken: ${ENC}\nlogLevel: ${ENC}\n${SOPS}`)).toEqual(['data.apiToken', 'logLevel']);
    // a Secret's kind is a top-level text and its keys sit right under data: neither deeper down
    expect(keysOf(`kind: worker\ndata:\n  db:\n    password: ${ENC}\n${SOPS}`)).toEqual(['kind', 'data.db.password']);
    expect(keysOf(`data:\n  token: ${ENC}\nkind:\n  name: batch\n${SOPS}`)).toEqual(['data.token', 'kind.name']);
  });
});

describe('encrypted values files among the layers', () => {
  const layersOf = (...files: [string, string][]) => encryptedValueLayers({ files: files.map(([file, text]) => parseValuesYaml(text, file)) } as unknown as AppResolution).map((d) => d.file);

  it('are the SOPS files with an encrypted value anywhere, lists included', () => {
    expect(
      layersOf(
        ['values.yaml', 'replicaCount: 1\n'],
        ['listed.yaml', `hosts:\n  - ${ENC}\n${SOPS}`],
        ['nested.yaml', `db:\n  auth:\n    password: ${ENC}\n${SOPS}`],
        // a plain file whose chart configures something named sops: nothing in it is encrypted
        ['open.yaml', 'port: 5432\nname: app\nnone: null\nsops:\n  mac: hmac-sha256\n  version: 3\n'],
        // an encrypted value pasted into a plain file is not a SOPS file
        ['pasted.yaml', `password: ${ENC}\n`],
      ),
    ).toEqual(['listed.yaml', 'nested.yaml']);
  });
});

describe('SealedSecrets as the scope checks read them', () => {
  it('keep each encrypted value and the template name, and tolerate a SealedSecret without a spec', () => {
    const text = 'kind: SealedSecret\nmetadata:\n  name: app\n---\nkind: SealedSecret\nmetadata:\n  name: db\nspec:\n  template:\n    metadata:\n      name: db-secret\n  encryptedData:\n    password: AgBy3i4OJSWK\n    count: 3\n';
    expect(readSealedSecrets(text, 's.yaml').map((s) => ({ name: s.name, line: s.at.line, template: s.templateName, data: s.encryptedData }))).toEqual([
      { name: 'app', line: 1, template: undefined, data: [] },
      { name: 'db', line: 5, template: 'db-secret', data: [{ key: 'password', value: 'AgBy3i4OJSWK', line: 13, column: 5 }, { key: 'count', value: '', line: 14, column: 5 }] },
    ]);
  });
});

describe('envSecretKeys', () => {
  const APP = 'deployment/helm/alpha-members';
  const setup = (backend: string) => {
    const dir = copyExampleWorkspace();
    const config = join(dir, 'gitops.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('secrets: external-secrets\n    secretStore:\n      name: vault-staging\n      kind: ClusterSecretStore\n', `secrets: ${backend}\n`));
    return dir;
  };
  const keys = (dir: string) => {
    const ws = loadWorkspace(dir);
    const k = envSecretKeys(ws, getApp(ws, 'alpha-members'), getEnv(ws, 'staging'), resolveValues(ws, 'alpha-members', 'staging'));
    return k && { source: k.source, at: `${k.at.file}:${k.at.line}:${k.at.column}`, keys: k.keys.map((x) => x.name) };
  };

  it('reads no keys from a SOPS env\'s secrets file that is not encrypted (another check reports it)', () => {
    const dir = setup('sops');
    writeFileSync(join(dir, APP, 'secrets/secrets-staging.yaml'), 'stringData:\n  password: hunter2\n');
    expect(keys(dir)).toBeUndefined();
  });

  it('takes an External Secrets env\'s keys from the data items that name one', () => {
    const dir = copyExampleWorkspace();
    const overlay = join(dir, APP, 'values-staging.yaml');
    writeFileSync(overlay, readFileSync(overlay, 'utf8').replace('externalSecrets:\n  enabled: true\n', 'externalSecrets:\n  enabled: true\n  data:\n    - secretKey: api-token\n      remoteRef: { key: alpha-members/staging/api }\n    - remoteRef: { key: alpha-members/staging/unnamed }\n    - secretKey: api-token\n      remoteRef: { key: alpha-members/staging/api2 }\n'));
    // once each, where the overlay lists them
    expect(keys(dir)).toEqual({ source: `${APP}/values-staging.yaml`, at: `${APP}/values-staging.yaml:56:5`, keys: ['api-token'] });
  });

  it('places an External Secrets env\'s keys where the data list is written, not where the ExternalSecret is enabled', () => {
    const dir = copyExampleWorkspace();
    const base = join(dir, APP, 'values.yaml');
    writeFileSync(base, readFileSync(base, 'utf8').replace('  data: []\n', '  data:\n    - secretKey: api-token\n      remoteRef: { key: alpha-members/api }\n'));
    expect(keys(dir)).toEqual({ source: `${APP}/values.yaml`, at: `${APP}/values.yaml:201:5`, keys: ['api-token'] });
  });

  it('places a SealedSecrets file without a SealedSecret at its first line, with no keys', () => {
    const dir = setup('sealed-secrets');
    writeFileSync(join(dir, APP, 'secrets/sealed-secrets-staging.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\n');
    expect(keys(dir)).toEqual({ source: `${APP}/secrets/sealed-secrets-staging.yaml`, at: `${APP}/secrets/sealed-secrets-staging.yaml:1:1`, keys: [] });
  });
});
