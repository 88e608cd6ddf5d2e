// Shared set-up for coverage/planning tests and benches: the Kuiper default constellation, a
// scenario with an analysis window, and a demand grid read from the shipped geo assets.
import { buildCatalog, kuiperShells } from '../../../src-core/constellation';
import { Propagator } from '../../../src-core/orbit';
import { makeScenario, type Gateway, type Pop, type Scenario, type ScenarioInput } from '../../../src-core/scenario/schema';
import type { GeoDemandSource } from '../../../src-core/coverage/grid';
import { geoDemandSource } from '../../../src-core/geo';
import { buildCoverageGrid, CoverageEvaluator, defaultLinkModel, propagatorPositions, usableFromCatalog } from '../../../src-core/coverage';

/** The geo module's demand and land cells (shipped assets). */
export const assetGeo: GeoDemandSource = geoDemandSource;

export const POPS: Pop[] = [
  { id: 'us-east-1', name: 'N. Virginia', latDeg: 38.9, lonDeg: -77.4, kind: 'aws-region' },
  { id: 'us-west-2', name: 'Oregon', latDeg: 45.8, lonDeg: -119.7, kind: 'aws-region' },
  { id: 'eu-central-1', name: 'Frankfurt', latDeg: 50.1, lonDeg: 8.7, kind: 'aws-region' },
  { id: 'ap-southeast-2', name: 'Sydney', latDeg: -33.9, lonDeg: 151.2, kind: 'aws-region' },
  { id: 'sa-east-1', name: 'Sao Paulo', latDeg: -23.5, lonDeg: -46.6, kind: 'aws-region' },
  { id: 'ap-south-1', name: 'Mumbai', latDeg: 19.1, lonDeg: 72.9, kind: 'aws-region' },
  { id: 'af-south-1', name: 'Cape Town', latDeg: -33.9, lonDeg: 18.4, kind: 'aws-region' },
  { id: 'ap-northeast-1', name: 'Tokyo', latDeg: 35.7, lonDeg: 139.7, kind: 'aws-region' },
];

export function gateway(id: string, latDeg: number, lonDeg: number, extra: Partial<Gateway> = {}): Gateway {
  return { id, name: id, latDeg, lonDeg, altitudeKm: 0, minElevationDeg: 25, maxSlantKm: null, antennas: 8, capacityGbps: 80, popId: null, status: 'live', inServiceDate: null, countryCode: null, ...extra };
}

export const GATEWAYS: Gateway[] = [
  gateway('gw-virginia', 38.0, -78.5),
  gateway('gw-oregon', 44.5, -121.0),
  gateway('gw-germany', 49.5, 9.5),
  gateway('gw-sydney', -34.5, 150.5),
  gateway('gw-saopaulo', -22.5, -47.5),
  gateway('gw-mumbai', 19.5, 74.0),
  gateway('gw-capetown', -33.5, 19.5),
  gateway('gw-tokyo', 36.0, 140.0),
];

export function kuiperScenario(analysis: Partial<Scenario['analysis']> = {}, extra: Partial<ScenarioInput> = {}): Scenario {
  return makeScenario({
    formatVersion: 1,
    name: 'coverage test',
    constellation: { shells: kuiperShells() },
    pops: POPS,
    gateways: GATEWAYS,
    analysis: { startUtc: '2026-01-01T00:00:00Z', durationS: 96 * 60, stepS: 60, h3Resolution: 3, landOnly: true, demandWeighted: true, ...analysis },
    ...extra,
  } as ScenarioInput);
}

export function kuiperPropagator(scenario: Scenario): { catalog: ReturnType<typeof buildCatalog>['catalog']; propagator: Propagator } {
  const built = buildCatalog(scenario);
  return { catalog: built.catalog, propagator: new Propagator(built.satrecs) };
}

/**
 * A small window (4 steps of 2 min, H3 res 2) with the first 4 gateways, ground relay on or off,
 * and one visibility cache that evaluators differing only in their gateways share (`makeShared`).
 */
export function sharedCacheFixture(allowGatewayRelay: boolean): { sc: Scenario; makeShared: () => CoverageEvaluator } {
  const sc = kuiperScenario({ durationS: 4 * 120, stepS: 120, h3Resolution: 2 }, { gateways: GATEWAYS.slice(0, 4), routing: { ...kuiperScenario().routing, allowGatewayRelay } });
  const { catalog, propagator } = kuiperPropagator(sc);
  const grid = buildCoverageGrid(sc.analysis, assetGeo);
  const { cache } = new CoverageEvaluator({ scenario: sc, grid, positions: propagatorPositions(propagator), usable: usableFromCatalog(catalog), links: defaultLinkModel(sc, catalog) });
  return { sc, makeShared: () => new CoverageEvaluator({ scenario: sc, grid, cache }) };
}

/** A gateway edit of the random-edit tests (a `pick` wraps around the gateways). */
export type GatewayEditOp = { kind: 'add'; latDeg: number; lonDeg: number } | { kind: 'remove'; pick: number } | { kind: 'remove-last' } | { kind: 'move'; pick: number; latDeg: number; lonDeg: number };

/** Applies `op` to the evaluator (an add is named `id`); nothing but an add when it has no gateway. */
export function applyEditOp(ev: CoverageEvaluator, op: GatewayEditOp, id: string): void {
  const n = ev.gateways.length;
  if (op.kind === 'add') ev.addGateway(gateway(id, op.latDeg, op.lonDeg));
  else if (n === 0) return;
  else if (op.kind === 'remove-last') ev.removeGateway(n - 1);
  else if (op.kind === 'remove') ev.removeGateway(op.pick % n);
  else ev.moveGateway(op.pick % n, { ...ev.gateways[op.pick % n]!, latDeg: op.latDeg, lonDeg: op.lonDeg });
}

/** An evaluator's routing labels, cell minima and window figures, copied (compare with toEqual). */
export function evaluatorState(ev: CoverageEvaluator) {
  return { dist: ev.dist.slice(), hops: ev.hops.slice(), origin: ev.origin.slice(), cellLat: ev.cellLat.slice(), cellSat: ev.cellSat.slice(), result: ev.result() };
}
