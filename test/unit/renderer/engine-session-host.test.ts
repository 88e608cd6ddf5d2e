// The engine worker as a thin adapter over its EngineSession, end to end through the real client
// and host in-process: a gateway edit goes as typed patches, is answered in ONE message with the
// updated coverage figures, re-sends no topology (the client keeps the same object, so the globe
// rebuilds no buffer), and rebuilds nothing of the constellation in the worker.
import { afterEach, describe, expect, it } from 'vitest';
import { applyPatches, invertPatches, type ScenarioPatch } from '../../../src-core/session/patches';
import { EngineClient, type EngineActivity } from '../../../src-renderer/engine/client';
import { createEngineHost, type EngineHost } from '../../../src-renderer/engine/host';
import type { WorkerFactory } from '../../../src-renderer/engine/client';
import type { WorkerMessage } from '../../../src-renderer/engine/protocol';
import { gateway, kuiperScenario } from '../coverage/fixtures';

const clients: EngineClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

/** The real host in-process (structured clone + transfer, async delivery), with the host exposed for its session's counters. */
function engineWithHost(): { spawn: WorkerFactory; host: () => EngineHost } {
  let host: EngineHost | null = null;
  const spawn: WorkerFactory = (events) => {
    let alive = true;
    host = createEngineHost((message: WorkerMessage, transfer: Transferable[]) => {
      const copy = structuredClone(message, { transfer });
      setTimeout(() => alive && events.message(copy), 0);
    });
    const h = host;
    setTimeout(() => alive && events.message({ type: 'ready' }), 0);
    return {
      postMessage(message, transfer) {
        const copy = structuredClone(message, { transfer });
        setTimeout(() => alive && h.handle(copy), 0);
      },
      terminate() {
        alive = false;
      },
    };
  };
  return { spawn, host: () => host! };
}

