import type { Finding } from '../../common';
import { redactText } from '../../checks';
import { atSyncText, imageText, LEGEND, shownChange, syncLegend, syncText, type ValueRow, type WorkspaceStatus } from '../../status';
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
 *
 * The page holds data, not markup: the matrix as compact JSON that its script draws a screenful
 * at a time, and the details of every app in a second block read only when one is opened, so a
 * page of thousands of apps is small and answers at once (docs/status.md).
 */
export function formatHtmlReport(status: WorkspaceStatus, opts: HtmlReportOptions = {}): string {
  const base = opts.linkBase ?? '';
  const title = opts.title ?? 'What runs where';
  const files = interner();
  const strings = interner();
  // the matrix's own few strings: what tags set at sync time stand for (the details block loads later)
  const syncTitles = interner();
  const fileOf = (file: string | undefined) => (file ? files.of(file) : -1);
  const pendingOf = new Map<string, WorkspaceStatus['pending']>();
  for (const p of status.pending) {
    const list = pendingOf.get(p.app) ?? [];
    list.push(p);
    pendingOf.set(p.app, list);
  }
  // per app: its name, per env [tag, file, line, pending, drift keys, errors, warnings, notes, and what a tag set at sync time stands for],
  // and 1 when it has findings of no env
  const matrix = status.apps.map((a) => [
    a.app,
    a.cells.map((c) => {
      const cell: (string | number | string[])[] = [imageText(c, 64), fileOf(c.tagAt?.file), c.tagAt?.line ?? 0, c.pending, c.drift, c.findings.error, c.findings.warning, c.findings.info];
      const sync = syncText(c);
      return sync ? [...cell, syncTitles.of(sync)] : cell;
    }),
    a.findings.some((f: Finding) => !f.env) ? 1 : 0,
  ]);
  // per app: its values, pending promotions, findings, the files its values come from, and, when some value is one
  // Argo CD sets at sync time, [row, env, what it stands for] of each; every string an index into `s`
  const details = status.apps.map((a) => {
    // the value rows name a handful of files each: numbered per app, short numbers
    const own = interner();
    const sync: number[] = [];
    (a.values ?? []).forEach((r, k) => r.cells.forEach((c, e) => c?.atSync && sync.push(k, e, strings.of(atSyncText(c.atSync)))));
    return [
      valueCells(a.values ?? [], strings.of, (f) => (f ? own.of(f) : -1)),
      (pendingOf.get(a.app) ?? []).map((p) => [strings.of(p.from), strings.of(p.to), fileOf(p.file), p.changes.map((c) => [strings.of(c.key), strings.of(shownChange(c, 'to')), strings.of(shownChange(c, 'from'))])]),
      a.findings.map((f) => [strings.of(f.severity), strings.of(f.rule), strings.of(redactText(f.message)), fileOf(f.file), f.line, f.column, strings.of(f.env ?? ''), strings.of(f.path ?? ''), strings.of(redactText(f.hint ?? ''))]),
      own.list.map(fileOf),
      ...(sync.length > 0 ? [sync] : []),
    ];
  });
  const count = (sev: Finding['severity']) => status.apps.reduce((n, a) => n + a.findings.filter((f) => f.severity === sev).length, 0);
  const changes = status.pending.reduce((n, p) => n + p.changes.length, 0);
  const [sync] = syncLegend(status);
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
<noscript><p>This page draws its matrix, values, promotions and findings with JavaScript, from the data embedded in it. <code>gitops status --wide</code> prints the same matrix in a terminal.</p></noscript>
<table id="matrix" class="matrix" style="--envs:${status.envs.length}" aria-rowcount="${status.apps.length + 1}">
<caption class="muted">${esc(LEGEND.replace('>N', '⬆N').replace('~N', '≠N'))}${sync ? `. ${esc(sync)}` : ''}. Select an app for its values, provenance, promotions and findings; ↑ and ↓ move between apps.</caption>
<thead><tr aria-rowindex="1"><th scope="col">app</th>${status.envs.map((e) => `<th scope="col" data-env="${esc(e)}">${esc(e)}</th>`).join('')}</tr></thead>
<tbody></tbody>
</table>
<details id="pending-section" class="section"><summary>Pending promotions (${changes})</summary><p class="muted">What <code>gitops promote --from ENV --dry-run</code> plans for each declared path, for the apps the filters show.</p><div class="section-body"></div></details>
<details id="findings-section" class="section"><summary>Findings (${count('error') + count('warning') + count('info')})</summary><p class="muted">Of the apps the filters show.</p><div class="section-body"></div></details>
</main>
<script type="application/json" id="report-data">${scriptJson({ envs: status.envs, base, files: files.list, sync: syncTitles.list, apps: matrix })}</script>
<script type="application/json" id="report-details">${scriptJson({ s: strings.list, apps: details })}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

/** Each distinct string once, referred to by its index. */
function interner(): { list: string[]; of: (s: string) => number } {
  const list: string[] = [];
  const index = new Map<string, number>();
  return {
    list,
    of(s) {
      let i = index.get(s);
      if (i === undefined) {
        i = list.push(s) - 1;
        index.set(s, i);
      }
      return i;
    },
  };
}

/**
 * The value rows of an app as one flat list of numbers: per row the key, then per env -1 (not
 * set), -2 (as in the env before it: most values come from the shared values.yaml), or the
 * value, file (among the app's own) and line.
 */
function valueCells(rows: ValueRow[], stringOf: (s: string) => number, fileOf: (f: string | undefined) => number): number[] {
  const out: number[] = [];
  for (const r of rows) {
    out.push(stringOf(r.key));
    r.cells.forEach((c, e) => {
      // undefined for the first env
      const prev = r.cells[e - 1];
      if (!c) out.push(-1);
      else if (prev && prev.value === c.value && prev.at?.file === c.at?.file && prev.at?.line === c.at?.line) out.push(-2);
      else out.push(stringOf(c.value), fileOf(c.at?.file), c.at?.line ?? 0);
    });
  }
  return out;
}
