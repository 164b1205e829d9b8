import type { Argument, Command, Flag } from '../command';
import { GLOBAL_FLAGS } from '../global-flags';

/** What a completion script needs of one command; `help` and the global flags included. */
export interface CompletionSpec {
  name: string;
  summary: string;
  args: Argument[];
  /** The command's own flags, then the global ones and --help; older names left out. */
  flags: Flag[];
}

const HELP: Flag = { name: 'help', short: 'h', description: 'show help' };
const VERSION: Flag = { name: 'version', short: 'V', description: 'print the version' };

/** The top level: the global flags, --help and --version. */
export const TOP_FLAGS: Flag[] = [...GLOBAL_FLAGS, HELP, VERSION];

export function completionSpecs(commands: readonly Command[]): CompletionSpec[] {
  const specs = commands.map((c) => ({ name: c.name, summary: c.summary, args: c.args, flags: [...c.flags, ...GLOBAL_FLAGS, HELP] }));
  const help = { name: 'help', summary: 'Show help for a command', args: [{ name: 'COMMAND', description: 'a command', optional: true, choices: commands.map((c) => c.name) }], flags: [] };
  return [...specs, help];
}

/** The words that name a flag: --long, -s and its older names. */
export function flagWords(f: Flag): string[] {
  return [`--${f.name}`, ...(f.short ? [`-${f.short}`] : []), ...(f.aliases ?? []).map((a) => `--${a}`)];
}
