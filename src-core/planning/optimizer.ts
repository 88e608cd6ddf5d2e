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
// the min-decomposition. The evaluator applies it; with Kuiper defaults latency binds first.)
//
// Lazy greedy (Minoux): stale marginal gains are upper bounds (submodularity), kept in a max-heap;
// the top is re-evaluated until it is fresh for the current iteration. Ties: lower candidate index.
// Bound (Leskovec et al. 2007): for every iteration i, OPT <= f(S_i) + sum of the N largest
// current upper bounds (N = number to add: OPT \ S_i can hold N sites that are all new; the
// constraints only shrink OPT's choices, so the bound stays valid). Also, without binding
// constraints, OPT <= f(S0) + (f(S) - f(S0)) / (1 - 1/e).
import type { CoverageEvaluator, GatewaySeeds } from '../coverage/evaluator';
import { DistRouter } from '../coverage/routing';
import type { Gateway } from '../scenario/schema';
import { candidateGateway, type Candidate } from './candidates';
import { siteViolation, type PlacementConstraints, type Site } from './constraints';
import { uniqueName } from './names';

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
  private readonly meanLatency0: number;
  private readonly siteGain: Float64Array;
  private readonly siteNew: Int32Array;
  private readonly siteMark: Uint8Array;
  private readonly siteList: Int32Array;
  private readonly totalGain: Float64Array;
  private readonly totalNew: Int32Array;
  /** Impact of the last committed site. */
  lastImpact: SiteImpact | null = null;
  evaluations = 0;

  constructor(private readonly ev: CoverageEvaluator, opts: ObjectiveOptions = {}) {
    const cache = ev.cache;
    const { satCount: N, cellCount: C, stepCount: T } = cache;
    this.lmax = ev.maxLatencyMs;
    this.exponent = opts.tailExponent ?? 2;
    this.tail = opts.tailWeight ?? 1;
    let W = 0;
    for (let c = 0; c < C; c++) W += ev.grid.weight[c]!;
    this.norm = W > 0 ? 1 / (W * T) : 0;
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
    this.siteGain = new Float64Array(C);
    this.siteNew = new Int32Array(C);
    this.siteMark = new Uint8Array(C);
    this.siteList = new Int32Array(C);
    this.totalGain = new Float64Array(C);
    this.totalNew = new Int32Array(C);
  }

  /** Demand-weighted mean one-way latency over the served samples of the committed set, ms. */
  get meanLatencyMs(): number {
    return this.servedW > 0 ? this.latSumW / this.servedW : NaN;
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

  /** Marginal gain of a gateway with these seeds; with `commit`, also add it to the state. */
  gain(seeds: GatewaySeeds, commit = false): number {
    this.evaluations++;
    const cache = this.ev.cache;
    const { satCount: N, cellCount: C, stepCount: T, linkCount: L, visOff, visCell, visUpMs } = cache;
    const w = this.ev.grid.weight;
    const { cellCur, cellNew, touched, tlist, changed, siteGain, siteNew, siteMark, siteList } = this;
    const lmax = this.lmax;
    const before = commit ? this.meanLatencyMs : NaN;
    let marked = 0;
    let total = 0;
    for (let t = 0; t < T; t++) {
      const from = seeds.off[t]!, to = seeds.off[t + 1]!;
      if (from === to) continue;
      const row = this.scratch.subarray(t * N, (t + 1) * N);
      const nc = this.router.improve(cache.linkMs.subarray(t * L, (t + 1) * L), seeds.sat, seeds.ms, from, to, row, changed);
      if (nc === 0) continue;
      let nt = 0;
      const base = t * C;
      const vo = t * (N + 1);
      for (let i = 0; i < nc; i++) {
        const s = changed[i]!;
        const d = row[s]!;
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
        total += w[c]! * (this.phi(cellNew[c]!) - this.phi(cellCur[base + c]!));
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
        if (commit) committed[s] = row[s]!;
        else row[s] = committed[s]!;
      }
    }
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

export interface OptimizeOptions {
  /** How many gateways to add. */
  add: number;
  /** Default: the scenario's planning constraints. */
  constraints?: PlacementConstraints;
  objective?: ObjectiveOptions;
  /** Antenna settings of proposed gateways (mask, PoP...); schema defaults otherwise. */
  gatewayTemplate?: Partial<Gateway>;
  /** Called after each evaluation batch: work done / total, seconds left (estimate). */
  onProgress?: (done: number, total: number, etaS: number) => void;
  /** Cancel: the optimizer stops at the next evaluation and returns what it has chosen. */
  signal?: { readonly aborted: boolean };
  /**
   * Called as each site is chosen (in order), with the online upper bound valid at that point:
   * lets a caller stream results, so a run that is terminated keeps what it found.
   */
  onChosen?: (site: ChosenSite, index: number, upperBound: number) => void;
}

export interface ChosenSite {
  candidate: Candidate;
  gateway: Gateway;
  /** Objective gain when it was added. */
  marginalGain: number;
  /** Objective after adding it. */
  objective: number;
  /** The same gain in the planner's terms. */
  impact: SiteImpact;
}

export interface OptimizeResult {
  chosen: ChosenSite[];
  /** f(existing gateways). */
  baseObjective: number;
  /** f(existing + chosen). */
  objective: number;
  /** What the chosen set does, relative to the existing gateways, in the planner's terms. */
  impact: SiteImpact;
  /** Time steps the optimizer measured over, and their length (s). */
  steps: number;
  stepS: number;
  /** Online (Leskovec) bound on the best achievable objective with `add` more gateways. */
  upperBound: number;
  /** f(S0) + (f - f(S0)) / (1 - 1/e): valid only when constraints do not bind. */
  greedyRatioBound: number;
  /** (upperBound - objective) / upperBound, in %. */
  gapPct: number;
  /** The same gap on the gain over the existing gateways: (upperBound - objective) / (upperBound - baseObjective), in %. */
  gainGapPct: number;
  cancelled: boolean;
  /** Stopped before `add` sites because no remaining candidate has a positive gain. */
  exhausted: boolean;
  evaluations: number;
  /** Candidates dropped before the start (constraint violations against the existing gateways). */
  infeasibleAtStart: number;
  elapsedMs: number;
}

/** Sum of the k largest finite-or-infinite values. */
function topKSum(values: Float64Array, k: number): number {
  if (k <= 0) return 0;
  const s = values.slice().sort();
  let sum = 0;
  for (let i = s.length - 1, n = 0; i >= 0 && n < k; i--, n++) sum += s[i]!;
  return sum;
}

/** Max-heap of candidate indices by bound (ties: lower index first). */
class BoundHeap {
  private h: number[] = [];
  constructor(private readonly bound: Float64Array) {}
  get size(): number {
    return this.h.length;
  }
  private before(a: number, b: number): boolean {
    const x = this.bound[a]!, y = this.bound[b]!;
    return x > y || (x === y && a < b);
  }
  push(v: number): void {
    const h = this.h;
    h.push(v);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }
  pop(): number {
    const h = this.h;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < h.length && this.before(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Choose `add` sites from `candidates` next to the evaluator's current gateways. Returns the sites
 * in the order chosen with their gains, the objective and an upper bound on the optimum. Does not
 * change the evaluator (add the returned gateways to see their coverage figures).
 */
export function optimizeGateways(evaluator: CoverageEvaluator, candidates: readonly Candidate[], opts: OptimizeOptions): OptimizeResult {
  const started = Date.now();
  const constraints = opts.constraints ?? evaluator.scenario.planning;
  const objective = new PlacementObjective(evaluator, opts.objective);
  const placed: Site[] = evaluator.gateways.map((g) => ({ latDeg: g.latDeg, lonDeg: g.lonDeg, countryCode: g.countryCode }));
  const M = candidates.length;
  const N = Math.max(0, Math.floor(opts.add));
  const bound = new Float64Array(M).fill(Infinity);
  const stamp = new Int32Array(M).fill(-1);
  const alive = new Uint8Array(M); // 1 = may still be in an optimal solution (feasible next to the existing gateways)
  const seeds: (GatewaySeeds | null)[] = new Array(M).fill(null);
  const gw: Gateway[] = candidates.map((c) => candidateGateway(c, opts.gatewayTemplate));
  // Names stay unique among the existing gateways and the sites chosen before ("Aurora, US-IL #2").
  const names: string[] = evaluator.gateways.map((g) => g.name);
  const heap = new BoundHeap(bound);
  let infeasibleAtStart = 0;
  for (let j = 0; j < M; j++) {
    if (siteViolation(candidates[j]!, placed, constraints) !== null) {
      infeasibleAtStart++;
      bound[j] = 0;
      continue;
    }
    alive[j] = 1;
    heap.push(j);
  }
  const chosen: ChosenSite[] = [];
  let upper = Infinity;
  let cancelled = false;
  let exhausted = false;
  let firstPass = 0;
  const progress = (done: number, total: number): void => {
    if (!opts.onProgress) return;
    const el = (Date.now() - started) / 1000;
    opts.onProgress(done, total, done > 0 ? (el / done) * (total - done) : NaN);
  };
  const liveBounds = (): Float64Array => {
    const out: number[] = [];
    for (let j = 0; j < M; j++) if (alive[j]) out.push(bound[j]!);
    return Float64Array.from(out);
  };

  outer: for (let it = 0; it < N; it++) {
    for (;;) {
      if (opts.signal?.aborted) {
        cancelled = true;
        break outer;
      }
      if (heap.size === 0) break outer;
      const j = heap.pop();
      if (siteViolation(candidates[j]!, placed, constraints) !== null) continue; // conflicts with a chosen site: dropped (its bound still counts)
      if (stamp[j] === it) {
        // Fresh and on top: the best feasible candidate. Bound before adding it (all bounds valid for S_it).
        upper = Math.min(upper, objective.value + topKSum(liveBounds(), N));
        if (!(bound[j]! > 0)) {
          // The best remaining gain is zero: no candidate buys anything more; stop rather than
          // suggest gateways that serve nobody.
          exhausted = true;
          break outer;
        }
        const g = objective.gain(seeds[j]!, true);
        seeds[j] = null;
        alive[j] = 0;
        placed.push(candidates[j]!);
        const name = uniqueName(gw[j]!.name, names);
        names.push(name);
        const gateway = name === gw[j]!.name ? gw[j]! : { ...gw[j]!, name };
        chosen.push({ candidate: candidates[j]!, gateway, marginalGain: g, objective: objective.value, impact: objective.lastImpact! });
        opts.onChosen?.(chosen[chosen.length - 1]!, chosen.length - 1, Math.max(upper, objective.value));
        progress(firstPass + it + 1, firstPass + N);
        break;
      }
      seeds[j] ??= evaluator.gatewaySeeds(gw[j]!);
      bound[j] = objective.gain(seeds[j]!);
      stamp[j] = it;
      heap.push(j);
      if (it === 0) {
        firstPass++;
        if (firstPass % 64 === 0) progress(firstPass, M + N);
      }
    }
  }
  const f = objective.value;
  // Final bound: f(S_N) + top-N bounds (all still valid upper bounds by submodularity).
  upper = Math.min(upper, f + topKSum(liveBounds(), N));
  const f0 = objective.value0;
  const greedyRatioBound = f0 + (f - f0) / (1 - 1 / Math.E);
  const constraintsBind = constraints.minSpacingKm > 0 || constraints.excludedCountries.length > 0 || constraints.maxPerCountry !== null;
  if (!cancelled && chosen.length === N && !constraintsBind) upper = Math.min(upper, greedyRatioBound);
  upper = Math.max(upper, f);
  return {
    chosen,
    baseObjective: f0,
    objective: f,
    impact: objective.totalImpact(),
    steps: evaluator.stepCount,
    stepS: evaluator.cache.settings.stepS,
    upperBound: upper,
    greedyRatioBound,
    gapPct: Number.isFinite(upper) && upper > 0 ? (100 * (upper - f)) / upper : NaN,
    gainGapPct: Number.isFinite(upper) && upper > f0 ? (100 * (upper - f)) / (upper - f0) : upper === f0 ? 0 : NaN,
    cancelled,
    exhausted,
    evaluations: objective.evaluations,
    infeasibleAtStart,
    elapsedMs: Date.now() - started,
  };
}
