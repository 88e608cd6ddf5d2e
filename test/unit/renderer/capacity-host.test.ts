// The worker's capacity request (engine/capacityHost.ts): it solves the same max flow as the
// engine's analyzeCapacity at the step nearest the time asked, reads the antennas, backhaul and
// assumptions from the scenario it is given (the coverage evaluator keeps stale copies of them,
// since it only re-routes on geometry edits), and refuses honestly what it cannot answer.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeCapacity, type CapacityStepResult } from '../../../src-core/capacity';
import type { Scenario } from '../../../src-core/scenario/schema';
import { capacityFor, createCapacityHandlers, NO_CAPACITY_EVALUATOR, type CapacityView } from '../../../src-renderer/engine/capacityHost';
import { geoDemandSource } from '../../../src-core/geo';
import { EngineSession } from '../../../src-core/session/session';
import { kuiperScenario } from '../coverage/fixtures';

/** Analysis step length; flows compared across solver runs on identical inputs are exact, per-cell sums (float32) within 1e-5 relative. */
const STEP_MS = 120_000;

describe('capacity through the worker host', () => {
  // Feeders at 5 Gbps per antenna (40 Gbps for 8 antennas, below the 80 Gbps backhaul) so that a gateway's antennas bind.
  const scenario: Scenario = { ...kuiperScenario({ durationS: 10 * 60, stepS: STEP_MS / 1000, h3Resolution: 2 }), capacity: { ...kuiperScenario().capacity, feederGbpsPerAntenna: 5 } };
  const t0 = Date.parse(scenario.analysis.startUtc);
  let session: EngineSession;
  const evaluator = () => session.coverage().evaluator;
  const host = createCapacityHandlers(evaluator);
  let base: CapacityView;

  beforeAll(() => {
    session = new EngineSession(scenario, { demand: geoDemandSource, revision: 1 });
    base = host.capacity({ revision: 1, tUtcMs: t0 + STEP_MS + 5_000, scenario }).result;
  }, 120_000);

  it('fails with a named error before the coverage evaluator exists', () => {
    const empty = createCapacityHandlers(() => null);
    expect(() => empty.capacity({ revision: 1, tUtcMs: t0, scenario })).toThrow(expect.objectContaining({ name: NO_CAPACITY_EVALUATOR }));
  });

  it('equals the engine analyzeCapacity at the nearest step', () => {
    expect(base.step).toBe(1);
    expect(base.stepUtcMs).toBe(t0 + STEP_MS);
    let step: CapacityStepResult | null = null;
    analyzeCapacity(evaluator(), { steps: [1], onStep: (_t, r) => (step = r) });
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

  it('reads antennas from the scenario it is given: more antennas at a feeder-bound gateway serve more, and the old count gives the old figure back exactly', () => {
    const g = base.gatewayBottleneck.findIndex((b) => b === 'feeder');
    expect(g, 'a feeder-bound gateway at 5 Gbps per antenna').toBeGreaterThanOrEqual(0);
    const id = base.gatewayIds[g]!;
    const more: Scenario = { ...scenario, gateways: scenario.gateways.map((x) => (x.id === id ? { ...x, antennas: x.antennas + 4 } : x)) };
    const raised = host.capacity({ revision: 2, tUtcMs: t0 + STEP_MS, scenario: more }).result;
    expect(raised.servedGbps).toBeGreaterThan(base.servedGbps);
    expect(raised.gatewayGbps[g]).toBeGreaterThan(base.gatewayGbps[g]!);
    const back = host.capacity({ revision: 3, tUtcMs: t0 + STEP_MS, scenario }).result;
    expect(back.servedGbps).toBe(base.servedGbps);
  });

  it('reads the assumptions from the scenario: more feeder Gbps never serves less, no demand serves nothing', () => {
    const wider = capacityFor(evaluator(), { ...scenario, capacity: { ...scenario.capacity, feederGbpsPerAntenna: 20 } }, t0 + STEP_MS, 4);
    expect(wider.servedGbps).toBeGreaterThanOrEqual(base.servedGbps);
    const none = capacityFor(evaluator(), { ...scenario, capacity: { ...scenario.capacity, takeRatePct: 0 } }, t0 + STEP_MS, 5);
    expect(none.demandGbps).toBe(0);
    expect(none.servedGbps).toBe(0);
  });

  it('refuses a gateway list the evaluator does not hold (stale) and a time outside the window', () => {
    const fewer: Scenario = { ...scenario, gateways: scenario.gateways.slice(1) };
    expect(() => capacityFor(evaluator(), fewer, t0, 6)).toThrow(expect.objectContaining({ name: 'StaleResultError' }));
    expect(() => capacityFor(evaluator(), scenario, t0 - 3_600_000, 7)).toThrow(/outside the analysis window/);
  });
});
