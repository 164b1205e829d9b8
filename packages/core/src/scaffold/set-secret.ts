import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap as isYamlMap } from 'yaml';
import { certificateFingerprint, isSecretManifest, SEALED_WITH_ANNOTATION, sealedSecretFile, sopsSecretFile } from '../checks';
import { renderTemplate, UserError } from '../common';
import { clusterTargets, externalSecretManifest, getApp, getEnv, resolveValues, type Workspace } from '../workspace';
import { sealingKeyFromPem, sealValue } from '../sealing';
import { ageRecipientsFor, encryptSopsYaml, parseSopsDocument, setSopsValue, unwrapDataKey } from '../sops';
import { parseValuesYaml, setValuesInText } from '../yaml';
import { SOPS_CONFIG } from './sops-rules';
import { assertSecretKey, remoteKeyPath, sealedSecretScope, setSealedSecretKey } from './secret-stubs';

/** What `gitops secret set` does: write one encrypted file, or tell where the value goes. */
export type SecretSetResult = { kind: 'write'; file: string; text: string; message: string } | { kind: 'print'; message: string };

export interface SecretSetInput {
  /** The value, read by the adapter from stdin or a file; never an argument. Only ever encrypted. */
  value: () => Promise<Buffer>;
  /** Age identities (SOPS_AGE_KEY, SOPS_AGE_KEY_FILE): needed to re-encrypt an existing SOPS file. */
  identities: string[];
  /** A sealed-secrets certificate PEM (and its name for messages), when given on the command line. */
  certificate?: { pem: string; file: string };
  now: Date;
}

/**
 * Add or rotate one secret key of an app in an env, by the env's backend: re-encrypted into its
 * SOPS file with the file's own data key and recipients (a new file gets .sops.yaml's), sealed
 * into its SealedSecret, or, for External Secrets, the remote key to set in the store.
 */
export async function setSecret(ws: Workspace, appName: string, envName: string, key: string, input: SecretSetInput): Promise<SecretSetResult> {
  const app = getApp(ws, appName);
  const env = getEnv(ws, envName);
  assertSecretKey(key);
  if (env.secrets === 'external-secrets') {
    const cluster = clusterTargets(ws, app.dir, env.name)[0];
    const es = externalSecretManifest(ws, app.name, env, resolveValues(ws, app.name, env.name, { cluster }), cluster);
    const item = es?.data.find((d) => d.secretKey === key);
    const store = `${String(es?.storeKind ?? env.secretStore?.kind ?? 'ClusterSecretStore')} "${String(es?.storeName ?? env.secretStore?.name ?? '?')}"`;
    if (item && typeof item.remoteKey === 'string') {
      return { kind: 'print', message: `${env.name} reads ${key} through External Secrets: set it in the ${store} at\n  ${item.remoteKey}${typeof item.property === 'string' ? ` (property ${item.property})` : ''}\nThe value was not read; nothing was written.\n` };
    }
    return {
      kind: 'print',
      message: `${env.name} reads secrets through External Secrets, and its ExternalSecret has no ${key} yet: set the value in the ${store} at\n  ${remoteKeyPath(app.name, env.namespace, key)}\nthen add it to the app (nx g secret --app=${app.name} --name=${key}).\nThe value was not read; nothing was written.\n`,
    };
  }
  const value = await input.value();
  if (value.length === 0) throw new UserError('the secret value is empty', { hint: 'Pipe it in (printf %s "$VALUE" | gitops secret set ...) or pass --from-file FILE.' });
  return env.secrets === 'sops' ? setInSops(ws, app.dir, app.name, env.name, key, value.toString('utf8'), input) : setInSealedSecret(ws, app.dir, app.name, envName, key, value, input);
}

