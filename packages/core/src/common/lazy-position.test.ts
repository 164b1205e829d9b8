import { describe, expect, it } from 'vitest';
import { lazyPosition } from './lazy-position';

describe('lazyPosition', () => {
  it('works the position out once, on first read, and spreads and serializes as the real one', () => {
    let calls = 0;
    const p = lazyPosition(() => {
      calls++;
      return { file: 'v.yaml', line: 4, column: 2 };
    });
    expect(calls).toBe(0);
    expect({ ...p }).toEqual({ file: 'v.yaml', line: 4, column: 2 });
    expect(JSON.parse(JSON.stringify(p))).toEqual({ file: 'v.yaml', line: 4, column: 2 });
    expect(p.line).toBe(4);
    expect(calls).toBe(1);
  });

  it('gives a file known beforehand without working out the rest', () => {
    let computed = 0;
    const at = lazyPosition(() => {
      computed++;
      return { file: 'values-prod.yaml', line: 3, column: 7 };
    }, 'values-prod.yaml');
    expect(at.file).toBe('values-prod.yaml');
    expect(computed).toBe(0);
    expect({ ...at, rule: 'schema' }).toEqual({ file: 'values-prod.yaml', line: 3, column: 7, rule: 'schema' });
    expect(Object.keys(at)).toEqual(['file', 'line', 'column']);
    expect(computed).toBe(1);
  });

  it('is equal to the position it stands for, strictly', () => {
    const at = lazyPosition(() => ({ file: 'values.yaml', line: 1, column: 2 }));
    expect(at).toStrictEqual({ file: 'values.yaml', line: 1, column: 2 });
  });
});
