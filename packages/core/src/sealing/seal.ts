import type { KeyObject } from 'node:crypto';
import { UserError } from '../common';
import { hybridEncrypt } from './hybrid';
import { encryptionLabel, type SealingScope } from './scope';

export interface SealTarget {
  scope: SealingScope;
  /** Needed by strict and namespace-wide scopes. */
  namespace?: string;
  /** The Secret's name; needed by the strict scope. */
  name?: string;
}

/** One value sealed for `target`, base64-encoded: exactly what `kubeseal --raw` prints (no newline). */
export function sealValue(key: KeyObject, value: Uint8Array, target: SealTarget): string {
  if (target.scope !== 'cluster-wide' && !target.namespace) {
    throw new UserError(`the ${target.scope} scope needs a namespace`, { hint: 'Pass --namespace NS, or --scope cluster-wide.' });
  }
  if (target.scope === 'strict' && !target.name) {
    throw new UserError('the strict scope needs the Secret name', { hint: 'Pass --name NAME, or --scope namespace-wide or cluster-wide.' });
  }
  const label = encryptionLabel(target.scope, target.namespace ?? '', target.name ?? '');
  return hybridEncrypt(key, value, label).toString('base64');
}
