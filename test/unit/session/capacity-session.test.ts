// Capacity as a node of the engine session (src-core/session/session.ts): keyed by the evaluator,
// its gateway set, the capacity assumptions and the latency budget, and invalidated by patches.
// An antenna edit is a gateway patch that costs no re-route (the evaluator does not route on
// antennas) yet leaves no stale copy of the gateway in the evaluator; the inverse patch (undo)
// gives every figure back bit-identical.
import { describe, expect, it } from 'vitest';
import { EngineSession, invertPatches, setSection, type ScenarioPatch } from '../../../src-core/session';
import type { Scenario } from '../../../src-core/scenario/schema';
import { assetGeo, kuiperScenario } from '../coverage/fixtures';

/** A short window on a coarse grid, feeders at 5 Gbps per antenna so that antennas bind (40 Gbps < 80 Gbps backhaul). */
const scenario = (): Scenario => {
  const s = kuiperScenario({ durationS: 10 * 60, stepS: 120, h3Resolution: 2 });
  return { ...s, capacity: { ...s.capacity, feederGbpsPerAntenna: 5 } };
};
const STEP = 1;

describe('EngineSession.capacity', () => {
  const session = new EngineSession(scenario(), { demand: assetGeo });
  const base = session.capacity(STEP);

  it('is cached per step until an input changes', () => {
    const builds = session.builds().capacity;
    expect(session.capacity(STEP)).toBe(base);
    expect(session.capacityAt(session.coverage().evaluator.cache.timesMs[STEP]! + 10_000)?.result).toBe(base);
    expect(session.builds().capacity).toBe(builds);
    expect(session.capacityAt(Date.parse(session.scenario.analysis.startUtc) - 3_600_000)).toBeNull();
  });

  it('an antenna patch: capacity rises, no re-route, the evaluator holds the new gateway; undo is bit-identical', () => {
    const g = base.gatewayBottleneck.findIndex((b) => b === 'feeder');
    expect(g, 'a feeder-bound gateway').toBeGreaterThanOrEqual(0);
    const before = session.scenario;
    const gw = before.gateways[g]!;
    const edit: ScenarioPatch[] = [{ op: 'gateway/update', id: gw.id, gateway: { ...gw, antennas: gw.antennas + 4 } }];
    const evBuilds = session.builds().evaluator;
    session.apply(edit);
    const update = session.coverage();
    const raised = session.capacity(STEP);
    expect(update.edits, 'no re-route for an antenna count').toEqual({ added: 0, removed: 0, moved: 0 });
    expect(update.evaluator.gateways[g]).toBe(session.scenario.gateways[g]);
    expect(raised.servedGbps).toBeGreaterThan(base.servedGbps);
    expect(raised.gatewayGbps[g]).toBeGreaterThan(base.gatewayGbps[g]!);

    session.apply(invertPatches(before, edit));
    const back = session.capacity(STEP);
    expect(back).not.toBe(base); // solved again, not a cache hit
    expect(back).toEqual(base);
    expect(session.coverage().evaluator.gateways[g]).toBe(session.scenario.gateways[g]);
    expect(session.builds().evaluator).toBe(evBuilds);
    // And equal to a fresh session built for the undone scenario.
    expect(new EngineSession(session.scenario, { demand: assetGeo }).capacity(STEP)).toEqual(base);
  });

  it('a backhaul Gbps patch and an assumption patch re-solve; a rename does not', () => {
    const gw = session.scenario.gateways[0]!;
    let builds = session.builds().capacity;
    session.apply([{ op: 'gateway/update', id: gw.id, gateway: { ...gw, name: 'renamed' } }]);
    expect(session.capacity(STEP)).toEqual(base);
    expect(session.builds().capacity).toBe(builds);
    session.apply([{ op: 'gateway/update', id: gw.id, gateway: { ...gw, capacityGbps: 0 } }]);
    expect(session.capacity(STEP).gatewayGbps[0]).toBe(0);
    expect(session.builds().capacity).toBe(++builds);
    session.apply([{ op: 'gateway/update', id: gw.id, gateway: gw }]);
    session.apply([setSection('capacity', { ...session.scenario.capacity, takeRatePct: 0 })]);
    expect(session.capacity(STEP).servedGbps).toBe(0);
    expect(session.capacityDemand().every((d) => d === 0)).toBe(true);
  });
});
