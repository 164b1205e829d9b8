import type { Finding, Path, Position, Value } from '../common';

/** One promotable difference waiting to go from an env to the next: the shape of a promotion plan's change. */
export interface PendingChange {
  path: Path;
  key: string;
  /** The value in the source env: what the target would get. */
  from: Value;
  /** The target's value now; undefined when it has none. */
  to: Value | undefined;
  secret: boolean;
}

/** What `gitops promote --from FROM --to TO --dry-run` plans for one app. */
export interface PendingPromotion {
  app: string;
  from: string;
  to: string;
  /** The overlay promotion would edit. */
  file: string;
  changes: PendingChange[];
}

export interface FindingCounts {
  error: number;
  warning: number;
  info: number;
}

/** A tag set by Argo CD at sync time. */
export interface SyncTag {
  /** As written, e.g. `$ARGOCD_APP_REVISION`. */
  value: string;
  /** The build variables it names, e.g. `ARGOCD_APP_REVISION`. */
  variables: string[];
}

/** One cell of the matrix: an app in an env. */
export interface StatusCell {
  env: string;
  /** The image tag Argo CD would deploy, one per cluster overlay when they differ; '' when empty. */
  tags: string[];
  /**
   * Tags Argo CD fills in when it syncs, from its build environment (`$ARGOCD_APP_REVISION`: the
   * commit it syncs), as written and with the variables they name; never in `tags`.
   */
  atSync?: SyncTag[];
  /** `sha256:...` when the image is pinned by digest. */
  digest?: string;
  /** Where the deployed tag (or digest) is set. */
  tagAt?: Position;
  /** Promotable differences waiting to go from this env to the next ones. */
  pending: number;
  /** Keys this env's own overlay sets and no other env's overlay does. */
  drift: string[];
  findings: FindingCounts;
}

/** One effective value of an app in every env, secrets already redacted. */
export interface ValueRow {
  key: string;
  /**
   * Per env, in column order: the value as JSON, where it was set, and the build variables Argo CD
   * fills in when it syncs (a helm parameter's `$ARGOCD_APP_REVISION`); null when the env has no such key.
   */
  cells: ({ value: string; at?: Position; atSync?: string[] } | null)[];
}

export interface AppStatus {
  app: string;
  dir: string;
  cells: StatusCell[];
  /** Validate findings of the app (every shown env, and those of no env such as its secrets/ files). */
  findings: Finding[];
  /** Side-by-side effective values; only when asked for (the HTML report). */
  values?: ValueRow[];
}

export interface WorkspaceStatus {
  /** Env columns, in promotion order. */
  envs: string[];
  apps: AppStatus[];
  pending: PendingPromotion[];
}
