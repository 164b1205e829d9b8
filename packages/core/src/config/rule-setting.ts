import type { RuleMeta, RuleSetting, Tier } from '../rules';
import type { GitopsConfig } from './types';

/** How a rule reports in a tier: gitops.yaml's policy first, then the rule's default. */
export function ruleSetting(config: GitopsConfig, tier: Tier, rule: RuleMeta): RuleSetting {
  return config.policy.tiers[tier]?.rules?.[rule.id] ?? rule.defaults[tier];
}
