import type { PendingPromotion, Resolutions, Workspace } from '@helm-values-manager/core';
import { planPromotion } from './plan';

/**
 * Every promotion the declared paths would make now, one per app and step: the plans
 * `gitops promote --from F --to T --dry-run` prints, for each path of gitops.yaml.
 */
export function pendingPromotions(ws: Workspace, apps?: string[], resolutions?: Resolutions): PendingPromotion[] {
  const out: PendingPromotion[] = [];
  for (const path of ws.config.promotion.paths) {
    for (const to of path.to) {
      const plan = planPromotion(ws, { from: path.from, to: [to], apps, resolutions });
      for (const p of plan.apps) out.push({ app: p.app, from: plan.from, to: p.to, file: p.overlayFile, changes: p.changes });
    }
  }
  return out;
}
