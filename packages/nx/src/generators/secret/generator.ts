import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { logger, type GeneratorCallback, type Tree } from '@nx/devkit';
import {
  readBounded,
  addExternalSecretKey,
  assertSecretKey,
  getApp,
  getEnv,
  overlayFileName,
  parseScope,
  parseValuesYaml,
  renderedExternalSecretKeys,
  renderTemplate,
  sealingKeyFromPem,
  sealValue,
  setSealedSecretKey,
  UserError,
  type AppInfo,
  type EnvConfig,
  type SealingScope,
  type Workspace,
} from '@helm-values-manager/core';
import { sealedSecretPath, secretName } from '../shared/app-files';
import { asNxError, listOption, readTreeYaml, treeTemplates, treeWorkspace } from '../shared/tree-workspace';
import { journaled } from '../shared/journaled';
import type { SecretGeneratorSchema } from './schema';

/** `nx g secret --app=alpha-members --name=redis-password`: the key in every env's secret wiring, once. */
export default async function secretGenerator(tree: Tree, options: SecretGeneratorSchema): Promise<GeneratorCallback> {
  return asNxError(() => journaled(tree, 'nx g secret', () => generateSecret(tree, options)));
}

/** Seals the value for one env's SealedSecret (its namespace and name); undefined unless --seal. */
type Sealer = (namespace: string, name: string) => { value: string; scope: SealingScope };

export function generateSecret(tree: Tree, options: SecretGeneratorSchema, stdin: () => Buffer = readStdin): string {
  const { ws } = treeWorkspace(tree);
  const app = getApp(ws, String(options.app ?? ''));
  const key = assertSecretKey(options.name);
  const envs = (listOption(options.envs) ?? ws.config.environments.map((e) => e.name)).map((e) => getEnv(ws, e));
  const sealer = options.seal ? makeSealer(options, stdin) : undefined;
  if (sealer && !envs.some((e) => e.secrets === 'sealed-secrets')) {
    throw new UserError('--seal was given, but none of the envs uses sealed-secrets', { hint: `Pick sealed-secrets envs with --envs; backends: ${envs.map((e) => `${e.name}=${e.secrets}`).join(', ')}.` });
  }
  const done: string[] = [];
  for (const env of envs) {
    const path = addKey(tree, ws, app, env, key, options, sealer);
    if (path) done.push(`${env.name} (${path})`);
  }
  return done.length ? `${key} wired for ${app.name} in ${done.join(', ')}` : `${key}: nothing to change for ${app.name}`;
}

/** Adds the key for one env; returns the file changed, if any. */
function addKey(tree: Tree, ws: Workspace, app: AppInfo, env: EnvConfig, key: string, options: SecretGeneratorSchema, sealer?: Sealer): string | undefined {
  if (env.secrets === 'sops') {
    logger.warn(`${env.name} keeps secrets in SOPS files: add ${key} with  sops ${app.dir}/secrets/secrets-${env.name}.yaml.enc  (never in plain text)`);
    return undefined;
  }
  if (env.secrets === 'external-secrets') {
    const path = `${app.dir}/${overlayFileName(env.name)}`;
    const overlay = readTreeYaml(tree, path) ?? parseValuesYaml('', path);
    const text = addExternalSecretKey(overlay, app.name, env.namespace, env.secretStore, { secretKey: key, remote: options.remoteKey ?? key, property: options.property ?? null }, renderedExternalSecretKeys(ws, app, env));
    return write(tree, path, overlay.text, text);
  }
  const path = sealedSecretPath(app, env.name);
  const stub =
    readTreeYaml(tree, path) ??
    parseValuesYaml(renderTemplate(ws.root, 'secrets/sealed-secret.yaml.hbs', { app: app.name, env: env.name, name: secretName(app), namespace: env.namespace, keys: [] }, treeTemplates(tree)), path);
  const metadata = stub.values.metadata as { name?: string; namespace?: string } | undefined;
  const sealed = sealer?.(metadata?.namespace ?? env.namespace, metadata?.name ?? secretName(app));
  return write(tree, path, tree.exists(path) ? stub.text : '', setSealedSecretKey(stub, key, sealed));
}

function write(tree: Tree, path: string, before: string, after: string): string | undefined {
  if (before === after) return undefined;
  tree.write(path, after);
  return path;
}

function makeSealer(options: SecretGeneratorSchema, stdin: () => Buffer): Sealer {
  if (!options.cert) throw new UserError('--seal needs --cert', { hint: 'Save the controller certificate with kubeseal --fetch-cert > cert.pem and pass --cert=cert.pem.' });
  const publicKey = sealingKeyFromPem(readInput(options.cert).toString('utf8'), options.cert);
  const scope = parseScope(options.scope);
  // Sealed byte for byte, as kubeseal --from-file does.
  const value = options.fromFile ? readInput(options.fromFile) : stdin();
  if (value.length === 0) throw new UserError('the value to seal is empty', { hint: 'Pipe it in (printf %s "$VALUE" | nx g secret ...) or pass --fromFile.' });
  return (namespace, name) => ({ value: sealValue(publicKey, value, { scope, namespace, name }), scope });
}

/** A file named on the command line, relative to where nx was started. */
function readInput(shown: string): Buffer {
  return readBounded(resolve(shown), shown, { root: null });
}

/** Piped standard input; a terminal is refused rather than echoing a typed secret. */
function readStdin(): Buffer {
  if (process.stdin.isTTY) throw new UserError('no value to seal', { hint: 'Pipe the value in (printf %s "$VALUE" | nx g secret ...) or pass --fromFile=FILE.' });
  return readFileSync(0);
}
