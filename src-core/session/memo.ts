// One node of the session's dependency graph: a value and the inputs it was built from. Inputs are
// compared by reference first (patches copy only the paths they change, so an untouched section
// keeps its reference), then by content for plain data (a re-fed or re-opened scenario whose
// orbit sections are equal keeps its catalogue). Like a build system: a node is rebuilt only
// when one of its own inputs changed, and it counts its builds so tests can say what rebuilt.

/** An input of a node: plain scenario data (compared by content) or a derived value (by reference). */
export type NodeInput = { data: unknown } | { ref: unknown };

const sameInput = (a: NodeInput, b: NodeInput): boolean => {
  if ('ref' in a) return 'ref' in b && Object.is(a.ref, b.ref);
  if (!('data' in b)) return false;
  return Object.is(a.data, b.data) || JSON.stringify(a.data) === JSON.stringify(b.data);
};

export class Memo<T> {
  private value: T | undefined;
  private inputs: NodeInput[] | null = null;
  /** How many times the value was built. */
  builds = 0;

  /** The value for `inputs`, rebuilt with `build` only when they differ from the last build's. */
  /** True when a value built for `inputs` is held (nothing would be rebuilt). */
  fresh(inputs: NodeInput[]): boolean {
    return this.inputs !== null && this.inputs.length === inputs.length && this.inputs.every((x, i) => sameInput(x, inputs[i]!));
  }

  get(inputs: NodeInput[], build: () => T): T {
    if (this.fresh(inputs)) {
      // Keep the newest references so the next comparison is by reference again.
      this.inputs = inputs;
      return this.value as T;
    }
    const value = build();
    this.value = value;
    this.inputs = inputs;
    this.builds++;
    return value;
  }

  /** The value built last, without checking its inputs (undefined before the first build). */
  peek(): T | undefined {
    return this.value;
  }

  /** Forget the value (a failed build must not leave a half-valid one behind). */
  clear(): void {
    this.value = undefined;
    this.inputs = null;
  }
}

export const data = (d: unknown): NodeInput => ({ data: d });
export const ref = (r: unknown): NodeInput => ({ ref: r });
