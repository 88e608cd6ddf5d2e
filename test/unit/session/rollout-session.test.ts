// The rollout date as an input of the engine session (src-core/session rollout node) and the
// worker's `rolloutAt` request: the answer equals a fresh RolloutEngine's for the same scenario and
// date (exact), the node is built once and kept across dates and gateway edits (a gateway edit only
// replaces its gateway set, and the figures follow it), and the status mask crosses the worker
// boundary transferred.
import { afterEach, describe, expect, it } from 'vitest';
import { STATUS_PLANNED } from '../../../src-core/constellation/status';
import { RolloutEngine } from '../../../src-core/rollout';
import { defaultScenario } from '../../../src-core/scenario/default';
import type { Scenario } from '../../../src-core/scenario/schema';
import { EngineSession, setSection } from '../../../src-core/session';
import { EngineClient } from '../../../src-renderer/engine/client';
import { assetGeo, gateway, kuiperScenario } from '../coverage/fixtures';
import { inProcessEngine } from '../renderer/fake-workers';

/** Full Kuiper with the default launch schedule, on a short window and a coarse grid. */
const base = (): Scenario => kuiperScenario({ durationS: 4 * 60, stepS: 120, h3Resolution: 2 }, { rollout: defaultScenario().rollout });
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
const EARLY = day('2025-12-01');

function fresh(s: Scenario, dateMs: number) {
  const e = new RolloutEngine(s, { grid: new EngineSession(s, { demand: assetGeo }).grid() });
  return { dep: e.deploymentAt(dateMs), fig: e.figuresAt(dateMs) };
}

const withoutRecompute = <T extends { recomputed: unknown }>(f: T): Omit<T, 'recomputed'> => {
  const { recomputed: _r, ...rest } = f;
  return rest;
};

describe('EngineSession rollout node', () => {
  const session = new EngineSession(base(), { demand: assetGeo });

  it('answers a date exactly as a fresh RolloutEngine does, and builds the node once for many dates', () => {
    const a = session.rolloutAt(EARLY);
    const want = fresh(session.scenario, EARLY);
    expect(withoutRecompute(a.figures)).toEqual(withoutRecompute(want.fig));
    expect(Array.from(a.deployment.status)).toEqual(Array.from(want.dep.status));
    expect(a.figures.inOrbit).toBeGreaterThan(0);
    expect(a.figures.inOrbit).toBeLessThan(3236 / 4);
    const full = session.rolloutEngine().schedule.fullDeploymentMs;
    const b = session.rolloutAt(full);
    expect(b.figures.operational).toBe(3236);
    expect(b.figures.servedPct).toBeGreaterThan(a.figures.servedPct);
    expect(session.builds().rollout).toBe(1);
    // The grid is the session's own (one grid node, not a second copy).
    expect(session.rolloutEngine().grid).toBe(session.grid());
  });

  it('a gateway edit keeps the node and the answer follows the new gateways (equal to a fresh engine)', () => {
    const full = session.rolloutEngine().schedule.fullDeploymentMs;
    const before = session.rolloutAt(full).figures;
    session.apply([{ op: 'gateway/add', gateway: gateway('gw-late', 1.3, 103.8, { inServiceDate: '2027-01-01T00:00:00Z' }) }]);
    const after = session.rolloutAt(full).figures;
    expect(session.builds().rollout).toBe(1);
    expect(after.gatewaysInService).toBe(before.gatewaysInService + 1);
    expect(after.recomputed).toBe('gateways');
    expect(withoutRecompute(after)).toEqual(withoutRecompute(fresh(session.scenario, full).fig));
    // Before its in-service date the new gateway is not counted.
    expect(session.rolloutAt(day('2026-06-01')).figures.gatewaysInService).toBe(before.gatewaysInService);
    // Moving a gateway (same id) is not answered from figures of its old place.
    const g = session.scenario.gateways.find((x) => x.id === 'gw-late')!;
    session.apply([{ op: 'gateway/update', id: g.id, gateway: { ...g, latDeg: -33.9, lonDeg: 18.4 } }]);
    expect(withoutRecompute(session.rolloutAt(full).figures)).toEqual(withoutRecompute(fresh(session.scenario, full).fig));
  });

  it('a rollout edit rebuilds the node; a rename does not', () => {
    session.apply([setSection('name', 'renamed')]);
    session.rolloutAt(EARLY);
    expect(session.builds().rollout).toBe(1);
    session.apply([setSection('rollout', { ...session.scenario.rollout, raisingWeeks: 4 })]);
    const a = session.rolloutAt(EARLY);
    expect(session.builds().rollout).toBe(2);
    expect(withoutRecompute(a.figures)).toEqual(withoutRecompute(fresh(session.scenario, EARLY).fig));
  });
});

describe('worker rolloutAt', () => {
  const clients: EngineClient[] = [];
  afterEach(() => {
    for (const c of clients.splice(0)) c.dispose();
  });

  it('answers figures and a transferred status mask; a newer date replaces a parked one (latest wins)', async () => {
    const client = new EngineClient({ spawn: inProcessEngine() });
    clients.push(client);
    const s = base();
    await client.loadScenario(s, 1);
    const first = client.request('rolloutAt', { revision: 1, dateMs: EARLY });
    const parked = client.request('rolloutAt', { revision: 1, dateMs: EARLY + 1 });
    const newest = client.request('rolloutAt', { revision: 1, dateMs: EARLY + 2 });
    await expect(parked).rejects.toMatchObject({ name: 'SupersededError' });
    const [a, c] = await Promise.all([first, newest]);
    expect(a.dateMs).toBe(EARLY);
    expect(c.dateMs).toBe(EARLY + 2);
    expect(a.statusMask).toBeInstanceOf(Uint8Array);
    expect(a.statusMask.length).toBe(3236);
    const inOrbit = a.statusMask.reduce((k, v) => k + (v === STATUS_PLANNED ? 0 : 1), 0);
    expect(inOrbit).toBe(a.figures.inOrbit);
    expect(withoutRecompute(a.figures)).toEqual(withoutRecompute(fresh(s, EARLY).fig));
    await expect(client.request('rolloutAt', { revision: 1, dateMs: Number.NaN })).rejects.toThrow(/finite UTC ms/);
  });
});
