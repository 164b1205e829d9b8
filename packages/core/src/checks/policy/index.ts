export * from './policy-rule';
export { DEFAULT_RULES } from './default-rules';
export { policyCheck } from './policy-check';
export { imageTag, OBJECT_CHECKS, podViolations, POD_CHECKS, workloadsOf, type Manifest, type Target, type Workload, type PodViolation, type ReleaseFacts } from './pod-rules';
