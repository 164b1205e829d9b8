import { describe, expect, it } from 'vitest';
import { additionalData, decryptValue, encryptValue, isEncryptedValue, parseEncryptedValue, SopsValueError, sopsBytes } from './enc-value';

const KEY = Buffer.alloc(32, 7);
const IV = Buffer.alloc(32, 9);

function valueError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof SopsValueError) return e.message;
    throw e;
  }
  throw new Error('expected a SopsValueError');
}

describe('one SOPS value', () => {
  it('hashes and encrypts the bytes SOPS does: True/False, floats without exponent, text as UTF-8', () => {
    expect([true, false, 5, 0.25, 1e21, 1.25e21, 1.5e-7, -2.5e-8, -3e21, 'é'].map((v) => sopsBytes(v).toString('utf8'))).toEqual([
      'True',
      'False',
      '5',
      '0.25',
      '1000000000000000000000',
      '1250000000000000000000',
      '0.00000015',
      '-0.000000025',
      '-3000000000000000000000',
      'é',
    ]);
    expect(sopsBytes('é')).toEqual(Buffer.from([0xc3, 0xa9]));
  });

  it('binds a value to its key path and types it, and opens it again to the same typed value', () => {
    expect(additionalData(['a', 'b'])).toBe('a:b:');
    const values = ['s3cr3t', 42, -0.5, true, false, 'é ü'];
    const texts = values.map((v) => encryptValue(v, KEY, 'a:', IV));
    expect(texts.map((t) => t.replace(/^ENC\[AES256_GCM,data:[^,]+,iv:([^,]+),tag:[^,]{24},type:(\w+)\]$/, '$1 $2'))).toEqual(values.map((v) => `${IV.toString('base64')} ${typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : 'str'}`));
    expect(texts.map((t) => decryptValue(t, KEY, 'a:'))).toEqual(values);
    expect(texts.every(isEncryptedValue)).toBe(true);
    // a fresh 32-byte nonce for each value by default
    const a = parseEncryptedValue(encryptValue('x', KEY, 'a:'));
    const b = parseEncryptedValue(encryptValue('x', KEY, 'a:'));
    expect(a.iv.length).toBe(32);
    expect(a.iv.equals(b.iv)).toBe(false);
  });

  it('keeps an empty string empty, as SOPS does', () => {
    expect(encryptValue('', KEY, 'a:', IV)).toBe('');
    expect(decryptValue('', KEY, 'a:')).toBe('');
  });

  it('reads a bool written True or true, and any other type as text', () => {
    const lower = encryptValue('true', KEY, 'a:', IV).replace('type:str', 'type:bool');
    expect(decryptValue(lower, KEY, 'a:')).toBe(true);
    expect(decryptValue(encryptValue('1', KEY, 'a:', IV).replace('type:str', 'type:bool'), KEY, 'a:')).toBe(false);
    expect(decryptValue(encryptValue('2026-01-01', KEY, 'a:', IV).replace('type:str', 'type:time'), KEY, 'a:')).toBe('2026-01-01');
  });

  it('refuses what is not an ENC value, a short tag, another key path and another data key, each saying so', () => {
    expect([5, 'plain', 'ENC[AES256_GCM,data:,iv:x,tag:y,type:str]'].map(isEncryptedValue)).toEqual([false, false, true]);
    expect(valueError(() => parseEncryptedValue('plain'))).toBe('not an ENC[AES256_GCM,...] value');
    const text = encryptValue('s3cr3t', KEY, 'a:', IV);
    const shortTag = text.replace(/tag:[^,]+/, `tag:${Buffer.alloc(12).toString('base64')}`);
    expect(valueError(() => decryptValue(shortTag, KEY, 'a:'))).toBe("the value's tag is not 16 bytes");
    expect(valueError(() => decryptValue(text, KEY, 'b:'))).toBe("the value does not open with the file's data key at this key path");
    expect(valueError(() => decryptValue(text, Buffer.alloc(32, 8), 'a:'))).toBe("the value does not open with the file's data key at this key path");
  });
});
