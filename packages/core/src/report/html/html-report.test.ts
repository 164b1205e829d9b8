import { describe, expect, it } from 'vitest';
import type { Finding } from '../../common';
import { EXAMPLE_ROOT } from '../../test-support/example-workspace';
import { atSyncText, buildStatus, type StatusCell, type WorkspaceStatus } from '../../status';
import { loadWorkspace } from '../../workspace';
import { formatHtmlReport } from './html-report';

// The page is data plus one script: these tests read the data as the page's script reads it
// (page-script.ts), and the markup around it as text. The browser suite of the CLI draws it.

const none = { error: 0, warning: 0, info: 0 };
const cell = (env: string, c: Partial<StatusCell> = {}): StatusCell => ({ env, tags: [], pending: 0, drift: [], findings: none, ...c });
const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const REVISION = '$ARGOCD_APP_REVISION';

const dbFinding: Finding = { rule: 'schema', severity: 'error', message: 'cannot reach postgres://admin:hunter2@db:5432/app', file: 'apps/api/values-dev.yaml', line: 4, column: 3, app: 'api', env: 'dev', path: 'db.url', hint: 'Try postgres://admin:hunter2@db2/app.' };
const warning: Finding = { rule: 'lint', severity: 'warning', message: 'unused key', file: 'apps/api/values-dev.yaml', line: 5, column: 1, app: 'api', env: 'dev' };
const appWide: Finding = { rule: 'secret-files', severity: 'info', message: 'no secrets/ folder', file: 'apps/api', line: 0, column: 0, app: 'api' };

const status: WorkspaceStatus = {
  envs: ['dev', 'prod'],
  apps: [
    {
      app: 'api',
      dir: 'apps/api',
      cells: [
        cell('dev', { tags: ['1.4.1'], tagAt: { file: 'apps/api/values-dev.yaml', line: 3, column: 8 }, pending: 2, drift: ['debug'], findings: { error: 1, warning: 1, info: 0 } }),
        cell('prod', { atSync: [{ value: REVISION, variables: ['ARGOCD_APP_REVISION'] }], tagAt: { file: 'argocd/api-prod.yaml', line: 18, column: 18 } }),
      ],
      findings: [dbFinding, warning, appWide],
      values: [
        { key: 'replicaCount', cells: [{ value: '1', at: { file: 'apps/api/values.yaml', line: 2, column: 15 } }, { value: '1', at: { file: 'apps/api/values.yaml', line: 2, column: 15 } }] },
        { key: 'image.tag', cells: [{ value: '"1.4.1"', at: { file: 'apps/api/values-dev.yaml', line: 3, column: 8 } }, { value: `"${REVISION}"`, at: { file: 'argocd/api-prod.yaml', line: 18, column: 18 }, atSync: ['ARGOCD_APP_REVISION'] }] },
        // the same value, set again by prod's own file: not "as in dev"
        { key: 'debug', cells: [{ value: 'true', at: { file: 'apps/api/values-dev.yaml', line: 5, column: 8 } }, { value: 'true', at: { file: 'apps/api/values-prod.yaml', line: 5, column: 8 } }] },
        { key: 'profiler', cells: [{ value: '"on"', at: { file: 'apps/api/values-dev.yaml', line: 6, column: 11 } }, null] },
        // one file of every env, such as an ApplicationSet's list of elements: each env's own line, each line's own value
        { key: 'image.repository', cells: [{ value: '"api"', at: { file: 'argocd/api-set.yaml', line: 8, column: 16 } }, { value: '"api"', at: { file: 'argocd/api-set.yaml', line: 14, column: 16 } }] },
        { key: 'ingress.host', cells: [{ value: '"dev.example.com"', at: { file: 'argocd/api-set.yaml', line: 20, column: 14 } }, { value: '"example.com"', at: { file: 'argocd/api-set.yaml', line: 20, column: 14 } }] },
        // values whose line is not known (none of these files wrote them)
        { key: 'computed', cells: [null, { value: '2' }] },
        { key: 'generated', cells: [{ value: '2' }, { value: '2' }] },
        { key: 'defaulted', cells: [{ value: '3', at: { file: 'apps/api/values.yaml', line: 9, column: 10 } }, { value: '3' }] },
      ],
    },
    { app: 'web', dir: 'apps/web', cells: [cell('dev', { tags: [''] }), cell('prod', { tags: ['1.0'], digest: DIGEST, tagAt: { file: 'apps/web/values-prod.yaml', line: 4, column: 11 } })], findings: [] },
  ],
  pending: [
    {
      app: 'api',
      from: 'dev',
      to: 'prod',
      file: 'apps/api/values-prod.yaml',
      changes: [
        { path: ['image', 'tag'], key: 'image.tag', from: '1.4.1', to: undefined, secret: false },
        { path: ['db', 'password'], key: 'db.password', from: 'hunter2', to: 'old-pass', secret: true },
        { path: ['replicas'], key: 'replicas', from: 3, to: 2, secret: false },
      ],
    },
  ],
};

