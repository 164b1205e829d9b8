export interface EnvGeneratorSchema {
  /** The new environment's name (a DNS-1123 label). */
  name: string;
  /** Seed every overlay from this env's overlay. */
  from?: string;
  /** Place the env after this one in promotion order. */
  after?: string;
  /** Kubernetes namespace; default the env name. */
  namespace?: string;
  /** The cluster the env deploys to; default in-cluster. */
  cluster?: string;
  tier?: 'development' | 'staging' | 'production';
  secrets?: 'external-secrets' | 'sealed-secrets' | 'sops';
  /** External Secrets store name; default derived from a neighbouring env's store. */
  secretStore?: string;
  /** Argo CD project; default derived from a neighbouring env's project. */
  project?: string;
  /** Only these apps (comma-separated); default every app. */
  apps?: string;
}
