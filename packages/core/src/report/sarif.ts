import { createHash } from 'node:crypto';
import type { Finding } from '../common';
import type { RuleMeta } from '../rules';
import { printable } from './printable';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;
/** docs/rules.md of the tool's repository (package.json `repository`, one heading per rule id). */
export const RULES_DOC_URL = rulesDocUrl((require('../../package.json') as { repository: { url: string } }).repository.url);

function rulesDocUrl(repository: string): string {
  return `${repository.replace(/^git\+/, '').replace(/\.git$/, '')}/blob/main/docs/rules.md`;
}

/**
 * SARIF 2.1.0 for GitHub code scanning: one run of the `gitops` tool, its rules described
 * from the catalog, each finding a result at a repository-relative location.
 */
export function formatSarif(findings: Finding[], rules: RuleMeta[]): string {
  const sorted = printable(findings);
  const used = [...new Set(sorted.map((f) => f.rule))].sort();
  const meta = new Map(rules.map((r) => [r.id, r]));
  const index = new Map(used.map((id, i) => [id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'gitops',
            informationUri: RULES_DOC_URL,
            rules: used.map((id) => {
              const r = meta.get(id);
              return {
                id,
                name: id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
                shortDescription: { text: r?.title ?? id },
                fullDescription: { text: r?.description ?? id },
                help: { text: r?.fix ?? `See docs/rules.md#${id}.`, markdown: r ? `${r.description}\n\n**Fix:** ${r.fix}` : undefined },
                helpUri: `${RULES_DOC_URL}#${id}`,
              };
            }),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///' } },
        results: sorted.map((f) => ({
          ruleId: f.rule,
          ruleIndex: index.get(f.rule),
          level: LEVEL[f.severity],
          message: { text: `${f.path ? `${f.path}: ` : ''}${f.message}${f.env ? ` [${f.env}]` : ''}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
                ...(f.line ? { region: { startLine: f.line, startColumn: f.column || 1 } } : {}),
              },
            },
          ],
          // Stable across runs and line moves, so code scanning tracks one alert per problem.
          partialFingerprints: { 'gitops/v1': createHash('sha256').update([f.rule, f.file, f.path ?? '', f.env ?? '', f.message].join('\0')).digest('hex').slice(0, 32) },
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
