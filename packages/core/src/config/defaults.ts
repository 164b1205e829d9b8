import type { KeyRules } from './types';

export const CONFIG_FILE = 'gitops.yaml';
export const DEFAULT_APPS_GLOB = 'deployment/helm/*';
/** A GitHub that has not answered in five minutes will not; a CI job should not wait longer. */
export const DEFAULT_GITHUB_TIMEOUT_SECONDS = 300;
export const DEFAULT_APPLICATIONS_DIR = 'argocd/applications';
/** How Application names split into app, env and cluster when gitops.yaml does not say. */
export const DEFAULT_NAME_PATTERNS = ['{app}-{env}-{cluster}', '{app}-{env}', '{env}-{app}'];
export const DEFAULT_CLUSTER = { name: 'in-cluster', server: 'https://kubernetes.default.svc' };

/**
 * What promotion copies when gitops.yaml says nothing: image tags; and what it never copies:
 * settings that are right for one env only.
 */
export const DEFAULT_KEY_RULES: KeyRules = {
  promotable: ['image.tag', '**.image.tag'],
  never: [
    'replicaCount',
    'resources.**',
    'autoscaling.**',
    'ingress.**',
    'externalSecrets.**',
    'config.nodeEnv',
    'config.logLevel',
    'nodeSelector.**',
    'tolerations',
    'affinity.**',
  ],
};
