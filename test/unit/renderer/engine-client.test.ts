// EngineClient protocol logic (stale drop, latest-wins, errors, cancel, progress, restart) against
// fake workers at the boundary, and end-to-end against the real engine host in-process.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { kuiperShells } from '../../../src-core/constellation/presets';
import { routeTimeSeries, createRoutingContext } from '../../../src-core/network/route';
import { makeScenario, type Scenario } from '../../../src-core/scenario/schema';
import { EngineClient, type EngineStatus } from '../../../src-renderer/engine/client';
import { ENGINE_ERROR, isDroppedResult, type PositionsResult } from '../../../src-renderer/engine/protocol';
import { inProcessEngine, manualWorkers } from './fake-workers';

const T0 = Date.parse('2026-01-01T00:00:00Z');

function smallScenario(name = 'small'): Scenario {
  return makeScenario({
    formatVersion: 1,
    name,
    epochUtc: '2026-01-01T00:00:00Z',
    constellation: { shells: [{ id: 'S1', name: 'S1', altitudeKm: 600, inclinationDeg: 53, planes: 6, satsPerPlane: 8, phasingF: 1 }], elementSets: [] },
  });
}

const positionsResult = (revision: number, tUtcMs: number): PositionsResult => ({
  revision,
  tUtcMs,
  positionsEcefKm: new Float64Array(3),
  velocitiesEcefKmS: null,
  islActive: new Uint8Array(0),
  islLengthKm: new Float32Array(0),
  failedCount: 0,
});

const clients: EngineClient[] = [];
function makeClient(...args: ConstructorParameters<typeof EngineClient>): EngineClient {
  const c = new EngineClient(...args);
  clients.push(c);
  return c;
}
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
  vi.useRealTimers();
});

