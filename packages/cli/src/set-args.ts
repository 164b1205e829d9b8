import { resolve } from 'node:path';
import { readBoundedText, UserError, type SetArg, type SetKind } from '@helm-values-manager/core';
import type { Flag } from './command';

const KINDS: SetKind[] = ['set', 'set-string', 'set-file', 'set-json', 'set-literal'];

const WHAT: Record<SetKind, string> = {
  set: 'set a value, typed as Helm types it (1 is a number, true a boolean)',
  'set-string': 'set a value as a string',
  'set-file': "set a value to a file's content",
  'set-json': 'set a value from JSON',
  'set-literal': 'set a value literally, no commas or escapes parsed',
};

/** Helm's --set family, each repeatable. */
export const setFlags: Flag[] = KINDS.map((k) => ({ name: k, value: k === 'set-file' ? 'KEY=PATH' : 'KEY=VALUE', description: WHAT[k], multiple: true }));

export function collectSets(values: Record<string, unknown>): SetArg[] {
  return KINDS.flatMap((kind) => ((values[kind] as string[] | undefined) ?? []).map((expression) => ({ kind, expression })));
}

/** --set-file reads relative to where the command runs, as Helm does. */
export function readSetFile(cwd: string) {
  return (p: string): string => {
    try {
      return readBoundedText(resolve(cwd, p), p, { root: null, kind: '--set-file file' });
    } catch (e) {
      if (e instanceof UserError) throw new UserError(`--set-file: ${e.format()}`, { hint: 'Give a path to a readable regular file, relative to the current folder.' });
      throw e;
    }
  };
}
