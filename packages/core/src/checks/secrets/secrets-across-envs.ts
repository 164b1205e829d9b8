import { createHmac, randomBytes } from 'node:crypto';
import { type EnvConfig, ruleSetting } from '../../config';
import { type Finding, isUserError, type Position } from '../../common';
import { type AppInfo, clusterTargets, getEnv, type Resolutions, resolveValues, type Workspace } from '../../workspace';
import { type RuleMeta, SECRET_KEY_MISSING, SECRET_PLACEHOLDER, SECRET_REUSED_ACROSS_TIERS, SOPS_FILE_VERIFIES, SOPS_NOT_DECRYPTED } from '../../rules';
import { type OpenedValue, openSops, type SopsDocument } from '../../sops';
import { encryptedValueLayers, envSecretKeys, type EnvSecretKeys, isSecretManifest, secretKeyPath } from './env-secret-keys';
import { isPlaceholderSecret } from './placeholder';
import { NO_SOPS_KEYS, type SopsKeyring } from './sops-keyring';

/** A decrypted secret value, kept only as a keyed hash once read. */
interface HashedSecret extends Position {
  env: EnvConfig;
  name: string;
  hash: string;
}

interface EnvSecrets {
  env: EnvConfig;
  backend?: EnvSecretKeys;
  layers: SopsDocument[];
}

/**
 * The checks that need every env of an app at once: keys missing in the next env of a promotion
 * path, SOPS files that do not verify, placeholder values, and production values shared with a
 * lower tier. Values are decrypted only with a keyring, only in memory, and compared by an HMAC
 * whose key is drawn for this run and never leaves it. Findings name keys, never values.
 */
export function secretsAcrossEnvs(ws: Workspace, app: AppInfo, reportEnvs: string[], keyring: SopsKeyring = NO_SOPS_KEYS, resolutions?: Resolutions): Finding[] {
  const out: Finding[] = [];
  const report = (env: EnvConfig, rule: RuleMeta, at: Position, message: string, extra: Partial<Finding> = {}) => {
    if (!reportEnvs.includes(env.name)) return;
    const setting = ruleSetting(ws.config, env.tier, rule);
    if (setting === 'off') return;
    out.push({ rule: rule.id, severity: extra.severity ?? setting, message, file: at.file, line: at.line, column: at.column, app: app.name, env: env.name, hint: rule.fix, ...(extra.path ? { path: extra.path } : {}) });
  };

  const envs: EnvSecrets[] = [];
  for (const env of ws.config.environments) {
    try {
      const cluster = clusterTargets(ws, app.dir, env.name)[0];
      const res = resolveValues(ws, app.name, env.name, { cluster, resolutions });
      envs.push({ env, backend: envSecretKeys(ws, app, env, res, cluster), layers: encryptedValueLayers(res) });
    } catch (e) {
      // a broken file is the per-env checks' finding; this env is left out of the comparisons
      if (!isUserError(e)) throw e;
    }
  }

  // Decrypt in memory; keep only keyed hashes of the secret values.
  // drawn when a first value is hashed: most apps have no SOPS file this run can open
  let hmacKey: Buffer | undefined;
  const hashed: HashedSecret[] = [];
  const seen = new Set<string>();
  for (const { env, backend, layers } of envs) {
    const docs = [...(backend?.sops ? [{ doc: backend.sops, secretOnly: true }] : []), ...layers.map((doc) => ({ doc, secretOnly: false }))];
    for (const { doc, secretOnly } of docs) {
      // a base values file is layered in every env: verify it once, compare its values in each env
      const first = !seen.has(doc.file);
      seen.add(doc.file);
      const key = keyring.keys.get(doc.file);
      if (!key) {
        if (first) {
          const why = keyring.given ? 'none of the given age identities is one of its recipients' : 'no age key was given (SOPS_AGE_KEY or SOPS_AGE_KEY_FILE)';
          report(env, SOPS_NOT_DECRYPTED, { file: doc.file, line: 1, column: 1 }, `not decrypted: ${why}; its MAC, placeholder values and values shared across tiers are not checked (its key names are)`, keyring.given ? {} : { severity: 'info' });
        }
        continue;
      }
      const opened = openSops(doc, key);
      if (first) {
        for (const p of opened.problems) report(env, SOPS_FILE_VERIFIES, { file: doc.file, line: p.line, column: p.column }, `"${p.path.join('.')}" ${p.reason}`, { path: p.path.join('.') });
        if (opened.problems.length === 0 && !opened.macMatches) report(env, SOPS_FILE_VERIFIES, { file: doc.file, ...doc.macAt }, 'the MAC does not match the values: a key was added, removed or changed by hand, or the MAC was edited, after sops encrypted the file');
      }
      for (const v of secretValues(doc, opened.values, secretOnly)) {
        if (first && isPlaceholderSecret(v.value)) report(env, SECRET_PLACEHOLDER, { file: doc.file, line: v.line, column: v.column }, `"${v.name}" is ${String(v.value).trim() === '' ? 'empty' : 'a placeholder'}: the app would run with a credential anyone can guess`, { path: v.name });
        else if (!isPlaceholderSecret(v.value)) hashed.push({ env, name: v.name, file: doc.file, line: v.line, column: v.column, hash: createHmac('sha256', (hmacKey ??= randomBytes(32))).update(String(v.value)).digest('hex') });
      }
    }
  }

  missingKeys(ws, app, envs, report);

  // A production value that a lower tier also holds.
  const lower = hashed.filter((h) => h.env.tier !== 'production');
  const reported = new Set<string>();
  for (const h of hashed.filter((x) => x.env.tier === 'production')) {
    const twin = lower.find((l) => l.hash === h.hash);
    const id = `${h.file}:${h.line}`;
    if (!twin || reported.has(id)) continue;
    reported.add(id);
    report(h.env, SECRET_REUSED_ACROSS_TIERS, h, `"${h.name}" has the same value as "${twin.name}" in ${twin.env.name} (${twin.env.tier} tier, ${twin.file}:${twin.line})`, { path: h.name });
  }
  return out;
}

