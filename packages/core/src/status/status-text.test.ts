import { describe, expect, it } from 'vitest';
import { imageText, LEGEND, marksText, syncLegend, syncText } from './cell-text';
import { formatStatusMarkdown } from './format-markdown';
import { statusJson } from './format-json';
import { abbreviate, formatStatusTable } from './format-table';
import { deployedImagePath, tagText } from './image';
import type { StatusCell, WorkspaceStatus } from './model';
import { shownChange } from './shown-change';

const none = { error: 0, warning: 0, info: 0 };
const cell = (env: string, c: Partial<StatusCell> = {}): StatusCell => ({ env, tags: [], pending: 0, drift: [], findings: none, ...c });
const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

const status: WorkspaceStatus = {
  envs: ['dev', 'prod'],
  apps: [
    {
      app: 'api',
      dir: 'apps/api',
      cells: [
        cell('dev', { tags: ['1.4.1-rc.20261130.build-7731-abcdef'], pending: 2, drift: ['debug'], findings: { error: 0, warning: 1, info: 2 }, tagAt: { file: 'apps/api/values-dev.yaml', line: 3, column: 8 } }),
        cell('prod', { tags: ['1.4.0'], findings: { error: 1, warning: 0, info: 0 } }),
      ],
      findings: [],
    },
    { app: 'web|site', dir: 'apps/web', cells: [cell('dev', { tags: [''] }), cell('prod', { digest: DIGEST, tags: ['1.0'] })], findings: [] },
  ],
  pending: [
    {
      app: 'api',
      from: 'dev',
      to: 'prod',
      file: 'apps/api/values-prod.yaml',
      changes: [
        { path: ['image', 'tag'], key: 'image.tag', from: '1.4.1', to: '1.4.0', secret: false },
        { path: ['db', 'password'], key: 'db.password', from: 'hunter2', to: undefined, secret: true },
      ],
    },
  ],
};

describe('a status cell as people read it', () => {
  it('shows the tags, an empty tag, no image key, or the start of a digest', () => {
    expect(imageText(cell('dev', { tags: ['1.2', '1.3'] }))).toBe('1.2/1.3');
    expect(imageText(cell('dev', { tags: ['', '1.3'] }))).toBe('(empty)/1.3');
    expect(imageText(cell('dev'))).toBe('-');
    expect(imageText(cell('dev', { tags: ['1.0'], digest: DIGEST }))).toBe('@sha256:0123456789ab');
    expect(imageText(cell('dev', { digest: DIGEST }), 4)).toBe('@sha256:0123');
  });

  it('marks pending changes, drift and the sum of every finding, leaving out what is zero', () => {
    expect(marksText(cell('dev', { pending: 3, drift: ['a', 'b'], findings: { error: 1, warning: 2, info: 4 } }))).toBe('>3 ~2 !7');
    expect(marksText(cell('dev', { findings: { error: 0, warning: 0, info: 1 } }))).toBe('!1');
    expect(marksText(cell('dev'))).toBe('');
  });

  it('reads the deployed tag as YAML wrote it, and finds the image key the chart uses', () => {
    expect([tagText('1.2'), tagText(1.2), tagText(null), tagText(undefined)]).toEqual(['1.2', '1.2', '', '']);
    expect(deployedImagePath({ image: { repository: 'r', tag: '1' } })).toEqual({ tag: ['image', 'tag'], digest: undefined });
    expect(deployedImagePath({ image: { digest: DIGEST } })).toEqual({ tag: undefined, digest: ['image', 'digest'] });
    expect(deployedImagePath({ image: { digest: 'latest' }, worker: { image: { tag: '2' } } })).toEqual({ tag: ['worker', 'image', 'tag'] });
    expect(deployedImagePath({ image: 'nginx:1', name: 'x' })).toEqual({});
    expect(deployedImagePath({ sidecar: { image: { tag: '2' } }, image: { tag: '1' } })).toEqual({ tag: ['image', 'tag'], digest: undefined });
  });

  it('shows a planned value as JSON, (unset) when that side has none, <redacted> for a secret', () => {
    const change = { path: ['db', 'password'], from: 'hunter2', to: undefined, secret: true };
    expect([shownChange(change, 'from'), shownChange(change, 'to')]).toEqual(['<redacted>', '(unset)']);
    expect(shownChange({ path: ['image', 'tag'], from: '1.4.1', to: 3, secret: false }, 'to')).toBe('3');
    expect(shownChange({ path: ['image', 'tag'], from: '1.4.1', to: 3, secret: false }, 'from')).toBe('"1.4.1"');
  });
});

