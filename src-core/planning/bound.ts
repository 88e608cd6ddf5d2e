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

/** Per-sample gains of the candidates whose samples were kept (CSR over candidates). */
export interface SampleGains {
  /** Length K + 1. */
  start: Int32Array;
  /** Sample index (0..sampleCount-1) and gain (>= 0 counts; others are ignored). */
  idx: Int32Array;
  val: Float64Array;
}

/** Iterations of the subgradient descent (each one pass over the kept gains). */
export const DUAL_ITERATIONS = 300;
/** Halve the step after this many iterations without a new best. */
const PATIENCE = 10;
/** Stop once the bound is within this share of the target (the greedy gain): tight enough. */
const CLOSE_ENOUGH = 1e-4;

/** Sum of the n largest values of a (a is reordered). */
function topSum(a: Float64Array, n: number, pick?: Uint8Array): number {
  const order = Array.from(a.keys()).sort((x, y) => a[y]! - a[x]! || x - y);
  let s = 0;
  if (pick) pick.fill(0);
  for (let k = 0; k < Math.min(n, order.length); k++) {
    s += a[order[k]!]!;
    if (pick) pick[order[k]!] = 1;
  }
  return s;
}

/**
 * Projected subgradient minimisation of a convex D. `evaluate(x, grad)` returns D(x) and fills its
 * subgradient; `project` clamps x to the domain in place. Returns the least D seen.
 */
function descend(x: Float64Array, evaluate: (x: Float64Array, grad: Float64Array) => number, project: (x: Float64Array) => void, target: number, iterations: number): number {
  const grad = new Float64Array(x.length);
  let best = Infinity;
  let theta = 1;
  let sinceBest = 0;
  for (let it = 0; it < iterations; it++) {
    const d = evaluate(x, grad);
    if (d < best) {
      best = d;
      sinceBest = 0;
    } else if (++sinceBest >= PATIENCE) {
      theta /= 2;
      sinceBest = 0;
    }
    let norm2 = 0;
    for (let i = 0; i < grad.length; i++) norm2 += grad[i]! * grad[i]!;
    const gap = d - target;
    if (!(norm2 > 0) || !(gap > 0) || best - target <= CLOSE_ENOUGH * target) break;
    const step = (theta * gap) / norm2;
    for (let i = 0; i < x.length; i++) x[i] = x[i]! - step * grad[i]!;
    project(x);
  }
  return best;
}

/**
 * Latency objective: min over u of D(u) (see above). `scalar` holds the first-pass gains of the
 * live candidates whose samples were not kept; `u0` (per kept sample, optional) is the start, e.g.
 * the greedy set's per-sample gains. `target` is the greedy gain.
 */
export function coverageDualBound(n: number, kept: SampleGains, scalar: ArrayLike<number>, target: number, u0?: (sample: number) => number, iterations = DUAL_ITERATIONS): number {
  const K = kept.start.length - 1;
  // Compact the sample ids that occur.
  const slot = new Map<number, number>();
  const local = new Int32Array(kept.idx.length);
  for (let k = 0; k < kept.idx.length; k++) {
    const s = kept.idx[k]!;
    let v = slot.get(s);
    if (v === undefined) slot.set(s, (v = slot.size));
    local[k] = v;
  }
  const S = slot.size;
  const cap = new Float64Array(S); // u_i above max_j g_ij buys nothing
  for (let k = 0; k < local.length; k++) cap[local[k]!] = Math.max(cap[local[k]!]!, kept.val[k]!);
  const u = new Float64Array(S);
  if (u0) for (const [s, v] of slot) u[v] = Math.min(cap[v]!, Math.max(0, u0(s)));
  const h = new Float64Array(K + scalar.length);
  for (let j = 0; j < scalar.length; j++) h[K + j] = scalar[j]!;
  const pick = new Uint8Array(h.length);
  const count = new Float64Array(S);
  const evaluate = (x: Float64Array, grad: Float64Array): number => {
    let sumU = 0;
    for (let i = 0; i < S; i++) sumU += x[i]!;
    for (let j = 0; j < K; j++) {
      let s = 0;
      for (let k = kept.start[j]!; k < kept.start[j + 1]!; k++) s += Math.max(0, kept.val[k]! - x[local[k]!]!);
      h[j] = s;
    }
    const top = topSum(h, n, pick);
    count.fill(0);
    for (let j = 0; j < K; j++) {
      if (!pick[j]) continue;
      for (let k = kept.start[j]!; k < kept.start[j + 1]!; k++) if (kept.val[k]! > x[local[k]!]!) count[local[k]!]!++;
    }
    for (let i = 0; i < S; i++) {
      const gi = 1 - count[i]!;
      // Projected: no step below 0 or above the cap.
      grad[i] = (x[i]! <= 0 && gi > 0) || (x[i]! >= cap[i]! && gi < 0) ? 0 : gi;
    }
    return sumU + top;
  };
  const project = (x: Float64Array): void => {
    for (let i = 0; i < S; i++) x[i] = Math.min(cap[i]!, Math.max(0, x[i]!));
  };
  // u = 0 (the plain top-N bound) is always a candidate.
  const atZero = evaluate(new Float64Array(S), new Float64Array(S));
  return Math.min(atZero, descend(u, evaluate, project, target, iterations));
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
      grad[t] = (l[t]! <= 0 && g > 0) || (l[t]! >= 1 && g < 0) ? 0 : g;
    }
    return d;
  };
  const project = (l: Float64Array): void => {
    for (let t = 0; t < T; t++) l[t] = Math.min(1, Math.max(0, l[t]!));
  };
  const g = new Float64Array(T);
  const atZero = evaluate(new Float64Array(T), g);
  const atOne = evaluate(new Float64Array(T).fill(1), g);
  return Math.min(atZero, atOne, descend(new Float64Array(T).fill(0.5), evaluate, project, target, iterations));
}
