// Upper bounds on the best gain of N more sites, from the Lagrangian dual of the placement LP.
// docs/OPTIMIZER.md derives them; in short, with g_ij >= 0 the first-pass gain of candidate j on
// sample i (relative to the existing gateways):
//
// Latency (facility location): the best gain is G(A) = sum_i max_{j in A} g_ij over |A| <= N. For
// any u >= 0, max_{j in A} g_ij <= u_i + sum_{j in A} (g_ij - u_i)^+, so
//     G(A) <= D(u) = sum_i u_i + (sum of the N largest h_j(u)),  h_j(u) = sum_i (g_ij - u_i)^+.
// Every u gives a valid bound; min over u is the LP relaxation's value. A candidate whose
// per-sample gains were not kept uses its first-pass gain (>= h_j(u)) instead.
//
// Served demand (max flow, per step t): G(A) = sum_t G_t(A), and by submodularity and
// monotonicity G_t(A) <= min(cap_t, sum_{j in A} g_tj), cap_t the gain of opening every
// candidate. min(c, x) <= l c + (1 - l) x for l in [0, 1], so for any l in [0, 1]^T
//     G(A) <= D(l) = sum_t l_t cap_t + (sum of the N largest sum_t (1 - l_t) g_tj).
//
// Both are minimised by projected subgradient steps (Polyak's step towards the greedy gain, a
// lower bound on the optimum). The result is the smallest D seen: valid whatever the iteration does.

import { decodeIds, IdDecoder } from './sampleIds';

/** Per-sample gains of the candidates whose samples were kept (CSR over candidates). */
export interface SampleGains {
  /** Length K + 1. */
  start: Int32Array;
  /** Sample index (0..sampleCount-1) and gain (>= 0 counts; others are ignored). */
  idx: Int32Array;
  val: Float64Array | Float32Array;
}

/**
 * The same pairs as rows, one per candidate in order, each a slice of some buffer (KeptSamples'
 * chunks), the sample ids coded (sampleIds.ts): read where they are, not joined into one array first.
 */
export interface SampleRows {
  rows: readonly { off: number; len: number; val: Float64Array | Float32Array; ids: Uint16Array; idsOff: number }[];
  /** Pairs in all (the rows' lengths summed). */
  pairs: number;
}

/** Pairs in `g`. */
export function pairCount(g: SampleGains | SampleRows): number {
  return 'rows' in g ? g.pairs : g.idx.length;
}

/** Rows joined into one CSR (float32 gains when every row's are). */
export function joinRows(g: SampleRows): SampleGains {
  const f32 = g.rows.every((r) => r.val instanceof Float32Array);
  const idx = new Int32Array(g.pairs), val = f32 ? new Float32Array(g.pairs) : new Float64Array(g.pairs);
  const start = new Int32Array(g.rows.length + 1);
  let p = 0;
  g.rows.forEach((r, j) => {
    decodeIds(r.ids, r.idsOff, r.len, idx.subarray(p, p + r.len));
    val.set(r.val.subarray(r.off, r.off + r.len), p);
    start[j + 1] = p += r.len;
  });
  return { start, idx, val };
}

/** Iterations of the subgradient descent (each one pass over the kept gains), at most. */
export const DUAL_ITERATIONS = 300;
/** Halve the step after this many iterations without a new best (served; the latency dual uses LATENCY_PATIENCE). */
const PATIENCE = 10;
const LATENCY_PATIENCE = 5;
/** Stop once the bound is within this share of the target (the greedy gain): tight enough. */
const CLOSE_ENOUGH = 1e-4;
/**
 * Latency dual: the step direction is this share of the new subgradient plus the rest of the
 * previous direction (a deflected subgradient, as in Barahona and Anbil's volume algorithm). On the
 * optimizer bench it reaches in about 40 iterations what plain steps reached in 250.
 */
const DEFLECTION = 0.4;
/** Latency dual: stop when the best bound fell by less than STALL_SHARE of the target over STALL_ITERATIONS. */
const STALL_ITERATIONS = 15;
const STALL_SHARE = 5e-4;
/**
 * Latency dual with a fixed floor (u >= u0): its pairs are few (only those above the greedy set's
 * gains), so it may run longer: stop when the best fell by less than 1e-4 of the target over 30
 * iterations. On the optimizer bench's dump: 59 iterations, 1.030 % of the gain above f, 60 ms
 * warm (15 and 5e-4: 22 iterations, 1.043 %; 300 iterations: 1.028 %).
 */
const FIXED_STALL_ITERATIONS = 30;
const FIXED_STALL_SHARE = 1e-4;
/**
 * Latency dual with a fixed floor and every candidate's gains kept (`lowerFloorTo`; the optimizer
 * above FLOOR_ABOVE_PAIRS pairs): the second round's floor, this share of u0. The floor u >= u0
 * alone cannot go below that domain's LP optimum, 1.028 % of the gain above f on the optimizer
 * bench's dump. The LP optima there with lower floors (HiGHS, docs/OPTIMIZER.md): 0.988 % at 0.95,
 * 0.973 % at 0.9, 0.961 % at 0.8, 0.953 % with no floor. At 0.95 the second round works on 0.27 M
 * of the 2.9 M pairs and ends at 0.990 %, about 60 ms warm; 0.9 (0.33 M pairs) ends at 0.978 %
 * for about 110 ms, which in whole runs took the bound's extra time from ~1.05 x to ~1.10 x.
 */
export const LOWERED_FLOOR_SHARE = 0.95;
/**
 * The second round's first step, as a share of Polyak's step. It starts at the first round's best
 * u, where a whole step overshoots: on the bench's dump D went from 1.043 % to 1.49 % of the gain
 * above f, and first fell below the start after 12 iterations, the step halved twice. With the
 * stall rule below: 0.990 % after 27 iterations from 0.125, 1.017 % from 1.
 */
