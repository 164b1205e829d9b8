import { REDACTED, redactAny } from '../checks';
import type { PendingChange } from './model';

/**
 * A value of a planned promotion as people see it in a plan, a commit, a PR or a report: JSON,
 * `(unset)` when that side has none (even under a secret key), or `<redacted>` for a secret.
 */
export function shownChange(c: Pick<PendingChange, 'path' | 'from' | 'to' | 'secret'>, side: 'from' | 'to'): string {
  const v = c[side];
  if (v === undefined) return '(unset)';
  return c.secret ? REDACTED : JSON.stringify(redactAny(c.path, v));
}
