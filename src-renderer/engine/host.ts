// The worker side of the engine protocol: a thin adapter that turns messages into calls on the
// worker's one EngineSession (src-core/session, held by sessionHolder.ts). The session owns the
// catalogue, propagator, laser mesh, ground links, coverage evaluator and capacity, each rebuilt
// only when its own inputs change; this file only moves data across the boundary. It knows
// nothing about the Worker global: `createEngineHost(post)` takes the send function, so the same
// code runs inside the real Web Worker (worker.ts) and in-process in the Node unit tests.
//
// Every response allocates fresh typed arrays and lists them for transfer; arrays the session
// keeps (catalogue, topology) are COPIED before being sent, because transferring them would
// detach the session's own state. The static topology is sent only when the orbit node was
// rebuilt since it was last sent: after a gateway edit the response carries `topology: null`
// and the client keeps the one it has (no re-send, no GPU buffer rebuild).
import { EndToEndRouter } from '../../src-core/network/endpoints';
import { updateIslLengths } from '../../src-core/network/isl';
import {
  routeGroundToGround,
  routeTimeSeriesStepper,
  routeToPop,
  type RouteQuery,
  type RouteTimeSeries,
  type RouteTimeSeriesStepper,
  type RoutingContext,
} from '../../src-core/network/route';
import type { EngineSession, OrbitState } from '../../src-core/session/session';
import { capacityIfBuilt, createCapacityHandlers } from './capacityHost';
import { createRolloutHandlers } from './rolloutHost';
import { coverageIfBuilt, createPlanningHandlers } from './planningHost';
import { createRolloutPlanHandlers } from './rolloutPlanHost';
import { SessionHolder } from './sessionHolder';
import {
  ENGINE_ERROR,
  EngineError,
  serializeError,
  type ClientMessage,
  type ConstellationTopology,
  type EngineRequest,
  type EngineRequestName,
  type EngineResponse,
  type GatewayLinksResult,
  type LoadScenarioResult,
  type Progress,
  type WorkerMessage,
} from './protocol';

export type PostToClient = (message: WorkerMessage, transfer: Transferable[]) => void;

/** What a handler gets besides its payload. */
export interface TaskContext {
  progress(p: Progress): void;
  /** Throws AbortError when the client cancelled this request. Call between chunks. */
  checkCancelled(): void;
}

interface Handled<R> {
  result: R;
  transfer: Transferable[];
}

type Handler<K extends EngineRequestName> = (payload: EngineRequest<K>, task: TaskContext) => Handled<EngineResponse<K>> | Promise<Handled<EngineResponse<K>>>;

/** Samples per chunk of a latency time series between progress reports / cancel checks. */
export const TIME_SERIES_CHUNK = 64;

/** Yield to the event loop so queued messages (cancel, positions) are handled between chunks. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export interface EngineHost {
  handle(message: ClientMessage): void;
  /** The worker's session (tests and diagnostics read its build counters). */
  readonly sessions: SessionHolder;
}

/** Per-session scratch the adapter keeps beside the session (not derived state). */
interface Scratch {
  orbit: OrbitState | null;
  islLength: Float64Array;
  router: EndToEndRouter | null;
  routerFor: RoutingContext | null;
}

function topologyCopy(orbit: OrbitState): ConstellationTopology {
  const { catalog, topology: topo } = orbit;
  return {
    shellIndex: catalog.shellIndex.slice(),
    plane: catalog.plane.slice(),
    slot: catalog.slot.slice(),
    status: catalog.status.slice(),
    noradIds: catalog.noradIds.slice(),
    names: catalog.names.slice(),
    islA: topo.a.slice(),
    islB: topo.b.slice(),
    islKind: topo.kind.slice(),
    islSeam: topo.seam.slice(),
  };
}

