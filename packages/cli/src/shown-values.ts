import { getAt, leaves, REDACTED, redact, type ValueMap } from '@helm-values-manager/core';
import type { Flag } from './command';
import type { CliIO } from './io';

export const showSecretsFlag: Flag = { name: 'show-secrets', description: 'print secret-like values as they are (default: <redacted>, see docs/security.md)' };

/**
 * The values to print: secret-like ones redacted, with the rules of diff and pull requests,
 * unless --show-secrets asks for them. How many were is said on stderr, so a <redacted> in the
 * output is never mistaken for the value.
 */
export function printableValues(values: ValueMap, show: unknown, io: CliIO): ValueMap {
  if (show) return values;
  const shown = redact(values);
  let hidden = 0;
  // empty maps and lists are leaves too, copied: only a changed scalar was redacted
  for (const [path, v] of leaves(values)) if ((v === null || typeof v !== 'object') && getAt(shown, path) !== v) hidden++;
  if (hidden > 0) io.stderr(`note: ${hidden} secret-like value${hidden === 1 ? ' is' : 's are'} shown as ${REDACTED}; --show-secrets prints ${hidden === 1 ? 'it' : 'them'}\n`);
  return shown;
}
