import type { ExecutorContext } from '@nx/devkit';
import { isOsError, isUserError, osUserError, redactText } from '@helm-values-manager/core';
import { loadNxWorkspace } from '../../utils/nx-workspace';
import { runPromotion } from '@helm-values-manager/promote';
import type { PromoteExecutorSchema } from './schema';

/** `nx run APP:promote --from=staging --to=prod`: the same promotion as `gitops promote --app APP`. */
export default async function promoteExecutor(options: PromoteExecutorSchema, context: ExecutorContext): Promise<{ success: boolean }> {
  const to = typeof options.to === 'string' ? [options.to] : options.to;
  try {
    const code = await runPromotion(loadNxWorkspace(context.root), { ...options, to, apps: [context.projectName as string] }, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(redactText(t)), env: process.env });
    return { success: code === 0 };
  } catch (caught) {
    const e = isOsError(caught) ? osUserError(caught, undefined) : caught;
    if (!isUserError(e)) throw e;
    process.stderr.write(redactText(`error: ${e.format()}\n`));
    return { success: false };
  }
}
