import { describe, expect, it } from 'vitest';
import { CoverageEvaluator, gridFromPoints, type LinkModel, type PositionSource, buildCoverageGrid, createCoverageEvaluator, usableFromCatalog, defaultLinkModel, propagatorPositions } from '../../../src-core/coverage';
import { makeScenario, type ScenarioInput } from '../../../src-core/scenario/schema';
import { DEG } from '../../../src-core/units';
import { assetGeo, gateway, kuiperPropagator, kuiperScenario } from './fixtures';

const C_KM_S = 299792.458;
const ms = (km: number): number => (km / C_KM_S) * 1000;

/** Two satellites 600 km above (0,0) and (0,10) on the equator, one laser link between them. */
function toy(linkDownAtStep = 2) {
  const R = 6378.137;
  const r = R + 600;
  const pos = new Float64Array([r, 0, 0, r * Math.cos(10 * DEG), r * Math.sin(10 * DEG), 0]);
  const positions: PositionSource = { count: 2, positionsAt: (_t, _i, out) => out.set(pos) };
  let step = 0;
  const links: LinkModel = {
    topology: { count: 1, a: Int32Array.of(0), b: Int32Array.of(1) },
    update: (p, len, act) => {
      len[0] = Math.hypot(p[3]! - p[0]!, p[4]! - p[1]!, p[5]! - p[2]!);
      act[0] = step++ === linkDownAtStep ? 0 : 1;
    },
  };
  const scenario = makeScenario({
    formatVersion: 1,
    constellation: { shells: [] },
    pops: [{ id: 'pop', name: 'PoP', latDeg: 0, lonDeg: 10 }],
    gateways: [gateway('gw', 0, 10)],
    analysis: { startUtc: '2026-01-01T00:00:00Z', durationS: 240, stepS: 60 },
  } as ScenarioInput);
  const grid = gridFromPoints([
    { id: 'a', latDeg: 0, lonDeg: 0, weight: 3 },
    { id: 'b', latDeg: 0, lonDeg: 10, weight: 1 },
    { id: 'c', latDeg: 0, lonDeg: 50, weight: 0 },
  ]);
  return { scenario, grid, positions, links, r };
}

describe('coverage evaluator: hand-computed toy constellation', () => {
  it('gives the exact latency, served % and outage per cell and the headline', () => {
    const { scenario, grid, positions, links, r } = toy();
    const ev = new CoverageEvaluator({ scenario, grid, positions, links });
    const res = ev.setGateways(scenario.gateways);
    const idx = (id: string) => grid.ids.indexOf(id);
    const hop = 0.1, gwProc = 0.5;
    const isl = 2 * r * Math.sin(5 * DEG);
    // Cell b: terminal -> B (600 km, + hop) -> gateway (600 km, + hop) -> PoP (0 km fiber, + gateway processing).
    const latB = Math.fround(ms(600) + hop) + (gwProc + ms(600) + hop);
    const latA = Math.fround(ms(600) + hop) + (gwProc + ms(600) + hop + ms(isl) + hop);
    expect(ev.latencyAtStep(0)[idx('b')]).toBeCloseTo(latB, 9);
    expect(ev.latencyAtStep(0)[idx('a')]).toBeCloseTo(latA, 9);
    expect(ev.latencyAtStep(2)[idx('a')]).toBe(Infinity); // link down at step 2
    expect(ev.latencyAtStep(2)[idx('b')]).toBeCloseTo(latB, 9);
    expect(ev.latencyAtStep(0)[idx('c')]).toBe(Infinity);
    const c = res.cells;
    expect(c.servedPct[idx('a')]).toBe(75);
    expect(c.servedPct[idx('b')]).toBe(100);
    expect(c.servedPct[idx('c')]).toBe(0);
    expect(c.coveredPct[idx('a')]).toBe(100);
    expect(c.coveredPct[idx('c')]).toBe(0);
    expect(c.longestOutageS[idx('a')]).toBe(60);
    expect(c.longestOutageS[idx('c')]).toBe(240);
    expect(c.meanVisible[idx('a')]).toBe(1);
    expect(c.p50LatencyMs[idx('a')]).toBeCloseTo(latA, 9);
    expect(Number.isNaN(c.p50LatencyMs[idx('c')]!)).toBe(true);
    // Headline: weights 3, 1, 0 -> (3*3 + 1*4) / (4 * 4).
    expect(res.headline.servedPct).toBe((100 * 13) / 16);
    expect(res.headline.coveredPct).toBe(100);
    expect(res.headline.longestOutageS).toBe(60);
    expect(res.headline.meanLatencyMs).toBeCloseTo((9 * latA + 4 * latB) / 13, 9);
    expect(Math.abs(res.headline.p50LatencyMs - latA)).toBeLessThanOrEqual(res.headline.latencyResolutionMs);
    expect(Array.from(res.headline.gatewayShare)).toEqual([1]);
  });

  it('respects the latency budget and the hop limit', () => {
    const { scenario, grid, positions, links } = toy();
    const strict = { ...scenario, routing: { ...scenario.routing, maxSatelliteHops: 1 } };
    const res = new CoverageEvaluator({ scenario: strict, grid, positions, links }).setGateways(scenario.gateways);
    expect(res.cells.servedPct[grid.ids.indexOf('a')]).toBe(0); // needs 2 satellites
    expect(res.cells.servedPct[grid.ids.indexOf('b')]).toBe(100);
    const tight = { ...scenario, routing: { ...scenario.routing, maxOneWayLatencyMs: 5 } };
    const r2 = new CoverageEvaluator({ scenario: tight, grid, positions, links }).setGateways(scenario.gateways);
    expect(r2.cells.servedPct[grid.ids.indexOf('a')]).toBe(0); // ~6.9 ms > 5 ms
    expect(r2.cells.servedPct[grid.ids.indexOf('b')]).toBe(100); // ~4.7 ms
  });

  it('counts no service without gateways', () => {
    const { scenario, grid, positions, links } = toy();
    const res = new CoverageEvaluator({ scenario, grid, positions, links }).setGateways([]);
    expect(res.headline.servedPct).toBe(0);
    expect(res.headline.coveredPct).toBe(100);
  });
});