describe('EngineClient with a manual worker', () => {
  it('drops results computed for an older scenario revision', async () => {
    const { workers, spawn } = manualWorkers();
    const client = makeClient({ spawn });
    const w = workers[0]!;
    w.ready();
    void client.loadScenario(smallScenario(), 1).catch(() => {});
    const pos = client.request('positions', { tUtcMs: T0, revision: 1 });
    // A newer scenario is sent before the positions answer arrives.
    const load2 = client.loadScenario(smallScenario('newer'), 2);
    expect(client.revision).toBe(2);
    const [l1, p1, l2] = w.requests();
    w.respond(p1!.id, positionsResult(1, T0));
    await expect(pos).rejects.toMatchObject({ name: ENGINE_ERROR.stale });
    // The older load's answer is stale too; the newer one goes through.
    w.respond(l1!.id, { revision: 1, satelliteCount: 0 });
    w.respond(l2!.id, { revision: 2, satelliteCount: 48 });
    await expect(load2).resolves.toMatchObject({ revision: 2 });
    expect(client.scenarioInfo?.revision).toBe(2);
  });

  it('positions are latest-wins: one in flight, a newer request replaces the queued one', async () => {
    const { workers, spawn } = manualWorkers();
    const client = makeClient({ spawn });
    const w = workers[0]!;
    w.ready();
    const a = client.request('positions', { tUtcMs: T0, revision: 0 });
    const b = client.request('positions', { tUtcMs: T0 + 1000, revision: 0 });
    const c = client.request('positions', { tUtcMs: T0 + 2000, revision: 0 });
    expect(w.requests('positions')).toHaveLength(1);
    await expect(b).rejects.toMatchObject({ name: ENGINE_ERROR.superseded });
    const first = w.requests('positions')[0]!;
    w.respond(first.id, positionsResult(0, T0));
    await expect(a).resolves.toMatchObject({ tUtcMs: T0 });
    // The queued (newest) one is sent once the first settles.
    const sent = w.requests('positions');
    expect(sent).toHaveLength(2);
    expect((sent[1]!.payload as { tUtcMs: number }).tUtcMs).toBe(T0 + 2000);
    w.respond(sent[1]!.id, positionsResult(0, T0 + 2000));
    await expect(c).resolves.toMatchObject({ tUtcMs: T0 + 2000 });
  });

  it('other requests are not latest-wins: they all go out', () => {
    const { workers, spawn } = manualWorkers();
    const client = makeClient({ spawn });
    for (let i = 0; i < 3; i++) void client.request('routeToPop', { revision: 0, tUtcMs: T0, from: { latDeg: 0, lonDeg: 0 } }).catch(() => {});
    expect(workers[0]!.requests('routeToPop')).toHaveLength(3);
  });

  it('rebuilds worker errors as Error with name, message and the worker stack', async () => {
    const { workers, spawn } = manualWorkers();
    const client = makeClient({ spawn });
    const w = workers[0]!;
    const p = client.request('ping', {});
    w.fail(w.requests()[0]!.id, { name: 'RangeError', message: 'positions array needs 9 values', stack: 'RangeError: positions array needs 9 values\n    at propagateTeme (propagator.ts:40:11)' });
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ name: 'RangeError', message: 'positions array needs 9 values' });
    expect((err as Error).stack).toContain('propagator.ts:40');
    expect(isDroppedResult(err)).toBe(false);
  });

  it('cancels through an AbortSignal: rejects at once and tells the worker', async () => {
    const { workers, spawn } = manualWorkers();
    const client = makeClient({ spawn });
    const w = workers[0]!;
    const ac = new AbortController();
    const p = client.request('routeTimeSeries', { revision: 0, query: { kind: 'pop', from: { latDeg: 0, lonDeg: 0 } }, startUtcMs: T0, durationS: 60, stepS: 60 }, { signal: ac.signal });
    const id = w.requests()[0]!.id;
    ac.abort();
    await expect(p).rejects.toMatchObject({ name: ENGINE_ERROR.aborted });
    expect(w.sent.at(-1)).toEqual({ type: 'cancel', id });
    // A late answer is ignored.
    w.respond(id, { revision: 0 });
    // Already-aborted signals never send.
    await expect(client.request('ping', {}, { signal: ac.signal })).rejects.toMatchObject({ name: ENGINE_ERROR.aborted });
    expect(w.requests('ping')).toHaveLength(0);
  });

  it('aborting a queued latest-wins request removes it from the queue', async () => {
    const { workers, spawn } = manualWorkers();
    const client = makeClient({ spawn });
    const w = workers[0]!;
    const a = client.request('positions', { tUtcMs: T0, revision: 0 });
    const ac = new AbortController();
    const b = client.request('positions', { tUtcMs: T0 + 1, revision: 0 }, { signal: ac.signal });
    ac.abort();
    await expect(b).rejects.toMatchObject({ name: ENGINE_ERROR.aborted });
    w.respond(w.requests()[0]!.id, positionsResult(0, T0));
    await a;
    expect(w.requests('positions')).toHaveLength(1);
  });

  it('reports progress and status (positions never make it busy)', async () => {
    const { workers, spawn } = manualWorkers();
    const statuses: EngineStatus[] = [];
    const client = makeClient({ spawn, onStatus: (s) => statuses.push(s) });
    const w = workers[0]!;
    expect(client.status).toBe('starting');
    w.ready();
    expect(client.status).toBe('ready');
    void client.request('positions', { tUtcMs: T0, revision: 0 }).catch(() => {});
    expect(client.status).toBe('ready');
    const seen: number[] = [];
    const p = client.request('routeTimeSeries', { revision: 0, query: { kind: 'pop', from: { latDeg: 0, lonDeg: 0 } }, startUtcMs: T0, durationS: 60, stepS: 1 }, { onProgress: (x) => seen.push(x.done) });
    expect(client.status).toBe('busy');
    const id = w.requests('routeTimeSeries')[0]!.id;
    w.progress(id, 10, 61);
    w.progress(id, 61, 61);
    w.respond(id, { revision: 0, series: {} });
    await p;
    expect(seen).toEqual([10, 61]);
    expect(statuses).toEqual(['ready', 'busy', 'ready']);
  });

  it('restarts a crashed worker, rejects what was pending and re-feeds the current scenario', async () => {
    const { workers, spawn } = manualWorkers();
    const statuses: EngineStatus[] = [];
    const client = makeClient({ spawn, onStatus: (s) => statuses.push(s) });
    const w1 = workers[0]!;
    w1.ready();
    const scenario = smallScenario();
    const load = client.loadScenario(scenario, 3);
    w1.respond(w1.requests()[0]!.id, { revision: 3, satelliteCount: 48 });
    await load;
    const loadedEvents: number[] = [];
    client.onScenarioLoaded((i) => loadedEvents.push(i.revision));
    const route = client.request('routeToPop', { revision: 3, tUtcMs: T0, from: { latDeg: 0, lonDeg: 0 } });
    w1.crash('out of memory');
    await expect(route).rejects.toMatchObject({ name: ENGINE_ERROR.restarted });
    expect(w1.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(client.status).toBe('restarted');
    const w2 = workers[1]!;
    const refeed = w2.requests('loadScenario');
    expect(refeed).toHaveLength(1);
    expect(refeed[0]!.payload).toEqual({ scenario, revision: 3 });
    // Messages from the dead worker are ignored from now on.
    w1.respond(999, {});
    w2.ready();
    expect(client.status).toBe('restarted');
    w2.respond(refeed[0]!.id, { revision: 3, satelliteCount: 48 });
    expect(client.status).toBe('ready');
    expect(loadedEvents).toEqual([3]);
    expect(client.restarts).toBe(1);
    expect(statuses).toEqual(['ready', 'busy', 'ready', 'busy', 'restarted', 'ready']);
  });

  it('a load pending during a crash is answered by the re-feed', async () => {
    const { workers, spawn } = manualWorkers();
    const client = makeClient({ spawn });
    const load = client.loadScenario(smallScenario(), 1);
    workers[0]!.crash();
    const w2 = workers[1]!;
    w2.respond(w2.requests('loadScenario')[0]!.id, { revision: 1, satelliteCount: 48 });
    await expect(load).resolves.toMatchObject({ revision: 1 });
  });

  it('restarts a worker that stops responding', async () => {
    vi.useFakeTimers();
    const { workers, spawn } = manualWorkers();
    const client = makeClient({ spawn, hangTimeoutMs: 1000, now: () => Date.now() });
    workers[0]!.ready();
    const p = client.request('ping', {});
    const caught = p.catch((e: unknown) => e);
    // Progress counts as a sign of life.
    vi.advanceTimersByTime(800);
    workers[0]!.progress(workers[0]!.requests()[0]!.id, 1, 2);
    vi.advanceTimersByTime(800);
    expect(workers).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(workers).toHaveLength(2);
    expect(await caught).toMatchObject({ name: ENGINE_ERROR.restarted });
    expect(client.status).toBe('restarted');
  });

  it('gives up after too many restarts: status error, requests reject as unavailable', async () => {
    const { workers, spawn } = manualWorkers();
    const statuses: EngineStatus[] = [];
    const client = makeClient({ spawn, maxRestarts: 2, onStatus: (s) => statuses.push(s) });
    void client.loadScenario(smallScenario(), 1).catch(() => {});
    workers[0]!.crash();
    workers[1]!.crash();
    workers[2]!.crash();
    expect(workers).toHaveLength(3);
    expect(client.status).toBe('error');
    expect(statuses.at(-1)).toBe('error');
    await expect(client.request('ping', {})).rejects.toMatchObject({ name: ENGINE_ERROR.unavailable });
  });
});

