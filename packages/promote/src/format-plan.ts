import { createHash } from 'node:crypto';
import { REDACTED, shownChange } from '@helm-values-manager/core';
import type { Change, PromotionPlan } from './plan';

/** A value as people see it in a plan, a commit or a PR: JSON, or <redacted> for a secret. */
export function shown(c: Change, side: 'from' | 'to'): string {
  return shownChange(c, side);
}

const targets = (plan: PromotionPlan) => plan.to.join(', ');

export function formatPlanText(plan: PromotionPlan): string {
  const lines = [`Promotion ${plan.from} -> ${targets(plan)}: ${countChanges(plan)} change${countChanges(plan) === 1 ? '' : 's'} in ${plan.apps.length} app${plan.apps.length === 1 ? '' : 's'}`];
  for (const p of plan.apps) {
    lines.push(`  ${p.app} (${p.overlayFile}${p.kind === 'parameter' ? ': Argo CD helm.parameters' : ''})`);
    for (const c of p.changes) lines.push(`    ${c.key}: ${shown(c, 'to')} -> ${shown(c, 'from')}${c.at ? `  [${c.at.file}:${c.at.line}]` : ''}`);
  }
  for (const s of plan.skipped) lines.push(`  not promoted: ${s.app} ${s.to} ${s.key}: ${s.reason}`);
  return `${lines.join('\n')}\n`;
}

export function formatPlanJson(plan: PromotionPlan): string {
  return `${JSON.stringify(
    {
      from: plan.from,
      to: plan.to,
      apps: plan.apps.map((p) => ({
        app: p.app,
        to: p.to,
        file: p.overlayFile,
        kind: p.kind,
        changes: p.changes.map((c) => ({ key: c.key, from: c.secret ? REDACTED : c.to ?? null, to: c.secret ? REDACTED : c.from })),
      })),
      skipped: plan.skipped,
    },
    null,
    2,
  )}\n`;
}

/**
 * User-controlled text (app, env, key, value) as inline code that nothing in it can break out
 * of: the fence is one backtick longer than any run of backticks inside (CommonMark), so
 * `@mentions`, HTML and Markdown stay inert text. In a table cell `|` is escaped as GFM asks.
 */
export function mdCode(s: string): string {
  const text = s.replace(/\r?\n|\r/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // a space keeps a leading or trailing backtick apart from the fence; CommonMark strips one on each side
  const pad = /^[` ]|[` ]$/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** The table of a PR body: app, key, the target's current value, the promoted value. */
export function formatPlanMarkdown(plan: PromotionPlan): string {
  const rows = plan.apps.flatMap((p) => p.changes.map((c) => `| ${mdCode(p.app)} | ${mdCode(p.to)} | ${mdCode(c.key)} | ${mdCode(shown(c, 'to'))} | ${mdCode(shown(c, 'from'))} |`));
  return ['| app | env | key | now | promoted |', '|---|---|---|---|---|', ...rows].join('\n') + '\n';
}

export function countChanges(plan: PromotionPlan): number {
  return plan.apps.reduce((n, p) => n + p.changes.length, 0);
}

/**
 * The branch a plan is pushed to: the same plan gives the same name, so a re-run updates its
 * branch and PR instead of opening another.
 */
export function branchName(plan: PromotionPlan): string {
  const apps = [...new Set(plan.apps.map((p) => p.app))].sort();
  const hash = createHash('sha256').update(apps.join('\n')).digest('hex').slice(0, 10);
  const scope = apps.length === 1 ? apps[0] : hash;
  return `promote/${plan.from}-to-${plan.to.join('+')}/${scope}`;
}

export function prTitle(plan: PromotionPlan): string {
  const apps = [...new Set(plan.apps.map((p) => p.app))];
  return `Promote ${apps.length === 1 ? apps[0] : `${apps.length} apps`} from ${plan.from} to ${targets(plan)}`;
}

/** One line per change, then trailers that say where it came from. No secret in it, ever. */
export function commitMessage(plan: PromotionPlan, sourceSha: string): string {
  const lines = [prTitle(plan), ''];
  for (const p of plan.apps) for (const c of p.changes) lines.push(`- ${p.app} (${p.to}): ${c.key} ${shown(c, 'to')} -> ${shown(c, 'from')}`);
  lines.push('', `Promoted-From: ${plan.from}@${sourceSha}`, `Promoted-To: ${targets(plan)}`);
  return `${lines.join('\n')}\n`;
}

export function prBody(plan: PromotionPlan, opts: { sourceSha: string; validation: string }): string {
  return [
    `Promotes ${countChanges(plan)} value${countChanges(plan) === 1 ? '' : 's'} from ${mdCode(plan.from)} to ${plan.to.map(mdCode).join(', ')}, as \`gitops promote\` planned them from ${mdCode(`${plan.from}@${opts.sourceSha.slice(0, 12)}`)}.`,
    '',
    formatPlanMarkdown(plan),
    `Source commit: ${opts.sourceSha}`,
    '',
    `Validation of the promoted envs: ${opts.validation}`,
    '',
    'Only promotable keys are copied (image tags and the allowlist in gitops.yaml); secret-like values show as `<redacted>`.',
    '',
  ].join('\n');
}
