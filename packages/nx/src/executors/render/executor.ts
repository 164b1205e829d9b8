import { hasErrors, renderApp, report, writeRendered } from '@hvm/core';
import { batchExecutor, perTaskExecutor, type AppTask } from '../../utils/app-task';
import type { RenderExecutorSchema } from './schema';

export const renderTask: AppTask<RenderExecutorSchema> = (ws, app, options) => {
  const r = renderApp(ws, app, { envs: options.env });
  const notes = r.notes.map((n) => `note: ${n}\n`).join('');
  if (hasErrors(r.findings)) return { success: false, output: notes + report(r.findings, 'text') };
  writeRendered(ws.root, app, r.files);
  return { success: true, output: `${notes}${r.files.length} files in dist/rendered/${app}/\n` };
};

export default perTaskExecutor(renderTask);
export const batchRender = batchExecutor(renderTask);
