import type { Check } from '../check';
import type { Finding } from '../finding';
import { everyTier, ruleSetting, type RuleMeta } from '../rule';
import { formatPath, leaves } from '../values';
import { nearestPosition } from '../yaml-origin';
import { holdsSecret, isReference, secretTokenKind } from './secret-like';

export const PLAINTEXT_SECRET: RuleMeta = {
  id: 'plaintext-secret',
  title: 'No plaintext secret under a secret-like key',
  description:
    'A literal value under a key such as `password`, `apiToken` or `clientSecret` is a credential committed in plain text. Development tier only warns, because local dependencies with throwaway passwords (the spec\'s `devpassword`) are common there; staging and production fail.',
  fix: 'Move the value to the env\'s secret backend (External Secrets remote key, SealedSecret via `nx g secret --seal`, or a SOPS file) and reference it, e.g. with `existingSecret`; leave the key empty here.',
  defaults: { development: 'warning', staging: 'error', production: 'error' },
};

export const SECRET_TOKEN: RuleMeta = {
  id: 'secret-token',
  title: 'No credential in a well-known token format',
  description:
    'A value shaped like a PEM private key, an AWS access key id, a GitHub, Slack, Google or Stripe token, or a URL with `user:password@` is a credential wherever it appears, whatever its key is called.',
  fix: 'Revoke the credential (it is in Git history now), then keep it in the secret backend and reference it.',
  defaults: everyTier('error'),
};

export const SECRET_RULES: RuleMeta[] = [PLAINTEXT_SECRET, SECRET_TOKEN];

/**
 * Plaintext credentials in the values files of one env's layers, reported in the file that
 * holds them. The value itself never appears in a finding.
 */
export const secretScanCheck: Check = ({ ws, app, env, resolution }) => {
  const plain = ruleSetting(ws.config, env.tier, PLAINTEXT_SECRET);
  const token = ruleSetting(ws.config, env.tier, SECRET_TOKEN);
  const out: Finding[] = [];
  for (const file of resolution.files) {
    for (const [path, value] of leaves(file.values)) {
      const kind = secretTokenKind(value);

      const at = nearestPosition(file, path);
      const base = { app: app.name, env: env.name, path: formatPath(path), file: at.file, line: at.line, column: at.column };
      if (kind && token !== 'off') {
        out.push({ ...base, rule: SECRET_TOKEN.id, severity: token, message: `holds ${kind} in plain text`, hint: SECRET_TOKEN.fix });
      } else if (!kind && plain !== 'off' && holdsSecret(path) && !isReference(value) && typeof value !== 'object') {
        out.push({ ...base, rule: PLAINTEXT_SECRET.id, severity: plain, message: `holds a plaintext value (${String(value).length} characters)`, hint: PLAINTEXT_SECRET.fix });
      }
    }
  }
  return out;
};
