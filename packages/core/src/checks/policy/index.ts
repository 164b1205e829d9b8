export * from './policy-rule';
export { DEFAULT_RULES } from './default-rules';
export { policyCheck } from './policy-check';
export { podViolations, POD_CHECKS, workloadsOf, type Manifest, type Workload, type PodViolation } from './pod-rules';
