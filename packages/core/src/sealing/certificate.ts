import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { UserError } from '../common';

/**
 * The controller's RSA public key from the PEM that `kubeseal --fetch-cert` saves (an X.509
 * certificate); a bare PEM public key is accepted too.
 */
export function sealingKeyFromPem(pem: string, file: string): KeyObject {
  let key: KeyObject;
  try {
    key = pem.includes('BEGIN CERTIFICATE') ? new X509Certificate(pem).publicKey : createPublicKey(pem);
  } catch (e) {
    throw new UserError(`not a PEM certificate or public key (${(e as Error).message})`, {
      file,
      hint: 'Save the controller certificate with: kubeseal --fetch-cert > cert.pem',
      cause: e,
    });
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new UserError(`the key is ${key.asymmetricKeyType ?? 'unknown'}, but sealed-secrets uses RSA`, {
      file,
      hint: 'Use the certificate of the sealed-secrets controller (kubeseal --fetch-cert).',
    });
  }
  return key;
}
