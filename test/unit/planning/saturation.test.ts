// Served demand past saturation (docs/OPTIMIZER.md "Past saturation: the latency phase"): once no
// candidate adds served Gbps, the remaining sites are chosen by the latency objective started from
// the existing gateways plus the served picks. On a small instance that saturates after a few sites:
// the served picks are those of a served run stopped there, the latency picks are plain latency
// greedy's (every gain, every round) from existing + served picks, they add 0 Gbps (fresh capacity
// solves), and the constraints hold across both phases.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeCapacity } from '../../../src-core/capacity';
import { PlacementObjective, candidateGateway, isLpBound, optimizeGateways, placementViolations, siteViolation, type Candidate, type OptimizeResult, type PlacementConstraints, type Site } from '../../../src-core/planning';
import { servedSetup, servedSites } from './served-fixture';

// A small take rate: four gateways carry most of the demand, a few more carry all the network can reach.
const { makeEv } = servedSetup(0.005);
const ev = makeEv();
const pool: Candidate[] = servedSites;
const none: PlacementConstraints = { minSpacingKm: 0, excludedCountries: [], maxPerCountry: null };
const TOL_GBPS = 1e-9;
const existing: Site[] = ev.gateways.map((g) => ({ latDeg: g.latDeg, lonDeg: g.lonDeg, countryCode: g.countryCode }));
const idx = (r: OptimizeResult, cands: readonly Candidate[]): number[] => r.chosen.map((c) => cands.indexOf(c.candidate));

/** Plain latency greedy (every gain, every round; ties: lower index) from the existing gateways plus `start`. */
function plainLatencyGreedy(cands: readonly Candidate[], start: readonly number[], add: number, c: PlacementConstraints): { picks: number[]; gains: number[]; value: number } {
  const o = new PlacementObjective(ev);
  const placed = [...existing];
  const seeds = (j: number) => ev.gatewaySeeds(candidateGateway(cands[j]!));
  for (const j of start) {
    o.gain(seeds(j), true);
    placed.push(cands[j]!);
  }
  const picks: number[] = [], gains: number[] = [];
  while (picks.length < add) {
    let best = -1, bestGain = 0;
    cands.forEach((cand, j) => {
      if (start.includes(j) || picks.includes(j) || siteViolation(cand, placed, c) !== null) return;
      const g = o.gain(seeds(j));
      if (g > bestGain) { best = j; bestGain = g; }
    });
    if (best < 0) break;
    gains.push(o.gain(seeds(best), true));
    picks.push(best);
    placed.push(cands[best]!);
  }
  return { picks, gains, value: o.value };
}

const servedGbps = (sites: readonly Candidate[]): number => {
  const e = makeEv();
  for (const s of sites) e.addGateway(candidateGateway(s));
  return analyzeCapacity(e).servedGbpsMean;
};