describe('gitops status as a table', () => {
  it('prints one row per app, one column per env, marks after the tag, then the legend', () => {
    expect(formatStatusTable(status, { wide: true }).split('\n')).toEqual([
      'APP       DEV                                           PROD',
      'api       1.4.1-rc.20261130.build-7731-abcdef >2 ~1 !3  1.4.0 !1',
      'web|site  (empty)                                       @sha256:0123456789ab',
      '',
      LEGEND,
      '',
    ]);
  });

  it('fits 40 columns by shrinking the widest column first, abbreviating the middle of a tag, keeping its marks whole, and breaks the legend', () => {
    expect(formatStatusTable(status, { width: 40 }).split('\n')).toEqual([
      'APP       DEV             PROD',
      'api       1.…ef >2 ~1 !3  1.4.0 !1',
      'web|site  (empty)         @sha256…6789ab',
      '',
      '>N promotable changes pending to the next env',
      '~N keys only this env sets (drift)',
      '!N validate findings',
      '',
    ]);
  });

  it('shrinks the left of two equally wide columns first, and the app column when it is the widest', () => {
    const two = (app: string, dev: string, prod: string): WorkspaceStatus => ({ envs: ['dev', 'prod'], apps: [{ app, dir: 'apps/x', cells: [cell('dev', { tags: [dev] }), cell('prod', { tags: [prod] })], findings: [] }], pending: [] });
    const tie = two('api', '2026.11.30-abcdef12345', '2026.11.30-0123456789a');
    // one character too wide: the dev column gives it
    expect(formatStatusTable(tie, { width: 50 }).split('\n').slice(0, 2)).toEqual(['APP  DEV                    PROD', 'api  2026.11.30…bcdef12345  2026.11.30-0123456789a']);
    // two: each gives one
    expect(formatStatusTable(tie, { width: 49 }).split('\n')[1]).toBe('api  2026.11.30…bcdef12345  2026.11.30…123456789a');
    const longName = two('payments-reconciliation-worker', '2026.11.30', '2026.11.29');
    expect(formatStatusTable(longName, { width: 40 }).split('\n').slice(0, 2)).toEqual(['APP               DEV         PROD', 'payments…-worker  2026.11.30  2026.11.29']);
  });

  it('abbreviates an env header too long for its column in the middle, like a tag', () => {
    const wide: WorkspaceStatus = { envs: ['eu-west-production-canary-2026'], apps: [{ app: 'api', dir: 'apps/api', cells: [cell('eu-west-production-canary-2026', { tags: ['1.4.1'] })], findings: [] }], pending: [] };
    expect(formatStatusTable(wide, { width: 25 }).split('\n').slice(0, 2)).toEqual(['APP  EU-WEST-PR…NARY-2026', 'api  1.4.1']);
    expect(formatStatusTable(wide, { wide: true }).split('\n')[0]).toBe('APP  EU-WEST-PRODUCTION-CANARY-2026');
  });

  it('abbreviates in the middle, to exactly the width asked', () => {
    expect(abbreviate('1.4.1-rc.7731', 13)).toBe('1.4.1-rc.7731');
    expect(abbreviate('1.4.1-rc.7731', 7)).toBe('1.4…731');
    expect(abbreviate('1.4.1-rc.7731', 6)).toBe('1.4…31');
    expect(abbreviate('1.4.1-rc.7731', 1)).toBe('1');
  });

  it('says so when there is no app', () => {
    expect(formatStatusTable({ envs: ['dev'], apps: [], pending: [] })).toBe('No apps.\n');
    expect(formatStatusMarkdown({ envs: ['dev'], apps: [], pending: [] })).toBe('### What runs where\nNo apps.\n');
  });
});

