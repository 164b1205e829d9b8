import type { Position } from './errors';

/**
 * A Position worked out on first read: finding a line means keeping (or re-building) a syntax
 * tree, which only a finding needs. Its fields are own and enumerable, so spreading it into a
 * finding or serializing it reads the real position, and it is a plain object like any other
 * position. A `file` known beforehand is read without working out the rest (it must be the file
 * the computation gives).
 */
export function lazyPosition(compute: () => Position, file?: string): Position {
  const p = {} as Position & { [STATE]: Pending };
  // not enumerable: neither spread, serialized nor compared
  Object.defineProperty(p, STATE, { value: { compute, file } });
  return Object.defineProperties(p, FIELDS);
}

interface Pending {
  compute?: () => Position;
  resolved?: Position;
  file?: string;
}

const STATE = Symbol('lazy position');

function resolve(p: { [STATE]: Pending }): Position {
  const state = p[STATE];
  if (!state.resolved) {
    state.resolved = (state.compute as () => Position)();
    state.compute = undefined; // let go of whatever the computation holds (a document, a syntax tree)
  }
  return state.resolved;
}

// Getters shared by every lazy position: thousands are made per run, few are read.
const FIELDS: PropertyDescriptorMap = {
  file: { enumerable: true, get(this: { [STATE]: Pending }) { return this[STATE].file ?? resolve(this).file; } },
  line: { enumerable: true, get(this: { [STATE]: Pending }) { return resolve(this).line; } },
  column: { enumerable: true, get(this: { [STATE]: Pending }) { return resolve(this).column; } },
};
