import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { UserError } from '../common';

/** Below this, a key is refused: NIST retired smaller RSA keys, and the controller makes 4096-bit ones. */
const MIN_RSA_BITS = 2048;

/**
 * The controller's RSA public key from the PEM that `kubeseal --fetch-cert` saves (an X.509
 * certificate); a bare PEM public key is accepted too. As kubeseal does, an expired
 * certificate is refused: the controller has moved on to a newer key.
 */
export function sealingKeyFromPem(pem: string, file: string, now: Date = new Date()): KeyObject {
  let key: KeyObject;
  let cert: X509Certificate | undefined;
  try {
    cert = pem.includes('BEGIN CERTIFICATE') ? new X509Certificate(pem) : undefined;
    key = cert ? cert.publicKey : createPublicKey(pem);
  } catch (e) {
    throw new UserError(`not a PEM certificate or public key (${(e as Error).message})`, {
      file,
      hint: 'Save the controller certificate with: kubeseal --fetch-cert > cert.pem',
      cause: e,
    });
  }
  if (key.asymmetricKeyType !== 'rsa') {
    // A public key object always has a type (createPublicKey and X509Certificate make only those).
    throw new UserError(`the key is ${key.asymmetricKeyType}, but sealed-secrets uses RSA`, {
      file,
      hint: 'Use the certificate of the sealed-secrets controller (kubeseal --fetch-cert).',
    });
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) {
    throw new UserError(`the RSA key has ${bits} bits; sealing needs at least ${MIN_RSA_BITS} (the controller makes 4096-bit keys)`, {
      file,
      hint: 'This is not the certificate of a sealed-secrets controller, or one set up with a weak key: fetch the real one with kubeseal --fetch-cert > cert.pem, or rotate the controller key.',
    });
  }
  if (cert) {
    const notAfter = new Date(cert.validTo);
    const notBefore = new Date(cert.validFrom);
    if (now > notAfter) {
      throw new UserError(`the certificate expired on ${notAfter.toISOString()}`, {
        file,
        hint: 'kubeseal refuses an expired certificate too: the controller renews its key, so fetch the current one with kubeseal --fetch-cert > cert.pem.',
      });
    }
    if (now < notBefore) {
      throw new UserError(`the certificate is not valid before ${notBefore.toISOString()}`, {
        file,
        hint: "Check this machine's clock, or fetch the controller's current certificate with kubeseal --fetch-cert > cert.pem.",
      });
    }
  }
  return key;
}
