// Checks run over resolved values: schema, policy, secrets, Argo CD consistency, lint, ignore comments.
export * from './check';
export { schemaCheck } from './schema-check';
export * from './validate';
export * from './policy/index';
export * from './secrets/index';
export * from './consistency';
export * from './ignore';
export * from './lint/index';
export { orphanFindings } from './orphan-files';
