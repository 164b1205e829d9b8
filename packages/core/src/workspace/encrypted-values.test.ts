import { describe, expect, it } from 'vitest';
import { ENCRYPTED_MARK, isSopsValues, redactSops } from './encrypted-values';

const ENC = 'ENC[AES256_GCM,data:cGFzcw==,iv:aXY=,tag:dGFn,type:str]';

describe('SOPS values', () => {
  it('knows a SOPS file by its sops section with a mac', () => {
    expect(isSopsValues({ a: ENC, sops: { mac: 'ENC[AES256_GCM,data:x]', version: '3.9.0' } })).toBe(true);
    expect(isSopsValues({ sops: { version: '3.9.0' } })).toBe(false);
    expect(isSopsValues({ sops: { mac: 1 } })).toBe(false);
    expect(isSopsValues({ sops: 'text' })).toBe(false);
    expect(isSopsValues({ a: ENC })).toBe(false);
  });

  it('shows every encrypted leaf as a mark, keeps what SOPS left in clear, and names the opaque paths', () => {
    const { values, opaque } = redactSops({
      db: { user: ENC, host: 'db.local', port: 5432, tls: null },
      keys: [ENC, 'clear', { nested: ENC }],
      note: 'ENC[ is only text',
      low: 'ENC[aes,data:x]',
      sops: { mac: ENC, age: [{ recipient: 'age1x' }] },
    });
    expect(values).toEqual({ db: { user: ENCRYPTED_MARK, host: 'db.local', port: 5432, tls: null }, keys: [ENCRYPTED_MARK, 'clear', { nested: ENCRYPTED_MARK }], note: 'ENC[ is only text', low: 'ENC[aes,data:x]' });
    expect(opaque).toEqual([['db', 'user'], ['keys', 0], ['keys', 2, 'nested']]);
  });
});
