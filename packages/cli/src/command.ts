import type { ParseArgsConfig } from 'node:util';
import type { CliIO } from './io';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** One `gitops` subcommand: its flags, its help, and what it does. Returns the exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** How many positional arguments it takes: [min, max]. */
  arity: [number, number];
  options: Options;
  run(args: { positionals: string[]; values: Record<string, unknown> }, io: CliIO): Promise<number> | number;
}
