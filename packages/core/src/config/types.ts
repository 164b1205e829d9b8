import type { RuleSetting, Tier } from '../rules';

export type { RuleSetting, Tier };

export type SecretsBackend = 'external-secrets' | 'sealed-secrets' | 'sops';

export interface SecretStoreRef {
  name: string;
  kind: 'ClusterSecretStore' | 'SecretStore';
}

export interface EnvConfig {
  name: string;
  namespace: string;
  /** Clusters this env deploys to; the first is its default destination. */
  clusters: string[];
  tier: Tier;
  secrets: SecretsBackend;
  secretStore?: SecretStoreRef;
  /** An env whose overlay is layered before this env's. */
  parent?: string;
  project: string;
  /** Dimensions that declared layout layers name ({type}, {region}...). */
  attributes: Record<string, string>;
}

export interface ClusterConfig {
  name: string;
  server: string;
  description?: string;
  /** MAJOR.MINOR: helm template's --kube-version and the Kubernetes schemas render validates against. */
  kubernetesVersion?: string;
  /** The APIs it serves beyond Kubernetes' own ([group/]version[/kind]): helm template's --api-versions, as Argo CD passes them. */
  apiVersions?: string[];
  /** The External Secrets Operator version running there: below 0.16 its ExternalSecrets are rendered as v1beta1. */
  externalSecretsVersion?: string;
  /** A committed copy of the cluster's sealed-secrets certificate (kubeseal --fetch-cert), relative to the workspace root. */
  sealedSecretsCertificate?: string;
  /** Labels of the cluster's Argo CD secret (ApplicationSet clusters generator selectors). */
  labels?: Record<string, string>;
}

export interface PromotionPath {
  from: string;
  to: string[];
}

export interface KeyRules {
  promotable: string[];
  never: string[];
}

export interface PromotionConfig extends KeyRules {
  paths: PromotionPath[];
  apps: Record<string, Partial<KeyRules>>;
  pullRequest: {
    base?: string;
    labels: string[];
    reviewers: string[];
    teamReviewers: string[];
    draft: boolean;
    /** Total seconds the GitHub calls of one pull request may take, rate-limit waits included. */
    timeoutSeconds: number;
  };
}

/** The values the hardening hints read, by logical name; an app's chart may keep them elsewhere. */
export type PolicyKey = 'imageTag' | 'imageDigest' | 'imagePullPolicy' | 'replicaCount' | 'resources' | 'podSecurityContext' | 'securityContext' | 'autoscaling' | 'podDisruptionBudget' | 'ingress' | 'hostNetwork' | 'hostPID' | 'hostIPC';

export interface PolicyConfig {
  tiers: Partial<Record<Tier, { rules: Record<string, RuleSetting> }>>;
  /** Per app: logical key -> the chart's dotted path (imageTag: imageVersion). */
  apps: Record<string, { keys: Partial<Record<PolicyKey, string>> }>;
}

export interface HelmConfig {
  /** The helm binary to run (relative to the workspace root); --helm overrides it. */
  binary?: string;
}

export interface ArgoConfig {
  /** Globs naming the files or folders that hold Applications and ApplicationSets. */
  applications: string[];
  /** True when gitops.yaml names them (a glob matching nothing is then reported). */
  applicationsDeclared: boolean;
  /** Where new Applications are written: the first `applications` entry without a wildcard. */
  applicationsDir: string;
  /** Other URLs of this repository, besides repoURL. */
  repoURLs: string[];
  /** Folders with vendored Helm repository charts. */
  chartCache: string[];
  /** Application name patterns ({app}, {env}, {cluster}), tried in order. */
  names: string[];
  namespace: string;
  repoURL?: string;
  targetRevision: string;
}

/** Where values live for apps without Applications: app folder globs, chart folder, layer patterns. */
export interface LayoutConfig {
  apps: string[];
  chart: string;
  layers: string[];
}

/** gitops.yaml after validation, with every default filled in. */
export interface GitopsConfig {
  apps: string[];
  /** Declared layouts (empty: the convention of values.yaml and values-<env>.yaml under `apps`). */
  layouts: LayoutConfig[];
  argocd: ArgoConfig;
  /** In promotion order. */
  environments: EnvConfig[];
  clusters: ClusterConfig[];
  promotion: PromotionConfig;
  policy: PolicyConfig;
  helm: HelmConfig;
  /** The Helm whose merge rules to follow where Helm versions differ ("3.17", "4.1.4"); the current rules when absent. */
  helmVersion?: string;
}