describe('EngineClient with the real engine in-process', () => {
  it('loads a scenario (static topology once) and returns transferred positions', async () => {
    const log = { transfers: [] as ArrayBuffer[][] };
    const client = makeClient({ spawn: inProcessEngine(log) });
    const scenario = makeScenario({ formatVersion: 1, epochUtc: '2026-01-01T00:00:00Z', constellation: { shells: kuiperShells(), elementSets: [] } });
    const info = await client.loadScenario(scenario, 1);
    expect(info.satelliteCount).toBe(3236);
    expect(info.islCount).toBe(6472);
    expect(info.topology.islA).toHaveLength(6472);
    expect(info.topology.shellIndex).toHaveLength(3236);
    expect(info.topology.islSeam.reduce((s, x) => s + x, 0)).toBe(34 + 36 + 28);

    const res = await client.request('positions', { tUtcMs: T0 + 60_000, revision: 1, withVelocity: true });
    expect(res.positionsEcefKm).toHaveLength(3 * 3236);
    expect(res.velocitiesEcefKmS).toHaveLength(3 * 3236);
    expect(res.islActive).toHaveLength(6472);
    const r0 = Math.hypot(res.positionsEcefKm[0]!, res.positionsEcefKm[1]!, res.positionsEcefKm[2]!);
    expect(r0).toBeGreaterThan(6378 + 600);
    expect(r0).toBeLessThan(6378 + 660);
    // The worker-side arrays were transferred, not copied: detached (length 0) after sending.
    const sent = log.transfers.at(-1)!;
    expect(sent.length).toBe(4);
    for (const b of sent) expect(b.byteLength).toBe(0);
    // Static topology is not repeated per frame.
    expect(Object.keys(res)).not.toContain('topology');
  });

  it('answers positions for a stale revision with a dropped-result error', async () => {
    const client = makeClient({ spawn: inProcessEngine() });
    await client.loadScenario(smallScenario(), 5);
    await expect(client.request('positions', { tUtcMs: T0, revision: 4 })).rejects.toMatchObject({ name: ENGINE_ERROR.stale });
  });

  it('chunked latency time series equals one routeTimeSeries call, with progress, and can be cancelled', async () => {
    const scenario = makeScenario({
      formatVersion: 1,
      epochUtc: '2026-01-01T00:00:00Z',
      constellation: { shells: kuiperShells(), elementSets: [] },
      gateways: [
        { id: 'gw-den', name: 'Denver', latDeg: 39.7, lonDeg: -105.0 },
        { id: 'gw-chi', name: 'Chicago', latDeg: 41.9, lonDeg: -87.6 },
      ],
      pops: [{ id: 'us-east-1', name: 'N. Virginia', latDeg: 38.9, lonDeg: -77.4 }],
    });
    const client = makeClient({ spawn: inProcessEngine() });
    await client.loadScenario(scenario, 1);
    const query = { kind: 'pop' as const, from: { latDeg: 40.0, lonDeg: -95.0 } };
    const progress: number[] = [];
    const res = await client.request('routeTimeSeries', { revision: 1, query, startUtcMs: T0, durationS: 150 * 20, stepS: 20 }, { onProgress: (p) => progress.push(p.done) });
    const direct = routeTimeSeries(createRoutingContext(scenario), query, T0, 150 * 20, 20);
    expect(res.series.tUtcMs).toHaveLength(151);
    expect(Array.from(res.series.oneWayMs)).toEqual(Array.from(direct.oneWayMs));
    expect(Array.from(res.series.pathChanged)).toEqual(Array.from(direct.pathChanged));
    expect(Array.from(res.series.satelliteHops)).toEqual(Array.from(direct.satelliteHops));
    expect(progress).toEqual([64, 128, 151]);

    const ac = new AbortController();
    const long = client.request('routeTimeSeries', { revision: 1, query, startUtcMs: T0, durationS: 5000 * 20, stepS: 20 }, {
      signal: ac.signal,
      onProgress: () => ac.abort(),
    });
    await expect(long).rejects.toMatchObject({ name: ENGINE_ERROR.aborted });
    // The worker stopped at the next chunk boundary and is free again.
    await expect(client.request('ping', {})).resolves.toHaveProperty('workerNowMs');
  });
});
