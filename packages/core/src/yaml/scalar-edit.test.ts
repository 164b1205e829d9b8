import { describe, expect, it } from 'vitest';
import { userErrorOf } from '../test-support/user-error-of';
import { setStringAt } from './scalar-edit';

const APPS = [
  '# shop in qa',
  'apiVersion: argoproj.io/v1alpha1',
  'kind: Application',
  'spec:',
  '  source:',
  '    helm:',
  '      parameters:',
  '        - name: image.tag',
  '          value: v1.0.0   # pinned',
  '---',
  '# shop in prod',
  'kind: Application',
  'spec:',
  '  source:',
  '    helm:',
  '      parameters:',
  '        - name: image.tag',
  "          value: 'v0.9.0'",
  '',
].join('\n');

describe('setStringAt', () => {
  it('replaces only the value at that line and column, in whichever document it is, keeping comments and the other documents', () => {
    const out = setStringAt(APPS, 'argocd/shop.yaml', { line: 18, column: 18 }, 'v1.0.0');
    expect(out).toBe(APPS.replace("value: 'v0.9.0'", 'value: "v1.0.0"'));
    const first = setStringAt(APPS, 'argocd/shop.yaml', { line: 9, column: 18 }, 'v1.1.0');
    expect(first).toBe(APPS.replace('value: v1.0.0   # pinned', 'value: v1.1.0   # pinned'));
  });

  it('writes a plain value plainly only where it reads back as the same string', () => {
    const set = (value: string) => setStringAt('tag: old  # c\n', 'v.yaml', { line: 1, column: 6 }, value);
    expect(set('v1.2.3-rc.1_x/y:z@sha+1')).toBe('tag: v1.2.3-rc.1_x/y:z@sha+1  # c\n');
    for (const typed of ['1.2.3', '-1', '+1', '.5', 'true', 'No', 'ON', 'off', 'null', '~', 'y', 'N', 'yes', 'FALSE'])
      expect(set(typed), typed).toBe(`tag: ${JSON.stringify(typed)}  # c\n`);
    for (const odd of ['a b', 'a#b', '', 'é', 'a,b']) expect(set(odd), odd).toBe(`tag: ${JSON.stringify(odd)}  # c\n`);
    // words that only start or end like a typed one stay plain
    for (const word of ['yesterday', 'nullable', 'tr', 'x1', 'a-1', 'v.5']) expect(set(word), word).toBe(`tag: ${word}  # c\n`);
  });

  it('keeps a quoted value quoted, whatever the new text', () => {
    expect(setStringAt('tag: "old"\n', 'v.yaml', { line: 1, column: 6 }, 'plain')).toBe('tag: "plain"\n');
    expect(setStringAt("tag: 'old' # c\n", 'v.yaml', { line: 1, column: 6 }, 'plain')).toBe('tag: "plain" # c\n');
  });

  it('refuses a position where no value is written any more, naming it and what to do', () => {
    for (const at of [{ line: 1, column: 7 }, { line: 2, column: 6 }, { line: 9, column: 1 }]) {
      const e = userErrorOf(() => setStringAt('tag: old\n', 'argocd/shop.yaml', at, 'new'));
      expect(e.format()).toBe(`argocd/shop.yaml:${at.line}:${at.column}: no value is written here any more\n  The file changed since it was read; run the command again.`);
    }
  });
});
