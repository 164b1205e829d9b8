import { appendFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES_DIR } from '../common';
import { copyExampleWorkspace } from '../test-support/example-workspace';
import { EXTERNAL_SECRET_TEMPLATE, externalSecretManifest } from './external-secret';
import { getEnv, loadWorkspace } from './workspace';
import { resolveValues } from './resolve';

const APP = 'alpha-members';
const PROD_VALUES = 'deployment/helm/alpha-members/values-prod.yaml';

/** The example workspace with `data` appended under its prod externalSecrets; with the shipped template copied into templates/ when `ownTemplate`. */
function workspaceWith(data: string, ownTemplate: boolean): string {
  const dir = copyExampleWorkspace();
  appendFileSync(join(dir, PROD_VALUES), `  data:\n${data}`);
  if (ownTemplate) {
    const target = join(dir, 'templates', EXTERNAL_SECRET_TEMPLATE);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(DEFAULT_TEMPLATES_DIR, EXTERNAL_SECRET_TEMPLATE), target);
  }
  return dir;
}

function manifestOf(dir: string) {
  const ws = loadWorkspace(dir);
  const env = getEnv(ws, 'prod');
  const es = externalSecretManifest(ws, APP, env, resolveValues(ws, APP, 'prod'), undefined, { optionalTemplate: true });
  if (!es) throw new Error('no ExternalSecret');
  return {
    storeName: es.storeName,
    storeKind: es.storeKind,
    data: es.data.map((d) => ({ secretKey: d.secretKey, remoteKey: d.remoteKey, property: d.property, at: { ...d.at } })),
    text: es.text,
  };
}

const item = (secretKey: string, key: string, property?: string) => `    - secretKey: ${secretKey}\n      remoteRef:\n        key: ${key}\n${property === undefined ? '' : `        property: ${property}\n`}`;

describe('the ExternalSecret of the shipped template', () => {
  // Values a YAML reader may read as something else once the template writes them: each must come
  // out as the rendered and parsed template gives it, whether or not the manifest is rendered.
  const cases: [string, string][] = [
    ['names', item('database-url', 'alpha-members/alpha-prod/database', 'url') + item('redis-password', 'alpha-members/alpha-prod/redis')],
    ['YAML 1.2 numbers and words', item('"0o17"', '"NaN"', '"yes"') + item('"True"', '"null"', '"1e3"')],
    ['numbers, booleans and nulls', item('17', 'true', '0') + item('null', '~', '""')],
    ['text with spaces, colons and quotes', item('"a b"', '"x: y"', "\"it's\"") + item('"#x"', '"a/b c"', '"&anchor"')],
    ['maps and lists', item('{a: 1}', '[1, 2]', '{}') + item('[]', '{b: c}', '[x]')],
  ];
  it.each(cases)('reads %s as the rendered template does', (_, data) => {
    const shipped = manifestOf(workspaceWith(data, false));
    const own = manifestOf(workspaceWith(data, true));
    expect(shipped).toEqual(own);
    expect(shipped.data.length).toBe(2);
  });

  it('gives the rendered manifest to whoever reads its text', () => {
    const es = manifestOf(workspaceWith(item('database-url', 'alpha-members/alpha-prod/database', 'url'), false));
    expect(es.text).toContain('kind: ExternalSecret');
    expect(es.text).toContain('        key: alpha-members/alpha-prod/database\n        property: url\n');
  });
});
