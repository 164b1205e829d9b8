import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A plain value as SOPS types it: `str`, `int`, `float`, `bool` (and `comment`, `bytes`, `time` read as text). */
export type SopsScalar = string | number | boolean;

// SOPS draws a 32-byte nonce for each value (aes/cipher.go), not GCM's usual 12.
const NONCE_BYTES = 32;
const TAG_BYTES = 16;
const ENC = /^ENC\[AES256_GCM,data:(.*),iv:(.+),tag:(.+),type:(.+)\]$/;

export interface EncryptedValue {
  data: Buffer;
  iv: Buffer;
  tag: Buffer;
  type: string;
}

/** Thrown when a value does not open: a changed byte, a value moved to another key, or another data key. */
export class SopsValueError extends Error {}

export function isEncryptedValue(text: unknown): text is string {
  return typeof text === 'string' && ENC.test(text);
}

export function parseEncryptedValue(text: string): EncryptedValue {
  const m = ENC.exec(text);
  if (!m) throw new SopsValueError('not an ENC[AES256_GCM,...] value');
  return { data: Buffer.from(m[1], 'base64'), iv: Buffer.from(m[2], 'base64'), tag: Buffer.from(m[3], 'base64'), type: m[4] };
}

/**
 * The bytes SOPS encrypts and hashes for a value (its ToBytes): booleans as `True`/`False`
 * (its Python heritage), floats in Go's shortest form without an exponent.
 */
export function sopsBytes(value: SopsScalar): Buffer {
  if (typeof value === 'boolean') return Buffer.from(value ? 'True' : 'False');
  if (typeof value === 'number') return Buffer.from(goFloat(value));
  return Buffer.from(value, 'utf8');
}

function sopsType(value: SopsScalar): string {
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return 'str';
}

/** strconv.FormatFloat(v, 'f', -1, 64): the shortest digits that read back, never in exponent form. */
function goFloat(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  const [mantissa, exp] = s.split(/e/i);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  const point = (mantissa.replace(/^-/, '').indexOf('.') + 1 || mantissa.replace(/^-/, '').length + 1) - 1 + Number(exp);
  // JavaScript writes an exponent only below 1e-6 or from 1e21 on: the point lies left of every
  // digit, or right of them all.
  const body = point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : digits + '0'.repeat(point - digits.length);
  return (negative ? '-' : '') + body;
}

/**
 * One value encrypted as SOPS does: AES-256-GCM under the file's data key, with the value's
 * path (`key:nested:`) as additional data, so a value copied under another key no longer opens.
 * An empty string stays empty, as in SOPS.
 */
export function encryptValue(value: SopsScalar, dataKey: Uint8Array, additionalData: string, iv: Uint8Array = randomBytes(NONCE_BYTES)): string {
  if (value === '') return '';
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(Buffer.from(additionalData, 'utf8'));
  const data = Buffer.concat([cipher.update(sopsBytes(value)), cipher.final()]);
  const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
  return `ENC[AES256_GCM,data:${b64(data)},iv:${b64(iv)},tag:${b64(cipher.getAuthTag())},type:${sopsType(value)}]`;
}

/** The plain value of an ENC[...] string; throws SopsValueError when it does not open. */
export function decryptValue(text: string, dataKey: Uint8Array, additionalData: string): SopsScalar {
  if (text === '') return '';
  const v = parseEncryptedValue(text);
  if (v.tag.length !== TAG_BYTES) throw new SopsValueError('the value\'s tag is not 16 bytes');
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, v.iv);
    decipher.setAAD(Buffer.from(additionalData, 'utf8'));
    decipher.setAuthTag(v.tag);
    plain = Buffer.concat([decipher.update(v.data), decipher.final()]);
  } catch {
    throw new SopsValueError('the value does not open with the file\'s data key at this key path');
  }
  const text8 = plain.toString('utf8');
  switch (v.type) {
    case 'int':
    case 'float':
      return Number(text8);
    case 'bool':
      return text8 === 'True' || text8 === 'true';
    default:
      return text8;
  }
}

/** The additional data SOPS binds a value to: its map keys joined by `:`, ending with `:` (list items add nothing). */
export function additionalData(path: string[]): string {
  return `${path.join(':')}:`;
}