export function createEngineHost(post: PostToClient): EngineHost {
  const sessions = new SessionHolder();
  const cancelled = new Set<number>();
  const scratch: Scratch = { orbit: null, islLength: new Float64Array(0), router: null, routerFor: null };
  /** The orbit whose topology the client holds (sent in an earlier response). */
  let sentOrbit: OrbitState | null = null;

  const orbitOf = (s: EngineSession): OrbitState => {
    const orbit = s.orbit();
    if (scratch.orbit !== orbit) {
      scratch.orbit = orbit;
      scratch.islLength = new Float64Array(orbit.topology.count);
    }
    return orbit;
  };
  const router = (s: EngineSession): EndToEndRouter => {
    const ctx = s.routing();
    if (scratch.routerFor !== ctx) {
      scratch.router = new EndToEndRouter(ctx);
      scratch.routerFor = ctx;
    }
    return scratch.router!;
  };

  /** The scenario state after a load or a patch; the topology only when the client lacks it. */
  const stateResult = (s: EngineSession, revision: number, task: TaskContext): Handled<LoadScenarioResult> => {
    if (s.builds().orbit === 0) task.progress({ done: 0, total: 1, phase: 'catalogue, propagator, laser links' });
    const orbit = orbitOf(s);
    const { catalog, topology: topo } = orbit;
    const topology = orbit === sentOrbit ? null : topologyCopy(orbit);
    sentOrbit = orbit;
    const scenario = s.scenario;
    const result = {
      revision,
      satelliteCount: catalog.count,
      shells: catalog.shells,
      islCount: topo.count,
      problems: orbit.problems,
      terminalMinElevationDeg: scenario.terminal.minElevationDeg,
      terminalMaxSlantKm: scenario.terminal.maxSlantKm ?? null,
      // On the wire `topology` is null when unchanged; the client fills in the one it holds.
      topology: topology as ConstellationTopology,
    };
    const transfer: Transferable[] = topology ? [topology.shellIndex.buffer, topology.plane.buffer, topology.slot.buffer, topology.status.buffer, topology.noradIds.buffer, topology.islA.buffer, topology.islB.buffer, topology.islKind.buffer, topology.islSeam.buffer] : [];
    return { result, transfer };
  };

  const handlers: { [K in EngineRequestName]: Handler<K> } = {
    // Gateway planning (coverage evaluator, site look-ups): planningHost.ts; capacity on the
    // session's evaluator (its gateways brought up to date first): capacityHost.ts.
    ...createPlanningHandlers(sessions),
    ...createRolloutHandlers(sessions),
    ...createCapacityHandlers(sessions),
    // Rollout series and "when is this point first served": rolloutPlanHost.ts.
    ...createRolloutPlanHandlers(sessions),

    loadScenario({ scenario, revision }, task) {
      return stateResult(sessions.load(scenario, revision), revision, task);
    },

    applyPatches({ baseRevision, revision, patches, withCoverage, withCapacityAtUtcMs }, task) {
      const s = sessions.patch(baseRevision, revision, patches);
      const { result, transfer } = stateResult(s, revision, task);
      if (withCoverage) {
        const c = coverageIfBuilt(s);
        result.coverage = c ? c.snapshot : null;
        if (c) transfer.push(...c.transfer);
      }
      if (withCapacityAtUtcMs !== undefined && withCapacityAtUtcMs !== null) {
        const c = capacityIfBuilt(s, withCapacityAtUtcMs, revision);
        result.capacity = c ? c.view : null;
        if (c) transfer.push(...c.transfer);
      }
      return { result, transfer };
    },

    positions({ tUtcMs, revision, withVelocity }) {
      const s = sessions.now(revision);
      const orbit = orbitOf(s);
      const n = orbit.catalog.count;
      const positionsEcefKm = new Float64Array(3 * n);
      const velocitiesEcefKmS = withVelocity ? new Float64Array(3 * n) : null;
      const failedCount = orbit.propagator.propagateEcef(tUtcMs, positionsEcefKm, velocitiesEcefKmS ?? undefined);
      const islActive = new Uint8Array(orbit.topology.count);
      updateIslLengths(orbit.topology, positionsEcefKm, orbit.catalog, s.scenario.isl, scratch.islLength, islActive);
      const islLengthKm = Float32Array.from(scratch.islLength);
      const transfer: Transferable[] = [positionsEcefKm.buffer, islActive.buffer, islLengthKm.buffer];
      if (velocitiesEcefKmS) transfer.push(velocitiesEcefKmS.buffer);
      return { result: { revision, tUtcMs, positionsEcefKm, velocitiesEcefKmS, islActive, islLengthKm, failedCount }, transfer };
    },

    routeToPop({ revision, tUtcMs, from }) {
      const s = sessions.now(revision);
      return { result: { revision, tUtcMs, route: routeToPop(s.routing(), tUtcMs, from) }, transfer: [] };
    },

    routeGroundToGround({ revision, tUtcMs, from, to, viaGateways }) {
      const s = sessions.now(revision);
      const route = routeGroundToGround(s.routing(), tUtcMs, from, to, viaGateways === undefined ? {} : { viaGateways });
      return { result: { revision, tUtcMs, route }, transfer: [] };
    },

    async routeTimeSeries({ revision, query, startUtcMs, durationS, stepS }, task) {
      const s = sessions.now(revision);
      const series = await chunkedRouteTimeSeries(s.routing(), query, startUtcMs, durationS, stepS, task);
      const transfer = [series.tUtcMs.buffer, series.oneWayMs.buffer, series.rttMs.buffer, series.pathChanged.buffer, series.satelliteHops.buffer];
      return { result: { revision, series }, transfer };
    },

    routeEnds({ revision, tUtcMs, from, to }) {
      const s = sessions.now(revision);
      return { result: { revision, tUtcMs, route: router(s).route(tUtcMs, from, to) }, transfer: [] };
    },

    async routeEndsTimeSeries({ revision, from, to, startUtcMs, durationS, stepS }, task) {
      const s = sessions.now(revision);
      const series = await runStepper(router(s).timeSeriesStepper(from, to, startUtcMs, durationS, stepS), task);
      const transfer = [series.tUtcMs.buffer, series.oneWayMs.buffer, series.rttMs.buffer, series.pathChanged.buffer, series.satelliteHops.buffer];
      return { result: { revision, series }, transfer };
    },

    gatewayLinks({ revision, tUtcMs }) {
      const s = sessions.now(revision);
      const result = computeGatewayLinks(s.routing(), tUtcMs, revision);
      const transfer = [result.visibleOffsets.buffer, result.visibleSat.buffer, result.satGateway.buffer, result.satLatencyMs.buffer, result.satDirect.buffer, result.servedCount.buffer, result.directCount.buffer, result.popIndex.buffer, result.backhaulMs.buffer];
      return { result, transfer };
    },

    ping() {
      return { result: { workerNowMs: Date.now() }, transfer: [] };
    },
  };

  async function run(id: number, name: EngineRequestName, payload: unknown): Promise<void> {
    const task: TaskContext = {
      progress: (progress) => post({ type: 'progress', id, progress }, []),
      checkCancelled: () => {
        if (cancelled.has(id)) throw new EngineError(ENGINE_ERROR.aborted, `${name} was cancelled`);
      },
    };
    try {
      const handler = handlers[name] as Handler<EngineRequestName> | undefined;
      if (!handler) throw new Error(`unknown engine request "${String(name)}"`);
      const { result, transfer } = await handler(payload as never, task);
      post({ type: 'response', id, ok: true, result }, transfer);
    } catch (e) {
      post({ type: 'response', id, ok: false, error: serializeError(e) }, []);
    } finally {
      cancelled.delete(id);
    }
  }

  return {
    sessions,
    handle(message) {
      if (message.type === 'cancel') {
        cancelled.add(message.id);
        return;
      }
      void run(message.id, message.name, message.payload);
    },
  };
}

