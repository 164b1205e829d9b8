import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError, type SetArg, type SetKind } from '@hvm/core';
import type { Options } from './command';

const KINDS: SetKind[] = ['set', 'set-string', 'set-file', 'set-json', 'set-literal'];

/** Helm's --set family, each repeatable. */
export const setOptions: Options = Object.fromEntries(KINDS.map((k) => [k, { type: 'string', multiple: true }]));

export function collectSets(values: Record<string, unknown>): SetArg[] {
  return KINDS.flatMap((kind) => ((values[kind] as string[] | undefined) ?? []).map((expression) => ({ kind, expression })));
}

/** --set-file reads relative to where the command runs, as Helm does. */
export function readSetFile(cwd: string) {
  return (p: string): string => {
    try {
      return readFileSync(resolve(cwd, p), 'utf8');
    } catch (e) {
      throw new UserError(`--set-file: cannot read ${p} (${(e as NodeJS.ErrnoException).code ?? String(e)})`, {
        hint: 'Give a path to a readable file, relative to the current folder.',
      });
    }
  };
}
