import { validateApp } from '@helm-values-manager/core';
import { batchExecutor, perTaskExecutor, type AppTask } from '../../utils/app-task';
import { findingsResult } from '../../utils/findings-output';
import type { ValidateExecutorSchema } from './schema';

export const validateTask: AppTask<ValidateExecutorSchema> = (ws, app, options) =>
  findingsResult(ws.root, 'validate', app, validateApp(ws, app, { envs: options.env }), options.format);

export default perTaskExecutor(validateTask);
export const batchValidate = batchExecutor(validateTask);
