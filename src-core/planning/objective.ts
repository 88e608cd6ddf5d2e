// Gateway placement: lazy greedy maximisation of a monotone submodular objective, with an online
// upper bound on the optimum.
//
// Objective. For each (cell c, step t) sample with demand weight w_c, the value is
//   phi(L) = 0                                            if L > maxOneWayLatencyMs = Lmax (not served)
//          = 1 + tailWeight * (1 - (L / Lmax)^tailExponent)  otherwise,
// a non-increasing function of the sample's latency L; f(S) = sum w_c phi(L_ct(S)) / (W T).
// With tailExponent 2 a millisecond saved on a slow sample is worth more than on a fast one (the
// slope is proportional to L): the tail-latency term. f lies in [0, 1 + tailWeight].
// Why it is submodular: L_ct(S) = min over gateways g in S (plus the existing ones) of L_ct(g),
// the latency with g alone. The multi-source shortest distance of every satellite is the minimum
// of the single-source distances, and the cell takes a minimum over its visible satellites, and
// minima commute. As phi is non-increasing, phi(min_g L(g)) = max_g phi(L(g)), so
// f(S) = sum_samples w * max_{g in S} a_g(sample) with a >= 0: a facility-location function,
// which is monotone and submodular. (The hop limit is not part of the objective: it would break
// the min-decomposition. The evaluator applies it; with Kuiper defaults latency binds first.
// Nor is ground relay for the new gateways. The run's `checked` (check.ts) reports coverage's
// own figures for the chosen set under the scenario's routing.)
//
// Lazy greedy (Minoux): stale marginal gains are upper bounds (submodularity), kept in a max-heap;
// the top is re-evaluated until it is fresh for the current iteration. Ties: lower candidate index.
// (optimizeGateways first lowers a stale top's bound from its kept per-sample first-pass gains,
// KeptSamples.marginal: exact up to their rounding up, as f is a facility-location function.)
// Bound (Leskovec et al. 2007): for every iteration i, OPT <= f(S_i) + sum of the N largest
// current upper bounds (N = number to add: OPT \ S_i can hold N sites that are all new; the
// constraints only shrink OPT's choices, so the bound stays valid). Also, without binding
// constraints, OPT <= f(S0) + (f(S) - f(S0)) / (1 - 1/e).
import type { CoverageEvaluator, GatewaySeeds } from '../coverage/evaluator';
import { DistRouter } from '../coverage/routing';

/** A person counts as "faster" when their window-mean latency drops by at least this much. */
export const FASTER_THRESHOLD_MS = 1;

/**
 * What a chosen site (or the whole chosen set) does in the planner's terms, measured on the
 * optimizer's own samples (its time steps; the hop limit is not applied, see above).
 */
export interface SiteImpact {
  /** Demand-weighted mean one-way latency over served samples, before and after, ms. */
  meanLatencyBeforeMs: number;
  meanLatencyAfterMs: number;
  /** Population whose window-mean latency drops by at least FASTER_THRESHOLD_MS. */
  peopleFaster: number;
  /** Their population-weighted mean gain, ms (NaN when nobody is faster). */
  fasterByMs: number;
  /** Population newly served, time-averaged (samples that had no route within the limit before). */
  peopleNewlyServed: number;
  /** Served Gbps gained: needs the capacity model, which the engine does not have yet (null until then). */
  servedGbps: number | null;
}

export interface ObjectiveOptions {
  /** Weight of the latency term relative to 1 for being served (default 1). */
  tailWeight?: number;
  /** Exponent of the latency term (default 2; 1 = mean latency, larger = more weight on the tail). */
  tailExponent?: number;
}

/**
 * Per-sample gains of one evaluation (sample = step x cellCount + cell; gain in objective units;
 * only gains > 0): the bound's dual reads them. A growable typed buffer, reused across evaluations.
 */
export class SampleCapture {
  length = 0;
  idx = new Int32Array(1024);
  val = new Float64Array(1024);