type Json = ReturnType<typeof JSON.parse>;

/** The two data blocks of a page, as its script parses them. */
function pageData(page: string): { data: Json; details: Json } {
  const block = (id: string) => {
    const m = page.match(new RegExp(`<script type="application/json" id="${id}">(.*?)</script>`, 's'));
    if (!m) throw new Error(`no #${id} in the page`);
    return JSON.parse(m[1]);
  };
  return { data: block('report-data'), details: block('report-details') };
}

/** The matrix as the page draws it: per app its name, per env the cell, and whether it has findings of no env. */
function matrix(page: string) {
  const { data } = pageData(page);
  return data.apps.map(([app, cells, appWideFindings]: Json) => ({
    app,
    appWideFindings,
    cells: cells.map(([tag, file, line, pending, drift, errors, warnings, notes, sync]: Json) => ({
      tag,
      at: file < 0 ? null : `${data.files[file]}:${line}`,
      pending,
      drift,
      findings: [errors, warnings, notes],
      ...(sync === undefined ? {} : { sync: data.sync[sync] }),
    })),
  }));
}

/** One app's details as the page draws them when it is opened: every number an index into `s` or the files. */
function details(page: string, i: number) {
  const { data, details: d } = pageData(page);
  const s = (k: number) => d.s[k];
  const [values, pending, findings, own, sync = []] = d.apps[i];
  const rows: Json[] = [];
  for (let k = 0; k < values.length; ) {
    const row: Json = { key: s(values[k++]), cells: [] };
    for (let e = 0; e < data.envs.length; e++) {
      const x = values[k++];
      if (x === -1) row.cells.push('not set');
      else if (x === -2) row.cells.push('as before');
      else {
        const file = values[k++];
        const line = values[k++];
        row.cells.push(`${s(x)} @ ${file < 0 ? '-' : data.files[own[file]]}:${line}`);
      }
    }
    rows.push(row);
  }
  const atSync: string[] = [];
  for (let q = 0; q < sync.length; q += 3) atSync.push(`${rows[sync[q]].key} in ${data.envs[sync[q + 1]]}: ${s(sync[q + 2])}`);
  return {
    values: rows,
    atSync,
    pending: pending.map(([from, to, file, changes]: Json) => ({ from: s(from), to: s(to), file: data.files[file], changes: changes.map((c: number[]) => c.map(s)) })),
    findings: findings.map(([sev, rule, message, file, line, column, env, path, hint]: Json) => [s(sev), rule === undefined ? rule : s(rule), s(message), file < 0 ? null : data.files[file], line, column, s(env), s(path), s(hint)]),
  };
}