describe('coverage evaluator: Kuiper', () => {
  const sc = kuiperScenario({ durationS: 6 * 120, stepS: 120, h3Resolution: 2 });
  const { catalog, propagator } = kuiperPropagator(sc);
  const grid = buildCoverageGrid(sc.analysis, assetGeo);
  const make = (usable = usableFromCatalog(catalog)) => new CoverageEvaluator({ scenario: sc, grid, positions: propagatorPositions(propagator), usable, links: defaultLinkModel(sc, catalog) });
  const base = make();
  const baseRes = base.setGateways(sc.gateways);
  const baseLat = base.cellLat.slice();

  it('serves most of the population with 8 gateways and reports sane figures', () => {
    expect(grid.count).toBeGreaterThan(2000);
    expect(baseRes.headline.coveredPct).toBeGreaterThan(90);
    expect(baseRes.headline.servedPct).toBeGreaterThan(90);
    expect(baseRes.headline.p50LatencyMs).toBeGreaterThan(4);
    expect(baseRes.headline.p50LatencyMs).toBeLessThan(50);
    expect(baseRes.headline.p95LatencyMs).toBeGreaterThanOrEqual(baseRes.headline.p50LatencyMs);
    expect(baseRes.headline.meanVisibleSatellites).toBeGreaterThan(5);
    const shareSum = baseRes.headline.gatewayShare.reduce((a, b) => a + b, 0);
    expect(shareSum).toBeCloseTo(1, 12);
  });

  it('adding a gateway never increases any latency nor reduces served %', () => {
    const ev = make();
    ev.setGateways(sc.gateways);
    const r = ev.addGateway(gateway('gw-extra', 38.9, -77.4));
    for (let i = 0; i < baseLat.length; i++) expect(ev.cellLat[i]! <= baseLat[i]!).toBe(true);
    for (let c = 0; c < grid.count; c++) expect(r.cells.servedPct[c]! >= baseRes.cells.servedPct[c]!).toBe(true);
    expect(r.headline.servedPct).toBeGreaterThanOrEqual(baseRes.headline.servedPct);
    expect(r.headline.meanLatencyMs).toBeLessThan(baseRes.headline.meanLatencyMs);
  });

  it('adding satellites never increases any latency nor reduces served %', () => {
    const usable = usableFromCatalog(catalog);
    for (let i = 0; i < usable.length; i += 7) usable[i] = 0;
    const fewer = make(usable);
    const r = fewer.setGateways(sc.gateways);
    for (let i = 0; i < baseLat.length; i++) expect(baseLat[i]! <= fewer.cellLat[i]!).toBe(true);
    for (let c = 0; c < grid.count; c++) expect(baseRes.cells.servedPct[c]! >= r.cells.servedPct[c]!).toBe(true);
    expect(baseRes.headline.servedPct).toBeGreaterThanOrEqual(r.headline.servedPct);
  });

  it('incremental add / move / remove equals a full recompute, bit for bit', () => {
    const ev = make();
    ev.setGateways(sc.gateways.slice(0, 5));
    ev.addGateway(sc.gateways[5]!);
    ev.addGateway(gateway('gw-a', 51.5, -0.1));
    ev.addGateway(sc.gateways[6]!);
    ev.moveGateway(6, gateway('gw-a', 48.9, 2.3));
    ev.removeGateway(2);
    ev.addGateway(sc.gateways[7]!);
    ev.moveGateway(0, gateway('gw-b', 40.7, -74.0));
    ev.removeGateway(ev.gateways.length - 1);
    const incr = ev.result();
    const full = make();
    const fullRes = full.setGateways(ev.gateways);
    expect(Array.from(ev.cellLat)).toEqual(Array.from(full.cellLat));
    expect(Array.from(ev.cellSat)).toEqual(Array.from(full.cellSat));
    expect(Array.from(ev.dist)).toEqual(Array.from(full.dist));
    expect(Array.from(ev.origin)).toEqual(Array.from(full.origin));
    expect(incr).toEqual(fullRes);
  });

  it('is deterministic: same scenario, same figures', () => {
    const again = createCoverageEvaluator(sc, catalog, propagator, { grid });
    expect(again.result()).toEqual(baseRes);
  });
});
