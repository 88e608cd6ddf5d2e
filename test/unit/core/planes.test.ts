// Plane/slot inference (constellation/planes): element sets made from Walker shells with realistic
// noise recover plane and slot exactly; an imported catalogue routes exactly like the Walker
// scenario its element sets came from; real sets match their planned slots.
import type { SatRec } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src-core/constellation/catalog';
import { ommFromElements, satrecFromElements } from '../../../src-core/constellation/elements';
import { inferPlanesAndSlots, matchToSlots } from '../../../src-core/constellation/planes';
import { walkerElements } from '../../../src-core/constellation/walker';
import { createCoverageEvaluator } from '../../../src-core/coverage/evaluator';
import { gridFromPoints } from '../../../src-core/coverage/grid';
import { buildPlusGrid } from '../../../src-core/network/isl';
import { Propagator } from '../../../src-core/orbit/propagator';
import { makeScenario, WalkerShell, type Scenario, type ScenarioInput } from '../../../src-core/scenario/schema';
import { parseIsoUtc } from '../../../src-core/units';
import { GATEWAYS, POPS } from '../coverage/fixtures';
import { noisyWalkerSets, rng } from './helpers/noisyWalker';

const EPOCH = '2026-01-01T00:00:00Z';
const EPOCH_MS = parseIsoUtc(EPOCH);

interface Noisy {
  satrecs: SatRec[];
  truth: { plane: number; slot: number; raising: boolean }[];
}

/** noisyWalkerSets (helpers/noisyWalker) as SGP4 records. */
function noisyCatalogue(shell: WalkerShell, seed: number, raisingShare: number): Noisy {
  const sets = noisyWalkerSets(shell, EPOCH_MS, seed, raisingShare);
  return { satrecs: sets.map((s) => satrecFromElements(1, s.elements)), truth: sets.map((s) => s.truth) };
}

const shell = (input: Partial<WalkerShell> & Pick<WalkerShell, 'planes' | 'satsPerPlane' | 'phasingF'>): WalkerShell =>
  WalkerShell.parse({ id: 'S', name: 'S', altitudeKm: 630, inclinationDeg: 51.9, ...input });

describe('plane and slot inference', () => {
  const cases: [string, WalkerShell, number][] = [
    ['Kuiper K1 34 x 34, F = 1, 10 % raising', shell({ planes: 34, satsPerPlane: 34, phasingF: 1 }), 0.1],
    ['Kuiper K3 28 x 28 at 590 km / 33 deg, F = 5, 20 % raising', shell({ altitudeKm: 590, inclinationDeg: 33, planes: 28, satsPerPlane: 28, phasingF: 5 }), 0.2],
    ['Starlink shell 1 72 x 22 at 550 km / 53 deg, F = 39', shell({ altitudeKm: 550, inclinationDeg: 53, planes: 72, satsPerPlane: 22, phasingF: 39 }), 0.05],
  ];
  for (const [name, sh, share] of cases) {
    it(`recovers plane and slot exactly: ${name}`, () => {
      const { satrecs, truth } = noisyCatalogue(sh, 7, share);
      const inf = inferPlanesAndSlots(satrecs, EPOCH_MS);
      expect(inf.shells).toHaveLength(1);
      expect(inf.shells[0]!.planes).toBe(sh.planes);
      expect(inf.shells[0]!.satsPerPlane).toBe(sh.satsPerPlane);
      expect(inf.shells[0]!.phasingF).toBe(sh.phasingF);
      expect(inf.shells[0]!.altitudeKm).toBeCloseTo(sh.altitudeKm, -1); // within 5 km
      let raising = 0;
      truth.forEach((t, i) => {
        expect(inf.raising[i], `satellite ${i} raising`).toBe(t.raising ? 1 : 0);
        expect(inf.plane[i], `satellite ${i} plane`).toBe(t.plane);
        expect(inf.slot[i], `satellite ${i} slot`).toBe(t.raising ? -1 : t.slot);
        if (t.raising) raising++;
      });
      expect(raising).toBeGreaterThan(0);
    });
  }

  it('splits a mixed catalogue into its shells (K1, K2, K3 at their inclinations)', () => {
    const k1 = noisyCatalogue(shell({ planes: 34, satsPerPlane: 34, phasingF: 1 }), 1, 0);
    const k2 = noisyCatalogue(shell({ altitudeKm: 610, inclinationDeg: 42, planes: 36, satsPerPlane: 36, phasingF: 1 }), 2, 0);
    const inf = inferPlanesAndSlots([...k2.satrecs, ...k1.satrecs], EPOCH_MS);
    expect(inf.shells.map((s) => [Math.round(s.inclinationDeg), s.planes, s.satsPerPlane])).toEqual([[42, 36, 36], [52, 34, 34]]);
  });

  it('matchToSlots: real sets in their slot are operational in it, those below their shell are raising', () => {
    const sh = shell({ planes: 34, satsPerPlane: 34, phasingF: 1, raanOffsetDeg: 3 });
    const { satrecs, truth } = noisyCatalogue(sh, 11, 0.15);
    const m = matchToSlots(satrecs, [sh], EPOCH_MS);
    truth.forEach((t, i) => {
      expect(m[i]!.status).toBe(t.raising ? 'raising' : 'operational');
      expect(m[i]!.plane).toBe(t.plane);
      expect(m[i]!.slot).toBe(t.raising ? -1 : t.slot);
    });
    const other = matchToSlots(satrecs.slice(0, 3), [shell({ inclinationDeg: 42, planes: 36, satsPerPlane: 36, phasingF: 1 })], EPOCH_MS);
    expect(other.every((x) => x.status === 'unmatched' && /no planned shell/.test(x.reason))).toBe(true);
  });
});

