import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CoverageEvaluator, buildCoverageGrid, defaultLinkModel, propagatorPositions, usableFromCatalog } from '../../../src-core/coverage';
import { countryAt, isLand, nearestCity } from '../../../src-core/geo';
import { PlacementObjective, SampleCapture, candidateGateway, generateCandidates, importCandidates, optimizeGateways, placementViolations, siteViolation, type Candidate, type PlacementConstraints } from '../../../src-core/planning';
import { KeptSamples } from '../../../src-core/planning/keptSamples';
import { assetGeo, kuiperPropagator, kuiperScenario } from '../coverage/fixtures';

const geo = { countryAt, nearestCity };
const sc = kuiperScenario({ durationS: 4 * 300, stepS: 300, h3Resolution: 2 });
const { catalog, propagator } = kuiperPropagator(sc);
const grid = buildCoverageGrid(sc.analysis, assetGeo);
const makeEv = () => {
  const ev = new CoverageEvaluator({ scenario: sc, grid, positions: propagatorPositions(propagator), usable: usableFromCatalog(catalog), links: defaultLinkModel(sc, catalog) });
  ev.setGateways(sc.gateways.slice(0, 4)); // Virginia, Oregon, Germany, Sydney: room to improve
  return ev;
};
const ev = makeEv();
// Sites near the PoPs without a gateway (and a few elsewhere) so gains are non-zero.
const small: Candidate[] = importCandidates([
  { name: 'Sao Paulo A', latDeg: -23.4, lonDeg: -46.7 },
  { name: 'Sao Paulo B', latDeg: -23.0, lonDeg: -47.2 },
  { name: 'Mumbai', latDeg: 19.2, lonDeg: 73.0 },
  { name: 'Cape Town', latDeg: -33.9, lonDeg: 18.6 },
  { name: 'Tokyo', latDeg: 35.6, lonDeg: 139.6 },
  { name: 'Osaka', latDeg: 34.7, lonDeg: 135.5 },
  { name: 'Nairobi', latDeg: -1.3, lonDeg: 36.8 },
  { name: 'Lima', latDeg: -12.0, lonDeg: -77.0 },
], geo);

function objectiveOf(sites: Candidate[]): number {
  const o = new PlacementObjective(ev);
  for (const s of sites) o.gain(ev.gatewaySeeds(candidateGateway(s)), true);
  return o.value;
}

describe('candidates', () => {
  it('generates demand-ranked land cells and PoP neighbourhoods with country and city', () => {
    const c = generateCandidates(assetGeo, geo, sc.pops, { resolution: 2, demandCount: 100 });
    expect(c.filter((x) => x.source === 'demand')).toHaveLength(100);
    expect(c.some((x) => x.source === 'pop')).toBe(true);
    expect(new Set(c.map((x) => x.id)).size).toBe(c.length);
    expect(c.filter((x) => x.countryCode !== null).length).toBeGreaterThan(c.length / 2);
    // Gateways are built on land: every generated site lies inside a country polygon.
    expect(c.every((x) => x.countryName !== null && isLand(x.latDeg, x.lonDeg))).toBe(true);
    expect(c.every((x) => x.name.length > 0)).toBe(true);
    expect(generateCandidates(assetGeo, geo, sc.pops, { resolution: 2, demandCount: 100 })).toEqual(c);
  });
});

/** f of a subset of `small` (by index), memoised: the brute-force searches below revisit subsets. */
const memo = new Map<string, number>();
const value = (idx: number[]): number => {
  const k = idx.join(',');
  if (!memo.has(k)) memo.set(k, objectiveOf(idx.map((i) => small[i]!)));
  return memo.get(k)!;
};
const subsets = (pool: number[], n: number): number[][] => (n === 0 ? [[]] : pool.flatMap((i, k) => subsets(pool.slice(k + 1), n - 1).map((s) => [i, ...s])));
/** The best objective of at most `add` of the pool's candidates that respect the constraints next to the existing gateways (brute force); at least `base`. */
const bruteBest = (pool: number[], add: number, constraints: PlacementConstraints, base: number): number => {
  const existing = ev.gateways.map((g) => ({ latDeg: g.latDeg, lonDeg: g.lonDeg, countryCode: g.countryCode }));
  const feasible = (idx: number[]): boolean => placementViolations([...existing, ...idx.map((i) => small[i]!)], constraints).length === 0;
  let best = base;
  for (let n = 1; n <= add; n++) for (const s of subsets(pool, n)) if (feasible(s)) best = Math.max(best, value(s));
  return best;
};

