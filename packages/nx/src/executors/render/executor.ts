import { hasErrors, renderApp, report, writeRendered } from '@hvm/core';
import { batchExecutor, perTaskExecutor, type AppTask } from '../../utils/app-task';
import type { RenderExecutorSchema } from './schema';

export const renderTask: AppTask<RenderExecutorSchema> = (ws, app, options) => {
  const r = renderApp(ws, app, { envs: options.env });
  const notes = r.notes.map((n) => `note: ${n}\n`).join('');
  if (hasErrors(r.findings)) return { success: false, output: notes + report(r.findings, 'text') };
  // Envs not asked for keep their previous output; an env gone from gitops.yaml loses it.
  const keep = options.env ? ws.config.environments.map((e) => e.name).filter((e) => !options.env?.includes(e)) : [];
  writeRendered(ws.root, app, r.files, { keep });
  return { success: true, output: `${notes}${r.files.length} files in dist/rendered/${app}/\n` };
};

export default perTaskExecutor(renderTask);
export const batchRender = batchExecutor(renderTask);
