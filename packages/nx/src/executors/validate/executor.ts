import { sortFindings, validateRendered } from '@helm-values-manager/core';
import { batchExecutor, perTaskExecutor, type AppTask } from '../../utils/app-task';
import { appRoots, ownedWorkspaceFindings } from '../../utils/finding-owner';
import { findingsResult } from '../../utils/findings-output';
import { helmFor } from '../../utils/helm';
import type { ValidateExecutorSchema } from './schema';

/**
 * The app's checks, a chart's on its rendered manifests when helm is there (else a note says what
 * that weakens), with the workspace findings about files in its folder (a values file nothing
 * layers); the workspace project's own findings, every other workspace finding.
 */
export const validateTask: AppTask<ValidateExecutorSchema> = async (ws, project, options, projects) => {
  const roots = appRoots(projects);
  if (options.workspace) return findingsResult(ws.root, 'validate', project, ownedWorkspaceFindings(ws, roots, undefined), options.format);
  const helm = helmFor(ws, options.helm);
  const r = await validateRendered(ws, project, { envs: options.env, helm: helm?.run ?? null });
  // Run on one env (--env), the app's files are still every env's: its own workspace findings stay.
  const root = projects[project]?.root;
  const own = root ? ownedWorkspaceFindings(ws, roots, root) : [];
  const result = findingsResult(ws.root, 'validate', project, sortFindings([...r.findings, ...own]), options.format);
  // JSON output stays parseable: the notes are for readers of the text
  const notes = options.format === 'json' ? '' : r.notes.map((n) => `note: ${n}\n`).join('');
  return { ...result, output: notes + result.output };
};

// An app's validate reads only what it needs; the workspace project's answers for every Application.
const scopable = (options: ValidateExecutorSchema) => !options.workspace;
export default perTaskExecutor(validateTask, scopable);
export const batchValidate = batchExecutor(validateTask, scopable);
