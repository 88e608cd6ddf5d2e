// Rollout model (src-core/rollout): the schedule places satellites exactly, raising satellites carry
// no traffic, and the figures never get worse as satellites become operational and gateways enter
// service.
import { describe, expect, it } from 'vitest';
import { analyzeCapacity } from '../../../src-core/capacity/evaluate';
import { STATUS_OPERATIONAL, STATUS_PLANNED, STATUS_RAISING } from '../../../src-core/constellation/status';
import { gridFromPoints } from '../../../src-core/coverage/grid';
import { buildSchedule, firstServedDate, MS_PER_DAY, MS_PER_MONTH, RolloutEngine, rolloutSeries, spreadOrder } from '../../../src-core/rollout';
import { defaultScenario } from '../../../src-core/scenario/default';
import { makeScenario, type ScenarioInput } from '../../../src-core/scenario/schema';
import { GATEWAYS, POPS } from '../coverage/fixtures';

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
const WEEK = 7 * MS_PER_DAY;

const small = (rollout: ScenarioInput['rollout']) => makeScenario({
  formatVersion: 1,
  constellation: { shells: [{ id: 'A', name: 'A', altitudeKm: 630, inclinationDeg: 51.9, planes: 4, satsPerPlane: 5, phasingF: 1 }] },
  rollout,
});

describe('launch schedule', () => {
  const launches = [
    { id: 'L2', name: 'L2', dateUtc: '2026-02-01T00:00:00Z', satellites: 6, planes: [3] },
    { id: 'L1', name: 'L1', dateUtc: '2026-01-01T00:00:00Z', satellites: 7 },
  ];
  const cadence = [{ vehicle: 'X', fromUtc: '2026-03-01T00:00:00Z', launchesPerMonth: 1, satellitesPerLaunch: 4 }];

  it('places each launch in plane order (a launch\'s own planes first), then the cadence until the shell is full', () => {
    const s = buildSchedule(small({ launches, cadence, raisingWeeks: 8 }));
    const idx = (p: number, slot: number) => p * 5 + slot;
    const launchOf = (id: string) => s.launches.findIndex((l) => l.id === id);
    const expectLaunch = (id: string, slots: [number, number][]) => {
      const got = [...s.launchIndex].map((l, i) => [l, i] as const).filter(([l]) => l === launchOf(id)).map(([, i]) => i);
      expect(got, id).toEqual(slots.map(([p, k]) => idx(p, k)).sort((a, b) => a - b));
    };
    expect(s.launches.map((l) => [l.id, l.placed])).toEqual([['L1', 7], ['L2', 6], ['X-P001', 4], ['X-P002', 3]]);
    expectLaunch('L1', [[0, 0], [0, 1], [0, 2], [0, 3], [0, 4], [1, 0], [1, 1]]);
    expectLaunch('L2', [[3, 0], [3, 1], [3, 2], [3, 3], [3, 4], [1, 2]]);
    expectLaunch('X-P001', [[1, 3], [1, 4], [2, 0], [2, 1]]);
    expectLaunch('X-P002', [[2, 2], [2, 3], [2, 4]]);
    expect(s.launches[3]!.dateMs).toBe(day('2026-03-01') + MS_PER_MONTH);
    expect(s.fullDeploymentMs).toBe(day('2026-03-01') + MS_PER_MONTH + 8 * WEEK);
    expect(s.problems).toEqual([]);
  });

  it('the satellites in orbit at a date follow the schedule exactly (planned / raising / operational, interpolated altitude)', () => {
    const e = new RolloutEngine(small({ launches, cadence, raisingWeeks: 8, insertionAltitudeKm: 450 }), { grid: gridFromPoints([{ latDeg: 0, lonDeg: 0 }]), capacitySteps: 0 });
    const at = (ms: number) => e.deploymentAt(ms);
    expect(at(day('2026-01-01') - 1)).toMatchObject({ inOrbit: 0, raising: 0, operational: 0 });
    expect(at(day('2026-01-01'))).toMatchObject({ inOrbit: 7, raising: 7, operational: 0 });
    const mid = at(day('2026-01-01') + 4 * WEEK);
    expect(mid.altitudeKm[0]).toBeCloseTo((450 + 630) / 2, 9);
    expect(mid.status[0]).toBe(STATUS_RAISING);
    expect(mid.status[idx(2, 0)]).toBe(STATUS_PLANNED);
    expect(Number.isNaN(mid.altitudeKm[idx(2, 0)]!)).toBe(true);
    expect(at(day('2026-01-01') + 8 * WEEK - 1)).toMatchObject({ inOrbit: 13, raising: 13, operational: 0 });
    const op = at(day('2026-01-01') + 8 * WEEK);
    expect(op).toMatchObject({ inOrbit: 13, raising: 6, operational: 7 });
    expect(op.status[0]).toBe(STATUS_OPERATIONAL);
    expect(op.altitudeKm[0]).toBe(630);
    expect(at(e.schedule.fullDeploymentMs)).toMatchObject({ inOrbit: 20, operational: 20 });
    function idx(p: number, s: number) { return p * 5 + s; }
  });

  it("'spread' fills planes in bit-reversed order; no launches and no cadence keep the scenario's statuses", () => {
    expect(spreadOrder(4)).toEqual([0, 2, 1, 3]);
    expect(spreadOrder(6)).toEqual([0, 4, 2, 1, 5, 3]);
    const s = buildSchedule(small({ launches: [{ id: 'L', name: 'L', dateUtc: '2026-01-01T00:00:00Z', satellites: 10 }], planeFill: 'spread' }));
    expect([...s.launchIndex].map((l, i) => (l === 0 ? Math.floor(i / 5) : -1)).filter((p) => p >= 0)).toEqual([0, 0, 0, 0, 0, 2, 2, 2, 2, 2]);
    expect(s.problems[0]).toMatch(/10 Walker slots are never launched/);
    const none = new RolloutEngine(small({}), { grid: gridFromPoints([{ latDeg: 0, lonDeg: 0 }]), capacitySteps: 0 });
    expect(none.schedule.active).toBe(false);
    expect(none.deploymentAt(0)).toMatchObject({ operational: 20 });
  });

  it('the default scenario: 153 satellites launched by late 2025 (real launches), then the cadence to full deployment', () => {
    const s = defaultScenario();
    const e = buildSchedule(s);
    const launched = (ms: number) => [...e.launchMs].filter((x) => x <= ms).length;
    expect(launched(day('2025-11-30'))).toBe(153);
    expect(e.launches.slice(0, 6).map((l) => [l.id, l.vehicle, l.placed])).toEqual([['KA-01', 'Atlas V', 27], ['KA-02', 'Atlas V', 27], ['KF-01', 'Falcon 9', 24], ['KF-02', 'Falcon 9', 24], ['KA-03', 'Atlas V', 27], ['KF-03', 'Falcon 9', 24]]);
    expect(e.problems).toEqual([]);
    expect(launched(e.fullDeploymentMs)).toBe(3236);
    expect(new Date(e.fullDeploymentMs).getUTCFullYear()).toBeGreaterThanOrEqual(2028);
  });
});