describe('optimizer', () => {
  it('bound >= brute-force optimum >= greedy on 8 candidates, add 3', () => {
    const r = optimizeGateways(ev, small, { add: 3, constraints: { minSpacingKm: 0, excludedCountries: [], maxPerCountry: null } });
    expect(r.chosen).toHaveLength(3);
    let best = -Infinity;
    for (let a = 0; a < 8; a++) for (let b = a + 1; b < 8; b++) for (let c = b + 1; c < 8; c++) best = Math.max(best, objectiveOf([small[a]!, small[b]!, small[c]!]));
    const tol = 1e-12;
    expect(best).toBeGreaterThanOrEqual(r.objective - tol);
    expect(r.upperBound).toBeGreaterThanOrEqual(best - tol);
    expect(r.objective).toBeGreaterThan(r.baseObjective);
    // Gains are non-increasing (submodularity) and sum to the improvement.
    for (let i = 1; i < 3; i++) expect(r.chosen[i]!.marginalGain).toBeLessThanOrEqual(r.chosen[i - 1]!.marginalGain + tol);
    expect(r.chosen.reduce((s, c) => s + c.marginalGain, r.baseObjective)).toBeCloseTo(r.objective, 12);
    expect(objectiveOf(r.chosen.map((c) => c.candidate))).toBeCloseTo(r.objective, 12);
  });

  it('bound: >= the brute-force optimum always; within 1 % of the gain where greedy is optimal (fast-check: candidates, add, spacing)', () => {
    let tightCases = 0;
    fc.assert(fc.property(
      fc.subarray([0, 1, 2, 3, 4, 5, 6, 7], { minLength: 4 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom(0, 100, 3000),
      (pool, add, minSpacingKm) => {
        const constraints = { minSpacingKm, excludedCountries: [], maxPerCountry: null };
        const r = optimizeGateways(ev, pool.map((i) => small[i]!), { add, constraints });
        const best = bruteBest(pool, add, constraints, r.baseObjective);
        const tol = 1e-12;
        expect(best).toBeGreaterThanOrEqual(r.objective - tol);
        expect(r.upperBound).toBeGreaterThanOrEqual(best - tol);
        for (const b of [r.bounds.online, r.bounds.fresh, r.bounds.dual]) if (!Number.isNaN(b)) expect(b).toBeGreaterThanOrEqual(best - tol);
        if (r.objective >= best - tol && best > r.baseObjective) {
          tightCases++;
          expect(r.upperBound - best).toBeLessThanOrEqual(0.01 * (best - r.baseObjective) + tol);
        }
      },
    ), { numRuns: 25, seed: 14 });
    expect(tightCases).toBeGreaterThan(12);
  });

  it('bound with the kept per-sample gains capped (some candidates not kept, chosen sites possibly among them): still >= the brute-force optimum, the dual never above the fresh bound (fast-check)', () => {
    let evicted = 0, tightCases = 0, withinOnePct = 0, estimated = 0;
    fc.assert(fc.property(
      fc.subarray([0, 1, 2, 3, 4, 5, 6, 7], { minLength: 4 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom(0, 100, 3000), fc.constantFrom(0, 40, 150, 400),
      (pool, add, minSpacingKm, maxKeptPairs) => {
        const constraints = { minSpacingKm, excludedCountries: [], maxPerCountry: null };
        const cands = pool.map((i) => small[i]!);
        const r = optimizeGateways(ev, cands, { add, constraints, maxKeptPairs });
        const whole = optimizeGateways(ev, cands, { add, constraints });
        // The cap changes the bound only, never the picks; nor do the lazy bounds lowered from
        // the kept gains (a run without the tight bound keeps none): same picks and gains.
        expect(r.chosen.map((c) => c.candidate.name)).toEqual(whole.chosen.map((c) => c.candidate.name));
        const plain = optimizeGateways(ev, cands, { add, constraints, tightBound: false });
        for (const x of [r, whole]) expect(x.chosen.map((c) => [c.candidate.name, c.marginalGain])).toEqual(plain.chosen.map((c) => [c.candidate.name, c.marginalGain]));
        if (whole.estimates > 0) estimated++;
        const best = bruteBest(pool, add, constraints, r.baseObjective);
        const tol = 1e-12;
        expect(r.upperBound).toBeGreaterThanOrEqual(best - tol);
        for (const b of [r.bounds.online, r.bounds.fresh, r.bounds.dual]) if (!Number.isNaN(b)) expect(b).toBeGreaterThanOrEqual(best - tol);
        // The dual starts at the fresh bound (D at u0) and only goes down from it, up to its pairs'
        // float32 rounding up (at most 2^-22 of each gain: 1e-6 of the gain is far above that).
        if (r.dualStats?.fixedFloor) expect(r.bounds.dual).toBeLessThanOrEqual(r.bounds.fresh + 1e-6 * (r.bounds.fresh - r.baseObjective) + tol);
        if (r.dualStats?.fixedFloor) evicted++;
        if (r.objective >= best - tol && best > r.baseObjective) {
          tightCases++;
          if (r.upperBound - best <= 0.01 * (best - r.baseObjective) + tol) withinOnePct++;
        }
      },
    ), { numRuns: 30, seed: 15 });
    console.log(`capped kept pairs: ${evicted} runs with candidates not kept; ${tightCases} where greedy is optimal, bound within 1 % of the gain in ${withinOnePct}; ${estimated} uncapped runs lowered bounds from kept gains`);
    expect(evicted).toBeGreaterThan(15);
    expect(tightCases).toBeGreaterThan(12);
    expect(estimated).toBeGreaterThan(10);
  });

  it('bound with the floors forced on small problems (as above 500,000 kept pairs): still >= the brute-force optimum; the floor lowered only when every candidate was kept (fast-check)', () => {
    let lowered = 0, skipped = 0;
    fc.assert(fc.property(
      fc.subarray([0, 1, 2, 3, 4, 5, 6, 7], { minLength: 4 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom(0, 100, 3000), fc.constantFrom(undefined, 0, 40, 150),
      (pool, add, minSpacingKm, maxKeptPairs) => {
        const constraints = { minSpacingKm, excludedCountries: [], maxPerCountry: null };
        const r = optimizeGateways(ev, pool.map((i) => small[i]!), { add, constraints, maxKeptPairs, floorAbovePairs: 0 });
        const best = bruteBest(pool, add, constraints, r.baseObjective);
        const tol = 1e-12;
        expect(r.upperBound).toBeGreaterThanOrEqual(best - tol);
        for (const b of [r.bounds.online, r.bounds.fresh, r.bounds.dual]) if (!Number.isNaN(b)) expect(b).toBeGreaterThanOrEqual(best - tol);
        if (!r.dualStats) return;
        expect(r.dualStats.fixedFloor).toBe(true);
        // Candidates held as one number bound h_j only while u >= u0 (maxKeptPairs 0: none kept).
        if (maxKeptPairs === 0) expect(r.dualStats.loweredFloor).toBeNull();
        if (r.dualStats.loweredFloor !== null) lowered++;
        if (r.dualStats.loweredFloor !== null && r.dualStats.rounds === 1) skipped++;
        // Both start at the fresh bound and only go down, up to the pairs' float32 rounding.
        expect(r.bounds.dual).toBeLessThanOrEqual(r.bounds.fresh + 1e-6 * (r.bounds.fresh - r.baseObjective) + tol);
      },
    ), { numRuns: 60, seed: 16 });
    expect(lowered).toBeGreaterThan(4); // 8 of the 60 with this seed (the others end at the fixed floor within 1e-4 of f)
    expect(skipped).toBeGreaterThan(2); // 5 of those 8: round 2 from u0, round 1 skipped (its pairs over a quarter of round 2's)
  });

  it("a kept candidate's estimate (KeptSamples.marginal) is never below its gain over the set and within 1e-6 of it, after every commit", () => {
    const cands = generateCandidates(assetGeo, geo, sc.pops, { resolution: 2, demandCount: 60 });
    const seeds = cands.map((c) => ev.gatewaySeeds(candidateGateway(c)));
    const o = new PlacementObjective(ev);
    const kept = new KeptSamples(ev.stepCount * ev.cache.cellCount);
    const cap = new SampleCapture();
    const first = seeds.map((sd, j) => {
      cap.clear();
      const g = o.gain(sd, false, cap);
      if (g > 0) kept.offer(j, g, cap);
      return g;
    });
    const setGain = new Float64Array(ev.stepCount * ev.cache.cellCount);
    const order = first.map((g, j) => [g, j] as const).sort((a, b) => b[0] - a[0]).map(([, j]) => j);
    let checked = 0, below = 0;
    for (const pick of order.slice(0, 6)) {
      cap.clear();
      o.gain(seeds[pick]!, true, cap);
      for (let k = 0; k < cap.length; k++) setGain[cap.idx[k]!]! += cap.val[k]!;
      for (let j = 0; j < cands.length; j++) {
        if (!kept.has(j)) continue;
        const exact = o.gain(seeds[j]!, false), est = kept.marginal(j, setGain);
        expect(est).toBeGreaterThanOrEqual(exact);
        expect(est).toBeLessThanOrEqual(exact + 1e-6 * first[j]!);
        if (est < first[j]! * 0.99) below++;
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(below).toBeGreaterThan(checked / 4); // the estimates follow the set, not the first pass
    expect(kept.marginal(-1, setGain)).toBeNaN();
  });

  it('lazy bounds lowered from the kept gains leave every pick, gain and objective as without them, with fewer evaluations (the same picks also with some candidates not kept)', () => {
    const cands = generateCandidates(assetGeo, geo, sc.pops, { resolution: 2, demandCount: 150 });
    const constraints: PlacementConstraints = { minSpacingKm: 300, excludedCountries: [], maxPerCountry: 3 };
    const plain = optimizeGateways(ev, cands, { add: 15, constraints, tightBound: false });
    expect(plain.estimates).toBe(0);
    for (const maxKeptPairs of [undefined, 20_000]) {
      const r = optimizeGateways(ev, cands, { add: 15, constraints, maxKeptPairs });
      expect(r.chosen.map((c) => [c.candidate.id, c.marginalGain])).toEqual(plain.chosen.map((c) => [c.candidate.id, c.marginalGain]));
      expect(r.objective).toBe(plain.objective);
      expect(r.impact).toEqual(plain.impact);
      expect(r.estimates).toBeGreaterThan(0);
      // Every candidate kept: no re-evaluation for the bound either (229 against 447 here). With
      // some not kept, the bound's fresh gains at the end add theirs.
      if (maxKeptPairs === undefined) expect(r.evaluations).toBeLessThan(0.75 * plain.evaluations);
      if (maxKeptPairs !== undefined) expect(r.dualStats?.fixedFloor).toBe(true); // some candidates not kept
    }
  });

  it('respects spacing, excluded countries and the per-country cap in every suggestion', () => {
    const cands = generateCandidates(assetGeo, geo, sc.pops, { resolution: 2, demandCount: 150 });
    const constraints: PlacementConstraints = { minSpacingKm: 400, excludedCountries: ['in', 'CN'], maxPerCountry: 2 };
    const r = optimizeGateways(ev, cands, { add: 12, constraints });
    expect(r.chosen.length).toBeGreaterThan(0);
    const existing = ev.gateways.map((g) => ({ latDeg: g.latDeg, lonDeg: g.lonDeg, countryCode: g.countryCode }));
    expect(placementViolations([...existing, ...r.chosen.map((c) => c.candidate)], constraints)).toEqual([]);
    for (const c of r.chosen) expect(['IN', 'CN']).not.toContain(c.candidate.countryCode);
    expect(r.upperBound).toBeGreaterThanOrEqual(r.objective);
    expect(r.gapPct).toBeGreaterThanOrEqual(0);
    expect(siteViolation({ latDeg: 0, lonDeg: 0, countryCode: 'IN' }, [], constraints)).toMatch(/excluded/);
  });

  it('stops instead of suggesting sites that buy nothing (outside the service band)', () => {
    // Svalbard and the South Pole: no Kuiper satellite rises 35 deg above terminals served from there.
    const far = importCandidates([{ name: 'Longyearbyen', latDeg: 78.22, lonDeg: 15.65 }, { name: 'South Pole', latDeg: -89.9, lonDeg: 0 }], geo);
    const r = optimizeGateways(ev, far, { add: 2, constraints: { minSpacingKm: 0, excludedCountries: [], maxPerCountry: null } });
    expect(r.chosen).toHaveLength(0);
    expect(r.exhausted).toBe(true);
    expect(r.objective).toBe(r.baseObjective);
    expect(r.upperBound).toBeGreaterThanOrEqual(r.objective);
  });

  it('is deterministic', () => {
    const a = optimizeGateways(ev, small, { add: 4 });
    const b = optimizeGateways(makeEv(), small, { add: 4 });
    expect(b.chosen.map((c) => c.candidate.id)).toEqual(a.chosen.map((c) => c.candidate.id));
    expect(b.objective).toBe(a.objective);
    expect(b.upperBound).toBe(a.upperBound);
  });

  it('cancel returns the sites found so far', () => {
    const signal = { aborted: false };
    const r = optimizeGateways(ev, small, { add: 6, signal, onProgress: (done, total) => { if (done >= total - 5) signal.aborted = true; } });
    expect(r.cancelled).toBe(true);
    expect(r.chosen.length).toBeGreaterThanOrEqual(1);
    expect(r.chosen.length).toBeLessThan(6);
    expect(r.upperBound).toBeGreaterThanOrEqual(r.objective);
  });

  it('does not change the evaluator; its sites can be added to it', () => {
    const before = ev.result();
    const r = optimizeGateways(ev, small, { add: 2 });
    expect(ev.result()).toEqual(before);
    const e2 = makeEv();
    let res = before;
    for (const c of r.chosen) res = e2.addGateway(c.gateway);
    expect(res.headline.meanLatencyMs).toBeLessThan(before.headline.meanLatencyMs);
  });
});