const LOWERED_FLOOR_THETA = 0.125;
/**
 * With a lowered floor to come, the stall rule's iterations (share LOWERED_STALL_SHARE): round 1
 * need not converge (round 2 goes on from its best), and round 2 stops sooner than a fixed floor's
 * single round. On the bench's dump, when chosen (share 1e-4): 27 + 27 iterations, 0.990 % of the
 * gain above f, against 59 + 58 and 0.989 % with FIXED_STALL_ITERATIONS for both.
 */
const LOWERED_FIRST_STALL = 10;
const LOWERED_SECOND_STALL = 15;
/**
 * With a lowered floor to come, the stall rule's share of the target (twenty-third session; it was
 * FIXED_STALL_SHARE, 1e-4): stop when the best fell by less than 0.03 % of the gain over those
 * iterations, a third of the 0.1 % the bound is shown to. On the dumps (% of the gain above f,
 * iterations): 300 sites 0.9896 % in 54 -> 0.9945 % in 35; Suggest next 20 at 24 steps 0.7822 %
 * in 65 -> 0.7844 % in 57, at 96 steps 0.8667 % in 65 -> 0.8713 % in 54 (0.7 s less).
 */
const LOWERED_STALL_SHARE = 3e-4;
/**
 * With a lowered floor to come, round 1 runs only when it is a cheap warm start: its pairs (above
 * u0) at most this share of round 2's (above the lowered floor). Otherwise round 2 starts at u0
 * itself. The optimizer bench (300 sites): 42 k of 0.27 M pairs, round 1 runs. The app's Suggest
 * next 20 with every candidate kept: 0.64 M of 1.24 M, and round 1 (47 iterations, from 3.06 % to
 * 2.38 % of the gain above f: its floor is far from the LP optimum with so few sites) cost more
 * than it saved: 1.124 % in 124 iterations with it, 1.114 % in 66 without.
 */
const FIRST_ROUND_MAX_SHARE = 0.25;
/**
 * Round 1 not cheap means u0 is far from the LP optimum (few sites next to many candidates), and
 * then the floor LOWERED_FLOOR_SHARE x u0 binds as well: the round goes on at this share of u0
 * instead (when lowerFloorTo is above it). Dumps of the app's Suggest next 20 on the default
 * scenario (every candidate kept), % of the gain above f at 0.95 / 0.9 / 0.8 x u0: at 24 steps
 * 1.114 / 0.782 / 0.481 (1.24 / 1.73 / 2.51 M pairs above the floor; dual 0.48 / 0.69 / 1.1 s), at
 * 96 steps 1.204 / 0.867 / 0.555 (5.0 / 7.0 / 10.1 M pairs; 2.6 / 2.9 / 4.8 s). 0.9 brings both
 * within 1 % for the least time. Whole runs (`optimizeGateways`): 24 steps 1.102 % -> 0.776 %,
 * boundMs ~0.55 -> ~0.75-0.95 s of a ~7 s run; 96 steps 1.190 % -> 0.859 %, boundMs ~3.0 ->
 * 4.6-5.4 s of a ~32 s run (a busy machine). Where round 1 is cheap, the optimizer bench's 300
 * sites, nothing changes (0.9896 %, 0.9945 % with LOWERED_STALL_SHARE).
 */
export const FAR_FLOOR_SHARE = 0.9;
/**
 * Latency dual in the optimizer: with every candidate's gains kept, the floors (`fixedFloor`, then
 * `lowerFloorTo`) are used only above this many kept pairs. A small problem is solved whole (each
 * iteration is cheap anyway), so no floor can loosen it; on small instances where the greedy set
 * is small next to the candidates a floor held u far above the LP optimum.
 */
export const FLOOR_ABOVE_PAIRS = 500_000;

/**
 * Sum of the n largest values of a; `pick` marks them (ties: lower index first). `nth`: the n-th
 * largest value when the caller knows it (n < a.length), instead of sorting a copy of a.
 */
function topSum(a: Float64Array, n: number, pick?: Uint8Array, nth?: number): number {
  if (pick) pick.fill(0);
  const m = Math.min(n, a.length);
  if (m <= 0) return 0;
  const threshold = nth ?? Float64Array.from(a).sort()[a.length - m]!; // the m-th largest
  let s = 0, taken = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i]! > threshold) {
      s += a[i]!;
      taken++;
      if (pick) pick[i] = 1;
    }
  }
  for (let i = 0; i < a.length && taken < m; i++) {
    if (a[i] === threshold) {
      s += a[i]!;
      taken++;
      if (pick) pick[i] = 1;
    }
  }
  return s;
}

interface DescentOptions {
  /** Share of the new subgradient in the step direction (1: plain subgradient). */
  deflection: number;
  /** Stop when the best fell by less than share x target over `iterations` iterations. */
  stall?: { iterations: number; share: number };
  /** Halve the step after this many iterations without a new best (default PATIENCE). */
  patience?: number;
  /** The first step's share of Polyak's step (default 1). */
  theta?: number;
}

/** A box domain: lo <= x <= hi. */
interface Box {
  lo: Float64Array;
  hi: Float64Array;
}

/**
 * What `descend` minimises: a convex D on a box, with a diagonal metric w (the step and the norm
 * weigh coordinate i by w_i).
 */
interface DescentProblem {
  /** D(x); keeps a subgradient at x for `direction`. */
  evaluate(x: Float64Array): number;
  /**
   * dir = a x (the last subgradient, less the components that would step out of the box) + (1 - a)
   * x dir; returns sum_i w_i dir_i^2.
   */
  direction(x: Float64Array, dir: Float64Array, a: number): number;
  /** x = x - step x w x dir, clamped to the box. */
  move(x: Float64Array, dir: Float64Array, step: number): void;
}

