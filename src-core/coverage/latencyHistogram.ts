// Demand-weighted histogram of the served one-way latency over the whole window: what the
// coverage panel's CDF chart and the planning report's latency chart draw. Bin i holds the
// samples in [i*binMs, (i+1)*binMs); only samples within the latency budget count (served ones).
import type { CoverageEvaluator } from './evaluator';

export const LATENCY_HIST_BIN_MS = 1;

export interface LatencyHistogram {
  binMs: number;
  /** Demand weight per bin (people, or cells when the analysis is not demand-weighted). */
  weights: Float64Array;
}

export function latencyHistogram(ev: CoverageEvaluator, binMs = LATENCY_HIST_BIN_MS): LatencyHistogram {
  const C = ev.grid.count;
  const T = ev.stepCount;
  const lmax = ev.maxLatencyMs;
  const weights = new Float64Array(Math.ceil(lmax / binMs) + 1);
  const w = ev.grid.weight;
  const lat = ev.cellLat;
  for (let t = 0; t < T; t++) {
    const row = t * C;
    for (let c = 0; c < C; c++) {
      const v = lat[row + c]!;
      if (v <= lmax && w[c]! > 0) weights[Math.floor(v / binMs)]! += w[c]!;
    }
  }
  return { binMs, weights };
}
