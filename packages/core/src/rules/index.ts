// Rule metadata only: ids, titles, docs and default severities. The checks that apply them
// live in checks/, so configuration can know every rule id without loading a check.
export * from './rule';
export * from './policy-rules';
export * from './secret-rules';
export * from './secret-backend-rules';
export * from './consistency-rules';
export * from './lint-rules';
export * from './manifest-rule';
export * from './ignore-rule';
export * from './orphan-rules';
export * from './rule-catalog';
export * from './argocd-rules';
