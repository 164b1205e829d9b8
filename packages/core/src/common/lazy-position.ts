import type { Position } from './errors';

/**
 * A Position worked out on first read: finding a line means keeping (or re-building) a syntax
 * tree, which only a finding needs. Its fields are own and enumerable, so spreading it into a
 * finding or serializing it reads the real position. A `file` known beforehand is read without
 * working out the rest (it must be the file the computation gives).
 */
export function lazyPosition(compute: () => Position, file?: string): Position {
  return new LazyPosition(compute, file) as unknown as Position;
}

// Getters shared by every lazy position (thousands are made per run, few are read).
const FIELDS: PropertyDescriptorMap = {
  file: { enumerable: true, get(this: LazyPosition) { return this.known ?? this.resolve().file; } },
  line: { enumerable: true, get(this: LazyPosition) { return this.resolve().line; } },
  column: { enumerable: true, get(this: LazyPosition) { return this.resolve().column; } },
};

class LazyPosition {
  // private fields: neither spread nor serialized
  #compute: (() => Position) | undefined;
  #resolved: Position | undefined;
  readonly #known: string | undefined;

  constructor(compute: () => Position, known: string | undefined) {
    this.#compute = compute;
    this.#known = known;
    Object.defineProperties(this, FIELDS);
  }

  get known(): string | undefined {
    return this.#known;
  }

  resolve(): Position {
    if (!this.#resolved) {
      this.#resolved = (this.#compute as () => Position)();
      this.#compute = undefined; // let go of whatever the computation holds (a document, a syntax tree)
    }
    return this.#resolved;
  }
}
