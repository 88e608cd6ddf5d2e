// Placeholder built-in scenario used until the engine team's src-core/scenario/default.ts lands;
// then `builtinScenario()` should return that instead. Small but realistic: one Walker shell,
// a few gateways and PoPs, so panels have something to show.
import { makeScenario, type Scenario } from '../../src-core/scenario/schema';

export function builtinScenario(): Scenario {
  return makeScenario({
    formatVersion: 1,
    name: 'Demo constellation',
    notes: 'Built-in placeholder scenario.',
    constellation: {
      shells: [
        { id: 'shell-550', name: '550 km / 53 deg', altitudeKm: 550, inclinationDeg: 53, planes: 72, satsPerPlane: 22, phasingF: 17 },
      ],
      elementSets: [],
    },
    pops: [
      { id: 'pop-fra', name: 'Frankfurt', latDeg: 50.11, lonDeg: 8.68 },
      { id: 'pop-iad', name: 'Ashburn', latDeg: 39.04, lonDeg: -77.49 },
      { id: 'pop-sin', name: 'Singapore', latDeg: 1.35, lonDeg: 103.82 },
    ],
    gateways: [
      { id: 'gw-goonhilly', name: 'Goonhilly', latDeg: 50.05, lonDeg: -5.18, popId: 'pop-fra' },
      { id: 'gw-hawaii', name: 'Kapolei', latDeg: 21.34, lonDeg: -158.08, popId: null },
      { id: 'gw-perth', name: 'Perth', latDeg: -31.95, lonDeg: 115.86, popId: 'pop-sin' },
    ],
  });
}
