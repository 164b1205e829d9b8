import type { CliIO } from '../io';
import { run } from '../main';

/** Run `gitops` in-process in `cwd`; returns exit code and both streams. */
export async function gitops(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return gitopsWithEnv(cwd, {}, ...argv);
}

/** The same, with these environment variables (the process's own are not seen). */
export async function gitopsWithEnv(cwd: string, env: NodeJS.ProcessEnv, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd,
    env,
    color: false,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
