import { createHash } from 'node:crypto';
import { additionalData, decryptValue, isEncryptedValue, sopsBytes, type SopsScalar, SopsValueError } from './enc-value';
import type { SopsDocument } from './sops-document';

// sops.go MACOnlyEncryptedInitialization: seeds the hash when only encrypted values are covered.
const MAC_ONLY_ENCRYPTED_SEED = Buffer.from('8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69', 'hex');

export interface OpenedValue {
  path: string[];
  value: SopsScalar;
  line: number;
  column: number;
  encrypted: boolean;
}

/** A value that does not open, or a value in clear where the file's rules say it is encrypted. */
export interface ValueProblem {
  path: string[];
  line: number;
  column: number;
  reason: string;
}

export interface OpenedSops {
  values: OpenedValue[];
  problems: ValueProblem[];
  /** The MAC of the values as they are now, as SOPS computes it (upper-case SHA-512 hex). */
  computedMac: string;
  /** Does `sops.mac` open and equal the computed MAC? */
  macMatches: boolean;
}

/**
 * Every value of a SOPS file in memory, and whether the file is as sops last wrote it: each
 * encrypted value must open under its own key path, and the MAC over all values (in tree order)
 * must equal the encrypted `sops.mac`. Nothing here is written or printed.
 */
export function openSops(sops: SopsDocument, dataKey: Uint8Array): OpenedSops {
  const values: OpenedValue[] = [];
  const problems: ValueProblem[] = [];
  for (const leaf of sops.leaves) {
    const raw = leaf.node.value as unknown;
    let value: SopsScalar;
    if (!leaf.encrypted) {
      value = raw as SopsScalar;
    } else if (typeof raw !== 'string' || (raw !== '' && !isEncryptedValue(raw))) {
      problems.push({ path: leaf.path, line: leaf.line, column: leaf.column, reason: 'is in clear text where the file\'s rules encrypt it (written by hand after encryption?)' });
      continue;
    } else {
      try {
        value = decryptValue(raw, dataKey, additionalData(leaf.path));
      } catch (e) {
        if (!(e instanceof SopsValueError)) throw e;
        problems.push({ path: leaf.path, line: leaf.line, column: leaf.column, reason: `does not decrypt: ${e.message} (changed by hand, or copied from another key or file)` });
        continue;
      }
    }
    values.push({ path: leaf.path, value, line: leaf.line, column: leaf.column, encrypted: leaf.encrypted });
  }
  const computedMac = computeMac(values, sops.rules.macOnlyEncrypted);
  let macMatches = false;
  try {
    macMatches = problems.length === 0 && decryptValue(sops.mac, dataKey, sops.lastmodified) === computedMac;
  } catch (e) {
    if (!(e instanceof SopsValueError)) throw e;
  }
  return { values, problems, computedMac, macMatches };
}

/** The MAC of plain values in SOPS tree order, for a file being written. */
export function computeMac(values: { value: SopsScalar; encrypted: boolean }[], macOnlyEncrypted = false): string {
  const hash = createHash('sha512');
  if (macOnlyEncrypted) hash.update(MAC_ONLY_ENCRYPTED_SEED);
  for (const v of values) if (!macOnlyEncrypted || v.encrypted) hash.update(sopsBytes(v.value));
  return hash.digest('hex').toUpperCase();
}
