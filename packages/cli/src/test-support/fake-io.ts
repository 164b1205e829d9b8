import type { CliIO } from '../io';
import { run } from '../main';

/** Run `gitops` in-process in `cwd`; returns exit code and both streams. */
export async function gitops(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return gitopsWith(cwd, {}, ...argv);
}

/** The same, with these environment variables (the process's own are not seen). */
export async function gitopsWithEnv(cwd: string, env: NodeJS.ProcessEnv, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return gitopsWith(cwd, { env }, ...argv);
}

export interface FakeInput {
  env?: NodeJS.ProcessEnv;
  /** What is piped to standard input; nothing is (as from a terminal) when absent. */
  stdin?: string;
}

/** The same, with environment variables and piped standard input. */
export async function gitopsWith(cwd: string, input: FakeInput, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const piped = input.stdin;
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd,
    env: input.env ?? {},
    color: false,
    ...(piped !== undefined ? { stdin: async () => piped } : {}),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
