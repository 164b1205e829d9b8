import { availableParallelism } from 'node:os';
import type { ExecutorContext, TaskGraph } from '@nx/devkit';
import { isOsError, isUserError, osUserError, redactText, steadyFiles, withSteadyFiles, type Workspace, type WorkspaceScope } from '@helm-values-manager/core';
import type { ProjectFolders } from './finding-owner';
import { loadNxWorkspace } from './nx-workspace';
import { APP_PROJECT_TAG } from './project-tags';

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

/**
 * Whether a task may read only what its app needs (`nx affected` after an edit runs a task or
 * two, and reading every Application of a large workspace would cost more than their checks);
 * false for a task that answers for the whole workspace. Absent: every run reads it whole.
 */
export type Scopable<O> = (options: O) => boolean;

/** Up to this many apps in a run (what `nx affected` runs after an edit), the workspace is read for them only; a larger run reads it whole, once for all its apps. */
const SCOPED_RUN_LIMIT = 20;

/** The scope of a run of these apps (core's LoadOptions.scope), when every task of it may be scoped and they are few. */
function runScope<O>(scopable: Scopable<O> | undefined, tasks: { app: string; options: O }[], projects: ProjectFolders): WorkspaceScope | undefined {
  if (!scopable || tasks.length > SCOPED_RUN_LIMIT || !tasks.every((t) => scopable(t.options) && projects[t.app]?.root !== undefined)) return undefined;
  const names = Object.entries(projects).filter(([, p]) => p.tags?.includes(APP_PROJECT_TAG)).map(([name]) => name);
  return { apps: tasks.map((t) => ({ name: t.app, root: projects[t.app].root })), names };
}

/** The per-task executor: Nx forks one process for this app. */
export function perTaskExecutor<O>(task: AppTask<O>, scopable?: Scopable<O>) {
  return async (options: O, context: ExecutorContext): Promise<{ success: boolean }> => {
    const projects = context.projectsConfigurations?.projects ?? {};
    const app = context.projectName as string;
    const scope = runScope(scopable, [{ app, options }], projects);
    const result = await withSteadyFiles(() => runAppTask(task, () => loadNxWorkspace(context.root, scope), app, options, projects));
    process.stdout.write(result.output);
    return { success: result.success };
  };
}

/**
 * The batch executor: every app of the run in this one process, gitops.yaml and shared files
 * read once. Results stream back task by task, so Nx reports and caches each as it finishes.
 */
export function batchExecutor<O>(task: AppTask<O>, scopable?: Scopable<O>) {
  return async (taskGraph: TaskGraph, inputs: Record<string, O>, _overrides: O, context: ExecutorContext) => {
    const ids = Object.keys(inputs);
    const projects = context.projectsConfigurations?.projects ?? {};
    const scope = runScope(scopable, ids.map((id) => ({ app: taskGraph.tasks[id].target.project, options: inputs[id] })), projects);
    let ws: Workspace | undefined;
    const load = () => (ws ??= loadNxWorkspace(context.root, scope));
    // Each path of the workspace asked of the disk once for the whole batch: its tasks write none of them.
    const files = steadyFiles();
    // A few apps run ahead of the one being reported, so that their helm processes fill the
    // cores (render/helm-process.ts queues them); results still stream back in order.
    const started: (Promise<{ task: string; result: { success: boolean; terminalOutput: string; startTime: number; endTime: number } }> | undefined)[] = [];
    const start = (i: number) => {
      if (i >= ids.length || started[i]) return;
      const startTime = Date.now();
      started[i] = withSteadyFiles(() => runAppTask(task, load, taskGraph.tasks[ids[i]].target.project, inputs[ids[i]], projects), files).then(({ success, output }) => ({ task: ids[i], result: { success, terminalOutput: output, startTime, endTime: Date.now() } }));
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
