// Slot matching in the catalogue (constellation/catalog + slotMatch, docs/ROLLOUT.md "Slot
// matching"): a scenario with a planned Walker shell and real element sets made from a subset of its
// slots with realistic noise (RAAN drift to epochs +-4 days away, along-track offsets, some still
// raising) gets the right slots operational, the raising ones drawn as raising in their plane, the
// +Grid mesh over the matched satellites exactly as the Walker mesh, and reasons for the rest.
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src-core/constellation/catalog';
import { meanMotionRevPerDayFromAltitude, ommFromElements, type MeanElements } from '../../../src-core/constellation/elements';
import { STATUS_OPERATIONAL, STATUS_PLANNED, STATUS_RAISING } from '../../../src-core/constellation/status';
import { walkerElements } from '../../../src-core/constellation/walker';
import { buildPlusGrid, updateIslLengths } from '../../../src-core/network/isl';
import { Propagator } from '../../../src-core/orbit/propagator';
import { makeScenario, WalkerShell, type ElementSet, type Scenario } from '../../../src-core/scenario/schema';
import { DEG, parseIsoUtc } from '../../../src-core/units';
import { noisyWalkerSets, rng } from './helpers/noisyWalker';

const EPOCH = '2026-01-01T00:00:00Z';
const EPOCH_MS = parseIsoUtc(EPOCH);
const NORAD_BASE = 60_000;
/** Share of the shell's slots that have a real element set, and of those, the share still raising. */
const LAUNCHED_SHARE = 0.4;
const RAISING_SHARE = 0.2;

const W = WalkerShell.parse({ id: 'W', name: 'Shell W', altitudeKm: 630, inclinationDeg: 51.9, planes: 20, satsPerPlane: 20, phasingF: 1, raanOffsetDeg: 3, status: 'planned' });
const S = W.satsPerPlane;

const omm = (name: string, noradId: number, el: MeanElements, extra: Partial<ElementSet> = {}): ElementSet =>
  ({ format: 'omm', omm: ommFromElements(name, noradId, el) as unknown as Record<string, string | number>, status: 'operational', ...extra }) as ElementSet;

/** One slot's nominal elements moved: altitude, RAAN or argument of latitude. */
function moved(plane: number, slot: number, change: { altKm?: number; incDeg?: number; raanDeg?: number; uDeg?: number }): MeanElements {
  const w = walkerElements(W, EPOCH_MS)[plane * S + slot]!.elements;
  const incDeg = change.incDeg ?? w.inclinationDeg;
  return {
    ...w,
    inclinationDeg: incDeg,
    meanMotionRevPerDay: meanMotionRevPerDayFromAltitude(change.altKm ?? W.altitudeKm, incDeg * DEG, 0),
    raanDeg: w.raanDeg + (change.raanDeg ?? 0),
    meanAnomalyDeg: w.meanAnomalyDeg + (change.uDeg ?? 0),
  };
}

interface Fixture {
  scenario: Scenario;
  /** Per real set of the subset (element-set index = position), where it truly is. */
  truth: { plane: number; slot: number; raising: boolean }[];
}

function fixture(): Fixture {
  const r = rng(21);
  const subset = noisyWalkerSets(W, EPOCH_MS, 5, RAISING_SHARE).filter(() => r() < LAUNCHED_SHARE);
  const sets = subset.map((s, k) => omm(`REAL ${k}`, NORAD_BASE + k, s.elements));
  const n = sets.length;
  sets.push(
    omm('SSO', NORAD_BASE + n, moved(0, 0, { incDeg: 97.6, altKm: 560 })), // no shell at 97.6 deg
    omm('TOO HIGH', NORAD_BASE + n + 1, moved(0, 0, { altKm: 700 })), // above the shell
    omm('BETWEEN PLANES', NORAD_BASE + n + 2, moved(3, 0, { raanDeg: (360 / W.planes) / 2 })),
    omm('OTHER GROUP', NORAD_BASE + n + 3, moved(4, 4, {}), { shellId: 'other' }),
  );
  const scenario = makeScenario({ formatVersion: 1, epochUtc: EPOCH, constellation: { shells: [W], elementSets: sets } });
  return { scenario, truth: subset.map((s) => s.truth) };
}

