import { UserError } from '@helm-values-manager/core';
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

export function processIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
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
