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
import type { Gateway } from '../scenario/schema';
import { candidateGateway, type Candidate } from './candidates';
import { coverageDual, FLOOR_ABOVE_PAIRS, LOWERED_FLOOR_SHARE, pairCount, servedDualBound, type SampleGains, type SampleRows } from './bound';
import { checkChosenSet, type CheckedSet } from './check';
import { KeptSamples, ROUND_UP } from './keptSamples';
import { IdDecoder } from './sampleIds';
import { siteViolation, type PlacementConstraints, type PlacementObjectiveKind, type Site } from './constraints';
import { uniqueName } from './names';

import { PlacementObjective, SampleCapture, type ObjectiveOptions, type SiteImpact } from './objective';
import { latencyAfterSaturation, type LatencyPhase, type PickPhase } from './phases';
import { ServedObjective } from './served';

export { FASTER_THRESHOLD_MS, PlacementObjective, SampleCapture, type ObjectiveOptions, type SiteImpact } from './objective';
export type { LatencyPhase, PickPhase } from './phases';
export { checkChosenSet, isRelaxed, type CheckedFigures, type CheckedSet, type ModelFigures } from './check';

export interface OptimizeOptions {
  /** How many gateways to add. */
  add: number;
  /** Default: the scenario's planning constraints. */
  constraints?: PlacementConstraints;
  /** What to maximise; default: `constraints.objective`, else 'latency'. */
  kind?: PlacementObjectiveKind;
  /** Options of the latency objective. */
  objective?: ObjectiveOptions;
  /** Tighten the bound at the end (fresh gains, LP dual); default true. */
  tightBound?: boolean;
  /** Latency bound: at most this many first-pass (sample, gain) pairs kept for the dual (default MAX_KEPT_SAMPLES; tests force evictions with less). */
  maxKeptPairs?: number;
  /** Latency bound: the dual's floors are used above this many kept pairs (default FLOOR_ABOVE_PAIRS; tests force them on small problems with 0). */
  floorAbovePairs?: number;
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
  /**
   * Served objective: stop once served demand is saturated (no remaining candidate adds Gbps)
   * instead of choosing the remaining sites by the latency objective. Default false: continue.
   */
  stopAtSaturation?: boolean;
  /** Served objective: called once when served demand saturates and the latency phase starts (sites so far, served Gbps). */
  onSaturated?: (sites: number, servedGbps: number) => void;
  /**
   * Latency objective only: candidate indices already placed before this run, in order. They are
   * committed into the objective (baseObjective is f(existing + these)), count for the constraints
   * and the names, and are never chosen again. The served objective's latency phase uses it.
   */
  after?: readonly number[];
}