describe('gitops status for machines and job summaries', () => {
  it('writes Markdown whose cells cannot break the table, with the pending promotions, secrets redacted', () => {
    expect(formatStatusMarkdown(status, { title: 'Fleet' }).split('\n')).toEqual([
      '### Fleet',
      '',
      '| app | dev | prod |',
      '|---|---|---|',
      '| api | `1.4.1-rc.20261130.build-7731-abcdef`<br>⬆ 2 to promote<br>≠ 1 only here<br>⚠ 3 | `1.4.0`<br>❌ 1 |',
      '| web\\|site | `(empty)` | `@sha256:0123456789ab` |',
      '',
      '⬆ promotable changes pending to the next env · ≠ keys only this env sets · ❌ errors, ⚠ other validate findings',
      '',
      '<details><summary>Pending promotions (2)</summary>',
      '',
      '| app | from → to | key | now | promoted |',
      '|---|---|---|---|---|',
      '| api | dev → prod | `image.tag` | `"1.4.0"` | `"1.4.1"` |',
      '| api | dev → prod | `db.password` | `(unset)` | `<redacted>` |',
      '',
      '</details>',
      '',
    ]);
  });

  it('writes JSON with every cell by env and the pending changes, secrets redacted', () => {
    expect(statusJson(status)).toStrictEqual({
      envs: ['dev', 'prod'],
      apps: [
        {
          app: 'api',
          dir: 'apps/api',
          envs: {
            dev: { tags: ['1.4.1-rc.20261130.build-7731-abcdef'], pending: 2, drift: ['debug'], findings: { error: 0, warning: 1, info: 2 }, tagAt: { file: 'apps/api/values-dev.yaml', line: 3, column: 8 } },
            prod: { tags: ['1.4.0'], pending: 0, drift: [], findings: { error: 1, warning: 0, info: 0 } },
          },
          findings: 0,
        },
        { app: 'web|site', dir: 'apps/web', envs: { dev: { tags: [''], pending: 0, drift: [], findings: none }, prod: { digest: DIGEST, tags: ['1.0'], pending: 0, drift: [], findings: none } }, findings: 0 },
      ],
      pending: [
        {
          app: 'api',
          from: 'dev',
          to: 'prod',
          file: 'apps/api/values-prod.yaml',
          changes: [
            { key: 'image.tag', now: '1.4.0', promoted: '1.4.1' },
            { key: 'db.password', now: '<redacted>', promoted: '<redacted>' },
          ],
        },
      ],
    });
  });

  it('keeps a cell to one table row and one code span, whatever its tag holds', () => {
    const odd: WorkspaceStatus = { envs: ['dev'], apps: [{ app: 'api', dir: 'apps/api', cells: [cell('dev', { tags: ['1.0`x\r\n\\y'] })], findings: [] }], pending: [] };
    expect(formatStatusMarkdown(odd).split('\n')).toEqual([
      '### What runs where',
      '',
      '| app | dev |',
      '|---|---|',
      "| api | `1.0'x \\\\y` |",
      '',
      '⬆ promotable changes pending to the next env · ≠ keys only this env sets · ❌ errors, ⚠ other validate findings',
      '',
    ]);
  });
});

describe('gitops status in a narrow terminal', () => {
  const narrow: WorkspaceStatus = {
    envs: ['dev', 'staging'],
    apps: [{ app: 'payments-api', dir: 'apps/api', cells: [cell('dev', { tags: ['1.4.1-rc'], pending: 2, drift: ['a'] }), cell('staging', { tags: ['dev-latest'], pending: 12, drift: ['a', 'b', 'c', 'd', 'e', 'f', 'g'], findings: { error: 3, warning: 0, info: 0 } })], findings: [] }],
    pending: [],
  };

  it('never shrinks the app column below 8 characters nor an env column below 6, and then gives up rather than loop', () => {
    expect(formatStatusTable(narrow, { width: 10 }).split('\n').slice(0, 2)).toEqual(['APP       DEV     STA…NG', 'paym…api  1.4…~1  dev…!3']);
  });

  it('shows every character with --wide, whatever the width', () => {
    expect(formatStatusTable(narrow, { wide: true, width: 10 }).split('\n').slice(0, 2)).toEqual(['APP           DEV             STAGING', 'payments-api  1.4.1-rc >2 ~1  dev-latest >12 ~7 !3']);
  });

  it('abbreviates a long app name in the middle', () => {
    const long: WorkspaceStatus = { envs: ['dev'], apps: [{ app: 'payments-gateway-reconciliation-service1', dir: 'apps/p', cells: [cell('dev', { tags: ['1.0'] })], findings: [] }], pending: [] };
    expect(formatStatusTable(long, { width: 30 }).split('\n')[1]).toBe('payments-gat…ion-service1  1.0');
  });

  it('prints the legend on one line when the terminal is exactly as wide as it', () => {
    expect(formatStatusTable(narrow, { width: LEGEND.length }).split('\n').slice(-3)).toEqual(['', LEGEND, '']);
    expect(formatStatusTable(narrow, { width: LEGEND.length - 1 }).split('\n').slice(-4)).toEqual(['>N promotable changes pending to the next env', '~N keys only this env sets (drift)', '!N validate findings', '']);
  });

  it('leaves out the pending promotions when there are none', () => {
    expect(formatStatusMarkdown(narrow)).not.toContain('<details>');
    expect(formatStatusMarkdown(narrow).split('\n')).toHaveLength(8);
  });
});