describe('engine host over the session', () => {
  it('gateway add / move / undo: one message each, with coverage, no topology, no orbit or coverage-cache rebuild', async () => {
    const base = kuiperScenario({ durationS: 6 * 60, stepS: 120, h3Resolution: 2 });
    const { spawn, host } = engineWithHost();
    const client = new EngineClient({ spawn });
    clients.push(client);
    const started: EngineActivity[] = [];
    client.onActivity((a) => a.phase === 'start' && started.push(a));
    const info0 = await client.loadScenario(base, 1);
    expect(client.topologiesReceived).toBe(1);
    const first = await client.request('coverageEvaluate', { revision: 1 });
    expect(first.mode).toBe('full');
    const builds0 = host().sessions.session!.builds();
    client.coverageWithPatches = true;

    const g = gateway('gw-new', 24.3, 54.6);
    let s = base;
    let revision = 1;
    const edits: ScenarioPatch[][] = [[{ op: 'gateway/add', gateway: g }], [{ op: 'gateway/update', id: g.id, gateway: { ...g, latDeg: 25 } }]];
    edits.push(invertPatches(applyPatches(s, edits[0]!), edits[1]!)); // undo of the move
    for (const patches of edits) {
      const sentBefore = started.length;
      s = applyPatches(s, patches);
      const info = await client.applyPatches(patches, revision, ++revision);
      expect(started.length - sentBefore, 'worker messages for the edit').toBe(1);
      expect(info.topology).toBe(info0.topology);
      expect(info.coverage?.revision).toBe(revision);
      expect(info.coverage?.mode).toBe('incremental');
      expect(info.coverage?.gatewayIds).toEqual(s.gateways.map((x) => x.id));
    }
    expect(client.topologiesReceived).toBe(1);
    const builds = host().sessions.session!.builds();
    expect({ orbit: builds.orbit, grid: builds.grid, evaluator: builds.evaluator }).toEqual({ orbit: builds0.orbit, grid: builds0.grid, evaluator: builds0.evaluator });

    // Positions still answer for the new revision from the same propagator.
    const pos = await client.request('positions', { tUtcMs: Date.parse(base.analysis.startUtc), revision });
    expect(pos.positionsEcefKm.length).toBe(3 * info0.satelliteCount);
  });

  it('with capacity shown, a gateway antenna edit and its undo cost one message each, carrying coverage and capacity (undo: bit-identical)', async () => {
    // Feeders at 5 Gbps per antenna (40 Gbps for 8 antennas, under the 80 Gbps backhaul): antennas bind.
    const k = kuiperScenario({ durationS: 6 * 60, stepS: 120, h3Resolution: 2 });
    const base = { ...k, capacity: { ...k.capacity, feederGbpsPerAntenna: 5 } };
    const t = Date.parse(base.analysis.startUtc) + 120_000;
    const client = new EngineClient({ spawn: engineWithHost().spawn });
    clients.push(client);
    const started: EngineActivity[] = [];
    client.onActivity((a) => a.phase === 'start' && started.push(a));
    await client.loadScenario(base, 1);
    await client.request('coverageEvaluate', { revision: 1 });
    const view0 = await client.capacity(1, t);
    client.coverageWithPatches = true;
    client.capacityWithPatches = () => t;

    const g = view0.gatewayBottleneck.indexOf('feeder');
    expect(g, 'a feeder-bound gateway').toBeGreaterThanOrEqual(0);
    const gw = base.gateways[g]!;
    const edit: ScenarioPatch[] = [{ op: 'gateway/update', id: gw.id, gateway: { ...gw, antennas: gw.antennas + 4 } }];
    const sentBefore = started.length;
    const raised = await client.applyPatches(edit, 1, 2);
    const undone = await client.applyPatches(invertPatches(base, edit), 2, 3);
    expect(started.slice(sentBefore).map((a) => a.name), 'worker messages for the edit and its undo').toEqual(['applyPatches', 'applyPatches']);
    expect(raised.coverage?.revision).toBe(2);
    expect(raised.capacity?.revision).toBe(2);
    expect(raised.capacity!.servedGbps).toBeGreaterThan(view0.servedGbps);
    const { revision: _a, computeMs: _b, ...back } = undone.capacity!;
    const { revision: _c, computeMs: _d, ...was } = view0;
    expect(back).toEqual(was);

    // Outside the analysis window there is no view to carry (the UI says so without asking).
    client.capacityWithPatches = () => Date.parse(base.analysis.startUtc) - 3_600_000;
    const outside = await client.applyPatches(edit, 3, 4);
    expect(outside.capacity).toBeNull();
  });

  it('a patch for a revision the worker does not hold fails with PatchBaseError and changes nothing', async () => {
    const base = kuiperScenario({ durationS: 4 * 60, stepS: 120, h3Resolution: 1 });
    const { spawn, host } = engineWithHost();
    const client = new EngineClient({ spawn });
    clients.push(client);
    await client.loadScenario(base, 5);
    await expect(client.applyPatches([{ op: 'gateway/remove', id: 'gw-tokyo' }], 3, 6)).rejects.toMatchObject({ name: 'PatchBaseError' });
    expect(host().sessions.session!.scenario).toEqual(base);
  });

  it('a new constellation sends the topology again', async () => {
    const base = kuiperScenario({ durationS: 4 * 60, stepS: 120, h3Resolution: 1 });
    const client = new EngineClient({ spawn: engineWithHost().spawn });
    clients.push(client);
    const a = await client.loadScenario(base, 1);
    const shells = base.constellation.shells.slice(0, 1);
    const b = await client.applyPatches([{ op: 'scenario/set', path: 'constellation', value: { ...base.constellation, shells } }], 1, 2);
    expect(client.topologiesReceived).toBe(2);
    expect(b.topology).not.toBe(a.topology);
    expect(b.satelliteCount).toBe(shells[0]!.planes * shells[0]!.satsPerPlane);
  });
});
