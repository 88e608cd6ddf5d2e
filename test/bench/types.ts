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
  /**
   * Budget to reach, printed next to the result: { ms: 3 } (median at most 3 ms), { ratio: 10 }
   * (speed-up over baselineOf at least... printed as baseline/median), or { slowdown: 1.25 } (median
   * at most 1.25 x the baseline's median, e.g. frame time with a layer vs without).
   */
  budget?: { ms?: number; ratio?: number; slowdown?: number };
  /**
   * Optional, for a slowdown budget: the slowdown measured round by round against the baseline
   * (median of the per-round ratios), judged instead of the ratio of the two medians. Pairing
   * cancels machine drift between rounds, which two independent medians do not.
   */
  pairedSlowdown?: () => number;
  /** Optional: the bench reports its own metric instead of wall time (e.g. frame time). */
  measure?: () => Promise<number> | number;
  /** Extra lines to print after the result (e.g. optimizer bound gap). */
  notes?: () => string[];
}
