import { validateApp, workspaceFindings } from '@helm-values-manager/core';
import { batchExecutor, perTaskExecutor, type AppTask } from '../../utils/app-task';
import { findingsResult } from '../../utils/findings-output';
import type { ValidateExecutorSchema } from './schema';

export const validateTask: AppTask<ValidateExecutorSchema> = (ws, project, options) =>
  findingsResult(ws.root, 'validate', project, options.workspace ? workspaceFindings(ws) : validateApp(ws, project, { envs: options.env }), options.format);

export default perTaskExecutor(validateTask);
export const batchValidate = batchExecutor(validateTask);
