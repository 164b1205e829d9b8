import { redactText } from '../checks';
import { sortFindings, type Finding } from '../common';

/**
 * Findings as every reporter prints them: in the stable order, and through the one redaction,
 * so a credential that reached a message, a hint or a path (from a schema, an error text, a
 * URL) is never shown in any format.
 */
export function printable(findings: Finding[]): Finding[] {
  return sortFindings(
    findings.map((f) => ({
      ...f,
      message: redactText(f.message),
      file: redactText(f.file),
      ...(f.path === undefined ? {} : { path: redactText(f.path) }),
      ...(f.hint === undefined ? {} : { hint: redactText(f.hint) }),
    })),
  );
}
