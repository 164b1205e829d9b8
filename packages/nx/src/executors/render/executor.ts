import { hasErrors, renderApp, report, writeRendered } from '@helm-values-manager/core';
import { batchExecutor, perTaskExecutor, type AppTask } from '../../utils/app-task';
import { helmFor } from '../../utils/helm';
import type { RenderExecutorSchema } from './schema';

export const renderTask: AppTask<RenderExecutorSchema> = async (ws, app, options) => {
  const helm = helmFor(ws, options.helm);
  const r = await renderApp(ws, app, { envs: options.env, helm: helm?.run ?? null });
  const notes = r.notes.map((n) => `note: ${n}\n`).join('');
  const findings = r.findings.length > 0 ? report(r.findings, 'text') : '';
  // A manifest its schema refuses, or input that cannot be read: nothing half-rendered is written.
  if (r.findings.some((f) => f.severity === 'error' && (f.rule === 'manifest-schema' || f.rule === 'input'))) return { success: false, output: notes + findings };
  // Envs not asked for keep their previous output; an env gone from gitops.yaml loses it.
  const keep = options.env ? ws.config.environments.map((e) => e.name).filter((e) => !options.env?.includes(e)) : [];
  writeRendered(ws.root, app, r.files, { keep });
  return { success: !hasErrors(r.findings), output: `${notes}${findings}${r.files.length} files in dist/rendered/${app}/\n` };
};

export default perTaskExecutor(renderTask);
export const batchRender = batchExecutor(renderTask);
