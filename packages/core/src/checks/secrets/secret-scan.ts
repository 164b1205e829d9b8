import type { Check } from '../check';
import { type Finding, formatPath, leaves, type Path, type ValueMap } from '../../common';
import { ruleSetting, type GitopsConfig, type Tier } from '../../config';
import { PLAINTEXT_SECRET, SECRET_TOKEN } from '../../rules';
import { nearestPosition } from '../../yaml';
import { holdsSecret, isReference, secretTokenKind, siblingsOf } from './secret-like';

/** What a value at `path` is to the plaintext-secret rules, whatever the tier: a known token format, a literal under a secret-like key, or neither. */
type SecretLeaf = { token: string } | { plaintext: number };

function secretLeaf(path: Path, value: unknown, siblings?: unknown): SecretLeaf | undefined {
  const token = secretTokenKind(value);
  if (token) return { token };
  if (!holdsSecret(path, siblings) || isReference(value) || typeof value === 'object') return undefined;
  return { plaintext: String(value).length };
}

function judged(config: GitopsConfig, tier: Tier, leaf: SecretLeaf): Pick<Finding, 'rule' | 'severity' | 'message' | 'hint'> | undefined {
  if ('token' in leaf) {
    const token = ruleSetting(config, tier, SECRET_TOKEN);
    return token === 'off' ? undefined : { rule: SECRET_TOKEN.id, severity: token, message: `holds ${leaf.token} in plain text`, hint: SECRET_TOKEN.fix };
  }
  const plain = ruleSetting(config, tier, PLAINTEXT_SECRET);
  return plain === 'off' ? undefined : { rule: PLAINTEXT_SECRET.id, severity: plain, message: `holds a plaintext value (${leaf.plaintext} characters)`, hint: PLAINTEXT_SECRET.fix };
}

/** What the plaintext-secret rules say about one value at `path` in an env's tier, if anything. Never includes the value. */
/** `siblings`: the map holding the value, for keys whose meaning depends on their neighbours. */
export function secretLeafFinding(config: GitopsConfig, tier: Tier, path: Path, value: unknown, siblings?: unknown): Pick<Finding, 'rule' | 'severity' | 'message' | 'hint'> | undefined {
  const leaf = secretLeaf(path, value, siblings);
  return leaf && judged(config, tier, leaf);
}

/**
 * The secret-like values of a values file, found once per file: an app's values.yaml is layered
 * in each of its envs, and only what the rules say of them depends on the env's tier. Parsed
 * values are never changed in place (merges copy), so the file's values object is the key.
 */
function secretLeaves(values: ValueMap): { path: Path; leaf: SecretLeaf }[] {
  let found = scanned.get(values);
  if (!found) {
    found = [];
    for (const [path, value] of leaves(values)) {
      const leaf = secretLeaf(path, value, siblingsOf(values, path));
      if (leaf) found.push({ path, leaf });
    }
    scanned.set(values, found);
  }
  return found;
}

const scanned = new WeakMap<ValueMap, { path: Path; leaf: SecretLeaf }[]>();

/**
 * Plaintext credentials in the values files of one env's layers, reported in the file that
 * holds them. The value itself never appears in a finding.
 */
export const secretScanCheck: Check = ({ ws, app, env, resolution }) => {
  const out: Finding[] = [];
  for (const file of resolution.files) {
    for (const { path, leaf } of secretLeaves(file.values)) {
      const f = judged(ws.config, env.tier, leaf);
      if (!f) continue;
      const at = nearestPosition(file, path);
      out.push({ ...f, app: app.name, env: env.name, path: formatPath(path), file: at.file, line: at.line, column: at.column });
    }
  }
  return out;
};
