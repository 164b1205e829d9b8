import type { Check } from '../check';
import type { Finding } from '../../common';
import { ruleSetting } from '../../config';
import { EXTERNAL_SECRET_REFRESH, EXTERNAL_SECRET_REMOTE_KEY, EXTERNAL_SECRET_STORE, type RuleMeta } from '../../rules';
import { externalSecretManifest } from '../../workspace';

/**
 * The ExternalSecret an External Secrets env renders: it reads from the store gitops.yaml names
 * for the env, its remote keys sit under `<app>/<namespace>/`, and production sets how often it
 * refreshes. (That its keys match the other envs' is the secret-key-missing check.)
 */
export const externalSecretCheck: Check = ({ ws, app, env, cluster, resolution }) => {
  if (env.secrets !== 'external-secrets') return [];
  const es = externalSecretManifest(ws, app.name, env, resolution, cluster);
  if (!es) return [];
  const out: Finding[] = [];
  const push = (rule: RuleMeta, at: { file: string; line: number; column: number }, message: string, path?: string) => {
    const severity = ruleSetting(ws.config, env.tier, rule);
    if (severity !== 'off') out.push({ rule: rule.id, severity, message, file: at.file, line: at.line, column: at.column, app: app.name, env: env.name, hint: rule.fix, ...(path ? { path } : {}) });
  };
  const declared = env.secretStore;
  if (!declared) {
    push(EXTERNAL_SECRET_STORE, es.locate('/spec/secretStoreRef/name'), `reads from ${String(es.storeKind)} "${String(es.storeName)}", but gitops.yaml declares no secretStore for ${env.name}`, 'externalSecrets.secretStoreRef.name');
  } else if (es.storeName !== declared.name || es.storeKind !== declared.kind) {
    push(EXTERNAL_SECRET_STORE, es.locate('/spec/secretStoreRef/name'), `reads from ${String(es.storeKind)} "${String(es.storeName)}", but ${env.name}'s store in gitops.yaml is ${declared.kind} "${declared.name}"`, 'externalSecrets.secretStoreRef');
  }
  const prefix = `${app.name}/${env.namespace}/`;
  for (const d of es.data) {
    if (typeof d.remoteKey === 'string' && !d.remoteKey.startsWith(prefix)) {
      push(EXTERNAL_SECRET_REMOTE_KEY, d.at, `remote key "${d.remoteKey}" of "${String(d.secretKey)}" is outside ${prefix}: ${env.name} would read another env's or app's secret`, d.path);
    }
  }
  if (!es.refreshIntervalSet) push(EXTERNAL_SECRET_REFRESH, es.locate('/spec/refreshInterval'), `the ExternalSecret sets no refreshInterval (the template's default applies): set how soon a rotated secret reaches ${env.name}`, 'externalSecrets.refreshInterval');
  return out;
};
