import { findHelm, formatRenderedDiff, NO_HELM_NOTE, renderedEnvDiff, UserError } from '@helm-values-manager/core';
import { renderedChangesAgainst } from '@helm-values-manager/promote';
import { perTaskExecutor, type AppTask } from '../../utils/app-task';
import type { RenderedDiffExecutorSchema } from './schema';

export const renderedDiffTask: AppTask<RenderedDiffExecutorSchema> = async (ws, app, { against, from, to, format = 'text', helm: flag }) => {
  const helm = findHelm({ flag, configured: ws.config.helm.binary, root: ws.root });
  if (!helm) throw new UserError(NO_HELM_NOTE, { hint: 'A rendered diff runs helm template: install helm, or name one with --helm.' });
  if (against) {
    const { diffs, notCharts } = await renderedChangesAgainst(ws, against, helm.run, app);
    const note = notCharts.length > 0 ? `note: ${app} is not a chart (no Chart.yaml): its manifests are not rendered\n` : '';
    return { success: true, output: note + formatRenderedDiff(diffs, format, `${app}: no rendered manifest changes against ${against}.`) };
  }
  if (!from || !to) throw new UserError('rendered-diff needs --against=REF, or --from=ENV and --to=ENV', { hint: `nx run ${app}:rendered-diff --against=origin/main` });
  const d = await renderedEnvDiff(ws, app, from, to, helm.run);
  return { success: true, output: formatRenderedDiff([d].filter((x) => x.changes.length > 0), format, `${app}: ${from} and ${to} render the same manifests (but for their names).`) };
};

export default perTaskExecutor(renderedDiffTask);
