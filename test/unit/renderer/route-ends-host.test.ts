// The engine worker's route-between-ends requests (routeEnds, routeEndsTimeSeries) against the
// real host in-process: the same answers as the core functions (and so as the CLI), progress,
// cancel, and a clear error for a pair that cannot be routed.
import { afterEach, describe, expect, it } from 'vitest';
import { EndToEndRouter, type RouteEnd } from '../../../src-core/network/endpoints';
import { createRoutingContext, routeGroundToGround } from '../../../src-core/network/route';
import { EngineClient } from '../../../src-renderer/engine/client';
import { ENGINE_ERROR } from '../../../src-renderer/engine/protocol';
import { kuiperScenario, T0_MS } from '../network/fixtures';
import { inProcessEngine } from './fake-workers';

const clients: EngineClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

describe('engine host: routes between ends', () => {
  it('routeEnds and routeEndsTimeSeries answer what the core router computes', async () => {
    const scenario = kuiperScenario();
    const client = new EngineClient({ spawn: inProcessEngine() });
    clients.push(client);
    await client.loadScenario(scenario, 3);
    const router = new EndToEndRouter(createRoutingContext(scenario));
    const london: RouteEnd = { kind: 'point', latDeg: 51.5, lonDeg: -0.1 };
    const newYork: RouteEnd = { kind: 'point', latDeg: 40.7, lonDeg: -74 };
    const pairs: [RouteEnd, RouteEnd][] = [
      [london, newYork],
      [london, { kind: 'pop', id: 'us-east-1' }],
      [{ kind: 'pop', id: 'eu-central-1' }, newYork],
      [newYork, { kind: 'gateway', id: 'gw-chicago' }],
      [{ kind: 'gateway', id: 'gw-madrid' }, { kind: 'gateway', id: 'gw-frankfurt' }],
    ];
    for (const [from, to] of pairs) {
      const res = await client.request('routeEnds', { revision: 3, tUtcMs: T0_MS, from, to });
      expect(res.revision).toBe(3);
      expect(res.route).toEqual(router.route(T0_MS, from, to));
    }
    // Point to point is the CLI's ground-to-ground function.
    const p2p = await client.request('routeEnds', { revision: 3, tUtcMs: T0_MS, from: london, to: newYork });
    const cli = routeGroundToGround(createRoutingContext(scenario), T0_MS, { latDeg: 51.5, lonDeg: -0.1 }, { latDeg: 40.7, lonDeg: -74 });
    expect(p2p.route.ok && cli.ok && p2p.route.oneWayMs === cli.oneWayMs).toBe(true);

    const progress: number[] = [];
    const ts = await client.request('routeEndsTimeSeries', { revision: 3, from: london, to: newYork, startUtcMs: T0_MS, durationS: 100 * 30, stepS: 30 }, { onProgress: (p) => progress.push(p.done) });
    const direct = router.timeSeriesStepper(london, newYork, T0_MS, 100 * 30, 30);
    direct.advance(direct.total);
    expect(Array.from(ts.series.oneWayMs)).toEqual(Array.from(direct.result.oneWayMs));
    expect(Array.from(ts.series.pathChanged)).toEqual(Array.from(direct.result.pathChanged));
    expect(progress).toEqual([64, 101]);

    const ac = new AbortController();
    const long = client.request('routeEndsTimeSeries', { revision: 3, from: london, to: newYork, startUtcMs: T0_MS, durationS: 5000 * 30, stepS: 30 }, { signal: ac.signal, onProgress: () => ac.abort() });
    await expect(long).rejects.toMatchObject({ name: ENGINE_ERROR.aborted });

    const bad = await client.request('routeEnds', { revision: 3, tUtcMs: T0_MS, from: { kind: 'pop', id: 'us-east-1' }, to: { kind: 'pop', id: 'us-west-2' } });
    expect(bad.route).toMatchObject({ ok: false, reason: expect.stringMatching(/both ends are PoPs/) });
    await expect(client.request('routeEndsTimeSeries', { revision: 3, from: { kind: 'pop', id: 'us-east-1' }, to: { kind: 'pop', id: 'us-west-2' }, startUtcMs: T0_MS, durationS: 60, stepS: 60 })).rejects.toThrow(/both ends are PoPs/);
    await expect(client.request('routeEnds', { revision: 2, tUtcMs: T0_MS, from: london, to: newYork })).rejects.toMatchObject({ name: ENGINE_ERROR.stale });
  });
});
