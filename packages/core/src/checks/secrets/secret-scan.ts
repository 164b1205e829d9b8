import type { Check } from '../check';
import { type Finding, formatPath, leaves } from '../../common';
import { ruleSetting } from '../../config';
import { PLAINTEXT_SECRET, SECRET_TOKEN } from '../../rules';
import { nearestPosition } from '../../yaml';
import { holdsSecret, isReference, secretTokenKind, siblingsOf } from './secret-like';

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
      } else if (!kind && plain !== 'off' && holdsSecret(path, siblingsOf(file.values, path)) && !isReference(value) && typeof value !== 'object') {
        out.push({ ...base, rule: PLAINTEXT_SECRET.id, severity: plain, message: `holds a plaintext value (${String(value).length} characters)`, hint: PLAINTEXT_SECRET.fix });
      }
    }
  }
  return out;
};
