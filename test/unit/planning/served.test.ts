// The served-demand objective: incremental max flow with a journal must give exactly the gains of
// fresh capacity solves, and its bound must hold against brute force.
import { describe, expect, it } from 'vitest';
import { analyzeCapacity } from '../../../src-core/capacity';
import { type CoverageEvaluator } from '../../../src-core/coverage';
import { candidateGateway, optimizeGateways, ServedObjective, type Candidate } from '../../../src-core/planning';
import { servedSetup, servedSites } from './served-fixture';

// A modest take rate: where a gateway sits matters, gains differ by site.
const { makeEv } = servedSetup(0.02);
const ev: CoverageEvaluator = makeEv();
const sites = servedSites.slice(0, 7);
const served = (extra: readonly Candidate[]): number => {
  const e = makeEv();
  for (const c of extra) e.addGateway(candidateGateway(c));
  return analyzeCapacity(e).servedGbpsMean;
};
const TOL_GBPS = 1e-9;

describe('served-demand objective', () => {
  it('greedy gains equal fresh max-flow differences (analyze --capacity with the sites added), to 1e-9 Gbps', () => {
    const r = optimizeGateways(ev, sites, { add: 3, kind: 'served', constraints: { minSpacingKm: 0, excludedCountries: [], maxPerCountry: null } });
    expect(r.kind).toBe('served');
    expect(r.chosen).toHaveLength(3);
    expect(Math.abs(r.baseObjective - served([]))).toBeLessThanOrEqual(TOL_GBPS);
    let prev = r.baseObjective;
    for (let k = 0; k < 3; k++) {
      const fresh = served(r.chosen.slice(0, k + 1).map((c) => c.candidate));
      expect(Math.abs(r.chosen[k]!.marginalGain - (fresh - prev))).toBeLessThanOrEqual(TOL_GBPS);
      expect(r.chosen[k]!.impact.servedGbps).toBeCloseTo(r.chosen[k]!.marginalGain, 12);
      prev = fresh;
    }
    expect(Math.abs(r.objective - prev)).toBeLessThanOrEqual(TOL_GBPS);
    // The gains differ by site (the instance is not degenerate) and the first is the largest.
    expect(r.chosen[0]!.marginalGain).toBeGreaterThan(r.chosen[2]!.marginalGain + 1e-6);
  });

  it('an evaluation rolls the network back bit for bit: gains repeat exactly, and a committed gain equals its evaluation', () => {
    const gws = sites.map((c) => candidateGateway(c));
    const o = new ServedObjective(ev, gws, gws.map((g) => ev.gatewaySeeds(g)));
    const first = gws.map((_, j) => o.gain(j));
    expect(gws.map((_, j) => o.gain(j))).toEqual(first);
    const g = o.gain(1, true);
    expect(g).toBe(first[1]);
    expect(o.value).toBeCloseTo(o.value0 + g, 9);
    expect(o.gain(1)).toBe(0); // already open
    // Committing the candidate just evaluated keeps that evaluation's flow: the same network as computing it again.
    const held = new ServedObjective(ev, gws, gws.map((g) => ev.gatewaySeeds(g)));
    expect(held.gain(1)).toBe(first[1]);
    expect(held.gain(1, true)).toBe(g);
    expect(held.evaluations).toBe(1);
    expect(held.value).toBe(o.value);
    expect(gws.map((_, j) => held.gain(j))).toEqual(gws.map((_, j) => o.gain(j)));
  });

  it('refreshed bounds (reach, all-open cap) stay >= every gain, and skipping the steps they rule out gives the same gains bit for bit', () => {
    const gws = sites.map((c) => candidateGateway(c));
    const seeds = gws.map((g) => ev.gatewaySeeds(g));
    const refreshed = new ServedObjective(ev, gws, seeds);
    const plain = new ServedObjective(ev, gws, seeds);
    let zeroSteps = 0;
    for (const pick of [3, 0, 5]) {
      refreshed.refreshBounds();
      gws.forEach((_, j) => {
        const ub = refreshed.bound(j);
        const g = plain.gain(j);
        const perStep = Float64Array.from(plain.stepGain);
        expect(ub).toBeGreaterThanOrEqual(g); // no tolerance: the cap carries its own round-off allowance
        expect(refreshed.gain(j)).toBe(g);
        zeroSteps += perStep.filter((x) => x === 0).length;
      });
      expect(refreshed.gain(pick, true)).toBe(plain.gain(pick, true));
    }
    expect(refreshed.refreshes).toBe(3);
    expect(zeroSteps).toBeGreaterThan(0); // the instance has steps a site cannot help (so the skip is exercised)
  });

  it('the cut bound is >= the gain at every step, and lazy greedy from it chooses what plain greedy (every gain, every round) chooses', () => {
    const gws = sites.map((c) => candidateGateway(c));
    const o = new ServedObjective(ev, gws, gws.map((g) => ev.gatewaySeeds(g)));
    const plain: number[] = [];
    for (let round = 0; round < 3; round++) {
      let best = -1, bestGain = -Infinity;
      gws.forEach((_, j) => {
        const ub = o.gainBound(j);
        const perStep = Float64Array.from(o.stepGain);
        const g = o.gain(j);
        expect(ub).toBeGreaterThanOrEqual(g - TOL_GBPS);
        o.stepGain.forEach((x, t) => expect(perStep[t]!).toBeGreaterThanOrEqual(x - TOL_GBPS));
        if (g > bestGain) { best = j; bestGain = g; }
      });
      plain.push(best);
      o.gain(best, true);
    }
    const r = optimizeGateways(ev, sites, { add: 3, kind: 'served', constraints: { minSpacingKm: 0, excludedCountries: [], maxPerCountry: null } });
    expect(r.chosen.map((c) => sites.indexOf(c.candidate))).toEqual(plain);
  });

  it('bound >= brute-force optimum >= greedy, and within 1 % of the gain where greedy is optimal (7 candidates, add 1 and 2)', () => {
    const sets = (n: number, from = 0): number[][] => (n === 0 ? [[]] : Array.from({ length: sites.length - from }, (_, i) => from + i).flatMap((i) => sets(n - 1, i + 1).map((s) => [i, ...s])));
    const value = new Map<string, number>();
    const opt = (n: number): number => Math.max(...sets(n).map((s) => {
      const k = s.join(',');
      if (!value.has(k)) value.set(k, served(s.map((i) => sites[i]!)));
      return value.get(k)!;
    }));
    for (const add of [1, 2]) {
      const r = optimizeGateways(ev, sites, { add, kind: 'served', constraints: { minSpacingKm: 0, excludedCountries: [], maxPerCountry: null } });
      const best = opt(add);
      expect(best).toBeGreaterThanOrEqual(r.objective - TOL_GBPS);
      expect(r.upperBound).toBeGreaterThanOrEqual(best - TOL_GBPS);
      for (const b of [r.bounds.online, r.bounds.fresh, r.bounds.dual]) expect(b).toBeGreaterThanOrEqual(best - TOL_GBPS);
      if (r.objective >= best - TOL_GBPS) expect(r.upperBound - best).toBeLessThanOrEqual(0.01 * (best - r.baseObjective) + TOL_GBPS); // tight where greedy is optimal
    }
  });
});
