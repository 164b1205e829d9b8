import type { Position } from './errors';

/**
 * A Position worked out on first read: finding a line means keeping (or re-building) a syntax
 * tree, which only a finding needs. Its fields are own and enumerable, so spreading it into a
 * finding or serializing it reads the real position. A `file` known beforehand is read without
 * working out the rest (it must be the file the computation gives).
 */
export function lazyPosition(compute: () => Position, file?: string): Position {
  let resolved: Position | undefined;
  let pending: (() => Position) | undefined = compute;
  const get = (): Position => {
    if (!resolved) {
      resolved = (pending as () => Position)();
      pending = undefined; // let go of whatever the computation holds (a document, a syntax tree)
    }
    return resolved;
  };
  const p = {} as Position;
  for (const key of ['file', 'line', 'column'] as const) {
    const known = key === 'file' && file !== undefined ? file : undefined;
    Object.defineProperty(p, key, { enumerable: true, get: known !== undefined ? () => known : () => get()[key] });
  }
  return p;
}
