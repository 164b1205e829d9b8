// gitops.yaml: its types and defaults, loading and comment-preserving edits, promotion rules.
export * from './types';
export * from './defaults';
export { loadConfig, parseConfig, configSchemaPath } from './load-config';
export * from './edit-config';
export * from './promotion-rules';
export * from './rule-setting';
export * from './layout-patterns';
