import { findWorkspaceRoot, loadWorkspace, report, summary, UserError } from '@hvm/core';
import { branchName, commitMessage, computeEdits, formatPlanJson, formatPlanMarkdown, formatPlanText, gate, headSha, planPromotion, prBody, prTitle, publish, writeEdits, type PromotionPlan } from '@hvm/promote';
import type { Command } from '../command';

const FORMATS: Record<string, (p: PromotionPlan) => string> = { text: formatPlanText, json: formatPlanJson, markdown: formatPlanMarkdown };

export const promoteCommand: Command = {
  name: 'promote',
  summary: 'Copy image tags and vetted values from one env to the next: edit the overlays, or push a branch and open (or update) one PR',
  usage: 'gitops promote --from ENV [--to ENV]... [--app APP]... [--dry-run] [--format text|json|markdown] [--push] [--pr] [--per-app] [--draft] [--force]',
  arity: [0, 0],
  options: {
    from: { type: 'string' },
    to: { type: 'string', multiple: true },
    app: { type: 'string', multiple: true },
    'dry-run': { type: 'boolean', default: false },
    format: { type: 'string', default: 'text' },
    push: { type: 'boolean', default: false },
    pr: { type: 'boolean', default: false },
    'per-app': { type: 'boolean', default: false },
    draft: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
  },
  async run({ values }, io) {
    if (!values.from) throw new UserError('--from is required', { hint: `Usage: ${promoteCommand.usage}` });
    const format = FORMATS[values.format as string];
    if (!format) throw new UserError(`unknown format "${String(values.format)}"`, { hint: 'Use text, json or markdown.' });
    const ws = loadWorkspace(findWorkspaceRoot(io.cwd));
    const plan = planPromotion(ws, { from: values.from as string, to: values.to as string[] | undefined, apps: values.app as string[] | undefined, force: values.force as boolean });
    if (plan.apps.length === 0) {
      io.stdout(`Nothing to promote from ${plan.from} to ${plan.to.join(', ')}.\n`);
      return 0;
    }
    io.stdout(format(plan));
    if (values['dry-run']) return 0;

    const files = computeEdits(ws, plan);
    const checked = gate(ws, plan, files);
    if (!checked.ok) {
      io.stdout(report(checked.findings, 'text', { color: io.color }));
      io.stderr(`error: the promoted values do not pass validate in ${plan.to.join(', ')}; nothing was written or pushed\n`);
      return 1;
    }
    if (!values.push && !values.pr) {
      writeEdits(files);
      io.stdout(`Edited ${files.map((f) => f.file).join(', ')}. Review with git diff, then commit (or re-run with --pr).\n`);
      return 0;
    }
    const pr = ws.config.promotion.pullRequest;
    const parts: PromotionPlan[] = values['per-app'] ? plan.apps.map((a) => ({ ...plan, apps: [a] })) : [plan];
    for (const part of parts) {
      const partFiles = computeEdits(ws, part);
      const sourceSha = await headSha(ws.root);
      const result = await publish({
        root: ws.root,
        branch: branchName(part),
        files: partFiles,
        commitMessage: commitMessage(part, sourceSha),
        title: prTitle(part),
        body: prBody(part, { sourceSha, validation: summary(checked.findings) }),
        labels: [...new Set([...pr.labels, ...part.to.map((t) => `env/${t}`)])],
        reviewers: pr.reviewers,
        teamReviewers: pr.teamReviewers,
        draft: (values.draft as boolean) || pr.draft,
        pr: values.pr as boolean,
        base: pr.base,
        env: io.env,
        log: (line) => io.stdout(`${line}\n`),
      });
      if (!result.pr) io.stdout(`Pushed ${result.branch}.\n`);
    }
    return 0;
  },
};
