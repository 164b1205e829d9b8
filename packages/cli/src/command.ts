import type { CliIO } from './io';

/** One flag of a command: `--help` and the completion scripts describe it from here. */
export interface Flag {
  /** The long name without dashes (`env` for --env); the command reads the value under it. */
  name: string;
  /** A one-letter short form (`e` for -e). */
  short?: string;
  /** What the flag takes, as help shows it (`ENV`); a flag without one is a switch. */
  value?: string;
  description: string;
  /** Repeatable: every occurrence adds to a list. */
  multiple?: boolean;
  /** The only values it accepts (help lists them, completion offers them). */
  choices?: string[];
  default?: string | boolean;
  /** Older long names that still work, e.g. `format` for `output`. */
  aliases?: string[];
  /** Its value is a path: completion offers files. */
  path?: boolean;
}

/** A positional argument, as help shows it. */
export interface Argument {
  name: string;
  description: string;
  optional?: boolean;
  /** The only values it accepts (completion offers them). */
  choices?: string[];
  /** It is a path: completion offers files. */
  path?: boolean;
  /** Takes any number of values (the last argument only): `APP...`. */
  variadic?: boolean;
}

/** What a command receives: its arguments, its flags by long name, and where the workspace is. */
export interface CommandInput {
  positionals: string[];
  values: Record<string, unknown>;
  /** The workspace root: from --root or GITOPS_ROOT, else the nearest folder up with gitops.yaml. */
  root(): string;
  /** The folder --root or GITOPS_ROOT names, else the current one; unlike root() it need not hold gitops.yaml yet. */
  startDir(): string;
  /** The command's usage line, for hints. */
  usage: string;
  /** Every registered command (for commands that describe the others, such as completion). */
  commands: readonly Command[];
}

/**
 * One `gitops` subcommand: its arguments, flags, help, and what it does. Returns the exit
 * code. A new command is one file under commands/ plus one entry in commands/index.ts.
 */
export interface Command {
  name: string;
  /** One line for `gitops --help`, also the first line of the command's own help. */
  summary: string;
  args: Argument[];
  flags: Flag[];
  /** Lines shown after the flags in the command's help, e.g. examples. */
  help?: string;
  /** It writes no file of the workspace it reads (its own output file aside): each path is asked of the disk once (core's withSteadyFiles). */
  readsOnly?: true;
  run(input: CommandInput, io: CliIO): Promise<number> | number;
}

/** The one machine-output flag, with the formats a command supports (`--format` still works). */
export function outputFlag(formats: string[], fallback = formats[0]): Flag {
  return { name: 'output', short: 'o', value: 'FORMAT', description: 'output format', choices: formats, default: fallback, aliases: ['format'] };
}

/** The helm a command runs: `--helm PATH`, else gitops.yaml's helm.binary, else helm on PATH. */
export const helmFlag: Flag = { name: 'helm', value: 'PATH', description: 'the helm binary to run (default: helm.binary in gitops.yaml, else helm on PATH)', path: true };