/** A DescentProblem from `evaluate(x, grad)` (fills a subgradient), a box and optional weights. */
function boxProblem(n: number, evaluate: (x: Float64Array, grad: Float64Array) => number, box: Box, weight?: Float64Array): DescentProblem {
  const { lo, hi } = box;
  const grad = new Float64Array(n);
  const w = weight ?? new Float64Array(n).fill(1);
  return {
    evaluate: (x) => evaluate(x, grad),
    direction(x, dir, a) {
      let norm2 = 0;
      for (let i = 0; i < n; i++) {
        const g = grad[i]!, xi = x[i]!;
        const gp = (xi <= lo[i]! && g > 0) || (xi >= hi[i]! && g < 0) ? 0 : g;
        const di = a * gp + (1 - a) * dir[i]!;
        dir[i] = di;
        norm2 += w[i]! * di * di;
      }
      return norm2;
    },
    move(x, dir, step) {
      for (let i = 0; i < n; i++) {
        const v = x[i]! - step * w[i]! * dir[i]!;
        x[i] = v < lo[i]! ? lo[i]! : v > hi[i]! ? hi[i]! : v;
      }
    },
  };
}

/**
 * Projected (deflected) subgradient minimisation: Polyak's step towards `target` along the
 * deflected direction. Returns the least D seen, where, and the iterations run.
 */
function descend(x: Float64Array, problem: DescentProblem, target: number, iterations: number, opts: DescentOptions = { deflection: 1 }): { best: number; bestX: Float64Array; iterations: number } {
  const dir = new Float64Array(x.length);
  const a = opts.deflection;
  const trail: number[] = [];
  let best = Infinity;
  const bestX = x.slice();
  let theta = opts.theta ?? 1;
  let sinceBest = 0;
  let it = 0;
  for (; it < iterations; it++) {
    const d = problem.evaluate(x);
    if (d < best) {
      best = d;
      bestX.set(x);
      sinceBest = 0;
    } else if (++sinceBest >= (opts.patience ?? PATIENCE)) {
      theta /= 2;
      sinceBest = 0;
    }
    if (opts.stall) {
      trail.push(best);
      const k = trail.length - 1 - opts.stall.iterations;
      if (k >= 0 && trail[k]! - best < opts.stall.share * target) break;
    }
    const norm2 = problem.direction(x, dir, a);
    const gap = d - target;
    if (!(norm2 > 0) || !(gap > 0) || best - target <= CLOSE_ENOUGH * target) break;
    problem.move(x, dir, (theta * gap) / norm2);
  }
  return { best, bestX, iterations: it };
}

export interface CoverageDualOptions {
  /** Per sample id, the start u0 (e.g. the greedy set's per-sample gain); absent: 0. */
  start?: ArrayLike<number>;
  /**
   * The dual may keep `start` as its own u and write to it (when it is a Float64Array of
   * `sampleCount` values >= 0 and no id is renumbered): one array of the sample ids not copied.
   */
  startOwned?: boolean;
  /**
   * Keep u >= start everywhere (without it: u >= 0, the whole domain); pairs that can then never
   * count are dropped. Needed when some `scalar` values are upper bounds on h_j(u) only while
   * u >= start (a candidate's marginal gain over the greedy set, see optimizeGateways); a choice
   * that makes a large problem small otherwise.
   */
  fixedFloor?: boolean;
  /**
   * With `fixedFloor`: after the round at u >= start, a second round at u >= lowerFloorTo x start,
   * from the first round's best u. Only for when every h_j is exact for any u >= 0 (no `scalar`
   * that holds only while u >= start): the optimizer passes LOWERED_FLOOR_SHARE when it kept every
   * candidate's gains.
   */
  lowerFloorTo?: number;
  iterations?: number;
  /** Every sample id is below this (the optimizer's steps x cells): no pass over the pairs to find the largest. */
  sampleCount?: number;
}

export interface CoverageDualResult {
  /** The least D(u) seen: a valid upper bound on the best gain. */
  bound: number;
  /** D at the start u0: with u0 = the greedy set's per-sample gains and every candidate kept, the fresh top-N bound. */
  atStart: number;
  iterations: number;
  /** Rounds run: 1, or 2 when the lowered floor's round (`lowerFloorTo`) went on from round 1. */
  rounds: number;
  /** A round at the lowered floor ran (after round 1, or from u0 when round 1 was skipped: FIRST_ROUND_MAX_SHARE). */
  lowered: boolean;
  /** The last round's floor as a share of u0 (1: the fixed floor; lowerFloorTo, or FAR_FLOOR_SHARE when round 1 was skipped), null without a floor. */
  floorShare: number | null;
  /** (sample, gain) pairs and shared samples (variables u) the descent worked on, at most. */
  pairs: number;
  samples: number;
}

/** ReducedDual's h_j(x) (module functions, one loop each, like the vector passes below: see there). */
function hOf(S: number, j: number, x: Float64Array, start: Int32Array, local: Int32Array, val: Float64Array | Float32Array): number {
  let s = x[S + j]!;
  for (let k = start[j]!, end = start[j + 1]!; k < end; k++) {
    const d = val[k]! - x[local[k]!]!;
    if (d > 0) s += d;
  }
  return s;
}

/** h_j(x), adding 1 to count_i for each of j's pairs above u_i (j was picked at the evaluation before). */
function hCounted(S: number, j: number, x: Float64Array, start: Int32Array, local: Int32Array, val: Float64Array | Float32Array, count: Int32Array): number {
  let s = x[S + j]!;
  for (let k = start[j]!, end = start[j + 1]!; k < end; k++) {
    const i = local[k]!;
    const d = val[k]! - x[i]!;
    if (d > 0) {
      s += d;
      count[i]!++;
    }
  }
  return s;
}

/** D's sum of u (shared samples, then less the merged z_j, in that order) from the constant `priv`. */
function sumOfU(priv: number, x: Float64Array, S: number, K: number): number {
  let sumU = priv;
  for (let i = 0; i < S; i++) sumU += x[i]!;
  for (let j = 0; j < K; j++) sumU -= x[S + j]!;
  return sumU;
}

/** Every h_j, counting the pairs of those picked before (`was`). */
function hAll(h: Float64Array, K: number, was: Uint8Array, S: number, x: Float64Array, start: Int32Array, local: Int32Array, val: Float64Array | Float32Array, count: Int32Array): void {
  for (let j = 0; j < K; j++) h[j] = was[j] === 1 ? hCounted(S, j, x, start, local, val, count) : hOf(S, j, x, start, local, val);
}

