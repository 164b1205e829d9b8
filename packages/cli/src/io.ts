import { isOsError, osUserError, UserError } from '@helm-values-manager/core';
/** What a command may touch of the outside world; tests pass their own. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The terminal's width, when stdout is one. */
  columns?: number;
  /** Colors only when a person is looking. */
  color: boolean;
  /** Piped standard input, for commands that read secrets from it. */
  stdin?: () => Promise<string>;
}

/**
 * Standard output whose reader left (`gitops values ... | head`) takes no more text and the
 * command ends as it would have; one that cannot be written (a full disk) is said once on
 * standard error and ends the run with exit code 2 — never an unhandled stream error.
 */
function guardStdout(): () => boolean {
  let open = true;
  process.stdout.on('error', (e: Error) => {
    if (!open) return;
    open = false;
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') return;
    const error = isOsError(e) ? osUserError(e, 'standard output', 'cannot be written') : new UserError(`standard output cannot be written: ${e.message}`);
    process.stderr.write(`error: ${error.format()}\n`);
    process.exitCode = 2;
  });
  return () => open;
}

export function processIO(): CliIO {
  const stdoutOpen = guardStdout();
  return {
    stdout: (t) => void (stdoutOpen() && process.stdout.write(t)),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    stdin: async () => {
      // A terminal would echo a typed secret: a value must be piped in or read from a file.
      if (process.stdin.isTTY) throw new UserError('no value piped in', { hint: 'Pipe the value in (printf %s "$VALUE" | gitops ...) or pass --from-file FILE.' });
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
