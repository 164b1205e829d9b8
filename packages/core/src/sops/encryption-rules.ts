/** Which values of a file SOPS encrypts, from the options kept in its `sops` section. */
export interface EncryptionRules {
  mustEncrypt(path: string[]): boolean;
  /** `mac_only_encrypted: true`: the MAC covers only the encrypted values. */
  macOnlyEncrypted: boolean;
}

/**
 * As SOPS decides (sops.go shouldBeEncrypted): by default every value except under a key ending
 * in `_unencrypted`; `encrypted_suffix`, `encrypted_regex` and `unencrypted_regex` replace that
 * default. Comment regexes are not modelled: files that use them are read as fully encrypted.
 */
export function encryptionRules(meta: Record<string, unknown>): EncryptionRules {
  const str = (k: string) => (typeof meta[k] === 'string' && meta[k] !== '' ? (meta[k] as string) : undefined);
  const encSuffix = str('encrypted_suffix');
  const encRegex = str('encrypted_regex');
  const unencRegex = str('unencrypted_regex');
  const unencSuffix = str('unencrypted_suffix') ?? (encSuffix || encRegex || unencRegex ? undefined : '_unencrypted');
  const enc = encRegex ? new RegExp(encRegex) : undefined;
  const unenc = unencRegex ? new RegExp(unencRegex) : undefined;
  return {
    macOnlyEncrypted: meta.mac_only_encrypted === true,
    mustEncrypt(keys) {
      let encrypted = true;
      if (unencSuffix && keys.some((k) => k.endsWith(unencSuffix))) encrypted = false;
      if (encSuffix) encrypted = keys.some((k) => k.endsWith(encSuffix));
      if (unenc && keys.some((k) => unenc.test(k))) encrypted = false;
      if (enc) encrypted = keys.some((k) => enc.test(k));
      return encrypted;
    },
  };
}
