// Raising satellites and real element sets in the rollout (docs/ROLLOUT.md, "Deployment at a
// date"): a scheduled satellite climbs from the insertion altitude to its shell's over raisingWeeks
// (altitude and the radius scale the globe draws it at), and real satellites matched to the planned
// slots are in orbit from their element set's epoch, operational in the slot they took (the schedule
// fills the other slots) or raising in "<shell>:raising".
import { describe, expect, it } from 'vitest';
import { meanAltitudeKm } from '../../../src-core/constellation/elements';
import { STATUS_OPERATIONAL, STATUS_PLANNED, STATUS_RAISING, trafficMask } from '../../../src-core/constellation/status';
import { gridFromPoints } from '../../../src-core/coverage/grid';
import { satrecEpochMs } from '../../../src-core/io/importConstellation';
import { MS_PER_DAY, RolloutEngine } from '../../../src-core/rollout';
import { makeScenario, WalkerShell, type ElementSet } from '../../../src-core/scenario/schema';
import { ommFromElements } from '../../../src-core/constellation/elements';
import { parseIsoUtc, WGS84_A_KM } from '../../../src-core/units';
import { noisyWalkerSets } from '../core/helpers/noisyWalker';

const EPOCH = '2026-01-01T00:00:00Z';
const EPOCH_MS = parseIsoUtc(EPOCH);
const WEEK_MS = 7 * MS_PER_DAY;
const RAISING_WEEKS = 8;
const INSERTION_KM = 450;
const SHELL = WalkerShell.parse({ id: 'W', name: 'Shell W', altitudeKm: 630, inclinationDeg: 51.9, planes: 8, satsPerPlane: 8, phasingF: 1, status: 'planned' });
const SLOTS = SHELL.planes * SHELL.satsPerPlane;
/** Real sets: the first of the noisy shell's (shuffled) satellites, a fifth of them still raising. */
const REAL_SETS = 24;
/** Launch of the schedule, after every real set's epoch (they are at most 4 days from the scenario epoch). */
const LAUNCH_MS = EPOCH_MS + 10 * MS_PER_DAY;
const oneCell = { grid: gridFromPoints([{ latDeg: 0, lonDeg: 0 }]), capacitySteps: 0 };

const omm = (k: number, el: Parameters<typeof ommFromElements>[2]): ElementSet =>
  ({ format: 'omm', omm: ommFromElements(`REAL ${k}`, 70_000 + k, el) as unknown as Record<string, string | number>, status: 'operational' }) as ElementSet;

function scenario(withReal: boolean) {
  const sets = noisyWalkerSets(SHELL, EPOCH_MS, 7, 0.2).slice(0, REAL_SETS).map((s, k) => omm(k, s.elements));
  return makeScenario({
    formatVersion: 1,
    epochUtc: EPOCH,
    constellation: { shells: [SHELL], elementSets: withReal ? sets : [] },
    rollout: {
      launches: [{ id: 'L1', name: 'L1', dateUtc: new Date(LAUNCH_MS).toISOString(), satellites: SLOTS }],
      raisingWeeks: RAISING_WEEKS,
      insertionAltitudeKm: INSERTION_KM,
    },
  });
}

describe('a raising satellite climbs from the insertion altitude to its shell', () => {
  const e = new RolloutEngine(scenario(false), oneCell);
  const at = (ms: number) => e.deploymentAt(ms);

  it('at launch: insertion altitude; at launch + raising weeks: shell altitude, operational; monotone in between', () => {
    const i = 5;
    expect(at(LAUNCH_MS).status[i]).toBe(STATUS_RAISING);
    expect(at(LAUNCH_MS).altitudeKm[i]).toBe(INSERTION_KM);
    const done = at(LAUNCH_MS + RAISING_WEEKS * WEEK_MS);
    expect(done.status[i]).toBe(STATUS_OPERATIONAL);
    expect(done.altitudeKm[i]).toBe(SHELL.altitudeKm);
    expect(done.radiusScale[i]).toBe(1);
    let prev = -Infinity;
    for (let d = 0; d <= RAISING_WEEKS * 7; d++) {
      const dep = at(LAUNCH_MS + d * MS_PER_DAY);
      const alt = dep.altitudeKm[i]!;
      expect(alt).toBeGreaterThan(prev);
      expect(alt).toBeGreaterThanOrEqual(INSERTION_KM);
      expect(alt).toBeLessThanOrEqual(SHELL.altitudeKm);
      // Drawn at that altitude: the slot's orbit radius (a + shell altitude) scaled (float32: 1e-6 relative).
      expect(dep.radiusScale[i]! * (WGS84_A_KM + SHELL.altitudeKm)).toBeCloseTo(WGS84_A_KM + alt, 2);
      prev = alt;
    }
    // Linear (docs/ROLLOUT.md): half way up at half the raising weeks.
    expect(at(LAUNCH_MS + (RAISING_WEEKS / 2) * WEEK_MS).altitudeKm[i]).toBeCloseTo((INSERTION_KM + SHELL.altitudeKm) / 2, 9);
  });

  it('before launch: not in orbit (no altitude); raising satellites carry no traffic', () => {
    expect(at(LAUNCH_MS - 1)).toMatchObject({ inOrbit: 0 });
    expect(Number.isNaN(at(LAUNCH_MS - 1).altitudeKm[0]!)).toBe(true);
    const mid = at(LAUNCH_MS + WEEK_MS);
    expect(mid).toMatchObject({ inOrbit: SLOTS, raising: SLOTS, operational: 0 });
    expect(trafficMask({ count: SLOTS, status: mid.status }).every((u) => u === 0)).toBe(true);
  });
});

