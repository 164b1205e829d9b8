import { isScalar, LineCounter, parseAllDocuments, visit, type Scalar } from 'yaml';
import { type Position, UserError } from '../common';

/** A string as YAML writes it where it must stay a string: plain when that reads back the same, else double-quoted. */
function stringScalar(value: string, wasQuoted: boolean): string {
  const plain = !wasQuoted && /^[A-Za-z0-9_./:@+-]+$/.test(value) && !/^[-+]?(\d|\.\d)/.test(value) && !/^(true|false|yes|no|on|off|null|~|y|n)$/i.test(value);
  return plain ? value : JSON.stringify(value);
}

/**
 * Replace the string scalar written at `at` (a file of one or several YAML documents, such as
 * Argo CD Applications) by `value`, splicing only its characters: comments, order and the other
 * documents stay as they are.
 */
export function setStringAt(text: string, file: string, at: Pick<Position, 'line' | 'column'>, value: string): string {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter });
  let target: Scalar | undefined;
  for (const doc of Array.isArray(docs) ? docs : []) {
    visit(doc, {
      Scalar(_k, node) {
        if (!node.range) return undefined;
        const p = lineCounter.linePos(node.range[0]);
        if (p.line === at.line && p.col === at.column) {
          target = node;
          return visit.BREAK;
        }
        return undefined;
      },
    });
    if (target) break;
  }
  if (!target || !isScalar(target) || !target.range) throw new UserError('no value is written here any more', { file, line: at.line, column: at.column, hint: 'The file changed since it was read; run the command again.' });
  const quoted = target.type === 'QUOTE_DOUBLE' || target.type === 'QUOTE_SINGLE';
  let end = target.range[1];
  while (end > target.range[0] && /\s/.test(text[end - 1])) end--;
  return text.slice(0, target.range[0]) + stringScalar(value, quoted) + text.slice(end);
}
