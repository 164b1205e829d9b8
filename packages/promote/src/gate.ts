import { hasErrors, validateApp, withFileContents, type Check, type Finding, type Workspace } from '@hvm/core';
import type { EditedFile } from './edits';
import type { PromotionPlan } from './plan';

/**
 * Validate each promoted app in its target env as it would be after the edits, before any file
 * is written. Every validate check runs unless `checks` says otherwise.
 */
export function gate(ws: Workspace, plan: PromotionPlan, files: EditedFile[], checks?: Check[]): { ok: boolean; findings: Finding[] } {
  const contents = new Map(files.map((f) => [f.absPath, f.after]));
  const findings = withFileContents(contents, () => plan.apps.flatMap((p) => validateApp(ws, p.app, { envs: [p.to], checks })));
  return { ok: !hasErrors(findings), findings };
}
