import type { GitopsConfig, RuleSetting, Tier } from './config/types';

/** What a rule checks and how to fix it: docs/rules.md, SARIF rule descriptions and ignore comments use it. */
export interface RuleMeta {
  id: string;
  title: string;
  description: string;
  fix: string;
  /** Severity per tier unless gitops.yaml says otherwise under policy.tiers.<tier>.rules. */
  defaults: Record<Tier, RuleSetting>;
}

/** The same severity in every tier. */
export function everyTier(setting: RuleSetting): Record<Tier, RuleSetting> {
  return { development: setting, staging: setting, production: setting };
}

/** How a rule reports in a tier: gitops.yaml's policy first, then the rule's default. */
export function ruleSetting(config: GitopsConfig, tier: Tier, rule: RuleMeta): RuleSetting {
  return config.policy.tiers[tier]?.rules?.[rule.id] ?? rule.defaults[tier];
}
