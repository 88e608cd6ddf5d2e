// Rollout planning in the app (docs/ROLLOUT.md, "Planning the rollout in the app"):
//   - the launch-schedule edits (state/rolloutCommands.ts) are one undoable patch each, refuse bad
//     values with a message naming the row and field, and every editable field changes what the
//     engine computes (the schedule, the deployment or the series' milestones);
//   - the worker's rolloutSeries answers exactly src-core's rolloutSeries, reports progress per
//     date, stops on cancel and on a newer revision; rolloutFirstServed answers firstServedDate.
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src-core/constellation/catalog';
import { buildSchedule, deploymentAt, firstServedDate, rolloutSeries } from '../../../src-core/rollout';
import { makeScenario, type Scenario } from '../../../src-core/scenario/schema';
import { applyPatches, invertPatches } from '../../../src-core/session/patches';
import { createRolloutPlanHandlers, type RolloutPlanTask } from '../../../src-renderer/engine/rolloutPlanHost';
import { ENGINE_ERROR } from '../../../src-renderer/engine/protocol';
import { SessionHolder } from '../../../src-renderer/engine/sessionHolder';
import {
  addCadence,
  addLaunch,
  editRollout,
  parsePlanes,
  removeLaunch,
  rolloutEditProblem,
  setRolloutModel,
  updateCadence,
  updateLaunch,
  updateMilestone,
  type RolloutEdit,
} from '../../../src-renderer/state/rolloutCommands';
import { GATEWAYS, POPS } from '../coverage/fixtures';

const scenario: Scenario = makeScenario({
  formatVersion: 1,
  constellation: {
    shells: [
      { id: 'A', name: 'A', altitudeKm: 590, inclinationDeg: 33, planes: 28, satsPerPlane: 28, phasingF: 1 },
      { id: 'B', name: 'B', altitudeKm: 630, inclinationDeg: 51.9, planes: 8, satsPerPlane: 10, phasingF: 1 },
    ],
  },
  pops: POPS,
  gateways: GATEWAYS,
  analysis: { startUtc: '2026-01-01T00:00:00Z', durationS: 10 * 60, stepS: 120, h3Resolution: 1, landOnly: true, demandWeighted: true },
  rollout: {
    launches: [
      { id: 'L1', name: 'L1', dateUtc: '2025-10-01T00:00:00Z', vehicle: 'Atlas V', satellites: 60 },
      { id: 'L2', name: 'L2', dateUtc: '2025-11-01T00:00:00Z', vehicle: 'Falcon 9', satellites: 40, shellId: 'B', planes: [4] },
    ],
    cadence: [{ vehicle: 'V', fromUtc: '2025-12-01T00:00:00Z', launchesPerMonth: 1, satellitesPerLaunch: 120 }],
    planeFill: 'spread',
    raisingWeeks: 6,
    milestones: [{ label: 'half', dateUtc: '2026-06-01T00:00:00Z', satellites: 432 }],
  },
});

/** The schedule's observable output: per launch (id, vehicle, date, placed), per satellite its launch and operational dates. */
function scheduleFingerprint(s: Scenario): string {
  const sch = buildSchedule(s);
  return JSON.stringify([sch.launches, [...sch.launchIndex], [...sch.operationalMs], sch.fullDeploymentMs]);
}

function applyEdit(s: Scenario, edit: RolloutEdit): Scenario {
  expect(rolloutEditProblem(s, edit)).toBeNull();
  const patches = editRollout('edit', edit).patches(s);
  expect(patches).toHaveLength(1);
  return applyPatches(s, patches);
}

