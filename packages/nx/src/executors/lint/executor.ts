import { lintApp } from '@helm-values-manager/core';
import { batchExecutor, perTaskExecutor, type AppTask } from '../../utils/app-task';
import { findingsResult } from '../../utils/findings-output';
import type { LintExecutorSchema } from './schema';

export const lintTask: AppTask<LintExecutorSchema> = (ws, app, options) => findingsResult(ws.root, 'lint', app, lintApp(ws, app), options.format);

export default perTaskExecutor(lintTask);
export const batchLint = batchExecutor(lintTask);