async function setInSops(ws: Workspace, dir: string, app: string, env: string, key: string, value: string, input: SecretSetInput): Promise<SecretSetResult> {
  const existing = sopsSecretFile(ws, { name: app, dir }, env);
  if (!existing) {
    const file = `${dir}/secrets/secrets-${env}.yaml.enc`;
    const config = join(ws.root, SOPS_CONFIG);
    const recipients = existsSync(config) ? ageRecipientsFor(readFileSync(config, 'utf8'), SOPS_CONFIG, file) : undefined;
    if (!recipients || recipients.length === 0) {
      throw new UserError(`${file} does not exist, and ${SOPS_CONFIG} gives it no age recipients`, { file: SOPS_CONFIG, hint: `Add a creation rule for it (nx g env writes one) with your age public key, e.g. age: age1...` });
    }
    // The spec's layout: a Kubernetes Secret named APP-secrets, every value encrypted.
    const text = await encryptSopsYaml({ apiVersion: 'v1', kind: 'Secret', metadata: { name: `${app}-secrets` }, type: 'Opaque', stringData: { [key]: value } }, recipients, input.now);
    return { kind: 'write', file, text, message: `${file}: created with ${key}, encrypted for ${recipients.length} age recipient${recipients.length === 1 ? '' : 's'} from ${SOPS_CONFIG}\n` };
  }
  const sops = parseSopsDocument(readFileSync(join(ws.root, existing), 'utf8'), existing);
  if (input.identities.length === 0) {
    throw new UserError(`${existing} is encrypted: setting a key needs the age identity of one of its recipients`, { file: existing, hint: 'Set SOPS_AGE_KEY_FILE=path/to/keys.txt (or SOPS_AGE_KEY) as for sops, then run again.' });
  }
  const dataKey = await unwrapDataKey(sops.age, input.identities);
  if (!dataKey) {
    const others = sops.otherKeyTypes.length > 0 ? ` (it also has ${sops.otherKeyTypes.join(', ')} keys, which this tool does not use)` : '';
    throw new UserError(`none of the given age identities is a recipient of ${existing}${others}`, { file: existing, line: 1, column: 1, hint: `Its recipients: ${sops.age.map((a) => a.recipient).join(', ') || 'none for age'}. Use the identity of one of them.` });
  }
  const manifest = isSecretManifest(sops);
  const inData = manifest && sops.leaves.some((l) => l.path[0] === 'data' && l.path[1] === key);
  const path = manifest ? [inData ? 'data' : 'stringData', key] : [key];
  const text = setSopsValue(sops, dataKey, path, inData ? Buffer.from(value, 'utf8').toString('base64') : value, input.now);
  return { kind: 'write', file: existing, text, message: `${existing}: ${key} set, encrypted with the file's data key for its ${sops.age.length} age recipient${sops.age.length === 1 ? '' : 's'}; MAC updated\n` };
}

async function setInSealedSecret(ws: Workspace, dir: string, app: string, env: string, key: string, value: Buffer, input: SecretSetInput): Promise<SecretSetResult> {
  const e = getEnv(ws, env);
  const cert = input.certificate ?? clusterCertificate(ws, e.clusters);
  if (!cert) {
    throw new UserError(`${env} uses SealedSecrets: sealing needs the controller's certificate`, { hint: `Pass --cert cert.pem (kubeseal --fetch-cert > cert.pem), or record it as clusters[].sealedSecretsCertificate in gitops.yaml.` });
  }
  const file = sealedSecretFile({ name: app, dir }, env);
  const abs = join(ws.root, file);
  const stub = parseValuesYaml(existsSync(abs) ? readFileSync(abs, 'utf8') : renderTemplate(ws.root, 'secrets/sealed-secret.yaml.hbs', { app, env, name: `${app}-secrets`, namespace: e.namespace, keys: [] }), file);
  const metadata = stub.values.metadata as { name?: string; namespace?: string } | undefined;
  const scope = sealedSecretScope(stub.values);
  const sealed = sealValue(sealingKeyFromPem(cert.pem, cert.file), value, { scope, namespace: metadata?.namespace ?? e.namespace, name: metadata?.name ?? `${app}-secrets` });
  let text = setSealedSecretKey(stub, key, { value: sealed, scope });
  // Record which certificate sealed it, so a copy to another cluster is caught before deploy.
  if (isYamlMap(parseValuesYaml(text, file).doc.get('metadata', true))) text = setValuesInText(text, file, [{ path: ['metadata', 'annotations', SEALED_WITH_ANNOTATION], value: certificateFingerprint(cert.pem) }]);
  return { kind: 'write', file, text, message: `${file}: ${key} sealed (${scope}) for ${metadata?.namespace ?? e.namespace}/${metadata?.name ?? `${app}-secrets`} with ${cert.file}\n` };
}

function clusterCertificate(ws: Workspace, clusters: string[]): { pem: string; file: string } | undefined {
  for (const name of clusters) {
    const file = ws.config.clusters.find((c) => c.name === name)?.sealedSecretsCertificate;
    if (!file) continue;
    try {
      return { pem: readFileSync(join(ws.root, file), 'utf8'), file };
    } catch (err) {
      throw new UserError(`cannot read sealedSecretsCertificate ${file} of cluster "${name}" (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { file, hint: 'Save it with kubeseal --fetch-cert > FILE, or fix the path in gitops.yaml.' });
    }
  }
  return undefined;
}