  clear(): void {
    this.length = 0;
  }

  push(sample: number, gain: number): void {
    if (this.length === this.idx.length) {
      const idx = new Int32Array(2 * this.length), val = new Float64Array(2 * this.length);
      idx.set(this.idx);
      val.set(this.val);
      this.idx = idx;
      this.val = val;
    }
    this.idx[this.length] = sample;
    this.val[this.length++] = gain;
  }
}

/**
 * PlacementObjective's skip test keeps this margin (ms) over max(cell latency - uplink), so that a
 * skipped satellite's uplink + distance is above the cell's latency whatever the rounding of either
 * side (values are at most a few hundred ms: their rounding errors are ~1e-13 ms).
 */
const SKIP_MARGIN_MS = 1e-9;

/** The objective's state for a gateway set: per-step satellite distances and per-sample latencies (no hop limit). */
export class PlacementObjective {
  readonly value0: number;
  private valueAcc: number;
  private readonly dist: Float64Array;
  private readonly scratch: Float64Array;
  private readonly cellCur: Float64Array;
  private readonly cellNew: Float64Array;
  private readonly touched: Uint8Array;
  private readonly tlist: Int32Array;
  private readonly changed: Int32Array;
  /**
   * Per (step, satellite): max over its visible cells of (the cell's latency - the uplink), plus
   * SKIP_MARGIN_MS. A satellite whose new distance is at least this improves none of its cells, so
   * gain() skips its cell loop (exactly: the same cells, the same values). Cells only get faster,
   * so a value left from before a commit is still an upper bound: gain() refreshes only those of
   * the satellites a commit changed.
   */
  private readonly skipAt: Float64Array;
  private readonly router: DistRouter;
  private readonly lmax: number;
  private readonly exponent: number;
  private readonly tail: number;
  private readonly norm: number;
  // Planner's-terms bookkeeping (committed samples only): demand-weighted served weight and
  // latency sum, and per cell the latency saved (ms x steps) / steps newly served by the site
  // being committed (site*) and by everything committed so far (total*).
  private servedW = 0;
  private latSumW = 0;
  /** Sum of the cell weights x steps (the served share's denominator, as coverage's headline). */
  private readonly weightSteps: number;
  private readonly meanLatency0: number;
  /** Demand-weighted % of samples served at the start (see `servedPct`). */
  readonly servedPct0: number;
  private readonly siteGain: Float64Array;
  private readonly siteNew: Int32Array;
  private readonly siteMark: Uint8Array;
  private readonly siteList: Int32Array;
  private readonly totalGain: Float64Array;
  private readonly totalNew: Int32Array;
  /** Impact of the last committed site. */
  lastImpact: SiteImpact | null = null;
  evaluations = 0;
  /** Satellites the last gain() made closer but skipped: none of their cells got faster (skipAt). */
  skippedSatellites = 0;

