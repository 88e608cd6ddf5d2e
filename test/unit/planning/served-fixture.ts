// Shared set-up of the served-demand tests (served.test.ts, saturation.test.ts): Kuiper at H3
// res 2, three 5-minute steps, thin lasers (1 Gbps: where a gateway sits matters, gains differ by
// site), the scenario's first four gateways (Virginia, Oregon, Germany, Sydney: room to improve),
// and candidate sites near PoPs without a gateway and a few elsewhere.
import { CoverageEvaluator, buildCoverageGrid, defaultLinkModel, propagatorPositions, usableFromCatalog } from '../../../src-core/coverage';
import { countryAt, nearestCity } from '../../../src-core/geo';
import { importCandidates, type Candidate } from '../../../src-core/planning';
import type { Scenario } from '../../../src-core/scenario/schema';
import { assetGeo, kuiperPropagator, kuiperScenario } from '../coverage/fixtures';

/** The scenario with this take rate (%) and an evaluator factory (a fresh evaluator per call, the first four gateways). */
export function servedSetup(takeRatePct: number): { sc: Scenario; makeEv: () => CoverageEvaluator } {
  const base = kuiperScenario({ durationS: 3 * 300, stepS: 300, h3Resolution: 2 });
  const sc: Scenario = { ...base, capacity: { ...base.capacity, takeRatePct, laserGbps: 1 } };
  const { catalog, propagator } = kuiperPropagator(sc);
  const grid = buildCoverageGrid(sc.analysis, assetGeo);
  const makeEv = (): CoverageEvaluator => {
    const ev = new CoverageEvaluator({ scenario: sc, grid, positions: propagatorPositions(propagator), usable: usableFromCatalog(catalog), links: defaultLinkModel(sc, catalog) });
    ev.setGateways(sc.gateways.slice(0, 4));
    return ev;
  };
  return { sc, makeEv };
}

/** Twelve candidate sites (ids by position: any prefix keeps its ids). */
export const servedSites: Candidate[] = importCandidates([
  { name: 'Sao Paulo', latDeg: -23.4, lonDeg: -46.7 },
  { name: 'Mumbai', latDeg: 19.2, lonDeg: 73.0 },
  { name: 'Cape Town', latDeg: -33.9, lonDeg: 18.6 },
  { name: 'Tokyo', latDeg: 35.6, lonDeg: 139.6 },
  { name: 'Lagos', latDeg: 6.5, lonDeg: 3.4 },
  { name: 'Lima', latDeg: -12.0, lonDeg: -77.0 },
  { name: 'Jakarta', latDeg: -6.2, lonDeg: 106.8 },
  { name: 'Osaka', latDeg: 34.7, lonDeg: 135.5 },
  { name: 'Nairobi', latDeg: -1.3, lonDeg: 36.8 },
  { name: 'Delhi', latDeg: 28.6, lonDeg: 77.2 },
  { name: 'Santiago', latDeg: -33.45, lonDeg: -70.67 },
  { name: 'Bogota', latDeg: 4.7, lonDeg: -74.1 },
], { countryAt, nearestCity });
