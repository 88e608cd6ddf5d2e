// The worker's capacity request (engine/capacityHost.ts), a thin adapter over the worker's
// EngineSession: it names only a revision and a time (no scenario is posted), waits until the
// session holds that revision, solves the same max flow as the engine's analyzeCapacity at the
// step nearest the time, follows the session's patches (antennas, assumptions) and refuses
// honestly what it cannot answer.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeCapacity, type CapacityStepResult } from '../../../src-core/capacity';
import type { Scenario } from '../../../src-core/scenario/schema';
import { applyPatches, invertPatches, setSection, type ScenarioPatch } from '../../../src-core/session/patches';
import { createCapacityHandlers, NO_CAPACITY_EVALUATOR, type CapacityView } from '../../../src-renderer/engine/capacityHost';
import { SessionHolder } from '../../../src-renderer/engine/sessionHolder';
import { kuiperScenario } from '../coverage/fixtures';

/** Analysis step length; flows compared across solver runs on identical inputs are exact, per-cell sums (float32) within 1e-5 relative. */
const STEP_MS = 120_000;

describe('capacity through the worker host and its session', () => {
  // Feeders at 5 Gbps per antenna (40 Gbps for 8 antennas, below the 80 Gbps backhaul) so that a gateway's antennas bind.
  const scenario: Scenario = { ...kuiperScenario({ durationS: 10 * 60, stepS: STEP_MS / 1000, h3Resolution: 2 }), capacity: { ...kuiperScenario().capacity, feederGbpsPerAntenna: 5 } };
  const t0 = Date.parse(scenario.analysis.startUtc);
  const sessions = new SessionHolder();
  const host = createCapacityHandlers(sessions);
  const ask = async (revision: number, tUtcMs = t0 + STEP_MS): Promise<CapacityView> => (await host.capacity({ revision, tUtcMs })).result;
  let revision = 1;
  const patch = (patches: ScenarioPatch[]): number => {
    sessions.patch(revision, revision + 1, patches);
    return ++revision;
  };
  let base: CapacityView;

  beforeAll(async () => {
    sessions.load(scenario, 1);
    await expect(ask(1)).rejects.toMatchObject({ name: NO_CAPACITY_EVALUATOR });
    sessions.session!.coverage(); // the coverage figures build the evaluator (coverageSync in the app)
    base = await ask(1, t0 + STEP_MS + 5_000);
  }, 120_000);

  it('equals the engine analyzeCapacity at the nearest step', () => {
    expect(base.step).toBe(1);
    expect(base.stepUtcMs).toBe(t0 + STEP_MS);
    let step: CapacityStepResult | null = null;
    analyzeCapacity(sessions.session!.coverage().evaluator, { steps: [1], onStep: (_t, r) => (step = r) });
    const r = step! as CapacityStepResult;
    expect(base.servedGbps).toBe(r.servedGbps);
    expect(base.demandGbps).toBe(r.demandGbps);
    expect(base.bottleneck).toBe(r.bottleneck);
    expect(Array.from(base.gatewayGbps)).toEqual(Array.from(r.gatewayGbps));
    expect(base.gatewayIds).toEqual(scenario.gateways.map((g) => g.id));
    expect(base.servedGbps).toBeGreaterThan(0);
    expect(base.servedGbps).toBeLessThanOrEqual(base.demandGbps);
  });

  it('reports per-cell figures that add up and regions most unserved first', () => {
    const sum = (a: Float32Array) => a.reduce((x, y) => x + y, 0);
    // Float32 per cell: relative tolerance 1e-5 on the totals.
    expect(Math.abs(sum(base.cellServedGbps) - base.servedGbps) / base.servedGbps).toBeLessThan(1e-5);
    expect(Math.abs(sum(base.cellDemandGbps) - base.demandGbps) / base.demandGbps).toBeLessThan(1e-5);
    const un = base.unservedByRegion.map((r) => r.unservedGbps);
    expect(un.length).toBeGreaterThan(0);
    expect(un).toEqual([...un].sort((a, b) => b - a));
    for (const u of base.linkUtilisation) expect(u).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('follows an antenna patch: more antennas at a feeder-bound gateway serve more; the inverse patch gives the old view back exactly', async () => {
    const g = base.gatewayBottleneck.findIndex((b) => b === 'feeder');
    expect(g, 'a feeder-bound gateway at 5 Gbps per antenna').toBeGreaterThanOrEqual(0);
    const before = sessions.session!.scenario;
    const gw = before.gateways.find((x) => x.id === base.gatewayIds[g])!;
    const raise: ScenarioPatch[] = [{ op: 'gateway/update', id: gw.id, gateway: { ...gw, antennas: gw.antennas + 4 } }];
    const raised = await ask(patch(raise));
    expect(raised.servedGbps).toBeGreaterThan(base.servedGbps);
    expect(raised.gatewayGbps[g]).toBeGreaterThan(base.gatewayGbps[g]!);
    const back = await ask(patch(invertPatches(before, raise)));
    const { revision: _r, computeMs: _c, ...same } = back;
    const { revision: _r0, computeMs: _c0, ...was } = base;
    expect(same).toEqual(was);
  });

  it('follows an assumption patch: more feeder Gbps never serves less, no demand serves nothing', async () => {
    const c = sessions.session!.scenario.capacity;
    const wider = await ask(patch([setSection('capacity', { ...c, feederGbpsPerAntenna: 20 })]));
    expect(wider.servedGbps).toBeGreaterThanOrEqual(base.servedGbps);
    const none = await ask(patch([setSection('capacity', { ...c, takeRatePct: 0 })]));
    expect(none.demandGbps).toBe(0);
    expect(none.servedGbps).toBe(0);
    const back = await ask(patch([setSection('capacity', c)]));
    expect(back.servedGbps).toBe(base.servedGbps);
  });

  it('refuses a revision the session has moved past (stale) and a time outside the window', async () => {
    await expect(ask(1)).rejects.toMatchObject({ name: 'StaleResultError' });
    await expect(ask(revision, t0 - 3_600_000)).rejects.toThrow(/outside the analysis window/);
    // A request for the next revision waits for its patches.
    const next = ask(revision + 1);
    const s = sessions.session!.scenario;
    patch([{ op: 'gateway/remove', id: s.gateways[0]!.id }]);
    expect((await next).gatewayIds).toEqual(applyPatches(s, [{ op: 'gateway/remove', id: s.gateways[0]!.id }]).gateways.map((x) => x.id));
  });
});
