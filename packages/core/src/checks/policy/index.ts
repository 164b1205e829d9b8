export * from './policy-rule';
export { DEFAULT_RULES } from './default-rules';
export { policyCheck } from './policy-check';
