import { availableParallelism } from 'node:os';
import type { ExecutorContext, TaskGraph } from '@nx/devkit';
import { isOsError, isUserError, osUserError, redactText, type Workspace } from '@helm-values-manager/core';
import type { ProjectFolders } from './finding-owner';
import { loadNxWorkspace } from './nx-workspace';

export interface AppTaskResult {
  success: boolean;
  /** What the user sees for this task (Nx stores it with the cached result). */
  output: string;
}

/**
 * One target's work for one app (`projects`: every project of the run, for what depends on
 * which folder is whose). Both executors below call the same function, so batch and per-task
 * runs cannot disagree.
 */
export type AppTask<O> = (ws: Workspace, app: string, options: O, projects: ProjectFolders) => AppTaskResult | Promise<AppTaskResult>;

/** The per-task executor: Nx forks one process for this app. */
export function perTaskExecutor<O>(task: AppTask<O>) {
  return async (options: O, context: ExecutorContext): Promise<{ success: boolean }> => {
    const result = await runAppTask(task, () => loadNxWorkspace(context.root), context.projectName as string, options, context.projectsConfigurations?.projects ?? {});
    process.stdout.write(result.output);
    return { success: result.success };
  };
}

/**
 * The batch executor: every app of the run in this one process, gitops.yaml and shared files
 * read once. Results stream back task by task, so Nx reports and caches each as it finishes.
 */
export function batchExecutor<O>(task: AppTask<O>) {
  return async (taskGraph: TaskGraph, inputs: Record<string, O>, _overrides: O, context: ExecutorContext) => {
    let ws: Workspace | undefined;
    const load = () => (ws ??= loadNxWorkspace(context.root));
    // A few apps run ahead of the one being reported, so that their helm processes fill the
    // cores (render/helm-process.ts queues them); results still stream back in order.
    const ids = Object.keys(inputs);
    const started: (Promise<{ task: string; result: { success: boolean; terminalOutput: string; startTime: number; endTime: number } }> | undefined)[] = [];
    const start = (i: number) => {
      if (i >= ids.length || started[i]) return;
      const startTime = Date.now();
      started[i] = runAppTask(task, load, taskGraph.tasks[ids[i]].target.project, inputs[ids[i]], context.projectsConfigurations?.projects ?? {}).then(({ success, output }) => ({ task: ids[i], result: { success, terminalOutput: output, startTime, endTime: Date.now() } }));
    };
    async function* results() {
      for (let i = 0; i < ids.length; i++) {
        for (let j = i; j < i + availableParallelism(); j++) start(j);
        yield (await started[i]) as NonNullable<Awaited<(typeof started)[number]>>;
      }
    }
    return results();
  };
}

/** A user error fails this app's task with its file:line:col; a bug shows its stack only when verbose. */
async function runAppTask<O>(task: AppTask<O>, load: () => Workspace, app: string, options: O, projects: ProjectFolders): Promise<AppTaskResult> {
  try {
    return await task(load(), app, options, projects);
  } catch (caught) {
    const e = isOsError(caught) ? osUserError(caught, undefined) : caught;
    if (isUserError(e)) return { success: false, output: redactText(`${e.format()}\n`) };
    const verbose = process.env.NX_VERBOSE_LOGGING === 'true';
    const err = e as Error;
    return { success: false, output: redactText(`${verbose && err.stack ? err.stack : `internal error: ${err.message}\n  Re-run with NX_VERBOSE_LOGGING=true for the stack trace.`}\n`) };
  }
}
