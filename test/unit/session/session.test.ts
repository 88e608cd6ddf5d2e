// The engine session's dependency graph: which nodes rebuild for which patch (build counters),
// that patched figures equal a fresh session's for the same scenario (exact: the evaluator's sums
// are over integer weights), and that patches invert exactly.
import { describe, expect, it } from 'vitest';
import { EngineSession, applyPatches, invertPatches, setSection, type ScenarioPatch, type SessionNode } from '../../../src-core/session';
import type { Scenario } from '../../../src-core/scenario/schema';
import { assetGeo, gateway, kuiperScenario } from '../coverage/fixtures';

/** A short window on a coarse grid: full Kuiper, cheap enough for a unit test. */
const base = (): Scenario => kuiperScenario({ durationS: 10 * 60, stepS: 120, h3Resolution: 2 });

/** Touch every node (as the app does: globe, routes, coverage, capacity). */
function touchAll(s: EngineSession): void {
  s.orbit();
  s.backhaul();
  s.routing();
  s.coverage();
  s.capacity(0);
}

function rebuiltBy(session: EngineSession, patches: ScenarioPatch[]): SessionNode[] {
  const before = session.builds();
  session.apply(patches);
  touchAll(session);
  const after = session.builds();
  return (Object.keys(after) as SessionNode[]).filter((k) => after[k] !== before[k]);
}

function figures(session: EngineSession) {
  const { result } = session.coverage();
  return { headline: result.headline, ids: result.gatewayIds, cells: Array.from(result.cells.servedPct), served: session.capacity(0).servedGbps };
}

describe('EngineSession: what rebuilds for which patch', () => {
  const session = new EngineSession(base(), { demand: assetGeo });
  touchAll(session);

  it('builds every node once on first use', () => {
    expect(session.builds()).toEqual({ orbit: 1, backhaul: 1, routing: 1, grid: 1, cache: 1, evaluator: 1, capacity: 1, rollout: 0 });
  });

  it('a gateway add / update / remove rebuilds no catalogue, propagator, topology, grid or coverage cache', () => {
    const g = gateway('gw-new', 40, -100);
    expect(rebuiltBy(session, [{ op: 'gateway/add', gateway: g }])).toEqual(['backhaul', 'routing', 'capacity']);
    expect(rebuiltBy(session, [{ op: 'gateway/update', id: g.id, gateway: { ...g, latDeg: 41 } }])).toEqual(['backhaul', 'routing', 'capacity']);
    expect(rebuiltBy(session, [{ op: 'gateway/remove', id: g.id }])).toEqual(['backhaul', 'routing', 'capacity']);
    const { mode } = session.coverage();
    expect(mode).toBe('incremental');
  });

  it('an antenna count edit changes capacity without touching the coverage cache', () => {
    const g0 = session.scenario.gateways[0]!;
    expect(rebuiltBy(session, [{ op: 'gateway/update', id: g0.id, gateway: { ...g0, antennas: g0.antennas + 4 } }])).toEqual(['backhaul', 'routing', 'capacity']);
  });

  it('a PoP edit rebuilds ground state and the evaluator, not the orbit, the grid or the coverage cache', () => {
    const p = session.scenario.pops[0]!;
    expect(rebuiltBy(session, [{ op: 'pop/update', id: p.id, pop: { ...p, latDeg: p.latDeg + 1 } }])).toEqual(['backhaul', 'routing', 'evaluator', 'capacity']);
  });

  it('routing settings and fibre latency keep the coverage cache; the radio latency and bent pipe rebuild it', () => {
    const routing = session.scenario.routing, latency = session.scenario.latency;
    expect(rebuiltBy(session, [setSection('routing', { ...routing, maxOneWayLatencyMs: 40 })])).toEqual(['routing', 'evaluator', 'capacity']);
    expect(rebuiltBy(session, [setSection('routing', { ...routing, allowGatewayRelay: !routing.allowGatewayRelay })])).toEqual(['routing', 'evaluator', 'capacity']);
    expect(rebuiltBy(session, [setSection('latency', { ...latency, fiberRouteFactor: latency.fiberRouteFactor + 0.2 })])).toEqual(['backhaul', 'routing', 'evaluator', 'capacity']);
    expect(rebuiltBy(session, [setSection('latency', { ...latency, perHopProcessingMs: latency.perHopProcessingMs + 0.1 })])).toEqual(['backhaul', 'routing', 'cache', 'evaluator', 'capacity']);
    expect(rebuiltBy(session, [setSection('routing', { ...routing, bentPipeOnly: !routing.bentPipeOnly })])).toEqual(['routing', 'cache', 'evaluator', 'capacity']);
    expect(rebuiltBy(session, [setSection('routing', routing), setSection('latency', latency)])).toEqual(['backhaul', 'routing', 'cache', 'evaluator', 'capacity']);
    const terminal = session.scenario.terminal;
    expect(rebuiltBy(session, [setSection('terminal', { ...terminal, minElevationDeg: terminal.minElevationDeg - 5 })])).toEqual(['routing', 'cache', 'evaluator', 'capacity']);
  });

  it('a new analysis window keeps the orbit and the grid; a new epoch keeps the grid and the backhaul', () => {
    expect(rebuiltBy(session, [setSection('analysis', { ...session.scenario.analysis, durationS: 8 * 60 })])).toEqual(['cache', 'evaluator', 'capacity']);
    expect(rebuiltBy(session, [setSection('epochUtc', '2026-01-01T00:05:00Z')])).toEqual(['orbit', 'routing', 'cache', 'evaluator', 'capacity']);
  });

  it('renames and notes rebuild nothing', () => {
    const g0 = session.scenario.gateways[0]!;
    expect(rebuiltBy(session, [setSection('notes', 'hello'), { op: 'gateway/update', id: g0.id, gateway: { ...g0, name: 'renamed' } }])).toEqual(['backhaul', 'routing']);
    expect(rebuiltBy(session, [setSection('name', 'other')])).toEqual([]);
  });

  it('replacing the scenario by an equal one keeps every node but re-routes the gateways', () => {
    const copy = JSON.parse(JSON.stringify(session.scenario)) as Scenario;
    const before = session.builds();
    session.replace(copy);
    touchAll(session);
    expect(session.builds()).toEqual({ ...before, capacity: before.capacity + 1 });
  });
});

