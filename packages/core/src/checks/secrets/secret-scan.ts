import type { Check } from '../check';
import { type Finding, formatPath, leaves, type Path } from '../../common';
import { ruleSetting, type GitopsConfig, type Tier } from '../../config';
import { PLAINTEXT_SECRET, SECRET_TOKEN } from '../../rules';
import { nearestPosition } from '../../yaml';
import { holdsSecret, isReference, secretTokenKind, siblingsOf } from './secret-like';

/** What the plaintext-secret rules say about one value at `path` in an env's tier, if anything. Never includes the value. */
/** `siblings`: the map holding the value, for keys whose meaning depends on their neighbours. */
export function secretLeafFinding(config: GitopsConfig, tier: Tier, path: Path, value: unknown, siblings?: unknown): Pick<Finding, 'rule' | 'severity' | 'message' | 'hint'> | undefined {
  const kind = secretTokenKind(value);
  if (kind) {
    const token = ruleSetting(config, tier, SECRET_TOKEN);
    return token === 'off' ? undefined : { rule: SECRET_TOKEN.id, severity: token, message: `holds ${kind} in plain text`, hint: SECRET_TOKEN.fix };
  }
  const plain = ruleSetting(config, tier, PLAINTEXT_SECRET);
  if (plain === 'off' || !holdsSecret(path, siblings) || isReference(value) || typeof value === 'object') return undefined;
  return { rule: PLAINTEXT_SECRET.id, severity: plain, message: `holds a plaintext value (${String(value).length} characters)`, hint: PLAINTEXT_SECRET.fix };
}

/**
 * Plaintext credentials in the values files of one env's layers, reported in the file that
 * holds them. The value itself never appears in a finding.
 */
export const secretScanCheck: Check = ({ ws, app, env, resolution }) => {
  const out: Finding[] = [];
  for (const file of resolution.files) {
    for (const [path, value] of leaves(file.values)) {
      const f = secretLeafFinding(ws.config, env.tier, path, value, siblingsOf(file.values, path));
      if (!f) continue;
      const at = nearestPosition(file, path);
      out.push({ ...f, app: app.name, env: env.name, path: formatPath(path), file: at.file, line: at.line, column: at.column });
    }
  }
  return out;
};
