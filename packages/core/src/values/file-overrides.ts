import { pathExists } from '../common';

let overrides: ReadonlyMap<string, string> | undefined;

/**
 * Run `fn` as if these files (absolute path -> text) were on disk: promotion validates its edits
 * before it writes any of them, so a failing gate leaves the working tree untouched.
 */
export function withFileContents<T>(contents: ReadonlyMap<string, string>, fn: () => T): T {
  const previous = overrides;
  overrides = contents;
  try {
    return fn();
  } finally {
    overrides = previous;
  }
}

/** The pending text of a file under withFileContents, if any. */
export function overriddenText(absPath: string): string | undefined {
  return overrides?.get(absPath);
}

export function fileExists(absPath: string): boolean {
  return overrides?.has(absPath) === true || pathExists(absPath);
}
