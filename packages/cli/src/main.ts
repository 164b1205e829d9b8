import { parseArgs } from 'node:util';
import { UserError, isUserError } from '@hvm/core';
import type { Command } from './command';
import { commands } from './commands/index';
import { processIO, type CliIO } from './io';

const VERSION = '0.1.0';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'gitops: layered Helm values per environment, validated and promoted through pull requests.',
    '',
    'Usage: gitops <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options for every command: --help, --verbose (stack traces for internal errors).',
    'Exit codes: 0 ok, 1 findings, 2 usage or input errors.',
    '',
  ].join('\n');
}

function commandHelp(c: Command): string {
  return `${c.summary}.\n\nUsage: ${c.usage}\n`;
}

/** Run `gitops` with these arguments; returns the exit code. Never throws. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const verbose = argv.includes('--verbose');
  const rest = argv.filter((a) => a !== '--verbose');
  const [name, ...args] = rest;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  try {
    if (!command) {
      throw new UserError(`unknown command "${name}"`, { hint: `Commands: ${commands.map((c) => c.name).join(', ')}. See gitops --help.` });
    }
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout(commandHelp(command));
      return 0;
    }
    let parsed: { positionals: string[]; values: Record<string, unknown> };
    try {
      parsed = parseArgs({ args, options: command.options, allowPositionals: true, strict: true }) as typeof parsed;
    } catch (e) {
      throw new UserError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''), { hint: `Usage: ${command.usage}` });
    }
    const [min, max] = command.arity;
    if (parsed.positionals.length < min || parsed.positionals.length > max) {
      throw new UserError(`${command.name} takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, got ${parsed.positionals.length}`, {
        hint: `Usage: ${command.usage}`,
      });
    }
    return await command.run(parsed, io);
  } catch (e) {
    if (isUserError(e)) {
      io.stderr(`error: ${e.format()}\n`);
      if (verbose && e.cause instanceof Error && e.cause.stack) io.stderr(`${e.cause.stack}\n`);
      return e.exitCode;
    }
    const err = e as Error;
    io.stderr(`internal error: ${err?.message ?? String(e)}\n`);
    io.stderr(verbose ? `${err?.stack ?? ''}\n` : 'This is a bug in gitops; run again with --verbose for the stack trace and report it.\n');
    return 2;
  }
}

export function main(argv: string[]): Promise<number> {
  return run(argv, processIO());
}