/** Adds v to the min-heap `nth` of the n largest values offered (`size` of them so far); returns the new size. */
function offerNth(nth: Float64Array, size: number, n: number, v: number): number {
  let i: number;
  if (size < n) {
    i = size++;
    while (i > 0 && nth[(i - 1) >> 1]! > v) {
      nth[i] = nth[(i - 1) >> 1]!;
      i = (i - 1) >> 1;
    }
  } else if (v > nth[0]!) {
    i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const c = l + 1 < n && nth[l + 1]! < nth[l]! ? l + 1 : l;
      if (nth[c]! >= v) break;
      nth[i] = nth[c]!;
      i = c;
    }
  } else return size;
  nth[i] = v;
  return size;
}

/**
 * The h_j that can be in the top n: largest possible h first (`order`, by `most`); once the next
 * one's most is below the n-th largest h found, neither it nor any after it can be in the top n:
 * they get -1 (never picked, and their pairs were not counted). The picks, D and the subgradient
 * are those of the full pass (hAll). h[K..] holds the scalars.
 */
function hPruned(h: Float64Array, K: number, was: Uint8Array, S: number, x: Float64Array, start: Int32Array, local: Int32Array, val: Float64Array | Float32Array, count: Int32Array, order: Int32Array, most: Float64Array, nth: Float64Array, n: number): void {
  let size = 0;
  for (let j = K; j < h.length; j++) size = offerNth(nth, size, n, h[j]!);
  let t = 0;
  for (; t < K; t++) {
    const j = order[t]!;
    if (size === n && most[j]! < nth[0]!) break;
    const v = was[j] === 1 ? hCounted(S, j, x, start, local, val, count) : hOf(S, j, x, start, local, val);
    h[j] = v;
    size = offerNth(nth, size, n, v);
  }
  for (; t < K; t++) h[order[t]!] = -1;
}

/**
 * The counts of the candidates that entered the top (+1 per pair above u_i) or left it (-1): those
 * picked at the evaluation before were counted as their h was summed (hCounted).
 */
function recount(K: number, pick: Uint8Array, was: Uint8Array, h: Float64Array, x: Float64Array, start: Int32Array, local: Int32Array, val: Float64Array | Float32Array, count: Int32Array): void {
  for (let j = 0; j < K; j++) {
    if (pick[j] === was[j] || h[j]! < 0) continue; // -1: not read, so its counts were not taken either
    const step = pick[j] ? 1 : -1;
    for (let k = start[j]!, end = start[j + 1]!; k < end; k++) if (val[k]! > x[local[k]!]!) count[local[k]!]! += step;
  }
}

/** Per sample id (below `ids`), its number of pairs (in `into`, zeroed first, when given). */
function pairsPerSample(idx: Int32Array, ids: number, into?: Int32Array): Int32Array {
  const per = into?.length === ids ? into.fill(0) : new Int32Array(ids);
  for (let k = 0; k < idx.length; k++) per[idx[k]!]!++;
  return per;
}

/**
 * ReducedDual's shared samples (2 pairs or more), in id order: slot[s] is s's slot (-1: merged or
 * no pair) and sampleOf[slot] its id. Returns their number; with `absentAtFloor`, `fixed[0]` gains
 * the floor of each sample with no pair (in id order). `slot` may be `perSample` itself: each
 * count is read before its sample's slot is written.
 */
function assignSlots(perSample: Int32Array, slot: Int32Array, sampleOf: Int32Array, floorOf: Float64Array, absentAtFloor: boolean, fixed: Float64Array): number {
  let S = 0;
  let f = fixed[0]!;
  for (let s = 0; s < perSample.length; s++) {
    const c = perSample[s]!;
    if (c >= 2) {
      sampleOf[S] = s;
      slot[s] = S++;
    } else {
      slot[s] = -1;
      if (c === 0 && absentAtFloor) f += floorOf[s]!;
    }
  }
  fixed[0] = f;
  return S;
}

/** Samples with 2 pairs or more (ReducedDual's shared ones). */
function sharedCount(perSample: Int32Array): number {
  let S = 0;
  for (let s = 0; s < perSample.length; s++) if (perSample[s]! >= 2) S++;
  return S;
}

/** The pairs on shared samples. */
function countShared(idx: Int32Array, slot: Int32Array): number {
  let shared = 0;
  for (let k = 0; k < idx.length; k++) if (slot[idx[k]!]! >= 0) shared++;
  return shared;
}

/**
 * ReducedDual's pairs: those on shared samples into the CSR (start, local slot, val), raising hi
 * of their slot to the gain; those on merged samples into their candidate's z_j (its room hi, its
 * start x at uOf and its weight, the number of such samples). Returns the merged pairs' gains' sum.
 */
function splitPairs(pairs: SampleGains, S: number, slot: Int32Array, floorOf: Float64Array, uOf: Float64Array, start: Int32Array, local: Int32Array, out: Float64Array | Float32Array, hi: Float64Array, x: Float64Array, weight: Float64Array): number {
  const { idx, val } = pairs;
  const K = pairs.start.length - 1;
  let privTotal = 0;
  let p = 0;
  for (let j = 0; j < K; j++) {
    let w = 0;
    for (let k = pairs.start[j]!, end = pairs.start[j + 1]!; k < end; k++) {
      const sid = idx[k]!, g = val[k]!;
      const v = slot[sid]!;
      if (v >= 0) {
        local[p] = v;
        out[p++] = g;
        if (g > hi[v]!) hi[v] = g;
      } else {
        const l = floorOf[sid]!;
        privTotal += g;
        hi[S + j]! += g - l;
        x[S + j]! += g - Math.min(g, Math.max(l, uOf[sid]!));
        w++;
      }
    }
    start[j + 1] = p;
    weight[j] = Math.max(1, w);
  }
  return privTotal;
}

