import { REDACTED, redactAny } from '../checks';
import type { PendingChange, WorkspaceStatus } from './model';

/** The matrix as data for machines (`gitops status -o json`): every cell, the pending promotions; secrets already redacted. */
export function statusJson(status: WorkspaceStatus): unknown {
  return {
    envs: status.envs,
    apps: status.apps.map((a) => ({
      app: a.app,
      dir: a.dir,
      envs: Object.fromEntries(a.cells.map(({ env, ...c }) => [env, c])),
      findings: a.findings.length,
    })),
    pending: status.pending.map((p) => ({ app: p.app, from: p.from, to: p.to, file: p.file, changes: p.changes.map((c) => ({ key: c.key, now: raw(c, c.to), promoted: raw(c, c.from) })) })),
  };
}

const raw = (c: PendingChange, v: unknown) => (c.secret ? REDACTED : redactAny(c.path, v ?? null));
