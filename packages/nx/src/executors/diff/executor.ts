import { diffEnvs, envDiffJson, formatEnvDiff } from '@helm-values-manager/core';
import { perTaskExecutor, type AppTask } from '../../utils/app-task';
import type { DiffExecutorSchema } from './schema';

export const diffTask: AppTask<DiffExecutorSchema> = (ws, app, { from, to, format }) => {
  const d = diffEnvs(ws, app, from, to);
  return { success: true, output: format === 'json' ? `${JSON.stringify(envDiffJson(d), null, 2)}\n` : formatEnvDiff(d) };
};

export default perTaskExecutor(diffTask);