/** The secret values of a decrypted file: a Secret manifest's data keys (base64 of `data` decoded), or every encrypted value of a values file. */
export function secretValues(doc: SopsDocument, values: OpenedValue[], secretOnly: boolean): { name: string; value: unknown; line: number; column: number }[] {
  const manifest = secretOnly && isSecretManifest(doc);
  return values.flatMap((v) => {
    if (!v.encrypted && !secretOnly) return [];
    const name = secretOnly ? secretKeyPath(doc, v.path) : v.path.join('.');
    if (name === undefined) return [];
    const value = manifest && v.path[0] === 'data' && typeof v.value === 'string' ? Buffer.from(v.value, 'base64').toString('utf8') : v.value;
    return [{ name, value, line: v.line, column: v.column }];
  });
}

type Report = (env: EnvConfig, rule: RuleMeta, at: Position, message: string, extra?: Partial<Finding>) => void;

/** Keys an env has that the env it promotes to lacks: in the secret backend, and in SOPS-encrypted values layers. */
function missingKeys(ws: Workspace, app: AppInfo, envs: EnvSecrets[], report: Report): void {
  const byName = new Map(envs.map((e) => [e.env.name, e]));
  for (const path of ws.config.promotion.paths) {
    const from = byName.get(path.from);
    for (const toName of path.to) {
      const to = byName.get(toName);
      if (!from || !to) continue;
      const toEnv = getEnv(ws, toName);
      const overlay = { file: `${app.dir}/values-${toName}.yaml`, line: 1, column: 1 };
      if (from.backend && from.backend.keys.length > 0) {
        const have = new Set(to.backend?.keys.map((k) => k.name) ?? []);
        const missing = from.backend.keys.filter((k) => !have.has(k.name));
        const where = to.backend ? `${toName}'s ${backendName(toEnv)} (${to.backend.source})` : `${toName}, which keeps no secrets for ${app.name} (${expectedSource(app, toEnv)})`;
        for (const k of missing) report(toEnv, SECRET_KEY_MISSING, to.backend?.at ?? overlay, `"${k.name}" is a secret key of ${from.env.name} (${k.file}:${k.line}) but not of ${where}`, { path: k.name });
      }
      // Encrypted values files are compared only when both envs layer some: an env may keep those values elsewhere.
      const fromPaths = layerPaths(from.layers);
      if (fromPaths.size > 0 && to.layers.length > 0) {
        const toPaths = layerPaths(to.layers);
        const at = { file: to.layers[0].file, line: 1, column: 1 };
        for (const [p, src] of fromPaths) if (!toPaths.has(p)) report(toEnv, SECRET_KEY_MISSING, at, `"${p}" is an encrypted value of ${from.env.name} (${src}) but no encrypted values file of ${toName} sets it`, { path: p });
      }
    }
  }
}

function layerPaths(docs: SopsDocument[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of docs) for (const l of d.leaves) if (l.encrypted) out.set(l.path.join('.'), `${d.file}:${l.line}`);
  return out;
}

function backendName(env: EnvConfig): string {
  return env.secrets === 'sops' ? 'SOPS file' : env.secrets === 'external-secrets' ? 'ExternalSecret data' : 'SealedSecret';
}

function expectedSource(app: AppInfo, env: EnvConfig): string {
  if (env.secrets === 'sops') return `no ${app.dir}/secrets/secrets-${env.name}.yaml.enc`;
  if (env.secrets === 'external-secrets') return 'externalSecrets is not enabled in its values';
  return `no ${app.dir}/secrets/sealed-secrets-${env.name}.yaml`;
}
