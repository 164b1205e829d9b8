import { UserError } from '../common';

/** How far a sealed value may travel: kubeseal's --scope. */
export type SealingScope = 'strict' | 'namespace-wide' | 'cluster-wide';
export const SEALING_SCOPES: SealingScope[] = ['strict', 'namespace-wide', 'cluster-wide'];

export function parseScope(text: string | undefined): SealingScope {
  const scope = text ?? 'strict';
  if (!(SEALING_SCOPES as string[]).includes(scope)) {
    throw new UserError(`unknown sealing scope "${scope}"`, { hint: `Use one of: ${SEALING_SCOPES.join(', ')} (default strict).` });
  }
  return scope as SealingScope;
}

/**
 * The RSA-OAEP label that binds a ciphertext to where it may be unsealed, as the sealed-secrets
 * controller computes it: "namespace/name" (strict), "namespace" (namespace-wide), "" (cluster-wide).
 */
export function encryptionLabel(scope: SealingScope, namespace: string, name: string): Buffer {
  if (scope === 'cluster-wide') return Buffer.alloc(0);
  if (scope === 'namespace-wide') return Buffer.from(namespace, 'utf8');
  return Buffer.from(`${namespace}/${name}`, 'utf8');
}
