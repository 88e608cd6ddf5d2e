// Gateway editing commands through the real store: every edit is one undo step, and undo/redo
// restore the scenario exactly (deep equality and the same object).
import { describe, expect, it, beforeEach } from 'vitest';
import { addGateway, addGateways, deleteGateways, gatewayAt, moveGateway, placementProblem, setPlanningConstraints, updateGateways, uniqueGatewayId } from '../../../src-renderer/state/gatewayCommands';
import { useApp } from '../../../src-renderer/state/store';
import { builtinScenario } from '../../../src-renderer/state/builtinScenario';

const store = useApp;

beforeEach(() => {
  store.getState().loadScenario(builtinScenario(), null);
});

function roundTrip(run: () => void, steps = 1): void {
  const before = store.getState().scenario;
  const snapshot = structuredClone(before);
  run();
  const after = store.getState().scenario;
  const afterSnapshot = structuredClone(after);
  expect(after).not.toBe(before);
  for (let i = 0; i < steps; i++) store.getState().undo();
  expect(store.getState().scenario).toBe(before);
  expect(store.getState().scenario).toEqual(snapshot);
  for (let i = 0; i < steps; i++) store.getState().redo();
  expect(store.getState().scenario).toEqual(afterSnapshot);
  for (let i = 0; i < steps; i++) store.getState().undo();
  expect(store.getState().scenario).toEqual(snapshot);
}

describe('gateway commands', () => {
  it('add: named after the nearest city, unique id, planned, one undo step', () => {
    const s0 = store.getState().scenario;
    const g = gatewayAt(s0, { latDeg: 12.34567, lonDeg: 15.5, countryCode: 'TD', nearestCity: "N'Djamena" });
    expect(g).toMatchObject({ name: "N'Djamena", id: 'gw-n-djamena', countryCode: 'TD', status: 'planned', latDeg: 12.3457, popId: null });
    roundTrip(() => store.getState().execute(addGateway(g)));
    store.getState().execute(addGateway(g));
    store.getState().execute(addGateway(g));
    const ids = store.getState().scenario.gateways.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(-2)).toEqual(['gw-n-djamena', 'gw-n-djamena-2']);
    expect(store.getState().past.length).toBe(2);
  });

  it('move, delete (one and many), attribute edits and bulk status round-trip exactly', () => {
    const s0 = store.getState().scenario;
    const [a, b, c] = s0.gateways;
    roundTrip(() => store.getState().execute(moveGateway(a!.id, a!.latDeg + 1, a!.lonDeg - 1, a!.countryCode)));
    roundTrip(() => store.getState().execute(deleteGateways([b!.id])));
    roundTrip(() => store.getState().execute(deleteGateways([a!.id, b!.id, c!.id])));
    roundTrip(() => store.getState().execute(updateGateways([a!.id], { name: 'Renamed', minElevationDeg: 30, antennas: 12, capacityGbps: 120, popId: s0.pops[3]!.id, status: 'planned', inServiceDate: '2027-03-01T00:00:00Z' })));
    roundTrip(() => store.getState().execute(updateGateways([a!.id, b!.id, c!.id], { status: 'planned' }, 'Mark 3 planned')));
    // A no-op edit records nothing.
    const depth = store.getState().past.length;
    store.getState().execute(updateGateways([a!.id], { name: a!.name }));
    store.getState().execute(deleteGateways(['no-such-gateway']));
    expect(store.getState().past.length).toBe(depth);
  });

  it('accepting many suggestions is ONE undo step', () => {
    const s0 = store.getState().scenario;
    const gs = Array.from({ length: 30 }, (_, i) => gatewayAt(s0, { latDeg: -10 + i, lonDeg: 20, countryCode: null, nearestCity: `Town ${i}` }));
    roundTrip(() => store.getState().execute(addGateways(gs)));
    store.getState().execute(addGateways(gs));
    expect(store.getState().scenario.gateways.length).toBe(s0.gateways.length + 30);
    store.getState().undo();
    expect(store.getState().scenario).toBe(s0);
  });

  it('constraints are stored in scenario.planning and checked for new sites', () => {
    roundTrip(() => store.getState().execute(setPlanningConstraints({ minSpacingKm: 500, excludedCountries: ['us', ' de ', 'US'], maxPerCountry: 2 })));
    store.getState().execute(setPlanningConstraints({ minSpacingKm: 500, excludedCountries: ['us', 'de'], maxPerCountry: 2 }));
    const s = store.getState().scenario;
    expect(s.planning).toEqual({ minSpacingKm: 500, excludedCountries: ['US', 'DE'], maxPerCountry: 2 });
    const near = s.gateways[0]!;
    expect(placementProblem(s, { latDeg: near.latDeg + 0.5, lonDeg: near.lonDeg, countryCode: null })).toMatch(/km from another gateway/);
    expect(placementProblem(s, { latDeg: 0, lonDeg: -30, countryCode: 'us' })).toMatch(/excluded/);
    expect(placementProblem(s, { latDeg: 0, lonDeg: -30, countryCode: null })).toBeNull();
    // Moving a gateway is not blocked by its own old position.
    expect(placementProblem(s, { latDeg: near.latDeg + 0.1, lonDeg: near.lonDeg, countryCode: null }, near.id)).toBeNull();
  });

  it('ids: slugged and unique', () => {
    expect(uniqueGatewayId(new Set(), 'São Paulo')).toBe('gw-sao-paulo');
    expect(uniqueGatewayId(new Set(['gw-sao-paulo', 'gw-sao-paulo-2']), 'São Paulo')).toBe('gw-sao-paulo-3');
  });
});
