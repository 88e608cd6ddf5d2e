// A comparison scenario: Starlink Gen1 shell 1 (72 planes x 22 satellites at 550 km, 53 deg:
// 1,584 satellites, DOMAIN.md) with the default scenario's ground segment, so the two
// constellations can be compared with everything else equal. Phasing F = 1 is an assumption, as
// for the Kuiper shells (SpaceX does not publish F); editable.
import { defaultScenario } from './default';
import { makeScenario, type Scenario } from './schema';

export function starlinkGen1Shell1Scenario(): Scenario {
  const base = defaultScenario();
  return makeScenario({
    ...base,
    name: 'Starlink Gen1 shell 1 (comparison)',
    notes: 'Starlink Gen1 shell 1: 72 x 22 at 550 km, 53 deg (1,584 satellites); Walker phasing F = 1 assumed. Gateways, PoPs and settings as in the Kuiper default scenario, for like-for-like comparison. Launch history not included.',
    constellation: {
      shells: [
        { id: 'S1', name: 'Starlink Gen1 shell 1 (550 km, 53 deg)', altitudeKm: 550, inclinationDeg: 53, planes: 72, satsPerPlane: 22, phasingF: 1, raanSpreadDeg: 360, raanOffsetDeg: 0, status: 'operational', islEnabled: true },
      ],
      elementSets: [],
    },
    rollout: { launches: [] },
  });
}