describe('launch schedule edits', () => {
  it('are one patch each, and its inverse restores the exact section', () => {
    const patches = editRollout('Edit launch L1 satellites', updateLaunch('L1', { satellites: 61 })).patches(scenario);
    expect(patches).toEqual([{ op: 'scenario/set', path: 'rollout', value: expect.objectContaining({}) }]);
    const after = applyPatches(scenario, patches);
    expect(after.rollout.launches[0]!.satellites).toBe(61);
    const back = applyPatches(after, invertPatches(scenario, patches));
    expect(back.rollout).toBe(scenario.rollout);
    // No change, no patch (nothing recorded in the history).
    expect(editRollout('same', updateLaunch('L1', { satellites: 60 })).patches(scenario)).toEqual([]);
  });

  it('refuse bad values with the row, the field and why', () => {
    expect(rolloutEditProblem(scenario, updateLaunch('L2', { satellites: -3 }))).toMatch(/^launch L2, satellites: .*>=0/);
    expect(rolloutEditProblem(scenario, updateLaunch('L1', { shellId: 'Z' }))).toBe('launch L1, shell: "Z" is not in the constellation (shells: A, B)');
    expect(rolloutEditProblem(scenario, updateLaunch('L2', { planes: [8] }))).toBe('launch L2, planes: plane 8 does not exist (planes are numbered 0 to 7)');
    expect(rolloutEditProblem(scenario, updateLaunch('L2', { id: 'L1' }))).toMatch(/launch L1: the id is used twice/);
    expect(rolloutEditProblem(scenario, updateCadence(0, { launchesPerMonth: 0 }))).toBe('cadence row 1 (V), launchesPerMonth: launches per month must be above 0');
    expect(rolloutEditProblem(scenario, setRolloutModel({ insertionAltitudeKm: 100 }))).toBe('insertionAltitudeKm: insertion altitude must be at least 150 km');
    expect(rolloutEditProblem(scenario, updateMilestone(0, { dateUtc: '2026-13-01T00:00:00Z' }))).toMatch(/^milestone half, dateUtc: /);
    expect(() => parsePlanes('1, x')).toThrow('planes: "x" is not a plane number');
    expect(parsePlanes(' 0, 3 5 ')).toEqual([0, 3, 5]);
  });

  it('every editable field changes what the engine computes', () => {
    const base = scheduleFingerprint(scenario);
    const changesSchedule: [string, RolloutEdit][] = [
      ['launch date', updateLaunch('L1', { dateUtc: '2025-10-02T00:00:00Z' })],
      ['launch vehicle', updateLaunch('L1', { vehicle: 'Vulcan' })],
      ['launch satellites', updateLaunch('L1', { satellites: 59 })],
      ['launch shell', updateLaunch('L1', { shellId: 'B' })],
      ['launch planes', updateLaunch('L1', { planes: [5] })],
      ['launch id', updateLaunch('L1', { id: 'L0' })],
      ['add launch', addLaunch()],
      ['remove launch', removeLaunch('L2')],
      ['cadence vehicle', updateCadence(0, { vehicle: 'W' })],
      ['cadence from', updateCadence(0, { fromUtc: '2026-01-01T00:00:00Z' })],
      ['cadence per month', updateCadence(0, { launchesPerMonth: 2 })],
      ['cadence satellites', updateCadence(0, { satellitesPerLaunch: 100 })],
      ['cadence shell', updateCadence(0, { shellId: 'B' })],
      ['add cadence', addCadence()],
      ['plane fill', setRolloutModel({ planeFill: 'plane-by-plane' })],
      ['raising weeks', setRolloutModel({ raisingWeeks: 7 })],
    ];
    for (const [what, edit] of changesSchedule) expect(scheduleFingerprint(applyEdit(scenario, edit)), what).not.toBe(base);
    // The insertion altitude moves raising satellites (not the schedule): the deployment's altitudes.
    const raisingAt = Date.parse('2025-10-15T00:00:00Z');
    const altitudes = (s: Scenario) => [...deploymentAt(s, buildCatalog(s).catalog, buildSchedule(s), raisingAt).altitudeKm].filter(Number.isFinite);
    expect(altitudes(applyEdit(scenario, setRolloutModel({ insertionAltitudeKm: 400 })))).not.toEqual(altitudes(scenario));
  });
});

