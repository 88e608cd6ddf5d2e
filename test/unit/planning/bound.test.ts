// The bound's LP duals on synthetic instances, against brute force: valid always, and within 1 %
// of the gain where greedy is optimal.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverageDual, coverageDualBound, FAR_FLOOR_SHARE, servedDualBound, type SampleGains } from '../../../src-core/planning';

const subsets = (m: number, n: number, from = 0): number[][] => (n === 0 ? [[]] : Array.from({ length: m - from }, (_, i) => from + i).flatMap((i) => subsets(m, n - 1, i + 1).map((s) => [i, ...s])));

/** Facility location G(A) = sum_i max_{j in A} g[j][i]. */
const coverage = (g: number[][], a: number[]): number => g[0]!.reduce((s, _, i) => s + Math.max(0, ...a.map((j) => g[j]![i]!)), 0);
/** Per-step capped sums (a polymatroid): sum_t min(cap_t, sum_{j in A} g[j][t]). */
const capped = (g: number[][], cap: number[], a: number[]): number => cap.reduce((s, c, t) => s + Math.min(c, a.reduce((x, j) => x + g[j]![t]!, 0)), 0);

function greedySet(m: number, n: number, f: (a: number[]) => number): number[] {
  const a: number[] = [];
  for (let k = 0; k < n; k++) {
    let best = -1, bv = -Infinity;
    for (let j = 0; j < m; j++) if (!a.includes(j) && f([...a, j]) > bv + 1e-12) { bv = f([...a, j]); best = j; }
    a.push(best);
  }
  return a;
}
const greedy = (m: number, n: number, f: (a: number[]) => number): number => f(greedySet(m, n, f));

const csr = (g: number[][]): SampleGains => {
  const start = new Int32Array(g.length + 1);
  const idx: number[] = [], val: number[] = [];
  g.forEach((row, j) => {
    row.forEach((v, i) => { if (v > 0) { idx.push(i); val.push(v); } });
    start[j + 1] = idx.length;
  });
  return { start, idx: Int32Array.from(idx), val: Float64Array.from(val) };
};

/** Random sparse instances: m candidates, each gaining on a share (density) of the samples. */
const instances = (m: [number, number], samples: [number, number], n: [number, number], density: [number, number]) =>
  fc.record({
    m: fc.integer({ min: m[0], max: m[1] }),
    samples: fc.integer({ min: samples[0], max: samples[1] }),
    n: fc.integer({ min: n[0], max: n[1] }),
    seed: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: m[1] * samples[1], maxLength: m[1] * samples[1] }),
    density: fc.double({ min: density[0], max: density[1], noNaN: true }),
  });
// Sparse instances like the optimizer's: each candidate gains on a few nearby samples.
const instance = instances([3, 8], [4, 14], [1, 3], [0.15, 0.6]);
const matrix = (x: { m: number; samples: number; seed: number[]; density: number }, stride = 14): number[][] =>
  Array.from({ length: x.m }, (_, j) => Array.from({ length: x.samples }, (_, i) => {
    const r = x.seed[j * stride + i]!;
    return r < x.density ? Math.round(1000 * (r / x.density)) / 100 : 0;
  }));

/** An instance with its brute-force optimum, the greedy set, its per-sample gains (the dual's start) and the candidates' marginal gains over it. */
function withGreedy(x: { m: number; samples: number; n: number; seed: number[]; density: number }, stride = 14) {
  const g = matrix(x, stride);
  const n = Math.min(x.n, x.m);
  const f = (a: number[]): number => coverage(g, a);
  const opt = Math.max(...subsets(x.m, n).map(f));
  const a = greedySet(x.m, n, f);
  const start = g[0]!.map((_, i) => Math.max(0, ...a.map((j) => g[j]![i]!)));
  const marginal = g.map((_, j) => f([...a, j]) - f(a));
  const fresh = f(a) + [...marginal].sort((p, q) => q - p).slice(0, n).reduce((s, v) => s + v, 0);
  return { g, n, f: f(a), opt, start, marginal, fresh };
}

// Larger ones, where the greedy set's own gains are more often above the LP optimum's u.
const larger = instances([8, 12], [12, 24], [2, 4], [0.1, 0.5]);

const TIGHT = 0.01; // bound - optimum <= 1 % of the optimum's gain where greedy is optimal
const TOL = 1e-9;