export interface ChosenSite {
  candidate: Candidate;
  gateway: Gateway;
  /** The objective that chose it: 'served' (Gbps), or 'latency' (a latency run, or a served run past saturation). */
  phase: PickPhase;
  /** Gain of the objective of `phase` when it was added (Gbps for 'served'). */
  marginalGain: number;
  /** That objective after adding it. */
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
  /** The objective maximised. */
  kind: PlacementObjectiveKind;
  /** Upper bound on the best achievable objective with `add` more gateways: the least of the bounds below and the ratio bound. */
  upperBound: number;
  /** The parts (NaN when not computed): online (Leskovec, stale gains), fresh gains at the end, LP dual. */
  bounds: { online: number; fresh: number; dual: number };
  /** Time spent tightening the bound at the end, ms (part of elapsedMs). */
  boundMs: number;
  /**
   * The latency dual's work (null when it did not run): iterations, rounds, pairs and shared
   * samples; `scalars`: candidates that entered it as one number (their per-sample gains not
   * kept); `fixedFloor`: it began at u >= the greedy set's per-sample gains (some candidates were
   * not kept, or over FLOOR_ABOVE_PAIRS pairs were); `loweredFloor`: the share of those gains its
   * floor was lowered to (every candidate kept), else null: after the fixed floor's round (2
   * rounds, LOWERED_FLOOR_SHARE), or from the greedy set's gains without it (1 round,
   * FIRST_ROUND_MAX_SHARE in bound.ts; then FAR_FLOOR_SHARE).
   */
  dualStats: { iterations: number; rounds: number; pairs: number; samples: number; scalars: number; fixedFloor: boolean; loweredFloor: number | null } | null;
  /** f(S0) + (f - f(S0)) / (1 - 1/e): valid only when constraints do not bind. */
  greedyRatioBound: number;
  /** (upperBound - objective) / upperBound, in %. */
  gapPct: number;
  /** The same gap on the gain over the existing gateways: (upperBound - objective) / (upperBound - baseObjective), in %. */
  gainGapPct: number;
  cancelled: boolean;
  /**
   * Stopped before `add` sites because no remaining candidate has a positive gain. Served: only
   * when the latency phase has nothing to add either, or with `stopAtSaturation` at saturation.
   */
  exhausted: boolean;
  /**
   * Served objective: sites chosen when served demand saturated (every remaining candidate adds 0
   * Gbps; the picks after it are chosen for latency), null when it did not (or a latency run).
   */
  saturatedAfter: number | null;
  /** Served objective past saturation: the latency phase's own figures (null when it did not run). */
  latencyPhase: LatencyPhase | null;
  /**
   * The chosen set checked with the one router (check.ts): coverage's figures before and after
   * under the scenario's routing, next to the optimizer's model figures. Null when cancelled.
   */
  checked: CheckedSet | null;
  evaluations: number;
  /** Candidates dropped before the start (constraint violations against the existing gateways). */
  infeasibleAtStart: number;
  /**
   * Latency with kept first-pass gains: stale lazy bounds lowered from those gains
   * (KeptSamples.marginal) instead of re-evaluating the candidate; 0 otherwise.
   */
  estimates: number;
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
  /** The top (-1 when empty), without removing it. */
  peek(): number {
    return this.h.length > 0 ? this.h[0]! : -1;
  }
  /** Replace the contents (after the bounds changed). */
  rebuild(items: readonly number[]): void {
    this.h = [];
    for (const v of items) this.push(v);
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
 * Served objective: a candidate whose fresh gain is within this many Gbps (mean over the steps) of
 * every other candidate's upper bound is chosen without evaluating the others. Past saturation
 * nearly every site gains the same (the demand still reachable, capped per step), and the bounds
 * carry a round-off allowance (ServedObjective.refreshBounds), so exact ties would never resolve.
 * Each pick is then within this of the best gain: greedy's (1 - 1/e) guarantee holds less at most
 * N x SERVED_TIE_GBPS in all.
 */
export const SERVED_TIE_GBPS = 1e-6;
/** Served objective: after this many evaluations in one round without a decision, refresh every bound (reach and cap), once per round. */
export const SERVED_REFRESH_AFTER = 2;

/** One objective behind the greedy loop: gains by candidate index. */
interface GainSource {
  readonly value0: number;
  readonly value: number;
  readonly evaluations: number;
  readonly lastImpact: SiteImpact | null;
  gain(j: number, commit: boolean, capture?: SampleCapture): number;
  totalImpact(): SiteImpact;
  /** The latency model's served % and mean latency at the start (existing gateways) and now. */
  model(): CheckedSet['model'];
}

function modelOf(o: PlacementObjective): CheckedSet['model'] {
  const t = o.totalImpact();
  return { before: { servedPct: o.servedPct0, meanLatencyMs: t.meanLatencyBeforeMs }, after: { servedPct: o.servedPct, meanLatencyMs: t.meanLatencyAfterMs } };
}

/** The latency objective, started from the evaluator's gateways plus the candidates `after` (committed, in order). */
function latencySource(evaluator: CoverageEvaluator, gw: readonly Gateway[], opts: ObjectiveOptions | undefined, after: readonly number[]): GainSource {
  const o = new PlacementObjective(evaluator, opts);
  const seeds: (GatewaySeeds | null)[] = new Array(gw.length).fill(null);
  for (const j of after) o.gain(evaluator.gatewaySeeds(gw[j]!), true);
  return {
    value0: o.value,
    get value() { return o.value; },
    get evaluations() { return o.evaluations; },
    get lastImpact() { return o.lastImpact; },
    gain(j, commit, capture) {
      seeds[j] ??= evaluator.gatewaySeeds(gw[j]!);
      const g = o.gain(seeds[j], commit, capture);
      if (commit) seeds[j] = null;
      return g;
    },
    totalImpact: () => o.totalImpact(),
    model: () => modelOf(o),
  };
}

function servedSource(evaluator: CoverageEvaluator, gw: readonly Gateway[], feasible: Uint8Array): GainSource & { served: ServedObjective; local: Int32Array } {
  // Only the candidates feasible next to the existing gateways enter the networks.
  const local = new Int32Array(gw.length).fill(-1);
  const list: Gateway[] = [];
  for (let j = 0; j < gw.length; j++) if (feasible[j]) { local[j] = list.length; list.push(gw[j]!); }
  const served = new ServedObjective(evaluator, list, list.map((g) => evaluator.gatewaySeeds(g)));
  return {
    served,
    local,
    value0: served.value0,
    get value() { return served.value; },
    get evaluations() { return served.evaluations; },
    get lastImpact() { return served.lastImpact; },
    gain: (j, commit) => served.gain(local[j]!, commit),
    totalImpact: () => served.totalImpact(),
    model: () => modelOf(served.latency),
  };
}

/**
 * Choose `add` sites from `candidates` next to the evaluator's current gateways. Returns the sites
 * in the order chosen with their gains, the objective and an upper bound on the optimum. Does not
 * change the evaluator (add the returned gateways to see their coverage figures).
 */
export function optimizeGateways(evaluator: CoverageEvaluator, candidates: readonly Candidate[], opts: OptimizeOptions): OptimizeResult {
  const started = Date.now();
  const constraints = opts.constraints ?? evaluator.scenario.planning;
  const kind: PlacementObjectiveKind = opts.kind ?? constraints.objective ?? 'latency';
  const placed: Site[] = evaluator.gateways.map((g) => ({ latDeg: g.latDeg, lonDeg: g.lonDeg, countryCode: g.countryCode }));
  const M = candidates.length;
  const N = Math.max(0, Math.floor(opts.add));
  const T = evaluator.stepCount;
  const tight = opts.tightBound ?? true;
  const bound = new Float64Array(M).fill(Infinity);
  const stamp = new Int32Array(M).fill(-1);
  const feasible = new Uint8Array(M); // feasible next to the existing gateways: may be in an optimal solution
  const alive = new Uint8Array(M); // feasible and not chosen
  const gw: Gateway[] = candidates.map((c) => candidateGateway(c, opts.gatewayTemplate));
  // Names stay unique among the existing gateways and the sites chosen before ("Aurora, US-IL #2").
  const names: string[] = evaluator.gateways.map((g) => g.name);
  const heap = new BoundHeap(bound);
  const after = opts.after ?? [];
  if (after.length > 0 && kind !== 'latency') throw new Error('optimizeGateways: `after` needs the latency objective');
  const isAfter = new Uint8Array(M);
  for (const j of after) {
    isAfter[j] = 1;
    placed.push(candidates[j]!);
    names.push(uniqueName(gw[j]!.name, names));
  }
  let infeasibleAtStart = 0;
  for (let j = 0; j < M; j++) {
    if (isAfter[j]) {
      bound[j] = 0;
      continue;
    }
    if (siteViolation(candidates[j]!, placed, constraints) !== null) {
      infeasibleAtStart++;
      bound[j] = 0;
      continue;
    }
    feasible[j] = alive[j] = 1;
  }
  const served = kind === 'served' ? servedSource(evaluator, gw, feasible) : null;
  const objective: GainSource = served ?? latencySource(evaluator, gw, opts.objective, after);
  // What the bound's dual needs from the first pass: per-sample (latency) or per-step (served) gains.
  const firstGain = new Float64Array(M).fill(Infinity);
  const kept = tight && !served ? new KeptSamples(T * evaluator.cache.cellCount, opts.maxKeptPairs) : null;
  const stepGains = tight && served ? new Float64Array(M * T) : null;
  const chosen: ChosenSite[] = [];
  const chosenIdx: number[] = [];
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
  if (served) startFromCutBounds(served.served, served.local, feasible, bound, firstGain, stepGains);
  for (let j = 0; j < M; j++) if (feasible[j]) heap.push(j);
  const capture = kept ? new SampleCapture() : undefined;
  // Latency bound: per sample id, the greedy set's gain over the existing gateways, summed from
  // each chosen site's per-sample increments as it is added (exact whether or not its first-pass
  // gains were kept). Read by the lazy loop's estimates (below) and by the dual when some
  // candidates' gains were not kept.
  const setGain = kept ? new Float64Array(T * evaluator.cache.cellCount) : null;
  // Lazy loop, latency with kept gains: the round a stale candidate's bound was last lowered to its
  // estimate from its kept first-pass gains (KeptSamples.marginal; see where it is read).
  const estimated = kept ? new Int32Array(M).fill(-1) : null;
  let estimates = 0;
  const firstEval = (j: number): number => {
    capture?.clear();
    const g = objective.gain(j, false, capture);
    firstGain[j] = g;
    if (kept && capture && g > 0) kept.offer(j, g, capture);
    if (stepGains && served) for (let t = 0; t < T; t++) stepGains[j * T + t] = served.served.stepGain[t]! / T;
    return g;
  };

  outer: for (let it = 0; it < N; it++) {
    let evaluatedThisRound = 0;
    let refreshed = false;
    let bestFresh = -1; // served: the best candidate evaluated this round
    for (;;) {
      if (opts.signal?.aborted) {
        cancelled = true;
        break outer;
      }
      if (heap.size === 0) break outer;
      if (served && !refreshed && evaluatedThisRound >= SERVED_REFRESH_AFTER && bound[bestFresh]! < bound[heap.peek()]! - SERVED_TIE_GBPS) {
        refreshServedBounds(served, bound, stamp, alive, it, heap);
        refreshed = true;
      }
      let j = heap.pop();
      if (!alive[j]) continue; // chosen while still in the heap (a tie, below)
      if (siteViolation(candidates[j]!, placed, constraints) !== null) continue; // conflicts with a chosen site: dropped (its bound still counts)
      if (stamp[j] !== it && bestFresh >= 0 && bound[bestFresh]! >= bound[j]! - SERVED_TIE_GBPS) {
        // Served: the best fresh gain is within SERVED_TIE_GBPS of every remaining bound: take it (see the constant).
        heap.push(j);
        j = bestFresh;
      } else if (stamp[j] !== it) {
        if (setGain && estimated && stamp[j] !== -1 && estimated[j] !== it) {
          // A stale candidate with its first-pass gains kept: first lower its bound to an upper
          // bound on its gain now, from those gains and the set's gain per sample (its kept pairs
          // read, ~1,000 on the optimizer bench, instead of a routing pass). Any valid upper
          // bounds leave lazy greedy's picks as they are (the fresh best, lower index on ties),
          // so the picks, gains and objective are those of a run without it; most stale
          // candidates then sink below the pick without their own evaluation. Optimizer bench
          // (300 sites): 3,365 re-evaluations after the first pass -> 306 (docs/OPTIMIZER.md).
          estimated[j] = it;
          // (NaN when j's gains were not kept: evaluated below. The kept gains carry at least
          // 1.8e-7 of each gain above it, far above the sums' rounding; the margin covers the
          // sums' different order, as for the dual's marginal gains.)
          const est = kept!.marginal(j, setGain) * ROUNDING_MARGIN;
          if (est < bound[j]!) {
            estimates++;
            bound[j] = est;
            heap.push(j);
            continue;
          }
        }
        bound[j] = stamp[j] === -1 ? firstEval(j) : objective.gain(j, false);
        stamp[j] = it;
        evaluatedThisRound++;
        if (it === 0) {
          firstPass++;
          if (firstPass % 64 === 0) progress(firstPass, M + N);
        }
        if (served && (bestFresh < 0 || bound[j]! > bound[bestFresh]! || (bound[j] === bound[bestFresh] && j < bestFresh))) bestFresh = j;
        heap.push(j);
        continue;
      }
      {
        // Fresh and on top (or tied with the top, served): the best feasible candidate. Bound before adding it (all bounds valid for S_it).
        upper = Math.min(upper, objective.value + topKSum(liveBounds(), N));
        if (!(bound[j]! > 0)) {
          // The best remaining gain is zero: no candidate buys anything more; stop rather than
          // suggest gateways that serve nobody.
          exhausted = true;
          break outer;
        }
        capture?.clear();
        const g = objective.gain(j, true, capture);
        if (setGain && capture) for (let k = 0; k < capture.length; k++) setGain[capture.idx[k]!]! += capture.val[k]!;
        alive[j] = 0;
        placed.push(candidates[j]!);
        chosenIdx.push(j);
        const name = uniqueName(gw[j]!.name, names);
        names.push(name);
        const gateway = name === gw[j]!.name ? gw[j]! : { ...gw[j]!, name };
        chosen.push({ candidate: candidates[j]!, gateway, phase: kind, marginalGain: g, objective: objective.value, impact: objective.lastImpact! });
        opts.onChosen?.(chosen[chosen.length - 1]!, chosen.length - 1, Math.max(upper, objective.value));
        progress(firstPass + it + 1, firstPass + N);
        break;
      }
    }
  }
  const f = objective.value;
  const f0 = objective.value0;
  // Online bound: f(S_N) + top-N bounds (all still valid upper bounds by submodularity).
  const online = Math.min(upper, f + topKSum(liveBounds(), N));
  upper = online;
  const boundStarted = Date.now();
  let fresh = NaN, dual = NaN;
  let dualStats: OptimizeResult['dualStats'] = null;
  const firstPassDone = firstGain.every((g, j) => !feasible[j] || g < Infinity);
  if (tight && firstPassDone && N > 0) {
    const target = f - f0;
    if (served && stepGains) {
      const rows: number[] = [];
      for (let j = 0; j < M; j++) if (feasible[j]) rows.push(j);
      const g = new Float64Array(rows.length * T);
      rows.forEach((j, r) => g.set(stepGains.subarray(j * T, (j + 1) * T), r * T));
      const cap = served.served.gainOfAll().map((x) => x / T);
      dual = f0 + servedDualBound(N, g, cap, target);
    } else if (kept && setGain) {
      const unkept: number[] = [];
      for (let j = 0; j < M; j++) if (feasible[j] && !kept.has(j) && firstGain[j]! > 0) unkept.push(j);
      // Candidates whose per-sample gains were not kept (the memory cap) would enter the dual as
      // one number each, their first-pass gain: far above what they add to the greedy set, so with
      // few sites (the app's 20) they filled the top N and the dual ended far above the fresh bound.
      // Instead, when some were not kept, the dual keeps u >= u0 = the greedy set's per-sample gains
      // (setGain, rounded up): then h_j(u) <= h_j(u0) = j's marginal gain over the greedy set (0
      // for a chosen site), so the pairs at or below u0 never count (marginalPairs drops them), a
      // candidate freshTopN evaluated gets its pairs back from that evaluation (u0 + its marginal
      // gain per sample), and one it did not enters as its lazy bound (at least its marginal gain,
      // by submodularity). D at u0 is then the fresh bound, and the descent only goes down from it.
      const marginal = unkept.length > 0 && !cancelled;
      let gains: SampleGains | SampleRows, start: ArrayLike<number>, scalar: number[];
      if (marginal) {
        const u0 = setGain.map((g) => g * ROUNDING_MARGIN);
        const evaluated = new Map<number, { idx: Int32Array; val: Float64Array }>();
        fresh = f + freshTopN(objective, bound, alive, N, (j, c) => {
          if (!kept.has(j) && c.length > 0) evaluated.set(j, { idx: c.idx.slice(0, c.length), val: c.val.slice(0, c.length) });
        });
        gains = marginalPairs(kept, alive, evaluated, u0);
        start = u0;
        scalar = unkept.filter((j) => alive[j] && !evaluated.has(j)).map((j) => Math.min(firstGain[j]!, bound[j]!) * ROUNDING_MARGIN);
      } else {
        ({ gains, start } = kept.gains(chosenIdx));
        scalar = unkept.map((j) => firstGain[j]!);
      }
      // Above FLOOR_ABOVE_PAIRS kept pairs the dual first keeps u >= u0 as well (see fixedFloor):
      // only pairs above the greedy set's gains count then, a few per cent of them (bench: 2.9 M ->
      // 42 k). That domain's own LP optimum is its limit (bench: 1.028 % of the gain above f), so
      // with every candidate kept a second round lowers the floor to LOWERED_FLOOR_SHARE x u0
      // (0.27 M pairs) and goes on from the first round's best (bench: 0.990 %).
      const fixedFloor = marginal || pairCount(gains) > (opts.floorAbovePairs ?? FLOOR_ABOVE_PAIRS);
      const lowerFloorTo = fixedFloor && !marginal ? LOWERED_FLOOR_SHARE : undefined;
      const r = coverageDual(N, gains, scalar, target, { start, startOwned: true, fixedFloor, lowerFloorTo, sampleCount: T * evaluator.cache.cellCount });
      dual = f0 + r.bound;
      dualStats = { iterations: r.iterations, rounds: r.rounds, pairs: r.pairs, samples: r.samples, scalars: scalar.length, fixedFloor, loweredFloor: lowerFloorTo !== undefined && r.lowered ? r.floorShare : null };
      // Every candidate with a gain kept: D at the start (u = the greedy set's per-sample gains) is
      // the fresh top-N bound itself (h_j(u0) = j's fresh marginal gain), so no re-evaluation.
      if (unkept.length === 0 && !cancelled) fresh = f0 + r.atStart;
    }
    if (Number.isFinite(dual)) upper = Math.min(upper, dual);
  }
  if (tight && !cancelled && Number.isNaN(fresh)) {
    fresh = f + freshTopN(objective, bound, alive, N);
  }
  if (Number.isFinite(fresh)) upper = Math.min(upper, fresh);
  const boundMs = Date.now() - boundStarted;
  const greedyRatioBound = f0 + (f - f0) / (1 - 1 / Math.E);
  const constraintsBind = constraints.minSpacingKm > 0 || constraints.excludedCountries.length > 0 || constraints.maxPerCountry !== null;
  if (!cancelled && chosen.length === N && !constraintsBind) upper = Math.min(upper, greedyRatioBound);
  upper = Math.max(upper, f);
  const result: OptimizeResult = {
    chosen,
    kind,
    baseObjective: f0,
    objective: f,
    impact: objective.totalImpact(),
    steps: evaluator.stepCount,
    stepS: evaluator.cache.settings.stepS,
    upperBound: upper,
    bounds: { online, fresh, dual },
    boundMs,
    dualStats,
    greedyRatioBound,
    gapPct: Number.isFinite(upper) && upper > 0 ? (100 * (upper - f)) / upper : NaN,
    gainGapPct: Number.isFinite(upper) && upper > f0 ? (100 * (upper - f)) / (upper - f0) : upper === f0 ? 0 : NaN,
    cancelled,
    exhausted,
    saturatedAfter: served && exhausted ? chosen.length : null,
    latencyPhase: null,
    checked: null,
    evaluations: objective.evaluations,
    infeasibleAtStart,
    estimates,
    elapsedMs: Date.now() - started,
  };
  // Served demand saturated before `add` sites: the rest are chosen for latency (phases.ts), whose run checks the whole set.
  if (served && exhausted && opts.stopAtSaturation !== true && chosen.length < N) return latencyAfterSaturation(result, { evaluator, candidates, chosenIdx, opts, started }, optimizeGateways);
  if (!cancelled) {
    // Existing + `after` (a latency phase's served picks) + chosen, checked with coverage's router.
    result.checked = checkChosenSet(evaluator, [...after.map((j) => gw[j]!), ...chosen.map((c) => c.gateway)], objective.model());
    result.elapsedMs = Date.now() - started;
  }
  return result;
}

/**
 * Served demand: lazy greedy starts from each candidate's cut bound (ServedObjective.gainBound)
 * instead of an exact first gain. A valid upper bound is all lazy greedy needs, so the choices are
 * the same; candidates that never reach the top are never evaluated. The bound's dual takes the
 * per-step cut bounds of those (the dual only grows with the gains, so it stays valid).
 */
function startFromCutBounds(served: ServedObjective, local: Int32Array, feasible: Uint8Array, bound: Float64Array, firstGain: Float64Array, stepGains: Float64Array | null): void {
  const T = served.stepGain.length;
  for (let j = 0; j < bound.length; j++) {
    if (!feasible[j]) continue;
    bound[j] = firstGain[j] = served.gainBound(local[j]!);
    if (stepGains) for (let t = 0; t < T; t++) stepGains[j * T + t] = served.stepGain[t]! / T;
  }
}

/**
 * Served demand: lazy greedy is stuck evaluating (every fresh gain falls far below the other
 * bounds): tighten every bound at the current set (ServedObjective.refreshBounds: 0 for sites no
 * flow can reach, capped by the gain of opening every site) and re-order the heap. Candidates
 * already fresh this round keep their exact gain.
 */
function refreshServedBounds(src: { served: ServedObjective; local: Int32Array }, bound: Float64Array, stamp: Int32Array, alive: Uint8Array, it: number, heap: BoundHeap): void {
  src.served.refreshBounds();
  const live: number[] = [];
  for (let j = 0; j < bound.length; j++) {
    if (!alive[j]) continue;
    if (stamp[j] !== it) bound[j] = Math.min(bound[j]!, src.served.bound(src.local[j]!));
    live.push(j);
  }
  heap.rebuild(live);
}

/**
 * The latency dual's pairs when it keeps u >= u0 (optimizeGateways): per live candidate in the
 * order kept, its kept first-pass gains above u0; then per candidate not kept that freshTopN
 * evaluated, u0 plus its per-sample marginal gains (g_ij = u0_i + m_ij wherever g_ij > u0_i), as
 * float32 rounded up like the kept ones. Chosen sites are left out: h_j(u) = 0 for u >= u0.
 */
function marginalPairs(kept: KeptSamples, alive: Uint8Array, evaluated: Map<number, { idx: Int32Array; val: Float64Array }>, u0: Float64Array): SampleGains {
  const rows = kept.rows();
  let n = 0;
  for (const e of evaluated.values()) n += e.idx.length;
  for (const r of rows) if (alive[r.j]) n += r.len;
  const idx = new Int32Array(n), val = new Float32Array(n);
  const start: number[] = [0];
  let p = 0;
  const dec = new IdDecoder();
  for (const r of rows) {
    if (!alive[r.j]) continue;
    const ids = dec.decode(r.ids, r.idsOff, r.len);
    for (let k = 0; k < r.len; k++) {
      const s = ids[k]!, g = r.val[r.off + k]!;
      if (g > u0[s]!) {
        idx[p] = s;
        val[p++] = g;
      }
    }
    start.push(p);
  }
  for (const e of evaluated.values()) {
    for (let k = 0; k < e.idx.length; k++) {
      const s = e.idx[k]!;
      idx[p] = s;
      val[p++] = Math.fround((u0[s]! + e.val[k]! * ROUNDING_MARGIN) * ROUND_UP);
    }
    start.push(p);
  }
  return { start: Int32Array.from(start), idx: idx.subarray(0, p), val: val.subarray(0, p) };
}

/** Marginal gains taken as bounds on h_j(u) are summed in a different order than the dual's pairs: a margin far above that rounding. */
const ROUNDING_MARGIN = 1 + 1e-12;

/**
 * Sum of the N largest FRESH gains over the live candidates at the final set, computed lazily:
 * candidates in order of their (stale, upper-bound) gains, re-evaluated until the N-th largest
 * fresh gain is at least the next stale one. Updates `bound` to the fresh gains it computed;
 * `onFresh` receives each such candidate's per-sample gains (its marginal gain per sample).
 */
function freshTopN(objective: GainSource, bound: Float64Array, alive: Uint8Array, N: number, onFresh?: (j: number, perSample: SampleCapture) => void): number {
  const capture = onFresh ? new SampleCapture() : undefined;
  const order: number[] = [];
  for (let j = 0; j < bound.length; j++) if (alive[j]) order.push(j);
  order.sort((a, b) => bound[b]! - bound[a]! || a - b);
  const top: number[] = []; // fresh gains, descending, at most N
  let k = 0;
  for (; k < order.length; k++) {
    const j = order[k]!;
    if (top.length >= N && top[N - 1]! >= bound[j]!) break; // every later candidate's gain is at most its stale bound
    capture?.clear();
    bound[j] = objective.gain(j, false, capture);
    if (capture) onFresh!(j, capture);
    let p = top.length;
    top.push(bound[j]!);
    while (p > 0 && top[p - 1]! < top[p]!) { [top[p - 1], top[p]] = [top[p]!, top[p - 1]!]; p--; }
    if (top.length > N) top.length = N;
  }
  let s = 0;
  for (const g of top) s += g;
  // Fewer than N evaluated (the loop ran out): the rest of the top-N are among the unevaluated, none left.
  return s;
}