/** The shared samples' box [floor, max(floor, largest gain)] and start (uOf, in the box). */
function boxShared(S: number, sampleOf: Int32Array, floorOf: Float64Array, uOf: Float64Array, lo: Float64Array, hi: Float64Array, x: Float64Array): void {
  for (let i = 0; i < S; i++) {
    const l = (lo[i] = floorOf[sampleOf[i]!]!);
    hi[i] = Math.max(hi[i]!, l); // u_i above max_j g_ij buys nothing
    x[i] = Math.min(hi[i]!, Math.max(l, uOf[sampleOf[i]!]!));
  }
}

/** Per candidate, the most its h_j can be in the box: h_j(x) = z_j + sum (g_ij - u_i)^+ <= its room + sum (g_ij - lo_i)^+. */
function mostOf(most: Float64Array, S: number, hi: Float64Array, lo: Float64Array, start: Int32Array, local: Int32Array, val: Float64Array | Float32Array): void {
  for (let j = 0; j < most.length; j++) {
    let m = hi[S + j]!;
    for (let k = start[j]!, end = start[j + 1]!; k < end; k++) {
      const d = val[k]! - lo[local[k]!]!;
      if (d > 0) m += d;
    }
    most[j] = m;
  }
}

/** The largest sample id of the pairs (-1: none). */
function largestId(idx: Int32Array): number {
  let maxId = -1;
  for (let k = 0; k < idx.length; k++) if (idx[k]! > maxId) maxId = idx[k]!;
  return maxId;
}

/** u per sample id at the start, max(0, start) (0 where start has none). */
function startAt(uOf: Float64Array, start: ArrayLike<number>): void {
  for (let s = 0; s < uOf.length; s++) uOf[s] = Math.max(0, start[s] ?? 0);
}

function sumOfStart(start: ArrayLike<number>): number {
  let all = 0;
  for (let s = 0; s < start.length; s++) all += Math.max(0, start[s] ?? 0);
  return all;
}

function sumOf(a: Float64Array): number {
  let sum = 0;
  for (let s = 0; s < a.length; s++) sum += a[s]!;
  return sum;
}

/** to x a, per element. */
function scaled(a: Float64Array, to: number): Float64Array {
  const out = new Float64Array(a.length);
  for (let s = 0; s < a.length; s++) out[s] = to * a[s]!;
  return out;
}

/** ReducedDual.direction over the shared samples u_i (subgradient 1 - count_i, weight 1): sum of dir_i^2. */
function directionShared(S: number, x: Float64Array, dir: Float64Array, count: Int32Array, lo: Float64Array, hi: Float64Array, a: number): number {
  const b = 1 - a;
  let norm2 = 0;
  for (let i = 0; i < S; i++) {
    const g = 1 - count[i]!, xi = x[i]!;
    const gp = (xi <= lo[i]! && g > 0) || (xi >= hi[i]! && g < 0) ? 0 : g;
    const di = a * gp + b * dir[i]!;
    dir[i] = di;
    norm2 += di * di;
  }
  return norm2;
}

/** ReducedDual.direction over the merged variables z_j (subgradient pick_j - 1: 0 or -1, so only the upper end drops it): `norm2` plus their weighted sum. */
function directionMerged(S: number, K: number, x: Float64Array, dir: Float64Array, pick: Uint8Array, hi: Float64Array, weight: Float64Array, a: number, norm2: number): number {
  // weight[j]: z_j's (x[S + j]).
  const b = 1 - a;
  for (let j = 0; j < K; j++) {
    const i = S + j;
    const g = pick[j]! - 1;
    const gp = g < 0 && x[i]! >= hi[i]! ? 0 : g;
    const di = a * gp + b * dir[i]!;
    dir[i] = di;
    norm2 += weight[j]! * di * di;
  }
  return norm2;
}

function moveShared(S: number, x: Float64Array, dir: Float64Array, lo: Float64Array, hi: Float64Array, step: number): void {
  for (let i = 0; i < S; i++) {
    const v = x[i]! - step * dir[i]!;
    x[i] = v < lo[i]! ? lo[i]! : v > hi[i]! ? hi[i]! : v;
  }
}

function moveMerged(S: number, K: number, x: Float64Array, dir: Float64Array, lo: Float64Array, hi: Float64Array, weight: Float64Array, step: number): void {
  for (let i = S; i < S + K; i++) {
    const v = x[i]! - step * weight[i - S]! * dir[i]!;
    x[i] = v < lo[i]! ? lo[i]! : v > hi[i]! ? hi[i]! : v;
  }
}

/** A per-sample array a ReducedDual may use instead of its own (its pair counts, then its slots): the next round's may take it once it is done (after unpack). */
interface RoundScratch {
  slot: Int32Array;
}

/**
 * The latency dual at fixed floors l (u_i >= l_i), reduced so that an iteration is cheap. It is
 * given only the pairs with g_ij > l_i (the others never count while u >= l). A sample with a
 * single pair (its only candidate j) adds u_i + [j in top] (g_ij - u_i), linear in u_i on
 * [l_i, g_ij], so all of j's such samples merge into one variable z_j = sum (g_ij - u_i) in
 * [0, sum (g_ij - l_i)]: D gets sum g_ij - z_j and h_j gets z_j. The step weights z_j by its number
 * of samples, so the geometry is the unmerged one. Variables: x = [u of the shared samples (S), z (K)].
 */
class ReducedDual implements DescentProblem {
  readonly x: Float64Array;
  readonly box: Box;
  /** Per merged variable z_j, its step weight: its number of samples (the shared samples' weight is 1, not kept). */
  readonly weight: Float64Array;
  readonly S: number;
  private readonly K: number;
  private readonly sampleOf: Int32Array; // shared slot -> sample id
  private readonly slot: Int32Array; // sample id -> shared slot, -1 merged
  private readonly start: Int32Array;
  private readonly local: Int32Array;
  // The kept gains' own type: float32 gains (KeptSamples) stay float32, read exactly as before.
  private readonly val: Float64Array | Float32Array;
  private readonly privTotal: number;
  private readonly h: Float64Array;
  // The subgradient at the last evaluated x: 1 - count_i on the shared samples, pick_j - 1 on z_j.
  private pick: Uint8Array;
  private was: Uint8Array; // the pick of the evaluation before
  private readonly count: Int32Array;
  // Candidates by their most h_j can be in the box (at the floors), largest first, and that most:
  // an evaluation stops reading pairs once the next such most is below the n-th largest h found
  // (those candidates cannot enter the top n). Null when every candidate is in the top n anyway.
  private readonly order: Int32Array | null;
  private readonly most: Float64Array;
  private readonly nth: Float64Array; // min-heap of the n largest h found so far

