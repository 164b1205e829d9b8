/**
 * Argo CD's default ApplicationSet templating (fasttemplate): `{{ name }}` is replaced by the
 * string parameter of that name (spaces trimmed); a tag with no such string parameter stays as
 * written, braces included, as Argo CD leaves it.
 */
export function renderFastTemplate(text: string, params: Record<string, unknown>): string {
  if (!/\{\{.*\}\}/s.test(text)) return text;
  let out = '';
  let i = 0;
  for (;;) {
    const open = text.indexOf('{{', i);
    if (open < 0) break;
    const close = text.indexOf('}}', open + 2);
    if (close < 0) break;
    out += text.slice(i, open);
    const tag = text.slice(open + 2, close);
    const value = params[tag.trim()];
    out += tag.trim() !== '' && typeof value === 'string' ? value : `{{${tag}}}`;
    i = close + 2;
  }
  return out + text.slice(i);
}

/** Go-style flattening of nested data into `a.b.c` keys with `%v` strings, as the git files generator does without goTemplate. */
export function flattenParams(data: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    for (const [k, v] of Object.entries(data)) flattenParams(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(data)) {
    data.forEach((v, i) => flattenParams(v, prefix ? `${prefix}.${i}` : String(i), out));
  } else if (prefix) {
    out[prefix] = goPrint(data);
  }
  return out;
}

/** Go's `%v` of a decoded JSON/YAML value. */
export function goPrint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goPrint).join(' ')}]`;
  return `map[${Object.keys(v as object).sort().map((k) => `${k}:${goPrint((v as Record<string, unknown>)[k])}`).join(' ')}]`;
}
