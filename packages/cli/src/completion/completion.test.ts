import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../commands/index';
import { gitops } from '../test-support/fake-io';

/** The start of a description, before anything a shell script has to escape. */
const plain = (text: string) => text.split(/['[\]:()$]/)[0];

const script = async (shell: string) => {
  const r = await gitops(tmpdir(), 'completion', shell);
  expect(r.code).toBe(0);
  return r.stdout;
};

/** What bash offers when the user presses Tab after these words (the last one is being typed). */
function complete(bashScript: string, words: string[], cwd = tmpdir()): string[] {
  const file = join(mkdtempSync(join(tmpdir(), 'hvm-completion-')), 'gitops.bash');
  writeFileSync(file, bashScript);
  const out = execFileSync('bash', ['-c', 'source "$0"; COMP_WORDS=("${@}"); COMP_CWORD=$(($# - 1)); _gitops; printf "%s\\n" "${COMPREPLY[@]}"', file, 'gitops', ...words], { cwd, encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

describe('gitops completion bash', () => {
  it('completes commands, a command\'s flags and the values of flags with choices in a real bash', async () => {
    const bash = await script('bash');
    expect(complete(bash, ['va'])).toEqual(['values', 'validate']);
    expect(complete(bash, [''])).toEqual([...commands.map((c) => c.name), 'help']);
    expect(complete(bash, ['validate', '--'])).toEqual(['--env', '--application', '--output', '--helm', '--root', '--verbose', '--help']);
    expect(complete(bash, ['validate', '-o', ''])).toEqual(['text', 'json', 'sarif', 'junit']);
    expect(complete(bash, ['--root', '/tmp', 'merge', '--format', 'j'])).toEqual(['json']);
    expect(complete(bash, ['values', 'alpha-members', 'prod', '--set', ''])).toEqual([]);
    expect(complete(bash, ['render', '--o'])).toEqual(['--out-dir']);
    expect(complete(bash, ['completion', 'z'])).toEqual(['zsh']);
    expect(complete(bash, ['help', 'se'])).toEqual(['set-image', 'seal', 'secret']);
  });

  it('offers files where a flag takes a path and folders for --root', async () => {
    const bash = await script('bash');
    const dir = mkdtempSync(join(tmpdir(), 'hvm-completion-files-'));
    mkdirSync(join(dir, 'charts'));
    writeFileSync(join(dir, 'cert.pem'), '');
    expect(complete(bash, ['seal', '--raw', '--cert', 'c'], dir).sort()).toEqual(['cert.pem', 'charts']);
    expect(complete(bash, ['--root', 'c'], dir)).toEqual(['charts']);
  });
});

describe('gitops completion zsh and fish', () => {
  it('name every command with its summary and every flag with its description and choices', async () => {
    const zsh = await script('zsh');
    const fish = await script('fish');
    expect(zsh).toMatch(/^#compdef gitops\n/);
    for (const c of commands) {
      expect(zsh).toContain(`'${c.name}:`);
      expect(fish).toContain(`-a ${c.name} -d `);
      for (const f of c.flags) {
        expect(zsh, `${c.name} --${f.name}`).toMatch(new RegExp(`--${f.name}(}')?\\[${plain(f.description)}`));
        expect(fish).toMatch(new RegExp(`__fish_seen_subcommand_from ${c.name}'${f.short ? ` -s ${f.short}` : ''} -l ${f.name} `));
        if (f.choices) {
          expect(zsh).toContain(`:(${f.choices.join(' ')})'`);
          expect(fish).toContain(`-a '${f.choices.join(' ')}'`);
        }
      }
    }
  });

  it('refuses an unknown shell with the choices, exit 2', async () => {
    const r = await gitops(tmpdir(), 'completion', 'ksh');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/'ksh' is invalid.*Allowed choices are bash, zsh, fish/);
  });
});
