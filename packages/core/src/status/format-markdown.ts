import { shownChange } from './shown-change';
import { imageText, syncLegend } from './cell-text';
import type { StatusCell, WorkspaceStatus } from './model';

const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ').replace(/`/g, "'");

function cell(c: StatusCell): string {
  const n = c.findings.error + c.findings.warning + c.findings.info;
  const marks = [
    c.pending ? `⬆ ${c.pending} to promote` : '',
    c.drift.length ? `≠ ${c.drift.length} only here` : '',
    c.findings.error ? `❌ ${c.findings.error}` : n ? `⚠ ${n}` : '',
  ].filter(Boolean);
  return [`\`${esc(imageText(c))}\``, ...marks].join('<br>');
}

/** The matrix as GitHub Markdown (a job's step summary, a PR comment), then the pending promotions. */
export function formatStatusMarkdown(status: WorkspaceStatus, opts: { title?: string } = {}): string {
  const lines = [`### ${opts.title ?? 'What runs where'}`, ''];
  if (status.apps.length === 0) return `${lines.join('\n')}No apps.\n`;
  lines.push(`| app | ${status.envs.map(esc).join(' | ')} |`, `|---|${status.envs.map(() => '---').join('|')}|`);
  for (const a of status.apps) lines.push(`| ${esc(a.app)} | ${a.cells.map(cell).join(' | ')} |`);
  const [sync] = syncLegend(status);
  lines.push('', `⬆ promotable changes pending to the next env · ≠ keys only this env sets · ❌ errors, ⚠ other validate findings${sync ? ` · ${esc(sync).replace('<NAME>', '`<NAME>`')}` : ''}`);
  const changes = status.pending.flatMap((p) => p.changes.map((c) => ({ p, c })));
  if (changes.length > 0) {
    lines.push('', '<details><summary>Pending promotions (' + changes.length + ')</summary>', '', '| app | from → to | key | now | promoted |', '|---|---|---|---|---|');
    for (const { p, c } of changes) lines.push(`| ${esc(p.app)} | ${esc(p.from)} → ${esc(p.to)} | \`${esc(c.key)}\` | \`${esc(shownChange(c, 'to'))}\` | \`${esc(shownChange(c, 'from'))}\` |`);
    lines.push('', '</details>');
  }
  return `${lines.join('\n')}\n`;
}
