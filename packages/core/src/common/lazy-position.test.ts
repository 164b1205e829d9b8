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
});