describe('the HTML status page', () => {
  // made in each test, where a mutation test run can tell which test reads what
  const render = () => formatHtmlReport(status, { linkBase: '../../' });

  it('embeds per app and env the tag, where it is set, the pending changes, the drift and the findings by severity', () => {
    const page = render();
    expect(matrix(page)).toEqual([
      {
        app: 'api',
        appWideFindings: 1,
        cells: [
          { tag: '1.4.1', at: 'apps/api/values-dev.yaml:3', pending: 2, drift: ['debug'], findings: [1, 1, 0] },
          { tag: '<ARGOCD_APP_REVISION>', at: 'argocd/api-prod.yaml:18', pending: 0, drift: [], findings: [0, 0, 0], sync: atSyncText(['ARGOCD_APP_REVISION']) },
        ],
      },
      {
        app: 'web',
        appWideFindings: 0,
        cells: [
          { tag: '(empty)', at: null, pending: 0, drift: [], findings: [0, 0, 0] },
          // a digest pins the image: shown in full, never cut to the table's twelve characters
          { tag: `@${DIGEST}`, at: 'apps/web/values-prod.yaml:4', pending: 0, drift: [], findings: [0, 0, 0] },
        ],
      },
    ]);
    const { data } = pageData(page);
    expect([data.envs, data.base]).toEqual([['dev', 'prod'], '../../']);
  });

  it('embeds each app’s values side by side with their files and lines, pending promotions and findings', () => {
    const page = render();
    expect(details(page, 0)).toEqual({
      values: [
        { key: 'replicaCount', cells: ['1 @ apps/api/values.yaml:2', 'as before'] },
        { key: 'image.tag', cells: ['"1.4.1" @ apps/api/values-dev.yaml:3', `"${REVISION}" @ argocd/api-prod.yaml:18`] },
        { key: 'debug', cells: ['true @ apps/api/values-dev.yaml:5', 'true @ apps/api/values-prod.yaml:5'] },
        { key: 'profiler', cells: ['"on" @ apps/api/values-dev.yaml:6', 'not set'] },
        { key: 'image.repository', cells: ['"api" @ argocd/api-set.yaml:8', '"api" @ argocd/api-set.yaml:14'] },
        { key: 'ingress.host', cells: ['"dev.example.com" @ argocd/api-set.yaml:20', '"example.com" @ argocd/api-set.yaml:20'] },
        { key: 'computed', cells: ['not set', '2 @ -:0'] },
        { key: 'generated', cells: ['2 @ -:0', 'as before'] },
        { key: 'defaulted', cells: ['3 @ apps/api/values.yaml:9', '3 @ -:0'] },
      ],
      atSync: [`image.tag in prod: ${atSyncText(['ARGOCD_APP_REVISION'])}`],
      pending: [
        {
          from: 'dev',
          to: 'prod',
          file: 'apps/api/values-prod.yaml',
          // key, what the target has now, what promotion gives it
          changes: [
            ['image.tag', '(unset)', '"1.4.1"'],
            ['db.password', '<redacted>', '<redacted>'],
            ['replicas', '2', '3'],
          ],
        },
      ],
      findings: [
        ['error', 'schema', 'cannot reach postgres://<redacted>@db:5432/app', 'apps/api/values-dev.yaml', 4, 3, 'dev', 'db.url', 'Try postgres://<redacted>@db2/app.'],
        ['warning', 'lint', 'unused key', 'apps/api/values-dev.yaml', 5, 1, 'dev', '', ''],
        ['info', 'secret-files', 'no secrets/ folder', 'apps/api', 0, 0, '', '', ''],
      ],
    });
    // an app without values, promotions or findings has empty lists, and no sync list
    expect(pageData(page).details.apps[1]).toEqual([[], [], [], []]);
  });

  it('names each file once in the page, and each app’s value files by short numbers of its own', () => {
    const page = render();
    const { data, details: d } = pageData(page);
    expect(new Set(data.files).size).toBe(data.files.length);
    expect(new Set(d.s).size).toBe(d.s.length);
    expect(d.apps[0][3].map((f: number) => data.files[f])).toEqual(['apps/api/values.yaml', 'apps/api/values-dev.yaml', 'argocd/api-prod.yaml', 'apps/api/values-prod.yaml', 'argocd/api-set.yaml']);
    // the matrix holds only what it draws: what a sync-time tag stands for, not the details' strings
    expect(data.sync).toEqual([atSyncText(['ARGOCD_APP_REVISION'])]);
  });

  it('sums up the workspace in its header and section titles', () => {
    const page = render();
    expect(page).toContain('<p class="muted">2 apps × 2 envs (dev → prod) · 3 changes pending promotion · 1 errors, 1 warnings, 1 notes from validate. Image tags as Argo CD would deploy them; secrets redacted.</p>');
    expect(page).toContain('<summary>Pending promotions (3)</summary>');
    expect(page).toContain('<summary>Findings (3)</summary>');
    expect(page).toContain('<output id="shown" aria-live="polite">2 of 2 apps shown</output>');
    expect(page).toContain('<table id="matrix" class="matrix" style="--envs:2" aria-rowcount="3">');
    expect(page).toContain('<label>Env <select name="env"><option value="">all</option><option value="dev">dev</option><option value="prod">prod</option></select></label>');
    expect(page).toContain('<thead><tr aria-rowindex="1"><th scope="col">app</th><th scope="col" data-env="dev">dev</th><th scope="col" data-env="prod">prod</th></tr></thead>');
    expect(page).toMatch(/<title>What runs where<\/title>[^]*<h1>What runs where<\/h1>/);
    const one: WorkspaceStatus = { envs: ['dev'], apps: [{ app: 'api', dir: 'apps/api', cells: [cell('dev')], findings: [] }], pending: [{ ...status.pending[0], changes: status.pending[0].changes.slice(0, 1) }] };
    expect(formatHtmlReport(one)).toContain('<p class="muted">1 app × 1 env (dev) · 1 change pending promotion · 0 errors, 0 warnings, 0 notes from validate.');
  });

  it('explains the marks in a legend, and tags set at sync time when some cell has one', () => {
    const page = render();
    const legend = '⬆N promotable changes pending to the next env   ≠N keys only this env sets (drift)   !N validate findings';
    expect(page).toContain(`<caption class="muted">${legend}. &lt;NAME&gt; set by Argo CD when it syncs (ARGOCD_APP_REVISION: `);
    const plain = formatHtmlReport({ ...status, apps: [status.apps[1]] });
    expect(plain).toContain(`<caption class="muted">${legend}. Select an app for its values, provenance, promotions and findings; ↑ and ↓ move between apps.</caption>`);
    expect(pageData(plain).data.sync).toEqual([]);
  });

  it('takes a title, links relative to the workspace root by default, and allows no request', () => {
    const page = render();
    const titled = formatHtmlReport(status, { title: 'Fleet <prod> & "friends"' });
    expect(titled).toContain('<title>Fleet &lt;prod&gt; &amp; &quot;friends&quot;</title>');
    expect(titled).toContain('<h1>Fleet &lt;prod&gt; &amp; &quot;friends&quot;</h1>');
    expect(pageData(titled).data.base).toBe('');
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`);
    expect(page).not.toMatch(/\b(src|href)="(https?:)?\/\//);
  });

  it('escapes hostile app and env names: nothing in the data can close its script or start markup', () => {
    const evil = `</script><script>alert('x')</script><!--`;
    const env = `qa"><img src=x onerror=alert(1)>`;
    const hostile: WorkspaceStatus = {
      envs: [env],
      apps: [{ app: evil, dir: 'apps/x', cells: [cell(env, { tags: ['1 & 2\u2028\u2029'], drift: ['<b>'], findings: { error: 1, warning: 0, info: 0 } })], findings: [{ rule: 'r', severity: 'error', message: '<i>&', file: 'apps/x/a.yaml', line: 1, column: 1, app: evil, env }] }],
      pending: [],
    };
    const out = formatHtmlReport(hostile);
    // the only script elements are the page's three, and no markup comes from a name
    expect(out.match(/<script\b/g)).toHaveLength(3);
    expect(out.match(/<\/script>/g)).toHaveLength(3);
    expect(out).not.toMatch(/<img|<!--|<b>|<i>|\u2028|\u2029/);
    expect(out).toContain('(qa&quot;&gt;&lt;img src=x onerror=alert(1)&gt;)');
    expect(out).toContain('<option value="qa&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">qa&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</option>');
    expect(out).toContain('<th scope="col" data-env="qa&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">');
    // and the data reads back exactly as written
    expect(matrix(out)[0]).toEqual({ app: evil, appWideFindings: 0, cells: [{ tag: '1 & 2\u2028\u2029', at: null, pending: 0, drift: ['<b>'], findings: [1, 0, 0] }] });
    expect(pageData(out).data.envs).toEqual([env]);
    expect(details(out, 0).findings[0].slice(0, 3)).toEqual(['error', 'r', '<i>&']);
    expect(out).toContain('\\u003c/script\\u003e\\u003cscript\\u003ealert(\'x\')\\u003c/script\\u003e\\u003c!--');
    expect(out).toContain('1 \\u0026 2\\u2028\\u2029');
  });

  it('holds no secret of the example workspace, in values, promotions or findings', () => {
    const ws = loadWorkspace(EXAMPLE_ROOT);
    const findings: Finding[] = [{ rule: 'plaintext-secret', severity: 'warning', message: 'redis at redis://:devredis123@redis:6379 is in clear', file: 'deployment/helm/alpha-members/values-dev.yaml', line: 40, column: 15, app: 'alpha-members', env: 'dev', hint: 'Its admin console is https://admin:devadmin@redis-ui:8080.' }];
    const pending = [{ app: 'alpha-members', from: 'dev', to: 'staging', file: 'deployment/helm/alpha-members/values-staging.yaml', changes: [{ path: ['mongodb', 'auth', 'rootPassword'], key: 'mongodb.auth.rootPassword', from: 'devpassword', to: undefined, secret: true }] }];
    const out = formatHtmlReport(buildStatus(ws, { findings, pending, values: true }));
    const dev = details(out, 0).values.find((r: Json) => r.key === 'mongodb.auth.rootPassword');
    expect(dev.cells[0]).toBe('"<redacted>" @ deployment/helm/alpha-members/values-dev.yaml:35');
    expect(out).not.toMatch(/devpassword|devredis|devadmin/);
    expect(details(out, 0).findings[0].slice(2)).toEqual(['redis at redis://<redacted>@redis:6379 is in clear', 'deployment/helm/alpha-members/values-dev.yaml', 40, 15, 'dev', '', 'Its admin console is https://<redacted>@redis-ui:8080.']);
    // each tag links to the line that sets it
    expect(matrix(out)[0].cells.map((c: Json) => [c.tag, c.at])).toEqual([
      ['dev-latest', 'deployment/helm/alpha-members/values-dev.yaml:5'],
      ['(empty)', 'deployment/helm/alpha-members/values-staging.yaml:5'],
      ['<ARGOCD_APP_REVISION>', 'argocd/applications/alpha-members-prod.yaml:18'],
    ]);
  });
});
