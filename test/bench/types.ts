// The contract between benchmark files (test/bench/*.bench.ts) and the runner (run.ts).
export interface Bench {
  /** Unique within its group. */
  name: string;
  /** Benches in a group are reported together; ratios only compare within a group. */
  group: string;
  /** One iteration of the measured work. May be async (e.g. browser frame-time runs). */
  fn: () => void | Promise<void>;
  /** Name of another bench in the same group to report this one's ratio against. */
  baselineOf?: string;
  /** Fixed iteration count (long benches); otherwise the runner picks one (>= 5, about 1 s). */
  iterations?: number;
  /** Budget to reach, printed next to the result: e.g. { ms: 3 } or { ratio: 1.25 }. */
  budget?: { ms?: number; ratio?: number };
  /** Optional: the bench reports its own metric instead of wall time (e.g. frame time). */
  measure?: () => Promise<number> | number;
  /** Extra lines to print after the result (e.g. optimizer bound gap). */
  notes?: () => string[];
}
