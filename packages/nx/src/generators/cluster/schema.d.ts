export interface ClusterGeneratorSchema {
  /** The cluster's name (a DNS-1123 label). */
  name: string;
  /** The env that deploys to the cluster in addition to its current clusters. */
  env: string;
  /** Argo CD destination server URL; needed unless the cluster is already declared. */
  server?: string;
  description?: string;
  /** Only these apps (comma-separated); default every app. */
  apps?: string;
}