/** Gateway/satellite assignment at one time (see GatewayLinksResult): the PoP-bound multi-source search of routeToPop, over all satellites. */
export function computeGatewayLinks(ctx: RoutingContext, tUtcMs: number, revision: number): GatewayLinksResult {
  const { snapshot } = ctx;
  ctx.propagator.propagateEcef(tUtcMs, ctx.positionsEcefKm);
  const graph = snapshot.build(tUtcMs, ctx.positionsEcefKm, []);
  const N = snapshot.satelliteCount;
  const G = snapshot.gatewayCount;
  const visibleOffsets = new Int32Array(G + 1);
  const vis: number[] = [];
  for (let g = 0; g < G; g++) {
    const node = N + g;
    for (let k = graph.offsets[node]!; k < graph.offsets[node + 1]!; k++) {
      const v = graph.targets[k]!;
      if (v < N) vis.push(v);
    }
    visibleOffsets[g + 1] = vis.length;
  }
  const r = ctx.dijkstra.run(graph, snapshot.gatewaySources, snapshot.backhaul.backhaulMs, { noTransit: snapshot.noTransit, maxHops: snapshot.maxHopsToGround - 1 });
  const satGateway = new Int32Array(N).fill(-1);
  const satLatencyMs = new Float64Array(N).fill(Infinity);
  const satDirect = new Uint8Array(N);
  const servedCount = new Int32Array(G);
  const directCount = new Int32Array(G);
  for (let i = 0; i < N; i++) {
    const d = r.distMs[i]!;
    if (!(d < Infinity)) continue;
    const g = r.origin[i]! - N;
    if (g < 0 || g >= G) continue;
    satGateway[i] = g;
    satLatencyMs[i] = d;
    servedCount[g]!++;
    if (r.prev[i] === N + g) {
      satDirect[i] = 1;
      directCount[g]!++;
    }
  }
  return {
    revision,
    tUtcMs,
    visibleOffsets,
    visibleSat: Int32Array.from(vis),
    satGateway,
    satLatencyMs,
    satDirect,
    servedCount,
    directCount,
    popIndex: snapshot.backhaul.popIndex.slice(),
    backhaulMs: snapshot.backhaul.backhaulMs.slice(),
  };
}

/** routeTimeSeries in chunks of TIME_SERIES_CHUNK samples, reporting progress and honouring cancel between chunks. */
export async function chunkedRouteTimeSeries(ctx: RoutingContext, query: RouteQuery, startUtcMs: number, durationS: number, stepS: number, task: TaskContext): Promise<RouteTimeSeries> {
  return runStepper(routeTimeSeriesStepper(ctx, query, startUtcMs, durationS, stepS), task);
}

async function runStepper(stepper: RouteTimeSeriesStepper, task: TaskContext): Promise<RouteTimeSeries> {
  for (let done = 0; done < stepper.total; ) {
    task.checkCancelled();
    done = stepper.advance(TIME_SERIES_CHUNK);
    task.progress({ done, total: stepper.total, phase: 'route samples' });
    if (done < stepper.total) await yieldToEventLoop();
  }
  return stepper.result;
}
