export interface SecretGeneratorSchema {
  /** The app whose Secret gains the key. */
  app: string;
  /** The key in the app's Secret, e.g. redis-password. */
  name: string;
  /** Only these envs (comma-separated); default every env. */
  envs?: string;
  /** Path under APP/NAMESPACE/ in the External Secrets store; default the key name. */
  remoteKey?: string;
  /** Property of the remote secret to read; default the whole value. */
  property?: string;
  /** Seal the value into the SealedSecret stubs (needs cert). */
  seal?: boolean;
  /** The sealed-secrets controller certificate (kubeseal --fetch-cert). */
  cert?: string;
  /** Read the value to seal from this file instead of standard input. */
  fromFile?: string;
  scope?: 'strict' | 'namespace-wide' | 'cluster-wide';
}
