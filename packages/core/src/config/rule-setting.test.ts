import { describe, expect, it } from 'vitest';
import { RULES } from '../rules';
import { parseValuesYaml } from '../yaml';
import { parseConfig } from './load-config';
import { ruleSetting } from './rule-setting';

describe('how a rule reports in a tier', () => {
  it('takes gitops.yaml first, then the rule default of that tier', () => {
    const rule = RULES.find((r) => r.id === 'resources-set');
    if (!rule) throw new Error('resources-set is in the catalog');
    const config = parseConfig(parseValuesYaml('environments: [{name: dev}]\npolicy:\n  tiers:\n    production:\n      rules:\n        resources-set: warning\n', 'gitops.yaml'));
    expect(ruleSetting(config, 'production', rule)).toBe('warning');
    expect(ruleSetting(config, 'staging', rule)).toBe(rule.defaults.staging);
    expect(ruleSetting(config, 'development', rule)).toBe(rule.defaults.development);
  });
});