  constructor(private readonly ev: CoverageEvaluator, opts: ObjectiveOptions = {}) {
    const cache = ev.cache;
    const { satCount: N, cellCount: C, stepCount: T } = cache;
    this.lmax = ev.maxLatencyMs;
    this.exponent = opts.tailExponent ?? 2;
    this.tail = opts.tailWeight ?? 1;
    let W = 0;
    for (let c = 0; c < C; c++) W += ev.grid.weight[c]!;
    this.norm = W > 0 ? 1 / (W * T) : 0;
    this.weightSteps = W * T;
    this.dist = ev.dist.slice();
    this.scratch = ev.dist.slice();
    this.cellCur = new Float64Array(T * C).fill(Infinity);
    this.cellNew = new Float64Array(C);
    this.touched = new Uint8Array(C);
    this.tlist = new Int32Array(C);
    this.changed = new Int32Array(N);
    this.router = new DistRouter(N, cache.adjOff, cache.adjTo, cache.adjLink);
    const { visOff, visCell, visUpMs } = cache;
    for (let t = 0; t < T; t++) {
      for (let s = 0; s < N; s++) {
        const d = this.dist[t * N + s]!;
        if (d === Infinity) continue;
        for (let k = visOff[t * (N + 1) + s]!, end = visOff[t * (N + 1) + s + 1]!; k < end; k++) {
          const i = t * C + visCell[k]!;
          const v = visUpMs[k]! + d;
          if (v < this.cellCur[i]!) this.cellCur[i] = v;
        }
      }
    }
    this.skipAt = new Float64Array(T * N);
    for (let t = 0; t < T; t++) for (let s = 0; s < N; s++) this.refreshSkip(t, s);
    let f = 0;
    const w = ev.grid.weight;
    for (let t = 0; t < T; t++) {
      for (let c = 0; c < C; c++) {
        const v = this.cellCur[t * C + c]!;
        f += w[c]! * this.phi(v);
        if (v <= this.lmax) {
          this.servedW += w[c]!;
          this.latSumW += w[c]! * v;
        }
      }
    }
    this.value0 = f * this.norm;
    this.valueAcc = f;
    this.meanLatency0 = this.meanLatencyMs;
    this.servedPct0 = this.servedPct;
    this.siteGain = new Float64Array(C);
    this.siteNew = new Int32Array(C);
    this.siteMark = new Uint8Array(C);
    this.siteList = new Int32Array(C);
    this.totalGain = new Float64Array(C);
    this.totalNew = new Int32Array(C);
  }

  /** skipAt of satellite s at step t from the committed cell latencies. */
  private refreshSkip(t: number, s: number): void {
    const { cellCount: C, satCount: N, visOff, visCell, visUpMs } = this.ev.cache;
    const base = t * C;
    let m = -Infinity;
    for (let k = visOff[t * (N + 1) + s]!, end = visOff[t * (N + 1) + s + 1]!; k < end; k++) {
      const r = this.cellCur[base + visCell[k]!]! - visUpMs[k]!;
      if (r > m) m = r;
    }
    this.skipAt[t * N + s] = m + SKIP_MARGIN_MS;
  }

  /** Demand-weighted mean one-way latency over the served samples of the committed set, ms. */
  get meanLatencyMs(): number {
    return this.servedW > 0 ? this.latSumW / this.servedW : NaN;
  }

  /**
   * Demand-weighted % of samples served (latency <= maxOneWayLatencyMs) with the committed set, in
   * this objective's model (no hop limit); the same formula as coverage's headline servedPct.
   */
  get servedPct(): number {
    return this.weightSteps > 0 ? (100 * this.servedW) / this.weightSteps : NaN;
  }

  /** Impact of everything committed so far, relative to the starting gateways. */
  totalImpact(): SiteImpact {
    return this.impactOf(this.meanLatency0, this.totalGain, this.totalNew, null);
  }

  private impactOf(before: number, gain: Float64Array, fresh: Int32Array, cells: Int32Array | null): SiteImpact {
    const T = this.ev.cache.stepCount;
    const pop = this.ev.grid.population;
    let faster = 0, gainSum = 0, newly = 0;
    const n = cells ? cells.length : gain.length;
    for (let i = 0; i < n; i++) {
      const c = cells ? cells[i]! : i;
      const g = gain[c]! / T;
      if (g >= FASTER_THRESHOLD_MS) {
        faster += pop[c]!;
        gainSum += pop[c]! * g;
      }
      newly += (pop[c]! * fresh[c]!) / T;
    }
    return { meanLatencyBeforeMs: before, meanLatencyAfterMs: this.meanLatencyMs, peopleFaster: faster, fasterByMs: faster > 0 ? gainSum / faster : NaN, peopleNewlyServed: newly, servedGbps: null };
  }

  /** Current objective f(S). */
  get value(): number {
    return this.valueAcc * this.norm;
  }

