import { describe, expect, it } from 'vitest';
import { findingFromError, hasErrors, sortFindings, type Finding } from './finding';

const f = (over: Partial<Finding>): Finding => ({ rule: 'schema', severity: 'warning', message: 'm', file: 'a.yaml', line: 1, column: 1, ...over });

describe('findings', () => {
  it('fails a run on an error, not on warnings or notes', () => {
    expect(hasErrors([f({ severity: 'warning' }), f({ severity: 'info' })])).toBe(false);
    expect(hasErrors([f({ severity: 'warning' }), f({ severity: 'error' })])).toBe(true);
    expect(hasErrors([])).toBe(false);
  });

  it('turns a broken file into an input error of that app, at its position, with the hint', () => {
    expect(findingFromError({ message: 'bad', file: 'x/values.yaml', line: 3, column: 7, hint: 'fix it' }, { app: 'shop', env: 'qa' })).toEqual({
      rule: 'input',
      severity: 'error',
      message: 'bad',
      file: 'x/values.yaml',
      line: 3,
      column: 7,
      app: 'shop',
      env: 'qa',
      hint: 'fix it',
    });
    expect(findingFromError({ message: 'lost' })).toEqual({ rule: 'input', severity: 'error', message: 'lost', file: '(workspace)', line: 0, column: 0 });
  });

  it('orders by file, line, column, rule, env, then message, without touching the input', () => {
    const input = [
      f({ file: 'b.yaml', message: '1' }),
      f({ line: 2, message: '2' }),
      f({ column: 3, message: '3' }),
      f({ rule: 'yaml', message: '4' }),
      f({ env: 'prod', message: '5' }),
      f({ env: 'dev', message: '6' }),
      f({ message: '8' }),
      f({ message: '7' }),
    ];
    expect(sortFindings(input).map((x) => x.message)).toEqual(['7', '8', '6', '5', '4', '3', '2', '1']);
    expect(input[0].message).toBe('1');
    expect(sortFindings([f({ line: 10, message: 'ten' }), f({ line: 9, message: 'nine' })]).map((x) => x.message)).toEqual(['nine', 'ten']);
    expect(sortFindings([f({ column: 10, message: 'ten' }), f({ column: 9, message: 'nine' })]).map((x) => x.message)).toEqual(['nine', 'ten']);
  });

  it('puts a finding of no env before those of an env, whichever comes first', () => {
    expect(sortFindings([f({ env: 'dev', message: 'dev' }), f({ message: 'none' })]).map((x) => x.message)).toEqual(['none', 'dev']);
    expect(sortFindings([f({ message: 'none' }), f({ env: 'dev', message: 'dev' })]).map((x) => x.message)).toEqual(['none', 'dev']);
  });
});
