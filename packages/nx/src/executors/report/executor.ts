import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { isUserError } from '@helm-values-manager/core';
import { loadNxWorkspace } from '../../utils/nx-workspace';
import { writeStatusPage } from '@helm-values-manager/promote';
import type { ReportExecutorSchema } from './schema';

/** `nx run gitops:report`: the same page as `gitops report -o html --out dist/reports/status.html`. */
export default async function reportExecutor(options: ReportExecutorSchema, context: ExecutorContext): Promise<{ success: boolean }> {
  const output = options.output ?? 'dist/reports/status.html';
  try {
    writeStatusPage(loadNxWorkspace(context.root), join(context.root, output), { envs: options.env });
    process.stdout.write(`wrote ${output}\n`);
    return { success: true };
  } catch (e) {
    if (!isUserError(e)) throw e;
    process.stderr.write(`error: ${e.format()}\n`);
    return { success: false };
  }
}