describe('figures per date (small Kuiper K3 shell, 40 cities, staggered gateways)', () => {
  const cities = [
    [40.7, -74.0], [34.1, -118.2], [41.9, -87.6], [29.8, -95.4], [47.6, -122.3], [25.8, -80.2], [49.3, -123.1], [45.5, -73.6], [19.4, -99.1], [-23.5, -46.6],
    [-34.6, -58.4], [4.7, -74.1], [51.5, -0.1], [48.9, 2.4], [52.5, 13.4], [40.4, -3.7], [41.9, 12.5], [50.1, 8.7], [30.0, 31.2], [6.5, 3.4],
    [-1.3, 36.8], [-26.2, 28.0], [-33.9, 18.4], [25.2, 55.3], [19.1, 72.9], [28.6, 77.2], [13.1, 80.3], [1.35, 103.8], [13.8, 100.5], [-6.2, 106.8],
    [14.6, 121.0], [22.3, 114.2], [31.2, 121.5], [35.7, 139.7], [37.6, 127.0], [-33.9, 151.2], [-37.8, 145.0], [-36.8, 174.8], [-31.9, 115.9], [21.3, -157.9],
  ].map(([latDeg, lonDeg]) => ({ latDeg: latDeg!, lonDeg: lonDeg!, weight: 1000 }));
  const gateways = GATEWAYS.map((g, i) => ({ ...g, inServiceDate: i < 3 ? null : `2026-0${i - 1}-15T00:00:00Z` }));
  const scenario = makeScenario({
    formatVersion: 1,
    constellation: { shells: [{ id: 'K3', name: 'K3', altitudeKm: 590, inclinationDeg: 33, planes: 28, satsPerPlane: 28, phasingF: 1 }] },
    pops: POPS,
    gateways,
    analysis: { startUtc: '2026-01-01T00:00:00Z', durationS: 20 * 60, stepS: 60, h3Resolution: 3, landOnly: true, demandWeighted: true },
    rollout: {
      launches: [{ id: 'L1', name: 'L1', dateUtc: '2025-10-01T00:00:00Z', satellites: 60 }],
      cadence: [{ vehicle: 'V', fromUtc: '2025-11-01T00:00:00Z', launchesPerMonth: 1, satellitesPerLaunch: 90 }],
      planeFill: 'spread',
      raisingWeeks: 6,
    },
  });
  const engine = new RolloutEngine(scenario, { grid: gridFromPoints(cities), capacitySteps: 5 });

  it('raising satellites carry no traffic: a launch changes no figure until its satellites reach their slots', () => {
    const launch = engine.schedule.launches[3]!.dateMs;
    const before = engine.figuresAt(launch - 1);
    const after = engine.figuresAt(launch + 1);
    expect(after.raising).toBeGreaterThan(before.raising);
    expect(after.operational).toBe(before.operational);
    expect({ ...after, dateMs: 0, raising: 0, inOrbit: 0, recomputed: '' }).toEqual({ ...before, dateMs: 0, raising: 0, inOrbit: 0, recomputed: '' });
    expect(after.recomputed).toBe('none');
    // No capacity through a raising satellite, no visibility, no laser link.
    const dep = engine.deploymentAt(launch + 1);
    const { ev } = engine.evaluatorAt(launch + 1, dep);
    const raising = [...dep.status].map((s, i) => (s === STATUS_RAISING ? i : -1)).filter((i) => i >= 0);
    expect(raising.length).toBeGreaterThan(0);
    const c = ev.cache;
    for (const i of raising) for (let t = 0; t < c.stepCount; t++) expect(c.visOff[t * (c.satCount + 1) + i + 1]! - c.visOff[t * (c.satCount + 1) + i]!).toBe(0);
    for (let l = 0; l < c.linkCount; l++) if (raising.includes(c.linkA[l]!) || raising.includes(c.linkB[l]!)) for (let t = 0; t < c.stepCount; t++) expect(c.linkMs[t * c.linkCount + l]).toBe(Infinity);
    analyzeCapacity(ev, { steps: [0, 7], onStep: (_t, r) => raising.forEach((i) => expect(r.beamGbps[i]).toBe(0)) });
  });

  it('served %, served Gbps and every sample\'s latency never get worse over the series (satellites and gateways only added)', () => {
    const from = day('2025-10-01'), to = engine.schedule.fullDeploymentMs + 30 * MS_PER_DAY;
    const series = rolloutSeries(scenario, from, to, 20, { engine });
    const rows = series.rows;
    expect(rows[0]!.operational).toBe(0);
    expect(rows[rows.length - 1]!.operational).toBe(784);
    expect(rows[rows.length - 1]!.servedPct).toBeGreaterThan(50);
    let prevLat: Float64Array | null = null;
    for (let k = 1; k < rows.length; k++) {
      const a = rows[k - 1]!, b = rows[k]!;
      expect(b.operational).toBeGreaterThanOrEqual(a.operational);
      expect(b.gatewaysInService).toBeGreaterThanOrEqual(a.gatewaysInService);
      expect(b.servedPct, b.dateUtc).toBeGreaterThanOrEqual(a.servedPct - 1e-9);
      expect(b.servedGbps, b.dateUtc).toBeGreaterThanOrEqual(a.servedGbps - 1e-6);
      const lat = Float64Array.from(engine.evaluatorAt(b.dateMs).ev.cellLat);
      if (prevLat) for (let i = 0; i < lat.length; i++) if (!(lat[i]! <= prevLat[i]! + 1e-9) && Number.isFinite(prevLat[i]!)) expect.fail(`${b.dateUtc}: sample ${i} latency ${lat[i]} > ${prevLat[i]}`);
      prevLat = lat;
    }
    expect(new Set(rows.map((r) => r.servedPct)).size).toBeGreaterThan(3);
    expect(rows.some((r) => r.recomputed === 'gateways' || r.recomputed === 'none')).toBe(true);
  });

  it('firstServedDate: served from the returned date on, not a millisecond before; a polar point never', () => {
    const p = { latDeg: -36.8, lonDeg: 174.8 };
    const first = firstServedDate(scenario, p);
    expect(first.dateUtc).not.toBeNull();
    expect(first.servedPct).toBeGreaterThan(0);
    const one = new RolloutEngine(scenario, { grid: gridFromPoints([p]), capacitySteps: 0 });
    expect(one.evaluatorAt(first.dateMs).ev.result().headline.servedPct).toBeCloseTo(first.servedPct, 9);
    expect(one.evaluatorAt(first.dateMs - 1).ev.result().headline.servedPct).toBe(0);
    expect(firstServedDate(scenario, { latDeg: 75, lonDeg: 0 }).dateUtc).toBeNull();
  });
});