describe('served demand past saturation: the latency phase', () => {
  const ADD = 9;
  const r = optimizeGateways(ev, pool, { add: ADD, kind: 'served', constraints: none });
  const k = r.saturatedAfter!;

  it('saturates early, then chooses the rest for latency: plain latency greedy from existing + served picks, each adding 0 Gbps', () => {
    expect(k).toBeGreaterThan(0);
    expect(r.chosen.length).toBeGreaterThan(k); // the latency phase placed sites
    expect(r.chosen.map((c) => c.phase)).toEqual(r.chosen.map((_, i) => (i < k ? 'served' : 'latency')));
    const plain = plainLatencyGreedy(pool, idx(r, pool).slice(0, k), ADD - k, none);
    expect(idx(r, pool).slice(k)).toEqual(plain.picks);
    expect(r.chosen.slice(k).map((c) => c.marginalGain)).toEqual(plain.gains); // same states, bit for bit
    expect(r.latencyPhase!.objective).toBe(plain.value);
    expect(r.latencyPhase!.sites).toBe(r.chosen.length - k);
    // The latency phase stops only when nothing improves latency: then `exhausted` (and only then).
    expect(r.exhausted).toBe(r.chosen.length < ADD);
    // 0 Gbps each, by fresh capacity solves; the served picks carry all of the served gain.
    for (const c of r.chosen.slice(k)) expect(c.impact.servedGbps).toBe(0);
    const atSaturation = servedGbps(r.chosen.slice(0, k).map((c) => c.candidate));
    expect(Math.abs(servedGbps(r.chosen.map((c) => c.candidate)) - atSaturation)).toBeLessThanOrEqual(TOL_GBPS);
    expect(Math.abs(r.objective - atSaturation)).toBeLessThanOrEqual(TOL_GBPS);
    // The set's latency impact covers both phases, relative to the existing gateways.
    expect(r.impact.meanLatencyAfterMs).toBeLessThan(r.chosen[k - 1]!.impact.meanLatencyAfterMs);
    expect(r.impact.meanLatencyAfterMs).toBeCloseTo(r.chosen[r.chosen.length - 1]!.impact.meanLatencyAfterMs, 12);
    expect(r.impact.servedGbps).toBeCloseTo(r.objective - r.baseObjective, 9);
    // The bound is the served one (the primary objective), met at saturation.
    expect(r.upperBound).toBeGreaterThanOrEqual(r.objective);
    expect(r.upperBound - r.objective).toBeLessThanOrEqual(TOL_GBPS);
    expect(r.latencyPhase!.upperBound).toBeGreaterThanOrEqual(r.latencyPhase!.objective);
    // The latency phase's bound is a latency run's from the served picks, and says which it is
    // (the LP dual's or a submodularity one: the explain text names it).
    const direct = optimizeGateways(ev, pool, { add: ADD - k, kind: 'latency', tightBound: true, after: idx(r, pool).slice(0, k), constraints: none });
    expect(r.latencyPhase!.upperBound).toBe(direct.upperBound);
    expect(r.latencyPhase!.lpBound).toBe(isLpBound(direct));
    expect(new Set(r.chosen.map((c) => c.gateway.name)).size).toBe(r.chosen.length);
  });

  it('keeps the served phase unchanged, and --stop-at-saturation returns exactly the saturated set', () => {
    const stop = optimizeGateways(makeEv(), pool, { add: ADD, kind: 'served', constraints: none, stopAtSaturation: true });
    expect(stop.saturatedAfter).toBe(k);
    expect(stop.exhausted).toBe(true);
    expect(stop.latencyPhase).toBeNull();
    expect(stop.chosen.map((c) => [c.candidate.id, c.gateway.name, c.phase, c.marginalGain, c.objective])).toEqual(r.chosen.slice(0, k).map((c) => [c.candidate.id, c.gateway.name, c.phase, c.marginalGain, c.objective]));
    expect(stop.objective).toBe(r.objective);
    expect(stop.upperBound).toBe(r.upperBound);
    expect(stop.bounds).toEqual(r.bounds);
    expect(stop.impact.servedGbps).toBe(r.impact.servedGbps);
    // Asking for exactly k sites: the same picks (saturation is not reached within the run).
    const exact = optimizeGateways(makeEv(), pool, { add: k, kind: 'served', constraints: none });
    expect(idx(exact, pool)).toEqual(idx(stop, pool));
    expect(exact.saturatedAfter).toBeNull();
  });

  it('streams every pick with its phase and index, and says when it saturated', () => {
    const streamed: [number, string][] = [];
    let saturated: [number, number] | null = null;
    const s = optimizeGateways(makeEv(), pool, { add: ADD, kind: 'served', constraints: none, onChosen: (c, i) => streamed.push([i, c.phase]), onSaturated: (n, gbps) => (saturated = [n, gbps]) });
    expect(streamed).toEqual(s.chosen.map((c, i) => [i, c.phase]));
    expect(saturated).toEqual([k, r.objective]);
    expect(idx(s, pool)).toEqual(idx(r, pool));
  });

  it('constraints hold across both phases; the served picks are those of the stopped run (fast-check)', () => {
    const countries = [...new Set(pool.map((c) => c.countryCode).filter((c): c is string => c !== null))];
    let saturatedRuns = 0, latencyPicks = 0;
    fc.assert(
      fc.property(
        fc.subarray(pool.map((_, i) => i), { minLength: 6 }),
        fc.constantFrom(0, 800, 2500),
        fc.constantFrom(null, 1),
        fc.subarray(countries, { maxLength: 2 }),
        (subset, minSpacingKm, maxPerCountry, excludedCountries) => {
          const cands = subset.map((i) => pool[i]!);
          const c: PlacementConstraints = { minSpacingKm, maxPerCountry, excludedCountries };
          const full = optimizeGateways(ev, cands, { add: cands.length, kind: 'served', constraints: c });
          expect(placementViolations([...existing, ...full.chosen.map((x) => x.candidate)], c)).toEqual([]);
          const stop = optimizeGateways(ev, cands, { add: cands.length, kind: 'served', constraints: c, stopAtSaturation: true });
          expect(stop.saturatedAfter).toBe(full.saturatedAfter);
          const n1 = full.saturatedAfter ?? full.chosen.length;
          expect(idx(stop, cands)).toEqual(idx(full, cands).slice(0, n1));
          expect(full.chosen.map((x) => x.phase)).toEqual(full.chosen.map((_, i) => (i < n1 ? 'served' : 'latency')));
          if (full.saturatedAfter !== null) {
            saturatedRuns++;
            latencyPicks += full.chosen.length - n1;
            const plain = plainLatencyGreedy(cands, idx(full, cands).slice(0, n1), cands.length - n1, c);
            expect(idx(full, cands).slice(n1)).toEqual(plain.picks);
          }
        },
      ),
      { numRuns: 6, seed: 14 },
    );
    // The property is exercised: some runs saturate and place latency sites under the constraints.
    expect(saturatedRuns).toBeGreaterThan(1);
    expect(latencyPicks).toBeGreaterThan(1);
  });
});
