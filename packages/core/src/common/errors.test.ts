import { describe, expect, it } from 'vitest';
import { formatPosition, isUserError, UserError } from './errors';

describe('user errors', () => {
  it('names the position as file:line:col, the file alone when the line is unknown', () => {
    expect(formatPosition({ file: 'gitops.yaml', line: 3, column: 5 })).toBe('gitops.yaml:3:5');
    expect(formatPosition({ file: 'gitops.yaml', line: 3 })).toBe('gitops.yaml:3:1');
    expect(formatPosition({ file: 'gitops.yaml' })).toBe('gitops.yaml');
    expect(formatPosition({ file: 'gitops.yaml', line: 0, column: 0 })).toBe('gitops.yaml');
  });

  it('prints where, what and what to do, and exits 2 unless told otherwise', () => {
    const located = new UserError('is broken', { file: 'a.yaml', line: 2, column: 4, hint: 'Fix it.' });
    expect(located.format()).toBe('a.yaml:2:4: is broken\n  Fix it.');
    expect(located.exitCode).toBe(2);
    expect(located.name).toBe('UserError');
    expect(new UserError('no file').format()).toBe('no file');
    expect(new UserError('whole file', { file: 'b.yaml' }).format()).toBe('b.yaml: whole file');
    expect(new UserError('findings', { exitCode: 1 }).exitCode).toBe(1);
  });

  it('keeps the cause only when there is one', () => {
    const cause = new Error('inner');
    expect(new UserError('outer', { cause }).cause).toBe(cause);
    expect('cause' in new UserError('outer')).toBe(false);
    expect(isUserError(new UserError('x'))).toBe(true);
    expect(isUserError(new Error('x'))).toBe(false);
  });
});
