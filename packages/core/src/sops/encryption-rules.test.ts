import { describe, expect, it } from 'vitest';
import { encryptionRules } from './encryption-rules';

/** Which of these key paths SOPS encrypts under the options of a file's sops section. */
const verdicts = (meta: Record<string, unknown>, paths: string[][]) => paths.map((p) => encryptionRules(meta).mustEncrypt(p));

describe('which values SOPS encrypts (sops.go shouldBeEncrypted)', () => {
  it('by default every value, except under a key ending in _unencrypted at any depth', () => {
    expect(verdicts({}, [['a'], ['x_unencrypted'], ['x_unencrypted', 'b'], ['a', 'b_unencrypted'], ['unencrypted_x']])).toEqual([true, false, false, false, true]);
    // an empty or non-string option is no option
    expect(verdicts({ unencrypted_suffix: '', encrypted_suffix: 5, encrypted_regex: '' }, [['a'], ['x_unencrypted']])).toEqual([true, false]);
  });

  it('unencrypted_suffix replaces _unencrypted', () => {
    expect(verdicts({ unencrypted_suffix: '_plain' }, [['x_plain'], ['x_unencrypted'], ['a', 'b_plain']])).toEqual([false, true, false]);
  });

  it('encrypted_suffix encrypts only under a key with that suffix, at any depth, and drops the default', () => {
    expect(verdicts({ encrypted_suffix: '_secret' }, [['a'], ['pw_secret'], ['pw_secret', 'x'], ['a', 'b_secret'], ['x_unencrypted'], ['secret_x']])).toEqual([false, true, true, true, false, false]);
  });

  it('unencrypted_regex leaves keys it matches in clear, at any depth, and drops the default', () => {
    expect(verdicts({ unencrypted_regex: '^note' }, [['note'], ['a', 'notes'], ['a'], ['x_unencrypted']])).toEqual([false, false, true, true]);
  });

  it('encrypted_regex encrypts only under keys it matches, and wins over the other options', () => {
    expect(verdicts({ encrypted_regex: '^(data|stringData)$' }, [['data', 'x'], ['a', 'stringData'], ['metadata', 'name'], ['x_unencrypted']])).toEqual([true, true, false, false]);
    expect(verdicts({ encrypted_regex: '^data$', unencrypted_regex: '^data$', unencrypted_suffix: 'a' }, [['data']])).toEqual([true]);
    expect(verdicts({ encrypted_suffix: '_s', unencrypted_regex: '^a' }, [['a_s'], ['b_s']])).toEqual([false, true]);
    expect(verdicts({ encrypted_suffix: '_s', unencrypted_suffix: '_u' }, [['x_u', 'y_s'], ['y_s']])).toEqual([true, true]);
  });

  it('reads mac_only_encrypted only when it is true', () => {
    expect([{ mac_only_encrypted: true }, { mac_only_encrypted: 'true' }, {}].map((m) => encryptionRules(m).macOnlyEncrypted)).toEqual([true, false, false]);
  });
});