describe('real satellites matched to slots are in orbit from their epoch; the schedule fills the other slots', () => {
  const e = new RolloutEngine(scenario(true), oneCell);
  const { catalog, satrecs, slotMatching } = e.built;
  const inSlot = slotMatching!.inSlot;
  const raisingIdx = Array.from({ length: catalog.count }, (_, i) => i).filter((i) => catalog.shells[catalog.shellIndex[i]!]!.id === 'W:raising');
  const realIdx = [...inSlot, ...raisingIdx];
  const epochOf = (i: number) => satrecEpochMs(satrecs[i]!);
  const lastEpoch = Math.max(...realIdx.map(epochOf));
  const firstEpoch = Math.min(...realIdx.map(epochOf));

  it('the fixture has real sets both in slots and raising, with epochs days apart', () => {
    expect(inSlot.length).toBeGreaterThan(10);
    expect(raisingIdx.length).toBeGreaterThan(2);
    expect(inSlot.length + raisingIdx.length).toBe(REAL_SETS);
    expect(lastEpoch - firstEpoch).toBeGreaterThan(MS_PER_DAY);
    expect(lastEpoch).toBeLessThan(LAUNCH_MS);
  });

  it('the launch fills exactly the slots the real satellites left', () => {
    const s = e.schedule;
    const taken = new Set(inSlot);
    for (let i = 0; i < SLOTS; i++) expect(Number.isNaN(s.launchMs[i]!), `slot ${i}`).toBe(taken.has(i));
    expect(s.launches[0]!.placed).toBe(SLOTS - inSlot.length);
    expect(s.fullDeploymentMs).toBe(LAUNCH_MS + RAISING_WEEKS * WEEK_MS);
    expect(s.problems).toEqual([]);
  });

  it('before its epoch a real satellite is not in orbit; from it, operational in its slot or raising below the shell', () => {
    expect(e.deploymentAt(firstEpoch - 1)).toMatchObject({ inOrbit: 0 });
    const mid = (firstEpoch + lastEpoch) / 2;
    const depMid = e.deploymentAt(mid);
    for (const i of realIdx) expect(depMid.status[i], `satellite ${i}`).toBe(epochOf(i) <= mid ? catalog.status[i] : STATUS_PLANNED);

    const dep = e.deploymentAt(lastEpoch);
    for (const i of inSlot) {
      expect(dep.status[i]).toBe(STATUS_OPERATIONAL);
      expect(dep.altitudeKm[i]).toBeCloseTo(meanAltitudeKm(satrecs[i]!), 9);
      expect(Math.abs(dep.altitudeKm[i]! - SHELL.altitudeKm)).toBeLessThan(10);
    }
    for (const i of raisingIdx) {
      expect(dep.status[i]).toBe(STATUS_RAISING);
      expect(dep.altitudeKm[i]).toBeLessThan(SHELL.altitudeKm - 10);
      expect(dep.radiusScale[i]).toBe(1); // drawn on its own (real) orbit
    }
    expect(dep).toMatchObject({ inOrbit: REAL_SETS, raising: raisingIdx.length, operational: inSlot.length });
  });

  it('after the launch: the scheduled satellites raise beside the real ones; at full deployment all slots are operational, the real raising ones still raising', () => {
    const dep = e.deploymentAt(LAUNCH_MS + WEEK_MS);
    expect(dep).toMatchObject({ inOrbit: SLOTS + raisingIdx.length, operational: inSlot.length, raising: SLOTS - inSlot.length + raisingIdx.length });
    const full = e.deploymentAt(e.schedule.fullDeploymentMs);
    expect(full).toMatchObject({ operational: SLOTS, raising: raisingIdx.length });
    const usable = trafficMask({ count: catalog.count, status: full.status });
    for (const i of raisingIdx) expect(usable[i]).toBe(0);
  });
});
