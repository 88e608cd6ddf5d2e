// The optimizer's chosen set checked with the one router (src-core/planning/check.ts): `checked`
// is coverage's own headline after the planner adds the chosen gateways (the engine session's
// path, gateway/add patches), bit for bit, with ground relay on and off; and where the objective's
// model is not relaxed (no relay, no hop limit) the check agrees with the optimizer's own figures.
import { describe, expect, it } from 'vitest';
import { CoverageEvaluator, buildCoverageGrid, defaultLinkModel, propagatorPositions, usableFromCatalog } from '../../../src-core/coverage';
import { countryAt, nearestCity } from '../../../src-core/geo';
import type { RouterOptions } from '../../../src-core/network/router';
import { importCandidates, isRelaxed, optimizeGateways, type Candidate, type CheckedFigures } from '../../../src-core/planning';
import type { Scenario } from '../../../src-core/scenario/schema';
import { EngineSession } from '../../../src-core/session';
import { assetGeo, kuiperPropagator, kuiperScenario } from '../coverage/fixtures';
import { servedSetup, servedSites } from './served-fixture';

const none = { minSpacingKm: 0, excludedCountries: [], maxPerCountry: null };
const sites: Candidate[] = importCandidates([
  { name: 'Sao Paulo', latDeg: -23.4, lonDeg: -46.7 },
  { name: 'Mumbai', latDeg: 19.2, lonDeg: 73.0 },
  { name: 'Cape Town', latDeg: -33.9, lonDeg: 18.6 },
  { name: 'Tokyo', latDeg: 35.6, lonDeg: 139.6 },
  { name: 'Nairobi', latDeg: -1.3, lonDeg: 36.8 },
  { name: 'Lima', latDeg: -12.0, lonDeg: -77.0 },
  { name: 'Jakarta', latDeg: -6.2, lonDeg: 106.8 },
], { countryAt, nearestCity });

/** Kuiper at H3 res 2 over four 5-minute steps, the first four gateways (room to improve), with these routing settings. */
function setup(routing: Partial<Scenario['routing']>, routerOptions?: RouterOptions) {
  const base = kuiperScenario({ durationS: 4 * 300, stepS: 300, h3Resolution: 2 });
  const sc: Scenario = { ...base, gateways: base.gateways.slice(0, 4), routing: { ...base.routing, ...routing } };
  const { catalog, propagator } = kuiperPropagator(sc);
  const grid = buildCoverageGrid(sc.analysis, assetGeo);
  const ev = new CoverageEvaluator({ scenario: sc, grid, positions: propagatorPositions(propagator), usable: usableFromCatalog(catalog), links: defaultLinkModel(sc, catalog), ...(routerOptions ? { routerOptions } : {}) });
  ev.setGateways(sc.gateways);
  return { sc, ev };
}

const pick = (h: CheckedFigures): CheckedFigures => ({ servedPct: h.servedPct, meanLatencyMs: h.meanLatencyMs, p95LatencyMs: h.p95LatencyMs });

