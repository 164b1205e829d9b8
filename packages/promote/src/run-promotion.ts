import { join } from 'node:path';
import { CONFIG_FILE, newResolutions, redactText, report, summary, UserError, type Workspace } from '@helm-values-manager/core';
import { computeEdits, writeEdits } from './edits';
import { branchName, commitMessage, formatPlanJson, formatPlanMarkdown, formatPlanText, prBody, prTitle } from './format-plan';
import { gate } from './gate';
import { planPromotion, type PromotionPlan } from './plan';
import { headSha, publish } from './publish/index';

const FORMATS: Record<string, (p: PromotionPlan) => string> = { text: formatPlanText, json: formatPlanJson, markdown: formatPlanMarkdown };

export interface PromotionRequest {
  from: string;
  to?: string[];
  apps?: string[];
  dryRun?: boolean;
  format?: string;
  push?: boolean;
  pr?: boolean;
  perApp?: boolean;
  draft?: boolean;
  force?: boolean;
  /** Seconds the GitHub calls may take; promotion.pullRequest.timeoutSeconds otherwise. */
  githubTimeout?: number;
}

export interface PromotionIO {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  color?: boolean;
}

/**
 * A whole promotion, as `gitops promote` and the Nx `promote` target run it: plan; print it;
 * then (unless a dry run) validate the edits, and either write them to the working tree or
 * push a branch and open or update its pull request. Returns the exit code.
 */
export async function runPromotion(ws: Workspace, req: PromotionRequest, io: PromotionIO): Promise<number> {
  const format = FORMATS[req.format ?? 'text'];
  if (!format) throw new UserError(`unknown format "${req.format}"`, { hint: 'Use text, json or markdown.' });
  // The plan and the gate's look at the targets as they are resolve each app and env once.
  const resolutions = newResolutions();
  const plan = planPromotion(ws, { from: req.from, to: req.to, apps: req.apps, force: req.force, resolutions });
  if (plan.apps.length === 0) {
    io.out(`Nothing to promote from ${plan.from} to ${plan.to.join(', ')}.\n${plan.skipped.map((s) => `  not promoted: ${s.app} ${s.to} ${s.key}: ${s.reason}\n`).join('')}`);
    return 0;
  }
  io.out(format(plan));
  const files = computeEdits(ws, plan);
  const checked = gate(ws, plan, files, undefined, resolutions);
  // The verdict is for people: machine formats keep stdout to the plan alone.
  const verdict = (req.format ?? 'text') === 'text' ? io.out : io.err;
  if (!checked.ok) {
    verdict(report(checked.introduced, 'text', { color: io.color }));
    io.err(`error: the promotion brings findings into ${plan.to.join(', ')} (above); ${req.dryRun ? 'a real run would write nothing' : 'nothing was written or pushed'}\n`);
    return 1;
  }
  if (req.dryRun) {
    const old = checked.findings.length;
    verdict(`Gate: passes${old > 0 ? ` (${old} finding${old === 1 ? '' : 's'} already in ${plan.to.join(', ')}, none brought by this promotion)` : ''}. Dry run: nothing written.\n`);
    return 0;
  }
  if (!req.push && !req.pr) {
    writeEdits(ws.root, files, 'gitops promote');
    // The plan above names every app; past a few files the count says enough.
    const edited = files.length <= 5 ? files.map((f) => f.file).join(', ') : `${files.length} overlays`;
    io.out(`Edited ${edited}. Review with git diff, then commit (or re-run with --pr).\n`);
    return 0;
  }
  const settings = ws.config.promotion.pullRequest;
  const sourceSha = await headSha(ws.root);
  for (const part of req.perApp ? plan.apps.map((a) => ({ ...plan, apps: [a] })) : [plan]) {
    const result = await publish({
      root: ws.root,
      branch: branchName(part),
      files: computeEdits(ws, part),
      inputs: [join(ws.root, CONFIG_FILE), ...ws.argo.discovery.files.map((f) => join(ws.root, f)), ...ws.apps.filter((a) => part.apps.some((p) => p.app === a.name)).map((a) => join(ws.root, a.dir))],
      commitMessage: commitMessage(part, sourceSha),
      title: prTitle(part),
      body: prBody(part, { sourceSha, validation: summary(checked.findings) }),
      labels: [...new Set([...settings.labels, ...part.apps.map((a) => `env/${a.to}`)])],
      reviewers: settings.reviewers,
      teamReviewers: settings.teamReviewers,
      draft: Boolean(req.draft) || settings.draft,
      pr: Boolean(req.pr),
      base: settings.base,
      env: io.env,
      log: (line) => io.out(`${redactText(line)}\n`),
      timeoutSeconds: req.githubTimeout ?? settings.timeoutSeconds,
    });
    if (!result.pr) io.out(`Pushed ${result.branch}.\n`);
  }
  return 0;
}
