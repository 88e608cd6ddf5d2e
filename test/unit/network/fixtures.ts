// Shared test scenarios for the network tests: full Kuiper with a handful of gateways and PoPs
// at real-world-like places. Built fresh per call (no shared state between tests).
import { kuiperShells } from '../../../src-core/constellation/presets';
import { makeScenario, type Scenario, type ScenarioInput } from '../../../src-core/scenario/schema';

export const T0_ISO = '2026-01-01T00:00:00Z';
export const T0_MS = Date.parse(T0_ISO);

export const GATEWAYS = [
  { id: 'gw-seattle', name: 'Seattle', latDeg: 47.6, lonDeg: -122.3 },
  { id: 'gw-denver', name: 'Denver', latDeg: 39.7, lonDeg: -105.0 },
  { id: 'gw-chicago', name: 'Chicago', latDeg: 41.9, lonDeg: -87.6 },
  { id: 'gw-ashburn', name: 'Ashburn', latDeg: 39.0, lonDeg: -77.5 },
  { id: 'gw-dallas', name: 'Dallas', latDeg: 32.8, lonDeg: -96.8 },
  { id: 'gw-frankfurt', name: 'Frankfurt', latDeg: 50.1, lonDeg: 8.7 },
  { id: 'gw-madrid', name: 'Madrid', latDeg: 40.4, lonDeg: -3.7 },
  { id: 'gw-sydney', name: 'Sydney', latDeg: -33.9, lonDeg: 151.2 },
];

export const POPS = [
  { id: 'us-west-2', name: 'Oregon', latDeg: 45.8, lonDeg: -119.7 },
  { id: 'us-east-1', name: 'N. Virginia', latDeg: 38.9, lonDeg: -77.4 },
  { id: 'eu-central-1', name: 'Frankfurt', latDeg: 50.1, lonDeg: 8.7 },
  { id: 'ap-southeast-2', name: 'Sydney', latDeg: -33.9, lonDeg: 151.2 },
];

export function kuiperScenario(overrides: Partial<ScenarioInput> = {}): Scenario {
  return makeScenario({
    formatVersion: 1,
    epochUtc: T0_ISO,
    constellation: { shells: kuiperShells(), elementSets: [] },
    gateways: GATEWAYS,
    pops: POPS,
    ...overrides,
  });
}