const task = (cancelAfter = Infinity): RolloutPlanTask & { seen: { done: number; total: number; phase?: string }[] } => {
  const seen: { done: number; total: number; phase?: string }[] = [];
  return {
    seen,
    progress: (p) => seen.push(p),
    checkCancelled: () => {
      if (seen.filter((p) => p.phase === 'dates').length >= cancelAfter) throw Object.assign(new Error('cancelled'), { name: ENGINE_ERROR.aborted });
    },
  };
};

describe('the worker rollout requests', () => {
  const from = Date.parse('2025-09-01T00:00:00Z');
  const to = Date.parse('2026-09-01T00:00:00Z');

  it('rolloutSeries answers exactly the engine series, with progress per date and the milestones', async () => {
    const sessions = new SessionHolder();
    sessions.load(scenario, 1);
    const h = createRolloutPlanHandlers(sessions);
    const t = task();
    const { result } = await h.rolloutSeries({ revision: 1, fromMs: from, toMs: to, stepDays: 30 }, t);
    const ref = rolloutSeries(scenario, from, to, 30);
    expect(result.rows.map(({ recomputed: _r, ...f }) => f)).toEqual(ref.rows.map(({ dateUtc: _d, recomputed: _r, ...f }) => f));
    expect(result.rows).toHaveLength(13);
    expect(t.seen.filter((p) => p.phase === 'dates').map((p) => p.done)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(result.milestones).toEqual([{ label: 'half', dateMs: Date.parse('2026-06-01T00:00:00Z'), satellites: 432, operationalThen: ref.milestones[0]!.operationalThen }]);
    expect(result.rows.at(-1)!.servedPct).toBeGreaterThan(result.rows[0]!.servedPct);
    // An edit of the schedule changes the answer (the next request's engine is the new scenario's).
    sessions.load(applyEdit(scenario, updateLaunch('L1', { satellites: 30 })), 2);
    const edited = (await h.rolloutSeries({ revision: 2, fromMs: from, toMs: to, stepDays: 30 }, task())).result;
    expect(edited.rows.map((r) => r.operational)).not.toEqual(result.rows.map((r) => r.operational));
  }, 120_000);

  it('stops on cancel and when a newer revision arrives; refuses a bad range', async () => {
    const sessions = new SessionHolder();
    sessions.load(scenario, 1);
    const h = createRolloutPlanHandlers(sessions);
    await expect(h.rolloutSeries({ revision: 1, fromMs: from, toMs: to, stepDays: 30 }, task(2))).rejects.toMatchObject({ name: ENGINE_ERROR.aborted });
    const racing = task();
    const run = h.rolloutSeries({ revision: 1, fromMs: from, toMs: to, stepDays: 30 }, {
      ...racing,
      progress: (p) => {
        racing.progress(p);
        if (p.phase === 'dates' && p.done === 1) sessions.load(scenario, 2);
      },
    });
    await expect(run).rejects.toMatchObject({ name: ENGINE_ERROR.stale });
    await expect(h.rolloutSeries({ revision: 2, fromMs: to, toMs: from, stepDays: 30 }, task())).rejects.toThrow(/is before the start date/);
    await expect(h.rolloutSeries({ revision: 2, fromMs: from, toMs: to, stepDays: 0 }, task())).rejects.toThrow(/positive number of days/);
  }, 120_000);

  it('rolloutFirstServed answers firstServedDate for the point', async () => {
    const sessions = new SessionHolder();
    sessions.load(scenario, 1);
    const h = createRolloutPlanHandlers(sessions);
    const point = { latDeg: 29.8, lonDeg: -95.4 };
    const { result } = await h.rolloutFirstServed({ revision: 1, ...point });
    const ref = firstServedDate(scenario, point);
    expect({ dateUtc: result.dateUtc, servedPct: result.servedPct }).toEqual({ dateUtc: ref.dateUtc, servedPct: ref.servedPct });
    expect(result.dateUtc).not.toBeNull();
    await expect(h.rolloutFirstServed({ revision: 1, latDeg: 95, lonDeg: 0 })).rejects.toThrow(/not a point on the Earth/);
  }, 120_000);
});
