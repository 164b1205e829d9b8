import type { Tier } from '../../config';
import type { RuleMeta } from '../../rules';
import type { Path, ValueMap } from '../../common';

/** A value that breaks a rule: at `path` (set or missing), with what to do. */
export interface Violation {
  path: Path;
  message: string;
  /** The value is not set: the finding points at the env's overlay, where it should be added. */
  missing?: boolean;
}

/**
 * Whether Argo CD fills in the build variables (`$ARGOCD_APP_REVISION`) of the value at `path`
 * when it syncs: only when an Application's helm parameter sets it; helm gets a values file's
 * text as written.
 */
export type FilledAtSync = (path: Path) => boolean;

/** A policy rule reads the effective values of one app in one env (after Argo CD's parameters). */
export interface PolicyRule extends RuleMeta {
  check(values: ValueMap, tier: Tier, filledAtSync: FilledAtSync): Violation[];
}
