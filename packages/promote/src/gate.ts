import { hasErrors, loadArgoModel, validateApp, withFileContents, type Check, type Finding, type Resolutions, type Workspace } from '@helm-values-manager/core';
import type { EditedFile } from './edits';
import type { PromotionPlan } from './plan';

export interface GateResult {
  ok: boolean;
  /** Every finding of the promoted apps in their targets, after the edits. */
  findings: Finding[];
  /** The findings the edits bring in: those the target did not have before. Only these can refuse a promotion. */
  introduced: Finding[];
}

/** A finding's identity across an edit: positions move, what it says about which value does not. */
const identity = (f: Finding) => [f.rule, f.app ?? '', f.env ?? '', f.path ?? '', f.message].join('\0');

/**
 * Validate each promoted app in its target env as it would be after the edits, before any file
 * is written, and compare with the target as it is: an old unrelated warning or error never
 * blocks a promotion, one the promotion introduces does. Every validate check runs unless
 * `checks` says otherwise. `resolutions` (those the plan made) serve the targets as they are, never
 * the edited text.
 */
export function gate(ws: Workspace, plan: PromotionPlan, files: EditedFile[], checks?: Check[], resolutions?: Resolutions): GateResult {
  const targets = [...new Map(plan.apps.map((p) => [`${p.app}\0${p.to}`, p] as const)).values()];
  const run = (w: Workspace, r?: Resolutions) => targets.flatMap((p) => validateApp(w, p.app, { envs: [p.to], checks, resolutions: r }));
  const before = new Set(run(ws, resolutions).map(identity));
  const contents = new Map(files.map((f) => [f.absPath, f.after]));
  // An edited Application changes what Argo CD deploys: read the Applications again from the edited
  // text, app-of-apps charts rendered as before (without helm the Applications they create vanish).
  const findings = withFileContents(contents, () => run({ ...ws, argo: loadArgoModel(ws.root, ws.config, ws.argoHelm) }));
  const introduced = findings.filter((f) => !before.has(identity(f)));
  return { ok: !hasErrors(introduced), findings, introduced };
}
