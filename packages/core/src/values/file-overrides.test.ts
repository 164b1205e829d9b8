// Promotion checks its edits before writing them: while it does, the edited files read as their
// pending text, and a file it would create exists.
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { fileExists, overriddenText, withFileContents } from './file-overrides';

describe('pending file contents', () => {
  it('stand for the files while the check runs, nested ones over outer ones, and are gone after it, even when it fails', () => {
    const a = join(tmpdir(), 'hvm-not-written-a.yaml');
    const b = join(tmpdir(), 'hvm-not-written-b.yaml');
    expect([fileExists(a), overriddenText(a)]).toEqual([false, undefined]);
    const seen = withFileContents(new Map([[a, 'a: 1\n']]), () => {
      const inner = withFileContents(new Map([[b, 'b: 2\n']]), () => [fileExists(a), fileExists(b), overriddenText(b)]);
      return [...inner, fileExists(a), overriddenText(a), fileExists(b)];
    });
    expect(seen).toEqual([false, true, 'b: 2\n', true, 'a: 1\n', false]);
    expect(() => withFileContents(new Map([[a, 'x']]), () => {
      throw new Error('gate failed');
    })).toThrow('gate failed');
    expect([fileExists(a), overriddenText(a), fileExists(tmpdir())]).toEqual([false, undefined, true]);
  });
});