describe('coverage (facility-location) dual bound', () => {
  it('is >= the brute-force optimum, and within 1 % of it where greedy is optimal (fast-check)', () => {
    let tightCases = 0;
    fc.assert(fc.property(instance, (x) => {
      const g = matrix(x);
      const n = Math.min(x.n, x.m);
      const opt = Math.max(...subsets(x.m, n).map((a) => coverage(g, a)));
      const gr = greedy(x.m, n, (a) => coverage(g, a));
      const d = coverageDualBound(n, csr(g), [], gr);
      expect(d).toBeGreaterThanOrEqual(opt - TOL);
      if (gr >= opt - TOL && opt > 0) {
        tightCases++;
        expect(d - opt).toBeLessThanOrEqual(TIGHT * opt + TOL);
      }
    }), { numRuns: 300, seed: 14 });
    expect(tightCases).toBeGreaterThan(50); // 93 of the 300 with this seed
  });

  it('fixed floor at the greedy set\'s gains, some candidates given only as their marginal gain over it: >= the optimum, and D at the start is the fresh top-N bound (fast-check)', () => {
    fc.assert(fc.property(instance, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), (x, asScalar) => {
      const { g, n, f, opt, start, marginal, fresh } = withGreedy(x);
      // The optimizer's layout: pairs for some candidates, one number (the marginal gain) for the others.
      const rows = g.filter((_, j) => !asScalar[j]);
      const scalar = marginal.filter((_, j) => asScalar[j]);
      const r = coverageDual(n, csr(rows.length > 0 ? rows : [g[0]!.map(() => 0)]), scalar, f, { start, fixedFloor: true });
      expect(r.atStart).toBeCloseTo(fresh, 9);
      expect(r.bound).toBeLessThanOrEqual(r.atStart + TOL);
      expect(r.bound).toBeGreaterThanOrEqual(opt - TOL);
      expect(r.rounds).toBe(1);
      expect(r.lowered).toBe(false);
    }), { numRuns: 300, seed: 17 });
  });

  it('fixed floor, then lowered to a share of the greedy set\'s gains (every candidate kept): >= the optimum, never above the fixed floor alone, and below it wherever u >= 0 beats it (fast-check)', () => {
    let room = 0, skipped = 0, far = 0;
    fc.assert(fc.property(larger, fc.constantFrom(0, 0.5, 0.9, 0.95), (x, to) => {
      const { g, n, f, opt, start, fresh } = withGreedy(x, 24);
      const fixed = coverageDual(n, csr(g), [], f, { start, fixedFloor: true });
      const free = coverageDual(n, csr(g), [], f, { start });
      const r = coverageDual(n, csr(g), [], f, { start, fixedFloor: true, lowerFloorTo: to });
      expect(r.atStart).toBeCloseTo(fresh, 9);
      expect(r.bound).toBeLessThanOrEqual(fixed.bound + TOL);
      expect(r.bound).toBeGreaterThanOrEqual(opt - TOL);
      // The lowered floor's round runs unless round 1 already met the greedy gain.
      if (fixed.bound - f > 1e-4 * f) expect(r.lowered).toBe(true);
      if (r.lowered && r.rounds === 1) skipped++;
      if (to > FAR_FLOOR_SHARE && r.floorShare === FAR_FLOOR_SHARE) far++; // round 1 skipped: the far floor
      // Where the whole domain (u >= 0) goes below the fixed floor's bound, the lowered floor does too.
      if (free.bound < fixed.bound - 1e-3 * f) {
        room++;
        expect(r.bound).toBeLessThan(fixed.bound - 1e-6 * f);
      }
    }), { numRuns: 300, seed: 18 });
    expect(room).toBeGreaterThan(5); // 10 of the 300 with this seed
    // 6 of them start the lowered floor's round at u0 (round 1 skipped): not from round 1's best, so
    // "never above the fixed floor alone" is checked there, not given by construction.
    expect(skipped).toBeGreaterThan(2);
    expect(far).toBeGreaterThan(0); // 2 of them at 0.95, so at the far floor (0.9)
  });

  it('candidates kept only as a scalar gain still bound them', () => {
    const g = [[5, 0, 0], [0, 4, 0], [0, 0, 3]];
    // Candidate 2 is known only by its total gain 3.
    expect(coverageDualBound(2, csr(g.slice(0, 2)), [3], 9)).toBeGreaterThanOrEqual(9 - TOL);
    expect(coverageDualBound(2, csr(g), [], 9)).toBeCloseTo(9, 9);
  });
});

describe('served (capped per step) dual bound', () => {
  it('is >= the brute-force optimum (fast-check), and exact on separable instances', () => {
    fc.assert(fc.property(instance, (x) => {
      const g = matrix({ ...x, samples: Math.min(x.samples, 6) });
      const T = g[0]!.length;
      const n = Math.min(x.n, x.m);
      const cap = Array.from({ length: T }, (_, t) => 0.6 * g.reduce((s, row) => s + row[t]!, 0));
      const opt = Math.max(...subsets(x.m, n).map((a) => capped(g, cap, a)));
      const gr = greedy(x.m, n, (a) => capped(g, cap, a));
      const flat = Float64Array.from(g.flat());
      expect(servedDualBound(n, flat, Float64Array.from(cap), gr)).toBeGreaterThanOrEqual(opt - TOL);
    }), { numRuns: 300, seed: 15 });
    // Sites serving disjoint steps: the bound is the optimum.
    const g = Float64Array.from([4, 0, 0, 0, 3, 0, 0, 0, 2]);
    expect(servedDualBound(2, g, Float64Array.from([4, 3, 2]), 7)).toBeCloseTo(7, 9);
  });
});
