// Values that stand in for a secret nobody set: an app started with one runs with a guessable credential.
const PLACEHOLDERS = /^(changeme|change[-_ ]?me|change[-_ ]?it|todo|tbd|fixme|placeholder|replace[-_ ]?me|secret|password|passw0rd|default|dummy|example|test|xxx+|\*+|<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\})$/i;

/** Is this secret value empty or a placeholder (`changeme`, `TODO`, `<password>`)? */
export function isPlaceholderSecret(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  const v = String(value).trim();
  return v === '' || PLACEHOLDERS.test(v);
}