describe('optimizer: the chosen set checked with the one router', () => {
  // add 2: the session adds them incrementally (<= MAX_INCREMENTAL_OPS); add 4: it re-routes in full.
  // A 3-hop limit binds on this fixture: there the check departs from the optimizer's model.
  const cases: [string, Partial<Scenario['routing']>, number][] = [
    ['ground relay on, 2 sites', { allowGatewayRelay: true }, 2],
    ['ground relay off, 4 sites', { allowGatewayRelay: false }, 4],
    ['ground relay on, 4 sites', { allowGatewayRelay: true }, 4],
    ['ground relay on, at most 3 satellite hops, 2 sites', { allowGatewayRelay: true, maxSatelliteHops: 3 }, 2],
  ];
  for (const [name, routing, add] of cases) {
    it(`checked.after is the engine session's headline after adding the chosen gateways (${name})`, () => {
      const { sc, ev } = setup(routing);
      const r = optimizeGateways(ev, sites, { add, constraints: none });
      expect(r.chosen).toHaveLength(add);
      const c = r.checked!;
      expect(c.options).toEqual({ groundRelay: sc.routing.allowGatewayRelay, maxSatelliteHops: sc.routing.maxSatelliteHops, bentPipe: false });
      expect(c.relaxed).toBe(true);
      const session = new EngineSession(sc, { demand: assetGeo });
      expect(pick(session.coverage().result.headline)).toEqual(c.before);
      session.apply(r.chosen.map((s) => ({ op: 'gateway/add' as const, gateway: s.gateway })));
      const after = session.coverage();
      expect(after.mode).toBe(add <= 3 ? 'incremental' : 'full');
      // toEqual compares numbers with Object.is: bit for bit.
      expect(pick(after.result.headline)).toEqual(c.after);
      // The model's figures are the optimizer's own (its impact); with 3 hops the limit makes them differ.
      expect(c.model.after.meanLatencyMs).toBe(r.impact.meanLatencyAfterMs);
      if (sc.routing.maxSatelliteHops === 3) expect(c.model.after.servedPct - c.after.servedPct).toBeGreaterThan(1);
      // The optimizer's evaluator is left as it was.
      expect(pick(ev.result().headline)).toEqual(c.before);
    });
  }

  it('without relay and hop limit (the objective is the router): the check agrees with the optimizer\'s own figures', () => {
    const { ev } = setup({ allowGatewayRelay: false }, { groundRelay: false, maxSatelliteHops: null, bentPipe: false });
    const r = optimizeGateways(ev, sites, { add: 3, constraints: none });
    const c = r.checked!;
    expect(c.relaxed).toBe(false);
    // Same samples (the cache's float32 up links on both sides), same labels: the served shares are
    // sums of integer weights, exact. The mean latency differs by the objective's running sum (it
    // subtracts and adds each changed sample's weight x latency) against coverage's fixed-order
    // sum: round-off only, so 1e-9 relative.
    expect(c.before.servedPct).toBe(c.model.before.servedPct);
    expect(c.after.servedPct).toBe(c.model.after.servedPct);
    expect(c.model.before.meanLatencyMs).toBe(r.impact.meanLatencyBeforeMs);
    expect(c.model.after.meanLatencyMs).toBe(r.impact.meanLatencyAfterMs);
    expect(Math.abs(c.before.meanLatencyMs - r.impact.meanLatencyBeforeMs)).toBeLessThanOrEqual(1e-9 * c.before.meanLatencyMs);
    expect(Math.abs(c.after.meanLatencyMs - r.impact.meanLatencyAfterMs)).toBeLessThanOrEqual(1e-9 * c.after.meanLatencyMs);
    expect(c.after.meanLatencyMs).toBeLessThan(c.before.meanLatencyMs - 0.1);
  });

  it('a served run past saturation: the check covers the served and the latency picks', () => {
    const { sc, makeEv } = servedSetup(0.005);
    const r = optimizeGateways(makeEv(), servedSites.slice(0, 7), { add: 7, kind: 'served', constraints: none });
    expect(r.saturatedAfter).toBeGreaterThan(0);
    expect(r.chosen.length).toBeGreaterThan(r.saturatedAfter!);
    const session = new EngineSession({ ...sc, gateways: sc.gateways.slice(0, 4) }, { demand: assetGeo });
    expect(pick(session.coverage().result.headline)).toEqual(r.checked!.before);
    session.apply(r.chosen.map((s) => ({ op: 'gateway/add' as const, gateway: s.gateway })));
    expect(pick(session.coverage().result.headline)).toEqual(r.checked!.after);
    // The model's figures are those of the run's impact (the latency phase's objective covers both phases).
    expect(r.checked!.model.after.meanLatencyMs).toBe(r.impact.meanLatencyAfterMs);
  });

  it('relaxed: ground relay, or a hop limit outside bent pipe', () => {
    expect(isRelaxed({ groundRelay: true, maxSatelliteHops: null, bentPipe: false })).toBe(true);
    expect(isRelaxed({ groundRelay: false, maxSatelliteHops: 30, bentPipe: false })).toBe(true);
    expect(isRelaxed({ groundRelay: false, maxSatelliteHops: 30, bentPipe: true })).toBe(false);
    expect(isRelaxed({ groundRelay: false, maxSatelliteHops: null, bentPipe: false })).toBe(false);
  });

  it('a cancelled run has no check', () => {
    const { ev } = setup({});
    const r = optimizeGateways(ev, sites, { add: 2, constraints: none, signal: { aborted: true } });
    expect(r.cancelled).toBe(true);
    expect(r.checked).toBeNull();
  });
});