  phi(latMs: number): number {
    if (!(latMs <= this.lmax)) return 0;
    const x = latMs / this.lmax;
    return 1 + this.tail * (1 - (this.exponent === 2 ? x * x : Math.pow(x, this.exponent)));
  }

  /** Marginal gain of a gateway with these seeds; with `commit`, also add it to the state; `capture` receives the per-sample gains. */
  gain(seeds: GatewaySeeds, commit = false, capture?: SampleCapture): number {
    this.evaluations++;
    const cache = this.ev.cache;
    const { satCount: N, cellCount: C, stepCount: T, linkCount: L, visOff, visCell, visUpMs } = cache;
    const w = this.ev.grid.weight;
    const { cellCur, cellNew, touched, tlist, changed, siteGain, siteNew, siteMark, siteList } = this;
    const lmax = this.lmax;
    const before = commit ? this.meanLatencyMs : NaN;
    let marked = 0;
    let total = 0;
    let skipped = 0;
    for (let t = 0; t < T; t++) {
      const from = seeds.off[t]!, to = seeds.off[t + 1]!;
      if (from === to) continue;
      const row = this.scratch.subarray(t * N, (t + 1) * N);
      const nc = this.router.improve(cache.linkMs.subarray(t * L, (t + 1) * L), seeds.sat, seeds.ms, from, to, row, changed);
      if (nc === 0) continue;
      let nt = 0;
      const base = t * C;
      const vo = t * (N + 1);
      const skip = this.skipAt.subarray(t * N, (t + 1) * N);
      for (let i = 0; i < nc; i++) {
        const s = changed[i]!;
        const d = row[s]!;
        if (d >= skip[s]!) {
          skipped++; // none of its cells gets faster
          continue;
        }
        for (let k = visOff[vo + s]!, end = visOff[vo + s + 1]!; k < end; k++) {
          const c = visCell[k]!;
          const v = visUpMs[k]! + d;
          if (v < cellCur[base + c]!) {
            if (!touched[c]) {
              touched[c] = 1;
              tlist[nt++] = c;
              cellNew[c] = v;
            } else if (v < cellNew[c]!) cellNew[c] = v;
          }
        }
      }
      // Sum in cell order so the value does not depend on the order satellites improved in.
      tlist.subarray(0, nt).sort();
      for (let i = 0; i < nt; i++) {
        const c = tlist[i]!;
        touched[c] = 0;
        const dv = w[c]! * (this.phi(cellNew[c]!) - this.phi(cellCur[base + c]!));
        total += dv;
        if (capture && dv > 0) capture.push(base + c, dv * this.norm);
        if (commit) {
          const old = cellCur[base + c]!, now = cellNew[c]!;
          if (old <= lmax) {
            this.servedW -= w[c]!;
            this.latSumW -= w[c]! * old;
          }
          if (now <= lmax) {
            this.servedW += w[c]!;
            this.latSumW += w[c]! * now;
            if (old <= lmax) siteGain[c]! += old - now;
            else siteNew[c]!++;
          }
          if (!siteMark[c]) {
            siteMark[c] = 1;
            siteList[marked++] = c;
          }
          cellCur[base + c] = now;
        }
      }
      const committed = this.dist.subarray(t * N, (t + 1) * N);
      for (let i = 0; i < nc; i++) {
        const s = changed[i]!;
        if (commit) {
          committed[s] = row[s]!;
          this.refreshSkip(t, s);
        } else row[s] = committed[s]!;
      }
    }
    this.skippedSatellites = skipped;
    if (commit) {
      this.valueAcc += total;
      const cells = siteList.subarray(0, marked).sort();
      this.lastImpact = this.impactOf(before, siteGain, siteNew, cells);
      for (const c of cells) {
        this.totalGain[c]! += siteGain[c]!;
        this.totalNew[c]! += siteNew[c]!;
        siteGain[c] = 0;
        siteNew[c] = 0;
        siteMark[c] = 0;
      }
    }
    return total * this.norm;
  }
}