describe('imported catalogue routes like its Walker scenario', () => {
  const walkerShell = { id: 'W', name: 'W', altitudeKm: 630, inclinationDeg: 51.9, planes: 20, satsPerPlane: 20, phasingF: 1 };
  const base = (constellation: ScenarioInput['constellation']): Scenario => makeScenario({
    formatVersion: 1, epochUtc: EPOCH, constellation, pops: POPS, gateways: GATEWAYS,
    analysis: { startUtc: EPOCH, durationS: 20 * 60, stepS: 60, h3Resolution: 3, landOnly: true, demandWeighted: true },
  });
  const walker = base({ shells: [walkerShell] });
  const r = rng(3);
  const sets = walkerElements(walker.constellation.shells[0]!, EPOCH_MS)
    .map((w, i) => ({ format: 'omm' as const, omm: ommFromElements(`SAT ${i}`, 70000 + i, w.elements) as unknown as Record<string, string | number>, key: r() }))
    .sort((a, b) => a.key - b.key)
    .map(({ key: _k, ...set }) => set);
  const imported = base({ elementSets: sets });

  it('same +Grid links and the same latency (1e-6 ms) on point routes at every step', () => {
    const a = buildCatalog(walker), b = buildCatalog(imported);
    expect(b.catalog.shells[0]).toMatchObject({ planes: 20, satsPerPlane: 20, phasingF: 1, islEnabled: true });
    const pairs = (cat: typeof a.catalog): string[] => {
      const t = buildPlusGrid(cat, walker.isl, [{ id: 'W', phasingF: 1 }]);
      return Array.from({ length: t.count }, (_, l) => [t.a[l]!, t.b[l]!].map((i) => `${cat.plane[i]}/${cat.slot[i]}`).sort().join('-')).sort();
    };
    expect(pairs(b.catalog)).toEqual(pairs(a.catalog));
    expect(pairs(b.catalog)).toHaveLength(2 * 400);
    const grid = gridFromPoints([{ latDeg: 47.6, lonDeg: -122.3 }, { latDeg: 51.5, lonDeg: -0.1 }, { latDeg: -33.9, lonDeg: 18.4 }, { latDeg: 35.7, lonDeg: 139.7 }, { latDeg: 40.4, lonDeg: -3.7 }]);
    const evA = createCoverageEvaluator(walker, a.catalog, new Propagator(a.satrecs), { grid });
    const evB = createCoverageEvaluator(imported, b.catalog, new Propagator(b.satrecs), { grid });
    let finite = 0;
    for (let k = 0; k < evA.cellLat.length; k++) {
      const x = evA.cellLat[k]!, y = evB.cellLat[k]!;
      if (Number.isFinite(x)) {
        finite++;
        expect(Math.abs(x - y)).toBeLessThan(1e-6);
      } else expect(y).toBe(x);
    }
    expect(finite).toBeGreaterThan(evA.cellLat.length / 2);
  });
});
