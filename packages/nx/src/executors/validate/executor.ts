import { validateRendered, workspaceFindings } from '@helm-values-manager/core';
import { batchExecutor, perTaskExecutor, type AppTask } from '../../utils/app-task';
import { findingsResult } from '../../utils/findings-output';
import { helmFor } from '../../utils/helm';
import type { ValidateExecutorSchema } from './schema';

/** The app's checks, a chart's on its rendered manifests when helm is there (else a note says what that weakens); the workspace project's own findings. */
export const validateTask: AppTask<ValidateExecutorSchema> = async (ws, project, options) => {
  if (options.workspace) return findingsResult(ws.root, 'validate', project, workspaceFindings(ws), options.format);
  const helm = helmFor(ws, options.helm);
  const r = await validateRendered(ws, project, { envs: options.env, helm: helm?.run ?? null });
  const result = findingsResult(ws.root, 'validate', project, r.findings, options.format);
  // JSON output stays parseable: the notes are for readers of the text
  const notes = options.format === 'json' ? '' : r.notes.map((n) => `note: ${n}\n`).join('');
  return { ...result, output: notes + result.output };
};

export default perTaskExecutor(validateTask);
export const batchValidate = batchExecutor(validateTask);
