import type { Command } from '../command';
import { bashCompletion } from '../completion/bash';
import { fishCompletion } from '../completion/fish';
import { completionSpecs } from '../completion/spec';
import { zshCompletion } from '../completion/zsh';

const SHELLS = { bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion };

export const completionCommand: Command = {
  name: 'completion',
  summary: 'Print a script that completes gitops commands and flags in bash, zsh or fish',
  args: [{ name: 'SHELL', description: 'bash, zsh or fish', choices: Object.keys(SHELLS) }],
  flags: [],
  help: [
    'Load it in the current shell:',
    '  bash: source <(gitops completion bash)',
    '  zsh:  source <(gitops completion zsh)',
    '  fish: gitops completion fish | source',
    'or add that line to ~/.bashrc, ~/.zshrc or ~/.config/fish/config.fish.',
  ].join('\n'),
  run({ positionals: [shell], commands }, io) {
    io.stdout(SHELLS[shell as keyof typeof SHELLS](completionSpecs(commands)));
    return 0;
  },
};
