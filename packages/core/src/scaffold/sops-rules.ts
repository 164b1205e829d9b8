import { isMap as isYamlMap, isSeq, type Document, type Node, type YAMLSeq } from 'yaml';
import { UserError } from '../common';
import type { YamlFile } from '../yaml';

export const SOPS_CONFIG = '.sops.yaml';

/** The path_regex that selects an env's secret files in every app: secrets/secrets-ENV.yaml and its .enc. */
export function sopsPathRegex(env: string): string {
  return `(^|/)secrets/secrets-${env}\\.yaml(\\.enc)?$`;
}

/**
 * .sops.yaml with the creation rules of `rendered` (a .sops.yaml rendered from the template)
 * added to `existing`: before any catch-all rule, since sops uses the first rule that matches.
 * A rule whose path_regex is already there is not added twice.
 */
export function addSopsRules(existing: YamlFile, rendered: YamlFile): string {
  const doc = existing.doc.clone() as Document;
  const target = doc.get('creation_rules', true);
  if (!isSeq(target)) {
    throw new UserError('creation_rules is missing or not a list', { file: existing.file, hint: 'sops reads its rules from a creation_rules list; add one.' });
  }
  const rules = target as YAMLSeq;
  const source = rendered.doc.get('creation_rules', true) as YAMLSeq;
  const regexOf = (n: unknown) => (isYamlMap(n) ? n.get('path_regex') : undefined);
  let changed = false;
  for (const rule of source.items) {
    if (rules.items.some((r) => regexOf(r) === regexOf(rule))) continue;
    const catchAll = rules.items.findIndex((r) => regexOf(r) === undefined);
    rules.items.splice(catchAll < 0 ? rules.items.length : catchAll, 0, (rule as Node).clone());
    changed = true;
  }
  return changed ? doc.toString({ lineWidth: 0 }) : existing.text;
}
