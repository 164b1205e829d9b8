/** How strict an env is: its rules' default severities follow from it. */
export type Tier = 'development' | 'staging' | 'production';
export type RuleSetting = 'error' | 'warning' | 'off';

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