  /**
   * `fixed`: a constant added to D (see coverageDual); with `absentAtFloor`, so is the floor of
   * each sample with no pair (it is held at its floor: no pair can raise it).
   */
  constructor(private readonly n: number, private readonly pairs: SampleGains, scalar: ArrayLike<number>, private readonly floorOf: Float64Array, uOf: Float64Array, fixed = 0, absentAtFloor = false, scratch?: RoundScratch) {
    // Each pass is a module function with one loop (see evaluate): this runs once or twice a dual.
    const K = (this.K = pairs.start.length - 1);
    const { idx, val } = pairs;
    const ids = floorOf.length;
    // The pair counts per sample, turned into the slots in place (assignSlots).
    const slot = (this.slot = pairsPerSample(idx, ids, scratch?.slot));
    const sampleOf = new Int32Array(sharedCount(slot));
    const acc = Float64Array.of(fixed);
    const S = (this.S = assignSlots(slot, slot, sampleOf, floorOf, absentAtFloor, acc));
    this.sampleOf = sampleOf;
    const shared = countShared(idx, slot);
    const lo = new Float64Array(S + K), hi = new Float64Array(S + K);
    this.box = { lo, hi };
    this.x = new Float64Array(S + K);
    this.weight = new Float64Array(K).fill(1);
    this.start = new Int32Array(K + 1);
    this.local = new Int32Array(shared);
    this.val = val instanceof Float32Array ? new Float32Array(shared) : new Float64Array(shared);
    this.privTotal = splitPairs(pairs, S, slot, floorOf, uOf, this.start, this.local, this.val, hi, this.x, this.weight) + acc[0]!;
    boxShared(S, this.sampleOf, floorOf, uOf, lo, hi, this.x);
    this.h = new Float64Array(K + scalar.length);
    for (let j = 0; j < scalar.length; j++) this.h[K + j] = scalar[j]!;
    this.pick = new Uint8Array(this.h.length);
    this.was = new Uint8Array(this.h.length);
    this.count = new Int32Array(S);
    const prune = n > 0 && n < this.h.length;
    const most = (this.most = new Float64Array(prune ? K : 0));
    mostOf(most, S, hi, lo, this.start, this.local, this.val);
    this.nth = new Float64Array(prune ? n : 0);
    this.order = prune ? Int32Array.from({ length: K }, (_, j) => j).sort((a, b) => most[b]! - most[a]! || a - b) : null;
  }

  get pairCount(): number {
    return this.pairs.idx.length;
  }

  /**
   * D(x); the subgradient is left in `count` and `pick`. The counts of the candidates picked at
   * the evaluation before are taken in the pass that sums h, so a second pass reads only the
   * candidates that entered or left the top.
   */
  evaluate(x: Float64Array): number {
    // The passes are module functions (below): this one has no loop of its own, so it is optimised
    // whole from complete type feedback. As one function with loops it was compiled on a loop
    // (on-stack replacement) in its first call and then left that code at its return in each call
    // after (23 deoptimisations in a 54-iteration dual), running in the interpreter.
    const { S, K, start, local, val, h, count } = this;
    const was = this.pick, pick = this.was;
    this.pick = pick;
    this.was = was;
    count.fill(0);
    const sumU = sumOfU(this.privTotal, x, S, K);
    const order = this.order;
    if (order === null) hAll(h, K, was, S, x, start, local, val, count);
    else hPruned(h, K, was, S, x, start, local, val, count, order, this.most, this.nth, this.n);
    // Pruned: the heap's least is the n-th largest h (every h not read is below it, at -1).
    const top = topSum(h, this.n, pick, order === null ? undefined : this.nth[0]);
    recount(K, pick, was, h, x, start, local, val, count);
    return sumU + top;
  }

  // The two vector passes of an iteration, written for this problem (module functions below, one
  // loop each, so that each is optimised with its own type feedback): the subgradient is read from
  // `count` / `pick` (no gradient array) and the shared samples' weight is 1 (not read). The
  // arithmetic is the generic one's (boxProblem) with w_i = 1, in the same order: same iterates.
  direction(x: Float64Array, dir: Float64Array, a: number): number {
    const { lo, hi } = this.box;
    const norm2 = directionShared(this.S, x, dir, this.count, lo, hi, a);
    return directionMerged(this.S, this.K, x, dir, this.pick, hi, this.weight, a, norm2);
  }

  move(x: Float64Array, dir: Float64Array, step: number): void {
    const { lo, hi } = this.box;
    moveShared(this.S, x, dir, lo, hi, step);
    moveMerged(this.S, this.K, x, dir, lo, hi, this.weight, step);
  }

  /** Writes u per sample id from x into `uOf` (a merged sample gets the same share of its room above the floor as its z). */
  unpack(x: Float64Array, uOf: Float64Array): void {
    const { S, K, pairs, slot, floorOf, box } = this;
    for (let i = 0; i < S; i++) uOf[this.sampleOf[i]!] = x[i]!;
    for (let j = 0; j < K; j++) {
      const room = box.hi[S + j]!;
      const share = room > 0 ? x[S + j]! / room : 0; // 0: every merged u at its g; 1: at its floor
      for (let k = pairs.start[j]!; k < pairs.start[j + 1]!; k++) {
        const sid = pairs.idx[k]!;
        if (slot[sid] !== -1) continue;
        const g = pairs.val[k]!;
        uOf[sid] = g - share * (g - floorOf[sid]!);
      }
    }
  }
}

