import type { Flag } from '../command';
import { TOP_FLAGS, type CompletionSpec } from './spec';

/** Text inside a single-quoted _arguments spec: quotes closed and reopened, brackets and colons escaped. */
function quote(text: string): string {
  return text.replace(/([[\]:\\])/g, '\\$1').replace(/'/g, `'\\''`);
}

function action(f: { choices?: string[]; path?: boolean; name: string }): string {
  if (f.choices) return `(${f.choices.join(' ')})`;
  if (f.path) return f.name === 'root' ? '_files -/' : '_files';
  return ' ';
}

/** One _arguments spec per flag: -s and --long exclude each other; a repeatable flag may come again. */
function flagSpecs(f: Flag): string[] {
  const value = f.value ? `:${quote(f.value)}:${action(f)}` : '';
  const desc = `[${quote(f.description)}]`;
  if (f.multiple) return [`'*--${f.name}${desc}${value}'`, ...(f.short ? [`'*-${f.short}${desc}${value}'`] : [])];
  if (!f.short) return [`'--${f.name}${desc}${value}'`];
  return [`'(-${f.short} --${f.name})'{-${f.short},--${f.name}}'${desc}${value}'`];
}

function commandCase(c: CompletionSpec): string {
  const args = c.args.map((a, i) => `'${i + 1}:${a.optional ? ':' : ''}${quote(a.name)}:${action({ ...a, name: a.name })}'`);
  const specs = [...c.flags.flatMap(flagSpecs), ...args];
  return `        ${c.name})\n          _arguments -s \\\n            ${specs.join(' \\\n            ')}\n          ;;`;
}

/** A zsh completion script (compsys): commands with their summaries, flags with their descriptions and values. */
export function zshCompletion(specs: CompletionSpec[]): string {
  return `#compdef gitops
# zsh completion for gitops. Load it with: source <(gitops completion zsh)
# or keep it as _gitops in a folder of $fpath.

_gitops() {
  local curcontext=$curcontext state line
  local -a commands
  commands=(
${specs.map((c) => `    '${c.name}:${quote(c.summary)}'`).join('\n')}
  )
  _arguments -C \\
    ${TOP_FLAGS.flatMap(flagSpecs).join(' \\\n    ')} \\
    '1:command:->command' \\
    '*::argument:->argument'
  case $state in
    command)
      _describe -t commands 'gitops command' commands
      ;;
    argument)
      case $line[1] in
${specs.map(commandCase).join('\n')}
      esac
      ;;
  esac
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _gitops "$@"
else
  compdef _gitops gitops
fi
`;
}
