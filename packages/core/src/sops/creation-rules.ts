import { parse } from 'yaml';
import { UserError } from '../common';

/**
 * The age recipients .sops.yaml gives a file: those of the first creation rule whose path_regex
 * matches its path (relative to .sops.yaml), as sops chooses. Undefined when no rule matches.
 */
export function ageRecipientsFor(sopsYaml: string, configFile: string, path: string): string[] | undefined {
  let config: unknown;
  try {
    config = parse(sopsYaml);
  } catch (e) {
    throw new UserError(`not valid YAML (${(e as Error).message.split('\n')[0]})`, { file: configFile, line: 1, column: 1, hint: 'Fix the file: sops reads its creation_rules from it.' });
  }
  const rules = config && typeof config === 'object' && Array.isArray((config as { creation_rules?: unknown }).creation_rules) ? ((config as { creation_rules: unknown[] }).creation_rules as Record<string, unknown>[]) : [];
  for (const rule of rules) {
    if (!rule || typeof rule !== 'object') continue;
    if (typeof rule.path_regex === 'string' && !new RegExp(rule.path_regex).test(path)) continue;
    const age = rule.age;
    const list = Array.isArray(age) ? age.map(String) : typeof age === 'string' ? age.split(',') : [];
    return list.map((r) => r.trim()).filter(Boolean);
  }
  return undefined;
}
