import { relative, resolve } from 'node:path';
import { Argument, Command as Program, CommanderError, Option } from 'commander';
import { findWorkspaceRoot, isOsError, isUserError, osUserError, redactText, UserError, withSteadyFiles } from '@helm-values-manager/core';
import type { Flag } from './command';
import { commands } from './commands/index';
import { GLOBAL_FLAGS } from './global-flags';
import { processIO, type CliIO } from './io';
import { nodeVersionWarning } from './node-version';
import { packageVersion } from './package-version';

const ABOUT = 'gitops: layered Helm values per environment, validated and promoted through pull requests.';
const EXIT_CODES = 'Exit codes: 0 ok, 1 findings, 2 usage or input errors.';

function describe(f: Flag, alias?: string): string {
  const notes = [
    f.multiple ? 'repeatable' : '',
    f.default !== undefined && f.default !== false ? `default: ${String(f.default)}` : '',
    f.aliases?.length && !alias ? `also ${f.aliases.map((a) => `--${a}`).join(', ')}` : '',
  ].filter(Boolean);
  return `${f.description}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

// commander lists a flag's choices itself.
/** The commander option for a flag, or for one of its older names (hidden from help). */
function option(f: Flag, alias?: string): Option {
  const long = alias ?? f.name;
  const o = new Option(`${f.short && !alias ? `-${f.short}, ` : ''}--${long}${f.value ? ` <${f.value}>` : ''}`, describe(f, alias));
  if (f.multiple) o.argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]);
  else if (f.choices) o.choices(f.choices);
  if (alias) o.hideHelp();
  return o;
}

/** The flags' values by long name, older names folded in, defaults applied. */
function flagValues(cmd: Program, flags: Flag[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const read = (long: string) => cmd.getOptionValue(new Option(`--${long}`).attributeName()) as unknown;
  for (const f of flags) {
    let value = read(f.name);
    for (const alias of f.aliases ?? []) {
      const old = read(alias);
      if (old === undefined) continue;
      if (value !== undefined && value !== old) throw new UserError(`--${f.name} ${String(value)} and --${alias} ${String(old)} disagree`, { hint: `--${alias} is another name for --${f.name}; give one.` });
      value = old;
    }
    values[f.name] = value ?? f.default;
  }
  return values;
}

function usageOf(cmd: Program): string {
  return `gitops ${cmd.name()} ${cmd.usage()}`;
}

/** Where the workspace is: --root, else GITOPS_ROOT, else found from the current folder (as git -C does). */
function rootFinder(program: Program, io: CliIO): () => string {
  return () => {
    const flag = program.opts().root as string | undefined;
    const given = flag ?? io.env.GITOPS_ROOT;
    if (!given) return findWorkspaceRoot(io.cwd);
    try {
      return findWorkspaceRoot(resolve(io.cwd, given));
    } catch (e) {
      if (!isUserError(e)) throw e;
      throw new UserError(e.message, { hint: `${flag ? '--root' : 'GITOPS_ROOT'} points there: give the folder of a workspace (the one holding gitops.yaml).`, cause: e });
    }
  };
}

/** The whole command line: global flags, one subcommand per entry of commands/index.ts. */
function program(io: CliIO, ran: (code: number) => void): { program: Program; active: () => Program | undefined } {
  let active: Program | undefined;
  const p = new Program('gitops')
    .description(ABOUT)
    .usage('<command> [options]')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({ writeOut: (t) => io.stdout(t), writeErr: (t) => io.stderr(t), outputError: () => undefined })
    .exitOverride()
    .addHelpText('after', `\n${EXIT_CODES}\nRun gitops <command> --help for a command's flags.`)
    .hook('preSubcommand', (_, sub) => void (active = sub));
  for (const f of GLOBAL_FLAGS) p.addOption(option(f));
  const root = rootFinder(p, io);
  for (const c of commands) {
    const sub = p.command(c.name).summary(c.summary).description(`${c.summary}.`);
    for (const a of c.args) {
      const name = `${a.name}${a.variadic ? '...' : ''}`;
      const arg = new Argument(a.optional ? `[${name}]` : `<${name}>`, a.description);
      sub.addArgument(a.choices ? arg.choices(a.choices) : arg);
    }
    for (const f of c.flags) {
      sub.addOption(option(f));
      for (const alias of f.aliases ?? []) sub.addOption(option(f, alias));
    }
    if (c.help) sub.addHelpText('after', `\n${c.help}`);
    sub.action(async () => {
      const input = { positionals: sub.args, values: flagValues(sub, c.flags), root, startDir: () => resolve(io.cwd, (p.opts().root as string | undefined) ?? io.env.GITOPS_ROOT ?? '.'), usage: usageOf(sub), commands };
      ran(await (c.readsOnly ? withSteadyFiles(() => c.run(input, io)) : c.run(input, io)));
    });
  }
  return { program: p, active: () => active };
}

/** A parse error as a usage error: what was wrong, then how the command is used. */
function usageError(e: CommanderError, sub: Program | undefined): UserError {
  const message = e.message.replace(/^error: /, '').replace(/\n/g, ' ');
  if (!sub) return new UserError(message, { hint: `Usage: gitops <command> [options]. Run gitops --help for the commands.` });
  if (e.code === 'commander.missingArgument' || e.code === 'commander.excessArguments') {
    const req = sub.registeredArguments.filter((a) => a.required).length;
    const max = sub.registeredArguments.length;
    const count = `${sub.name()} takes ${req === max ? req : `${req} to ${max}`} argument${max === 1 ? '' : 's'}, got ${sub.args.length}`;
    return new UserError(count, { hint: `Usage: ${usageOf(sub)}\n  Run gitops ${sub.name()} --help for every flag.` });
  }
  return new UserError(message, { hint: `Usage: ${usageOf(sub)}\n  Run gitops ${sub.name()} --help for every flag.` });
}

/**
 * Run `gitops` with these arguments; returns the exit code. Never throws. Errors, warnings and
 * logs go through the one redaction, whatever produced them (a git message, a URL from the
 * environment, an exception's text).
 */
export async function run(argv: string[], rawIO: CliIO): Promise<number> {
  const io: CliIO = { ...rawIO, stderr: (t) => rawIO.stderr(redactText(t)) };
  const verbose = argv.includes('--verbose');
  let code = 0;
  const cli = program(io, (c) => void (code = c));
  try {
    await cli.program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end the parse with exit code 0; help after a missing command is a usage error.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      if (e.code === 'commander.help') return e.exitCode === 0 ? 0 : 2;
      e = usageError(e, cli.active());
    }
    // The operating system refusing (a read-only checkout, a full disk) is the user's to fix, not a bug.
    if (isOsError(e)) e = osUserError(e, e.path ? relative(io.cwd, e.path) || '.' : undefined);
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
  const io = processIO();
  // Warn rather than refuse: most commands still work, and the user learns what to install.
  const old = nodeVersionWarning(process.versions.node);
  if (old) io.stderr(old);
  return run(argv, io);
}
