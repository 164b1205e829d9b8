/** The report's only stylesheet, inlined: system fonts, light and dark from the reader's setting. */
export const PAGE_STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--head:#f6f8fa;--accent:#0969da;--pending:#8250df;--drift:#9a6700;--error:#cf222e;--warn:#9a6700;--focus:#0969da}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--head:#151b23;--accent:#4493f8;--pending:#ab7df8;--drift:#d29922;--error:#f85149;--warn:#d29922;--focus:#4493f8}}
*{box-sizing:border-box}
body{margin:0;padding:1rem 1.5rem;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
a{color:var(--accent)}
:focus-visible{outline:2px solid var(--focus);outline-offset:2px}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.muted{color:var(--muted)}
form.filters{display:flex;flex-wrap:wrap;gap:.75rem 1.25rem;align-items:center;margin:.75rem 0;padding:.5rem .75rem;background:var(--head);border:1px solid var(--line);border-radius:6px}
form.filters input[type=search],form.filters select{font:inherit;padding:.2rem .4rem;background:var(--bg);color:var(--fg);border:1px solid var(--line);border-radius:4px}
table{border-collapse:collapse}
caption{text-align:left;padding:.25rem 0}
th,td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}
thead th{background:var(--head);position:sticky;top:0}
/* fixed layout: thousands of rows are laid out without measuring every cell first */
table.matrix{table-layout:fixed;width:calc(14rem + var(--envs) * 13rem);max-width:100%}
table.matrix>thead>tr>th:first-child{width:14rem}
table.matrix>thead th{overflow-wrap:anywhere}
/* one line per app, all of the same height: the script places a screenful by arithmetic */
table.matrix tr.app-row>*{height:34px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
table.matrix tr.spacer>td{padding:0;border:0}
.cell-line{display:flex;align-items:baseline}.cell-line>.tag{min-width:0;overflow:hidden;text-overflow:ellipsis}.cell-line>.mark{flex:none}
.tag{font-weight:600;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
/* a tag only Argo CD knows, when it syncs: not a tag of the repository */
.tag.sync,td.sync>code{font-weight:400;font-style:italic}
.mark{display:inline-block;margin-left:.35rem;padding:0 .3rem;border-radius:3px;font-size:12px;border:1px solid currentColor}
.mark.pending{color:var(--pending)}.mark.drift{color:var(--drift)}.mark.error{color:var(--error)}.mark.warning{color:var(--warn)}
button.app{font:inherit;font-weight:600;background:none;border:0;padding:0;color:var(--accent);cursor:pointer;text-align:left}
button.app::before{content:"\\25B8  ";}button.app[aria-expanded=true]::before{content:"\\25BE  "}
tr.details>td{background:var(--head);padding:.75rem}
tr.details table{margin:.25rem 0 .75rem;background:var(--bg)}
.sev-error{color:var(--error);font-weight:600}.sev-warning{color:var(--warn);font-weight:600}
td.unset{color:var(--muted);font-style:italic}
.secret{color:var(--muted)}
details.section>summary{cursor:pointer;font-weight:600;font-size:1.05rem;margin:1rem 0 .5rem}
`;
