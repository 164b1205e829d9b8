import type { Flag } from '../command';
import { TOP_FLAGS, type CompletionSpec } from './spec';

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function flagLine(f: Flag, condition: string): string {
  const parts = ['complete -c gitops', condition ? `-n ${quote(condition)}` : ''];
  if (f.short) parts.push(`-s ${f.short}`);
  parts.push(`-l ${f.name}`);
  if (f.choices) parts.push(`-x -a ${quote(f.choices.join(' '))}`);
  else if (f.path) parts.push(f.name === 'root' ? `-x -a ${quote('(__fish_complete_directories)')}` : '-r -F');
  else if (f.value) parts.push('-x');
  parts.push(`-d ${quote(f.description)}`);
  return parts.filter(Boolean).join(' ');
}

/** A fish completion script: commands with their summaries, each command's flags, values where known. */
export function fishCompletion(specs: CompletionSpec[]): string {
  const names = specs.map((c) => c.name).join(' ');
  const lines = [
    '# fish completion for gitops. Load it with: gitops completion fish | source',
    '# or keep it: gitops completion fish > ~/.config/fish/completions/gitops.fish',
    'complete -c gitops -f',
    ...TOP_FLAGS.map((f) => flagLine(f, '__fish_use_subcommand')),
    ...specs.map((c) => `complete -c gitops -n ${quote(`not __fish_seen_subcommand_from ${names}`)} -a ${c.name} -d ${quote(c.summary)}`),
  ];
  for (const c of specs) {
    const when = `__fish_seen_subcommand_from ${c.name}`;
    lines.push(...c.flags.map((f) => flagLine(f, when)));
    for (const a of c.args) {
      if (a.choices) lines.push(`complete -c gitops -n ${quote(when)} -a ${quote(a.choices.join(' '))} -d ${quote(a.description)}`);
      else if (a.path) lines.push(`complete -c gitops -n ${quote(when)} -F`);
    }
  }
  return `${lines.join('\n')}\n`;
}
