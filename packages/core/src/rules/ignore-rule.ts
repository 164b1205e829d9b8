import type { RuleMeta } from './rule';

export const IGNORE_COMMENT: RuleMeta = {
  id: 'ignore-comment',
  title: 'Ignore comments name a known rule and give a reason',
  description: '`# gitops:ignore RULE_ID reason` on a line accepts that rule\'s findings on that line. Without a reason nobody can tell later why it was accepted; an unknown rule id ignores nothing.',
  fix: 'Write `# gitops:ignore RULE_ID why this is acceptable` (rule ids are listed in docs/rules.md).',
  defaults: { development: 'error', staging: 'error', production: 'error' },
};
