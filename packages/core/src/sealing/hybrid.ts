import { constants, createCipheriv, createDecipheriv, privateDecrypt, publicEncrypt, randomBytes, type KeyObject } from 'node:crypto';

const SESSION_KEY_BYTES = 32;
const GCM_NONCE_BYTES = 12;
const GCM_TAG_BYTES = 16;

/**
 * The sealed-secrets hybrid format: a 2-byte big-endian length, the RSA-OAEP(SHA-256, label)
 * encryption of a fresh AES-256 session key, then AES-256-GCM of the plaintext under that key
 * with an all-zero nonce (safe: each key seals exactly one value) and the 16-byte tag appended.
 */
export function hybridEncrypt(publicKey: KeyObject, plaintext: Uint8Array, label: Uint8Array): Buffer {
  const sessionKey = randomBytes(SESSION_KEY_BYTES);
  const wrapped = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: label }, sessionKey);
  const cipher = createCipheriv('aes-256-gcm', sessionKey, Buffer.alloc(GCM_NONCE_BYTES));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(wrapped.length);
  return Buffer.concat([length, wrapped, body]);
}

/** The inverse of hybridEncrypt, as the controller unseals; throws when the key or label does not match. */
export function hybridDecrypt(privateKey: KeyObject, ciphertext: Uint8Array, label: Uint8Array): Buffer {
  const data = Buffer.from(ciphertext);
  if (data.length < 2) throw new Error('ciphertext too short');
  const keyLength = data.readUInt16BE(0);
  if (data.length < 2 + keyLength + GCM_TAG_BYTES) throw new Error('ciphertext too short');
  const sessionKey = privateDecrypt(
    { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: label },
    data.subarray(2, 2 + keyLength),
  );
  const body = data.subarray(2 + keyLength);
  const decipher = createDecipheriv('aes-256-gcm', sessionKey, Buffer.alloc(GCM_NONCE_BYTES));
  decipher.setAuthTag(body.subarray(body.length - GCM_TAG_BYTES));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - GCM_TAG_BYTES)), decipher.final()]);
}
