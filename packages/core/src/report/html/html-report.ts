import type { Finding, Position } from '../../common';
import { redactText } from '../../checks';
import { imageText, LEGEND, shownChange, type AppStatus, type StatusCell, type WorkspaceStatus } from '../../status';
import { PAGE_SCRIPT } from './page-script';
import { PAGE_STYLE } from './page-style';

export interface HtmlReportOptions {
  /** Prefix of provenance links, from the report's folder to the workspace root (`../../` for dist/reports/). */
  linkBase?: string;
  title?: string;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** JSON inside a <script> element: nothing in it may close the element or open a comment. */
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/**
 * One self-contained HTML page of a workspace's status: the matrix, per app the effective values
 * of all envs side by side with their provenance, the pending promotions and the findings.
 * Inline CSS and script only, and a Content-Security-Policy that forbids every request.
 */
export function formatHtmlReport(status: WorkspaceStatus, opts: HtmlReportOptions = {}): string {
  const base = opts.linkBase ?? '';
  const title = opts.title ?? 'What runs where';
  const files: string[] = [];
  const fileIndex = new Map<string, number>();
  const fileOf = (file: string | undefined) => {
    if (!file) return -1;
    let i = fileIndex.get(file);
    if (i === undefined) {
      i = files.push(file) - 1;
      fileIndex.set(file, i);
    }
    return i;
  };
  const pendingOf = new Map<string, WorkspaceStatus['pending']>();
  for (const p of status.pending) pendingOf.set(p.app, [...(pendingOf.get(p.app) ?? []), p]);
  const data = {
    envs: status.envs,
    base,
    files,
    apps: status.apps.map((a) => ({
      n: a.app,
      v: (a.values ?? []).map((r) => [r.key, r.cells.map((c) => (c ? [c.value, fileOf(c.at?.file), c.at?.line ?? 0] : 0))]),
      f: a.findings.map((f) => [f.severity, f.rule, redactText(f.message), fileOf(f.file), f.line, f.column, f.env ?? '', f.path ?? '', redactText(f.hint ?? '')]),
      p: (pendingOf.get(a.app) ?? []).map((p) => [p.from, p.to, fileOf(p.file), p.changes.map((c) => [c.key, shownChange(c, 'to'), shownChange(c, 'from')])]),
    })),
  };
  const link = (at: Position | undefined, text: string, cls: string) =>
    at ? `<a class="${cls}" href="${esc(base + at.file + (at.line > 0 ? `#L${at.line}` : ''))}" data-file="${esc(at.file)}" data-line="${at.line}">${esc(text)}</a>` : `<span class="${cls}">${esc(text)}</span>`;
  // title for the mouse, aria-label for screen readers
  const mark = (cls: string, text: string, label: string) => `<span class="mark ${cls}" title="${esc(label)}" aria-label="${esc(label)}">${esc(text)}</span>`;
  const cell = (c: StatusCell) => {
    const n = c.findings.error + c.findings.warning + c.findings.info;
    return [
      `<td class="cell" data-env="${esc(c.env)}">`,
      link(c.tagAt, imageText(c, 64), 'tag'),
      c.pending ? mark('pending', `⬆${c.pending}`, `${c.pending} promotable change${c.pending === 1 ? '' : 's'} pending to the next env`) : '',
      c.drift.length ? mark('drift', `≠${c.drift.length}`, `only ${c.env} sets: ${c.drift.join(', ')}`) : '',
      n ? mark(c.findings.error ? 'error' : 'warning', `!${n}`, `${c.findings.error} errors, ${c.findings.warning} warnings, ${c.findings.info} notes`) : '',
      '</td>',
    ].join('');
  };
  const envsWith = (a: AppStatus, has: (c: StatusCell) => boolean) => a.cells.filter(has).map((c) => c.env);
  const row = (a: AppStatus, i: number) => {
    const findingEnvs = [...envsWith(a, (c) => c.findings.error + c.findings.warning + c.findings.info > 0), ...(a.findings.some((f: Finding) => !f.env) ? ['*'] : [])];
    return `<tr data-i="${i}" data-app="${esc(a.app)}" data-drift="${esc(envsWith(a, (c) => c.drift.length > 0).join(' '))}" data-findings="${esc(findingEnvs.join(' '))}" data-pending="${esc(envsWith(a, (c) => c.pending > 0).join(' '))}"><th scope="row"><button type="button" class="app" aria-expanded="false">${esc(a.app)}</button></th>${a.cells.map(cell).join('')}</tr>`;
  };
  const count = (sev: Finding['severity']) => status.apps.reduce((n, a) => n + a.findings.filter((f) => f.severity === sev).length, 0);
  const changes = status.pending.reduce((n, p) => n + p.changes.length, 0);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<title>${esc(title)}</title>
<style>${PAGE_STYLE}</style>
<style id="env-columns"></style>
</head>
<body>
<header>
<h1>${esc(title)}</h1>
<p class="muted">${status.apps.length} app${status.apps.length === 1 ? '' : 's'} × ${status.envs.length} env${status.envs.length === 1 ? '' : 's'} (${status.envs.map(esc).join(' → ')}) · ${changes} change${changes === 1 ? '' : 's'} pending promotion · ${count('error')} errors, ${count('warning')} warnings, ${count('info')} notes from validate. Image tags as Argo CD would deploy them; secrets redacted.</p>
</header>
<main>
<form id="filters" class="filters" role="search" aria-label="Filter apps">
<label>App <input type="search" name="app" placeholder="name contains…" autocomplete="off"></label>
<label>Env <select name="env"><option value="">all</option>${status.envs.map((e) => `<option value="${esc(e)}">${esc(e)}</option>`).join('')}</select></label>
<label><input type="checkbox" name="drift"> has drift</label>
<label><input type="checkbox" name="findings"> has findings</label>
<label><input type="checkbox" name="pending"> has pending promotions</label>
<output id="shown" aria-live="polite">${status.apps.length} of ${status.apps.length} apps shown</output>
</form>
<noscript><p>Filters and per-app details need JavaScript; the matrix below is complete without it.</p></noscript>
<table id="matrix" class="matrix" style="--envs:${status.envs.length}">
<caption class="muted">${esc(LEGEND.replace('>N', '⬆N').replace('~N', '≠N'))}. Select an app for its values, provenance, promotions and findings.</caption>
<thead><tr><th scope="col">app</th>${status.envs.map((e) => `<th scope="col" data-env="${esc(e)}">${esc(e)}</th>`).join('')}</tr></thead>
<tbody>
${status.apps.map(row).join('\n')}
</tbody>
</table>
<details id="pending-section" class="section"><summary>Pending promotions (${changes})</summary><p class="muted">What <code>gitops promote --from ENV --dry-run</code> plans for each declared path.</p><div class="section-body"></div></details>
<details id="findings-section" class="section"><summary>Findings (${count('error') + count('warning') + count('info')})</summary><div class="section-body"></div></details>
</main>
<script type="application/json" id="report-data">${scriptJson(data)}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