describe('real satellites matched to their planned slots in the catalogue', () => {
  const { scenario, truth } = fixture();
  const built = buildCatalog(scenario);
  const { catalog } = built;
  const m = built.slotMatching!;
  const inSlot = truth.flatMap((t, k) => (t.raising ? [] : [{ k, i: t.plane * S + t.slot }]));
  const raising = truth.flatMap((t, k) => (t.raising ? [{ k, t }] : []));

  it('the subset is realistic: both operational and raising sets, most slots still empty', () => {
    expect(inSlot.length).toBeGreaterThan(100);
    expect(raising.length).toBeGreaterThan(20);
    expect(inSlot.length + raising.length).toBeLessThan(0.5 * W.planes * S);
  });

  it('sets in their slot take the slot (name, NORAD id, operational); the other slots stay planned', () => {
    expect(m.inSlot.slice().sort((a, b) => a - b)).toEqual(inSlot.map((x) => x.i).sort((a, b) => a - b));
    const filled = new Set(m.inSlot);
    for (const { k, i } of inSlot) {
      expect(catalog.names[i]).toBe(`REAL ${k}`);
      expect(catalog.noradIds[i]).toBe(NORAD_BASE + k);
      expect(catalog.status[i]).toBe(STATUS_OPERATIONAL);
      expect(built.satrecs[i]!.satnum).toBe(String(NORAD_BASE + k));
    }
    const planned = buildCatalog(makeScenario({ formatVersion: 1, epochUtc: EPOCH, constellation: { shells: [W], elementSets: [] } }));
    for (let i = 0; i < W.planes * S; i++) {
      expect(catalog.plane[i]).toBe(planned.catalog.plane[i]);
      expect(catalog.slot[i]).toBe(planned.catalog.slot[i]);
      if (!filled.has(i)) {
        expect(catalog.status[i]).toBe(STATUS_PLANNED);
        expect(catalog.names[i]).toBe(planned.catalog.names[i]);
      }
    }
  });

  it('sets still raising are drawn as raising, in their plane, in a "(raising)" group without lasers', () => {
    const rs = catalog.shells.findIndex((s) => s.id === 'W:raising');
    expect(catalog.shells[rs]).toMatchObject({ name: 'Shell W (raising)', planes: 0, islEnabled: false, kind: 'imported' });
    expect(catalog.shells[rs]!.altitudeKm).toBeLessThan(W.altitudeKm - 10);
    for (const { k, t } of raising) {
      const i = catalog.names.indexOf(`REAL ${k}`);
      expect(catalog.shellIndex[i], `REAL ${k}`).toBe(rs);
      expect(catalog.status[i]).toBe(STATUS_RAISING);
      expect(catalog.plane[i], `REAL ${k} plane`).toBe(t.plane);
      expect(catalog.slot[i]).toBe(-1);
    }
    expect(m.raising.filter((p) => /km below its shell/.test(p.message))).toHaveLength(raising.length);
    const between = m.raising.find((p) => p.message.startsWith('BETWEEN PLANES'));
    expect(between?.message).toMatch(/between planes/);
    expect(between?.path).toBe(`constellation.elementSets[${truth.length + 2}]`);
  });

  it('unmatched sets are kept as imported satellites and listed with the reason; other groups are not matched', () => {
    expect(m.unmatched.map((p) => p.path)).toEqual([truth.length, truth.length + 1].map((k) => `constellation.elementSets[${k}]`));
    expect(m.unmatched[0]!.message).toMatch(/^SSO: no planned shell at inclination 97\.60 deg and altitude 560 km or below; kept as an imported satellite$/);
    expect(m.unmatched[1]!.message).toMatch(/^TOO HIGH: no planned shell at inclination 51\.90 deg and altitude 700 km or below/);
    for (const name of ['SSO', 'TOO HIGH', 'OTHER GROUP']) {
      const i = catalog.names.indexOf(name);
      expect(catalog.shells[catalog.shellIndex[i]!]!.kind, name).toBe('imported');
      expect(catalog.status[i]).toBe(STATUS_OPERATIONAL);
    }
    // Walker slots, the raising ones (and BETWEEN PLANES), then SSO, TOO HIGH and OTHER GROUP as imported.
    expect(catalog.count).toBe(W.planes * S + raising.length + 1 + 3);
    expect(built.problems).toEqual([]);
  });

  it('the +Grid mesh links the matched operational satellites exactly as the Walker mesh would', () => {
    const walker = buildCatalog(makeScenario({ formatVersion: 1, epochUtc: EPOCH, constellation: { shells: [W], elementSets: [] } }));
    const filled = new Set(m.inSlot);
    // The Walker plan with exactly the matched slots operational.
    const status = walker.catalog.status.map((_, i) => (filled.has(i) ? STATUS_OPERATIONAL : STATUS_PLANNED));
    const planCat = { ...walker.catalog, status };
    const topoPlan = buildPlusGrid(planCat, scenario.isl, [W]);
    const topoReal = buildPlusGrid(catalog, scenario.isl, [W]);
    expect(Array.from(topoReal.a)).toEqual(Array.from(topoPlan.a));
    expect(Array.from(topoReal.b)).toEqual(Array.from(topoPlan.b));
    const posPlan = new Float64Array(3 * walker.catalog.count), posReal = new Float64Array(3 * catalog.count);
    const len = [new Float64Array(topoPlan.count), new Float64Array(topoPlan.count)];
    const act = [new Uint8Array(topoPlan.count), new Uint8Array(topoPlan.count)];
    const propPlan = new Propagator(walker.satrecs), propReal = new Propagator(built.satrecs);
    for (const dtMin of [0, 30, 95]) {
      propPlan.propagateEcef(EPOCH_MS + dtMin * 60_000, posPlan);
      propReal.propagateEcef(EPOCH_MS + dtMin * 60_000, posReal);
      updateIslLengths(topoPlan, posPlan, planCat, scenario.isl, len[0]!, act[0]!);
      updateIslLengths(topoReal, posReal, catalog, scenario.isl, len[1]!, act[1]!);
      expect(Array.from(act[1]!)).toEqual(Array.from(act[0]!));
      let active = 0;
      for (let l = 0; l < topoPlan.count; l++) {
        if (!act[0]![l]) continue;
        active++;
        expect(filled.has(topoPlan.a[l]!) && filled.has(topoPlan.b[l]!)).toBe(true);
        // The real satellites sit within +-0.6 deg along-track (+-0.15 deg RAAN) of their slots:
        // a link is at most ~2 x 75 km longer or shorter than the planned one.
        expect(Math.abs(len[1]![l]! - len[0]![l]!), `link ${l} at +${dtMin} min`).toBeLessThan(160);
      }
      expect(active).toBeGreaterThan(20);
    }
  });

  it('two sets for one slot: the first takes it, the second is raising (not in a free slot)', () => {
    const twice = [omm('A', 1, moved(2, 5, { uDeg: 0.3 })), omm('B', 2, moved(2, 5, { uDeg: -0.4 }), { shellId: 'W' })];
    const b = buildCatalog(makeScenario({ formatVersion: 1, epochUtc: EPOCH, constellation: { shells: [W], elementSets: twice } }));
    expect(b.catalog.names[2 * S + 5]).toBe('A');
    expect(b.slotMatching!.raising.map((p) => p.message)).toEqual(['B (W, plane 2): in its plane but not yet in a free slot (phasing)']);
  });

  it('without element sets (or without Walker shells) nothing is matched', () => {
    const plain = buildCatalog(makeScenario({ formatVersion: 1, epochUtc: EPOCH, constellation: { shells: [W], elementSets: [] } }));
    expect(plain.slotMatching).toBeNull();
    const onlyReal = buildCatalog(makeScenario({ formatVersion: 1, epochUtc: EPOCH, constellation: { shells: [], elementSets: scenario.constellation.elementSets } }));
    expect(onlyReal.slotMatching).toBeNull();
    expect(onlyReal.catalog.shells.every((s) => s.kind === 'imported')).toBe(true);
  });
});
