import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, type EnvConfig, ruleSetting } from '../../config';
import type { Position, Finding } from '../../common';
import { type RuleMeta, SEALED_SECRET_CERTIFICATE, SEALED_SECRET_SCOPE } from '../../rules';
import { readCached } from '../../values';
import { type AppInfo, type Workspace } from '../../workspace';
import { locate } from '../../yaml';
import { readSealedSecrets, type SealedSecretDoc, sealedSecretFile } from './env-secret-keys';

/** Where a SealedSecret records the certificate it was sealed with: its SHA-256 fingerprint. */
export const SEALED_WITH_ANNOTATION = 'helm-values-manager/sealed-with';

type Scope = 'strict' | 'namespace-wide' | 'cluster-wide';

/** The scope the controller unseals a SealedSecret with, from its annotations (cluster-wide wins). */
export function sealedScope(annotations: Record<string, string>): Scope {
  if (annotations['sealedsecrets.bitnami.com/cluster-wide'] === 'true') return 'cluster-wide';
  if (annotations['sealedsecrets.bitnami.com/namespace-wide'] === 'true') return 'namespace-wide';
  return 'strict';
}

/** The SHA-256 fingerprint of a PEM certificate, as Node prints it (AB:CD:...). */
export function certificateFingerprint(pem: string): string {
  return new X509Certificate(pem).fingerprint256;
}

interface Sealed {
  env: EnvConfig;
  doc: SealedSecretDoc;
  namespace: string;
  name?: string;
  scope: Scope;
}

/**
 * Every env's SealedSecrets open where they are applied: the scope the annotations declare
 * matches the namespace and name the env deploys them to; a value copied from another env's
 * file (the same ciphertext) is bound to that env's namespace/name and never opens; and when
 * both are recorded, the certificate a file was sealed with is its cluster's.
 */
export function sealedSecretsAcrossEnvs(ws: Workspace, app: AppInfo, reportEnvs: string[]): Finding[] {
  const out: Finding[] = [];
  const report = (env: EnvConfig, rule: RuleMeta, at: Position, message: string, path?: string) => {
    if (!reportEnvs.includes(env.name)) return;
    const severity = ruleSetting(ws.config, env.tier, rule);
    if (severity !== 'off') out.push({ rule: rule.id, severity, message, file: at.file, line: at.line, column: at.column, app: app.name, env: env.name, hint: rule.fix, ...(path ? { path } : {}) });
  };
  const all: Sealed[] = [];
  for (const env of ws.config.environments) {
    const file = sealedSecretFile(app, env.name);
    if (env.secrets !== 'sealed-secrets' || !existsSync(join(ws.root, file))) continue;
    for (const doc of readSealedSecrets(readFileSync(join(ws.root, file), 'utf8'), file)) {
      const scope = sealedScope(doc.annotations);
      const s: Sealed = { env, doc, namespace: doc.namespace ?? env.namespace, name: doc.name, scope };
      all.push(s);
      if (scope !== 'cluster-wide' && doc.namespace && doc.namespace !== env.namespace) {
        report(env, SEALED_SECRET_SCOPE, doc.at, `a ${scope} SealedSecret for namespace "${doc.namespace}", but ${env.name} deploys to "${env.namespace}": it opens only in "${doc.namespace}"`);
      }
      if (scope === 'strict' && doc.templateName && doc.name && doc.templateName !== doc.name) {
        report(env, SEALED_SECRET_SCOPE, doc.at, `a strict SealedSecret named "${doc.name}" whose template names the Secret "${doc.templateName}": strict values open only under the name they were sealed for`);
      }
      checkCertificate(ws, env, doc, report);
    }
  }
  // The same ciphertext in two envs: it was sealed for one of them.
  for (let i = 0; i < all.length; i++) {
    for (let j = 0; j < i; j++) {
      const [later, earlier] = [all[i], all[j]];
      if (later.env.name === earlier.env.name || !boundDifferently(later, earlier)) continue;
      for (const item of later.doc.encryptedData) {
        if (item.value === '' || !earlier.doc.encryptedData.some((e) => e.value === item.value)) continue;
        report(later.env, SEALED_SECRET_SCOPE, { file: later.doc.at.file, line: item.line, column: item.column }, `"${item.key}" is the same sealed value as in ${earlier.env.name}'s ${earlier.doc.at.file}: sealed ${later.scope === 'namespace-wide' ? `for namespace "${earlier.namespace}"` : `for ${earlier.namespace}/${earlier.name ?? '?'}`}, it never opens as ${later.namespace}/${later.name ?? '?'}`, item.key);
      }
    }
  }
  return out;
}

function boundDifferently(a: Sealed, b: Sealed): boolean {
  if (a.scope === 'cluster-wide') return false;
  if (a.scope === 'namespace-wide') return a.namespace !== b.namespace;
  return a.namespace !== b.namespace || a.name !== b.name;
}

/** Where a setting is in gitops.yaml (its first line when it cannot be read). */
function configPosition(ws: Workspace, path: (string | number)[]): Position {
  try {
    return locate(readCached(join(ws.root, CONFIG_FILE), CONFIG_FILE), path)?.value ?? { file: CONFIG_FILE, line: 1, column: 1 };
  } catch {
    return { file: CONFIG_FILE, line: 1, column: 1 };
  }
}

type Report = (env: EnvConfig, rule: RuleMeta, at: Position, message: string, path?: string) => void;

function checkCertificate(ws: Workspace, env: EnvConfig, doc: SealedSecretDoc, report: Report): void {
  const recorded = doc.annotations[SEALED_WITH_ANNOTATION];
  if (!recorded) return;
  for (const clusterName of env.clusters) {
    const cert = ws.config.clusters.find((c) => c.name === clusterName)?.sealedSecretsCertificate;
    if (!cert) continue;
    let fingerprint: string;
    try {
      fingerprint = certificateFingerprint(readFileSync(join(ws.root, cert), 'utf8'));
    } catch (e) {
      report(env, SEALED_SECRET_CERTIFICATE, configPosition(ws, ['clusters', ws.config.clusters.findIndex((c) => c.name === clusterName), 'sealedSecretsCertificate']), `sealedSecretsCertificate of cluster "${clusterName}" (${cert}) is not a readable PEM certificate (${(e as Error).message.split('\n')[0]})`);
      continue;
    }
    if (fingerprint.toUpperCase() !== recorded.toUpperCase()) {
      report(env, SEALED_SECRET_CERTIFICATE, doc.at, `sealed with the certificate ${recorded.slice(0, 11)}..., but cluster "${clusterName}" of ${env.name} has ${fingerprint.slice(0, 11)}... (${cert}): its controller cannot open it`);
    }
  }
}
