import type { WorkspaceStatus } from './model';
import { imageText, LEGEND, marksText, syncLegend } from './cell-text';

export interface TableOptions {
  /** Terminal width to fit by abbreviating; ignored with `wide`. */
  width?: number;
  /** Show every tag and name in full. */
  wide?: boolean;
}

/** `…` in the middle keeps both a tag's version prefix and its distinguishing tail. */
export function abbreviate(s: string, max: number): string {
  if (s.length <= max) return s;
  if (max <= 1) return s.slice(0, max);
  const head = Math.ceil((max - 1) / 2);
  return `${s.slice(0, head)}…${s.slice(s.length - (max - 1 - head))}`;
}

/** The matrix for a terminal: one row per app, one column per env in promotion order, then the legend. */
export function formatStatusTable(status: WorkspaceStatus, opts: TableOptions = {}): string {
  if (status.apps.length === 0) return 'No apps.\n';
  const header = ['APP', ...status.envs.map((e) => e.toUpperCase())];
  const rows = status.apps.map((a) => [a.app, ...a.cells.map((c) => cellText(imageText(c), marksText(c)))]);
  let widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const gap = 2;
  if (!opts.wide) widths = fit(widths, opts.width ?? 80, gap);
  const line = (cols: string[], marks?: string[]) =>
    cols
      .map((c, i) => {
        const w = widths[i];
        // keep the marks whole: they are the point of the table; abbreviate the tag before them
        const m = marks?.[i] ?? '';
        const text = c.length <= w ? c : m && m.length < w - 1 ? `${abbreviate(c.slice(0, c.length - m.length - 1), w - m.length - 1)} ${m}` : abbreviate(c, w);
        return i === cols.length - 1 ? text : text.padEnd(w);
      })
      .join(' '.repeat(gap))
      .trimEnd();
  const marksOf = status.apps.map((a) => ['', ...a.cells.map((c) => marksText(c))]);
  const width = opts.wide ? Infinity : opts.width ?? 80;
  const legend = LEGEND.length <= width ? LEGEND : LEGEND.split('   ').join('\n');
  return [line(header), ...rows.map((r, i) => line(r, marksOf[i])), '', legend, ...syncLegend(status, width), ''].join('\n');
}

function cellText(image: string, marks: string): string {
  return marks ? `${image} ${marks}` : image;
}

/** Shrink the widest columns first until the row fits, never below a readable minimum. */
function fit(widths: number[], total: number, gap: number): number[] {
  const w = [...widths];
  const min = (i: number) => (i === 0 ? 8 : 6);
  const sum = () => w.reduce((a, b) => a + b, 0) + gap * (w.length - 1);
  while (sum() > total) {
    let widest = -1;
    for (let i = 0; i < w.length; i++) if (w[i] > min(i) && (widest < 0 || w[i] > w[widest])) widest = i;
    if (widest < 0) break;
    w[widest]--;
  }
  return w;
}
