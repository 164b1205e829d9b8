import type { Flag } from '../command';
import { flagWords, TOP_FLAGS, type CompletionSpec } from './spec';

const words = (list: string[]) => `'${list.join(' ')}'`;

/** What to offer for a flag's value: its choices, files, folders or nothing. */
function valueCompletion(f: Flag): string {
  if (f.choices) return `COMPREPLY=($(compgen -W ${words(f.choices)} -- "$cur"))`;
  if (f.path) return f.name === 'root' ? 'COMPREPLY=($(compgen -d -- "$cur"))' : 'COMPREPLY=($(compgen -f -- "$cur"))';
  return 'COMPREPLY=()';
}

function commandCase(c: CompletionSpec): string {
  const valued = c.flags.filter((f) => f.value);
  const values = valued.map((f) => `        ${flagWords(f).join('|')}) ${valueCompletion(f)}; return ;;`);
  const args = c.args.map((a, i) => {
    if (a.choices) return `        ${i}) COMPREPLY=($(compgen -W ${words(a.choices)} -- "$cur")) ;;`;
    if (a.path) return `        ${i}) COMPREPLY=($(compgen -f -- "$cur")) ;;`;
    return '';
  });
  return [
    `    ${c.name})`,
    `      valued=${words(valued.flatMap(flagWords))}`,
    '      case $prev in',
    ...values,
    '      esac',
    '      if [[ $cur == -* ]]; then',
    `        COMPREPLY=($(compgen -W ${words(c.flags.flatMap((f) => [`--${f.name}`]))} -- "$cur"))`,
    '        return',
    '      fi',
    '      _gitops_position',
    '      case $position in',
    ...args.filter(Boolean),
    '      esac',
    '      ;;',
  ].join('\n');
}

/** A bash completion script: commands, their flags, the values of flags with choices, files where a path goes. */
export function bashCompletion(specs: CompletionSpec[]): string {
  const top = TOP_FLAGS.find((f) => f.name === 'root') as Flag;
  return `# bash completion for gitops. Load it with: source <(gitops completion bash)
# or keep it: gitops completion bash > ~/.local/share/bash-completion/completions/gitops

# Which argument the cursor is on: words after the command that are neither flags nor their values.
_gitops_position() {
  local j=$((command_at + 1))
  position=0
  while ((j < COMP_CWORD)); do
    if [[ " $valued " == *" \${COMP_WORDS[j]} "* ]]; then
      ((j += 2))
      continue
    fi
    [[ \${COMP_WORDS[j]} != -* ]] && ((position++))
    ((j++))
  done
}

_gitops() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD - 1]}
  local command='' command_at=0 valued='' position=0 i=1
  # The command is the first word that is neither a flag nor the value of --root.
  while ((i < COMP_CWORD)); do
    case \${COMP_WORDS[i]} in
      ${flagWords(top).join('|')}) ((i += 2)); continue ;;
      -*) ;;
      *) command=\${COMP_WORDS[i]}; command_at=$i; break ;;
    esac
    ((i++))
  done
  COMPREPLY=()
  case $command in
    '')
      case $prev in
        ${flagWords(top).join('|')}) ${valueCompletion(top)}; return ;;
      esac
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W ${words(TOP_FLAGS.flatMap((f) => [`--${f.name}`]))} -- "$cur"))
      else
        COMPREPLY=($(compgen -W ${words(specs.map((c) => c.name))} -- "$cur"))
      fi
      ;;
${specs.map(commandCase).join('\n')}
  esac
}

complete -F _gitops gitops
`;
}