/** aboveFloor's pass over one candidate's pairs: ids idx[from - shift, end - shift), gains val[from, end); appends those above their floor at m; returns the new end. */
function keepAbove(idx: Int32Array, shift: number, val: Float64Array | Float32Array, from: number, end: number, floorOf: Float64Array, outIdx: Int32Array, outVal: Float64Array | Float32Array, m: number): number {
  for (let k = from; k < end; k++) {
    const g = val[k]!, s = idx[k - shift]!;
    if (g > floorOf[s]!) {
      outIdx[m] = s;
      outVal[m++] = g;
    }
  }
  return m;
}

/**
 * The pairs with g_ij > l_i (then g_ij > 0: floors are >= 0), the only ones that can count while
 * u >= l, in one pass (over a CSR, or rows where they are, each row's ids decoded into a scratch).
 */
function aboveFloor(kept: SampleGains | SampleRows, floorOf: Float64Array): SampleGains {
  const rows = 'rows' in kept ? kept.rows : null;
  const csr = 'rows' in kept ? null : kept;
  const K = rows ? rows.length : csr!.start.length - 1;
  const f32 = rows ? rows.every((r) => r.val instanceof Float32Array) : csr!.val instanceof Float32Array;
  // Room for an eighth of the pairs (the bench keeps 9 % above 0.95 u0), grown per candidate.
  let room = Math.max(64, pairCount(kept) >> 3);
  let outIdx = new Int32Array(room), outVal: Float32Array | Float64Array = f32 ? new Float32Array(room) : new Float64Array(room);
  const start = new Int32Array(K + 1);
  const dec = new IdDecoder();
  let m = 0;
  for (let j = 0; j < K; j++) {
    const row = rows?.[j];
    const from = row ? row.off : csr!.start[j]!, end = row ? from + row.len : csr!.start[j + 1]!;
    if (m + end - from > room) {
      room = Math.max(2 * room, m + end - from);
      const i2 = new Int32Array(room), v2 = f32 ? new Float32Array(room) : new Float64Array(room);
      i2.set(outIdx.subarray(0, m));
      v2.set(outVal.subarray(0, m));
      outIdx = i2;
      outVal = v2;
    }
    m = start[j + 1] = row
      ? keepAbove(dec.decode(row.ids, row.idsOff, row.len), from, row.val, from, end, floorOf, outIdx, outVal, m)
      : keepAbove(csr!.idx, 0, csr!.val, from, end, floorOf, outIdx, outVal, m);
  }
  return { start, idx: outIdx.subarray(0, m), val: outVal.subarray(0, m) };
}

/**
 * Latency objective: min over u of D(u) (see above). `scalar` holds the first-pass gains of the
 * live candidates whose samples were not kept; `target` is the greedy gain.
 *
 * Without a floor it works on the whole domain u >= 0. With `fixedFloor` it keeps u >= u0 (one
 * round, on the pairs above u0: ReducedDual), or with `lowerFloorTo` as well goes on from that
 * round's best at u >= lowerFloorTo x u0 (the optimizer's choice when every candidate's gains were
 * kept). Every D it evaluates is a valid bound (any u >= 0 is, and any u >= u0 with the fixed
 * floor's scalars), so stopping early only loosens it.
 */