describe('EngineSession: patched figures equal a fresh session', () => {
  it('add, move, remove, attribute edit, undo: exact equality with a session built for the result', () => {
    const session = new EngineSession(base(), { demand: assetGeo });
    touchAll(session);
    const g = gateway('gw-chicago', 41.9, -87.6);
    const steps: ScenarioPatch[][] = [
      [{ op: 'gateway/add', gateway: g }],
      [{ op: 'gateway/update', id: g.id, gateway: { ...g, latDeg: 35, lonDeg: -90 } }],
      [{ op: 'gateway/update', id: 'gw-tokyo', gateway: { ...session.scenario.gateways[7]!, antennas: 2 } }],
      [{ op: 'gateway/remove', id: 'gw-germany' }],
      // Edits that rebuild the evaluator over the kept coverage cache.
      [{ op: 'pop/update', id: session.scenario.pops[0]!.id, pop: { ...session.scenario.pops[0]!, latDeg: session.scenario.pops[0]!.latDeg + 3 } }],
      [setSection('routing', { ...session.scenario.routing, maxOneWayLatencyMs: 30, allowGatewayRelay: false })],
    ];
    for (const patches of steps) {
      const before = session.scenario;
      session.apply(patches);
      expect(figures(session)).toEqual(figures(new EngineSession(session.scenario, { demand: assetGeo })));
      // Undo through the inverse patches restores the previous figures exactly.
      session.apply(invertPatches(before, patches));
      expect(session.scenario).toEqual(before);
      expect(figures(session)).toEqual(figures(new EngineSession(before, { demand: assetGeo })));
      session.apply(patches);
    }
  });

  it('undo and redo of a mid-list delete come from the edit log, with the figures of a full evaluation', () => {
    const session = new EngineSession(base(), { demand: assetGeo });
    const before = session.scenario;
    const del: ScenarioPatch[] = [{ op: 'gateway/remove', id: 'gw-oregon' }];
    const beforeFigures = figures(session);
    session.apply(del);
    expect(session.coverage().mode).toBe('incremental');
    const afterFigures = figures(session);
    // Undo: an insert at gw-oregon's index, taken back from the log (no re-route).
    session.apply(invertPatches(before, del));
    const u = session.coverage();
    expect(u.mode).toBe('incremental');
    expect(u.result.gatewayIds).toEqual(before.gateways.map((x) => x.id));
    expect(figures(session)).toEqual(beforeFigures);
    expect(figures(session)).toEqual(figures(new EngineSession(before, { demand: assetGeo })));
    // Redo.
    session.apply(del);
    expect(session.coverage().mode).toBe('incremental');
    expect(figures(session)).toEqual(afterFigures);
  });

  it('a batch beyond the pruned edits is routed in full and logged: its undo and redo are swaps', () => {
    const session = new EngineSession(base(), { demand: assetGeo });
    const before = session.scenario;
    const beforeFigures = figures(session);
    const batch: ScenarioPatch[] = [
      ...[[5, 20], [-15, -60], [30, 100], [60, 10], [-30, 25]].map(([lat, lon], k) => ({ op: 'gateway/add' as const, gateway: gateway(`gw-batch-${k}`, lat!, lon!) })),
      { op: 'gateway/remove', id: 'gw-oregon' },
    ];
    session.apply(batch);
    expect(session.coverage().mode).toBe('full');
    const after = session.scenario;
    const afterFigures = figures(session);
    expect(afterFigures).toEqual(figures(new EngineSession(after, { demand: assetGeo })));
    session.apply(invertPatches(before, batch));
    expect(session.coverage().mode).toBe('incremental');
    expect(figures(session)).toEqual(beforeFigures);
    session.apply(batch);
    expect(session.coverage().mode).toBe('incremental');
    expect(figures(session)).toEqual(afterFigures);
  });

  it('a mid-list insert that takes back no log falls back to a full re-route with the same figures', () => {
    const session = new EngineSession(base(), { demand: assetGeo });
    const s0 = session.scenario;
    const delOregon: ScenarioPatch[] = [{ op: 'gateway/remove', id: 'gw-oregon' }];
    session.apply(delOregon);
    session.coverage();
    session.apply([{ op: 'gateway/remove', id: 'gw-tokyo' }]);
    session.coverage();
    // gw-oregon back while gw-tokyo's removal is the newest log.
    session.apply(invertPatches(s0, delOregon));
    const u = session.coverage();
    expect(u.mode).toBe('full');
    expect(figures(session)).toEqual(figures(new EngineSession(session.scenario, { demand: assetGeo })));
  });
});

describe('patches', () => {
  it('apply copies only the changed path and inverts exactly', () => {
    const s = base();
    const patches: ScenarioPatch[] = [
      { op: 'gateway/add', gateway: gateway('x', 1, 2), index: 1 },
      { op: 'gateway/remove', id: 'gw-sydney' },
      { op: 'pop/remove', id: 'us-east-1' },
      setSection('notes', 'n'),
    ];
    const next = applyPatches(s, patches);
    expect(next.constellation).toBe(s.constellation);
    expect(next.gateways.map((g) => g.id).slice(0, 3)).toEqual(['gw-virginia', 'x', 'gw-oregon']);
    expect(applyPatches(next, invertPatches(s, patches))).toEqual(s);
  });

  it('a patch naming a missing gateway fails with a clear error and the session keeps its state', () => {
    const session = new EngineSession(base(), { demand: assetGeo });
    const s = session.scenario;
    expect(() => session.apply([{ op: 'gateway/remove', id: 'nope' }])).toThrow(/no gateway with id "nope"/);
    expect(session.scenario).toBe(s);
  });
});