describe('a tag Argo CD sets when it syncs', () => {
  const revision = { value: '$ARGOCD_APP_REVISION', variables: ['ARGOCD_APP_REVISION'] };
  const synced: WorkspaceStatus = {
    envs: ['staging', 'prod'],
    apps: [{ app: 'api', dir: 'apps/api', cells: [cell('staging', { tags: ['1.4.0'] }), cell('prod', { atSync: [revision], drift: ['a'] })], findings: [] }],
    pending: [],
  };

  it('shows its variables as placeholders, beside the tags of other clusters, and never over a digest', () => {
    expect(imageText(cell('prod', { atSync: [revision] }))).toBe('<ARGOCD_APP_REVISION>');
    expect(imageText(cell('prod', { tags: ['1.4.0'], atSync: [{ value: 'v-${ARGOCD_APP_REVISION_SHORT}', variables: ['ARGOCD_APP_REVISION_SHORT'] }] }))).toBe('1.4.0/v-<ARGOCD_APP_REVISION_SHORT>');
    expect(imageText(cell('prod', { atSync: [revision], digest: DIGEST }))).toBe('@sha256:0123456789ab');
    expect(syncText(cell('prod', { atSync: [revision] }))).toBe('set by Argo CD when it syncs, from its build environment (ARGOCD_APP_REVISION: the commit Argo CD syncs)');
    expect(syncText(cell('prod', { tags: ['1.0'] }))).toBe('');
  });

  it('says in the legend what the variable stands for, on lines that fit the terminal', () => {
    expect(formatStatusTable(synced, { wide: true }).split('\n')).toEqual([
      'APP  STAGING  PROD',
      'api  1.4.0    <ARGOCD_APP_REVISION> ~1',
      '',
      LEGEND,
      '<NAME> set by Argo CD when it syncs (ARGOCD_APP_REVISION: the commit Argo CD syncs)',
      '',
    ]);
    expect(formatStatusTable(synced, { width: 60 }).split('\n').slice(-3)).toEqual(['<NAME> set by Argo CD when it syncs:', '  ARGOCD_APP_REVISION: the commit Argo CD syncs', '']);
    expect(formatStatusTable({ ...synced, apps: [] })).not.toContain('<NAME>');
    // a line exactly as wide as the terminal still fits
    const line = '<NAME> set by Argo CD when it syncs (ARGOCD_APP_REVISION: the commit Argo CD syncs)';
    expect(syncLegend(synced, line.length)).toEqual([line]);
    expect(syncLegend(synced, line.length - 1)).toHaveLength(2);
  });

  it('keeps the placeholder in code in Markdown, where <NAME> would be an HTML tag', () => {
    const md = formatStatusMarkdown(synced);
    expect(md).toContain('| api | `1.4.0` | `<ARGOCD_APP_REVISION>`<br>≠ 1 only here |');
    expect(md).toContain('· `<NAME>` set by Argo CD when it syncs (ARGOCD_APP_REVISION: the commit Argo CD syncs)');
  });

  it('gives machines the value as written and the variables it names, apart from the tags', () => {
    expect((statusJson(synced) as { apps: { envs: Record<string, unknown> }[] }).apps[0].envs.prod).toEqual({ tags: [], atSync: [revision], pending: 0, drift: ['a'], findings: none });
  });
});