export function coverageDual(n: number, given: SampleGains | SampleRows, scalar: ArrayLike<number>, target: number, opts: CoverageDualOptions = {}): CoverageDualResult {
  const floored = opts.fixedFloor === true;
  // Rows are read where they are when a floor filters them first (aboveFloor) and no sample id is
  // renumbered; otherwise (the whole domain, or sparse ids) they are joined into one CSR.
  const direct = 'rows' in given && floored && opts.sampleCount !== undefined && opts.sampleCount <= given.pairs;
  const kept: SampleGains | null = 'rows' in given ? (direct ? null : joinRows(given)) : given;
  // Per-sample arrays below span the sample ids; sparse ids are renumbered densely first.
  // (Loops over every sample or pair are module functions: see ReducedDual.evaluate.)
  const maxId = opts.sampleCount !== undefined ? opts.sampleCount - 1 : largestId(kept!.idx);
  let pairsIn: SampleGains | SampleRows = kept ?? given;
  let uOf: Float64Array;
  const start = opts.start;
  const renumbered = kept !== null && maxId + 1 > kept.idx.length;
  if (renumbered) {
    const dense = new Int32Array(maxId + 1).fill(-1);
    const idx = new Int32Array(kept.idx.length);
    let ids = 0;
    for (let k = 0; k < idx.length; k++) {
      const s = kept.idx[k]!;
      if (dense[s]! < 0) dense[s] = ids++;
      idx[k] = dense[s]!;
    }
    pairsIn = { start: kept.start, idx, val: kept.val };
    uOf = new Float64Array(ids);
    if (start) for (let s = 0; s <= maxId; s++) if (dense[s]! >= 0) uOf[dense[s]!] = Math.max(0, start[s] ?? 0);
  } else if (opts.startOwned && start instanceof Float64Array && start.length === maxId + 1) {
    uOf = start; // >= 0 (the caller's word): what startAt would copy
  } else {
    uOf = new Float64Array(maxId + 1);
    if (start) startAt(uOf, start);
  }
  // The floor per dense sample id: u0 (its share 1) with fixedFloor, else 0.
  let share = floored ? 1 : 0;
  // Round 1's floors are u itself (one array of the sample ids fewer): u is written only after
  // round 1 (unpack), and the floors it reads there, each before writing the same sample, are
  // round 1's; round 2's are their own array (lower.floors, made before round 1).
  let floorOf: Float64Array = floored ? uOf : new Float64Array(uOf.length);
  // A sample with no pair above its floor adds u_i = its floor to D (a constant of the round):
  // those with kept pairs are found after each round's filter; these are the ones with none.
  // (None when no id was renumbered and uOf spans the start: both sums are then the same terms.)
  let outside = 0; // at a floor share of 1
  if (start && floored && (renumbered || uOf.length < start.length)) outside = Math.max(0, sumOfStart(start) - sumOf(uOf));
  // A lowered floor to come: its share, and (built with round 1) its floors and the pairs above them.
  const lower: { to: number; floors?: Float64Array; wide?: SampleGains } | null =
    floored && opts.lowerFloorTo !== undefined && opts.lowerFloorTo < 1 ? { to: Math.max(0, opts.lowerFloorTo) } : null;
  let left = opts.iterations ?? DUAL_ITERATIONS;
  let best = Infinity, atStart = NaN, iterations = 0, pairs = 0, samples = 0, rounds = 0;
  let lowered = false; // this round is at the lowered floor
  let scratch: RoundScratch | undefined; // one for every round (a round's dual is done with it before the next)
  while (left > 0) {
    // With a lowered floor to come, round 1 filters the pairs above it (the wider set, round 2's
    // own) and then its own from those: one pass over every kept pair instead of two.
    if (lower && rounds === 0) {
      lower.floors = scaled(floorOf, lower.to); // round 1's floors are u0
      lower.wide = aboveFloor(pairsIn, lower.floors);
    }
    let above = lower?.wide ? (rounds === 0 ? aboveFloor(lower.wide, floorOf) : lower.wide) : aboveFloor(pairsIn, floorOf);
    if (lower?.wide && rounds === 0 && above.idx.length > FIRST_ROUND_MAX_SHARE * lower.wide.idx.length) {
      // Round 1 would not be cheap, and u0 is far from the LP optimum: straight to the far floor
      // (FAR_FLOOR_SHARE x u0 if below the lowered one: a second pass over the kept pairs, so that
      // where round 1 is cheap, the optimizer bench's 300 sites, nothing is filtered for it), from u0.
      share = Math.min(lower.to, FAR_FLOOR_SHARE);
      floorOf = share < lower.to ? scaled(floorOf, share) : lower.floors!;
      above = share < lower.to ? aboveFloor(pairsIn, floorOf) : lower.wide;
      lowered = true;
    }
    // Samples with no pair above their floor add it to D (only floored rounds have floors).
    const red = new ReducedDual(n, above, scalar, floorOf, uOf, share * outside, floored, (scratch ??= { slot: new Int32Array(uOf.length) }));
    rounds++;
    if (rounds === 1) {
      // D at u0 (in the lowered floor's box when round 1 was skipped: the same point).
      atStart = best = red.evaluate(red.x.slice());
      if (!floored) {
        // u = 0 (the plain top-N bound): u at 0, z_j at its maximum.
        best = Math.min(best, red.evaluate(Float64Array.from(red.box.hi, (v, i) => (i < red.S ? 0 : v))));
      }
    }
    const stall = lower
      ? { iterations: lowered ? LOWERED_SECOND_STALL : LOWERED_FIRST_STALL, share: LOWERED_STALL_SHARE }
      : floored
        ? { iterations: FIXED_STALL_ITERATIONS, share: FIXED_STALL_SHARE }
        : { iterations: STALL_ITERATIONS, share: STALL_SHARE };
    const theta = lowered ? LOWERED_FLOOR_THETA : 1;
    const run = descend(red.x, red, target, left, { deflection: DEFLECTION, stall, patience: LATENCY_PATIENCE, theta });
    best = Math.min(best, run.best);
    iterations += run.iterations;
    left -= Math.max(1, run.iterations);
    pairs = Math.max(pairs, red.pairCount);
    samples = Math.max(samples, red.S);
    if (!lower || lowered || best - target <= CLOSE_ENOUGH * target) break;
    // Lower every floor to lowerFloorTo x u0 and go on from this round's best u: D there is this
    // round's best (a sample held at its floor had no pair above it), and it can only fall.
    red.unpack(run.bestX, uOf);
    share = lower.to;
    floorOf = lower.floors!;
    lowered = true;
  }
  return { bound: best, atStart, iterations, rounds, lowered, floorShare: floored ? share : null, pairs, samples };
}

/** Latency objective: the bound alone (see coverageDual); `u0` is the start per sample id. */
export function coverageDualBound(n: number, kept: SampleGains, scalar: ArrayLike<number>, target: number, u0?: ArrayLike<number>, iterations = DUAL_ITERATIONS): number {
  return coverageDual(n, kept, scalar, target, { start: u0, iterations }).bound;
}

/**
 * Served objective: min over l in [0, 1]^T of D(l) (see above). `stepGain[j * T + t]` is candidate
 * j's first-pass gain at step t, `cap[t]` the gain of opening every live candidate (both in
 * objective units: per-step Gbps / steps).
 */
export function servedDualBound(n: number, stepGain: Float64Array, cap: Float64Array, target: number, iterations = DUAL_ITERATIONS): number {
  const T = cap.length;
  const M = T > 0 ? stepGain.length / T : 0;
  const h = new Float64Array(M);
  const pick = new Uint8Array(M);
  const evaluate = (l: Float64Array, grad: Float64Array): number => {
    let d = 0;
    for (let t = 0; t < T; t++) d += l[t]! * cap[t]!;
    for (let j = 0; j < M; j++) {
      let s = 0;
      for (let t = 0; t < T; t++) s += (1 - l[t]!) * stepGain[j * T + t]!;
      h[j] = s;
    }
    d += topSum(h, n, pick);
    for (let t = 0; t < T; t++) {
      let g = cap[t]!;
      for (let j = 0; j < M; j++) if (pick[j]) g -= stepGain[j * T + t]!;
      grad[t] = g;
    }
    return d;
  };
  const box: Box = { lo: new Float64Array(T), hi: new Float64Array(T).fill(1) };
  const g = new Float64Array(T);
  const atZero = evaluate(new Float64Array(T), g);
  const atOne = evaluate(new Float64Array(T).fill(1), g);
  return Math.min(atZero, atOne, descend(new Float64Array(T).fill(0.5), boxProblem(T, evaluate, box), target, iterations).best);
}
