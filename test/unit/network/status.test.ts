// Satellite status and gateway in-service dates mean the same thing in coverage, routes, laser
// links and capacity (src-core/constellation/status.ts).
import { describe, expect, it } from 'vitest';
import { analyzeCapacity } from '../../../src-core/capacity';
import { buildCatalog, kuiperShells } from '../../../src-core/constellation';
import { carriesTraffic, gatewayInServiceAt, STATUS_OPERATIONAL, STATUS_PLANNED, STATUS_RAISING, trafficMask } from '../../../src-core/constellation/status';
import { createCoverageEvaluator } from '../../../src-core/coverage';
import { NetworkSnapshot } from '../../../src-core/network/snapshot';
import { Propagator } from '../../../src-core/orbit';
import { assetGeo, kuiperScenario } from '../coverage/fixtures';

describe('satellite status', () => {
  it('only operational satellites carry traffic', () => {
    expect([STATUS_PLANNED, STATUS_RAISING, STATUS_OPERATIONAL].map(carriesTraffic)).toEqual([false, false, true]);
  });
  it.each(['planned', 'raising'] as const)('a %s shell serves nothing, has no active laser links and carries no capacity; operational serves', (status) => {
    const shells = [{ ...kuiperShells()[0]!, status }];
    const sc = kuiperScenario({ durationS: 2 * 600, stepS: 600, h3Resolution: 1 }, { constellation: { shells, elementSets: [] } });
    const { catalog, satrecs } = buildCatalog(sc);
    expect(Array.from(trafficMask(catalog)).every((u) => u === 0)).toBe(true);
    const prop = new Propagator(satrecs);
    const ev = createCoverageEvaluator(sc, catalog, prop, { geo: assetGeo });
    expect(ev.result().headline.servedPct).toBe(0);
    expect(analyzeCapacity(ev).servedGbpsMean).toBe(0);
    const snap = new NetworkSnapshot(sc, catalog);
    const pos = new Float64Array(3 * catalog.count);
    prop.propagateEcef(Date.parse(sc.analysis.startUtc), pos);
    snap.build(Date.parse(sc.analysis.startUtc), pos);
    expect(Array.from(snap.islActive).some((a) => a === 1)).toBe(false);
    const op = kuiperScenario({ durationS: 2 * 600, stepS: 600, h3Resolution: 1 }, { constellation: { shells: [{ ...shells[0]!, status: 'operational' }], elementSets: [] } });
    const b = buildCatalog(op);
    expect(createCoverageEvaluator(op, b.catalog, new Propagator(b.satrecs), { geo: assetGeo }).result().headline.servedPct).toBeGreaterThan(0);
  });
});

describe('gateway in-service dates', () => {
  it('a gateway carries traffic from its inServiceDate on, and always without one', () => {
    const t = Date.parse('2026-03-01T00:00:00Z');
    expect(gatewayInServiceAt({ inServiceDate: null }, t)).toBe(true);
    expect(gatewayInServiceAt({ inServiceDate: '2026-03-01T00:00:00Z' }, t)).toBe(true);
    expect(gatewayInServiceAt({ inServiceDate: '2026-03-01T00:00:01Z' }, t)).toBe(false);
  });
});
