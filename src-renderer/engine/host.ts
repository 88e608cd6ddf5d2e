// The worker side of the engine protocol: holds the current scenario, its catalogue, SGP4
// propagator, ISL topology and (lazily) a routing context, and answers EngineRequests. It knows
// nothing about the Worker global: `createEngineHost(post)` takes the send function, so the same
// code runs inside the real Web Worker (worker.ts) and in-process in the Node unit tests.
//
// Every response allocates fresh typed arrays and lists them for transfer; arrays the host keeps
// (catalogue, topology) are COPIED before being sent, because transferring them would detach the
// host's own state.
import { buildCatalog, type CatalogProblem } from '../../src-core/constellation/catalog';
import type { SatelliteCatalog } from '../../src-core/constellation/types';
import { EndToEndRouter } from '../../src-core/network/endpoints';
import { buildPlusGrid, updateIslLengths, type IslTopology } from '../../src-core/network/isl';
import {
  createRoutingContextFrom,
  routeGroundToGround,
  routeTimeSeriesStepper,
  routeToPop,
  type RouteQuery,
  type RouteTimeSeries,
  type RouteTimeSeriesStepper,
  type RoutingContext,
} from '../../src-core/network/route';
import { Propagator } from '../../src-core/orbit/propagator';
import type { Scenario } from '../../src-core/scenario/schema';
import { createCapacityHandlers } from './capacityHost';
import { createPlanningHandlers } from './planningHost';
import {
  ENGINE_ERROR,
  EngineError,
  serializeError,
  type ClientMessage,
  type EngineRequest,
  type EngineRequestName,
  type EngineResponse,
  type GatewayLinksResult,
  type Progress,
  type WorkerMessage,
} from './protocol';

export type PostToClient = (message: WorkerMessage, transfer: Transferable[]) => void;

/** What a handler gets besides its payload. */
interface TaskContext {
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

interface LoadedScenario {
  revision: number;
  scenario: Scenario;
  catalog: SatelliteCatalog;
  propagator: Propagator;
  topo: IslTopology;
  /** Scratch for updateIslLengths (it writes float64). */
  islLengthScratch: Float64Array;
  routing: RoutingContext | null;
  /** Routes between named ends (points, gateways, PoPs) on `routing`; null until first asked. */
  router: EndToEndRouter | null;
  /** What the catalogue, propagator and mesh were built from (epoch, constellation, lasers). */
  orbitKey: string;
  problems: CatalogProblem[];
}

/** Yield to the event loop so queued messages (cancel, positions) are handled between chunks. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export interface EngineHost {
  handle(message: ClientMessage): void;
}

export function createEngineHost(post: PostToClient): EngineHost {
  let current: LoadedScenario | null = null;
  const cancelled = new Set<number>();

  const need = (revision: number): LoadedScenario => {
    if (!current) throw new EngineError(ENGINE_ERROR.noScenario, 'no scenario is loaded in the engine worker');
    // The client drops these anyway; failing fast avoids computing for a scenario nobody shows.
    if (revision !== current.revision) throw new EngineError(ENGINE_ERROR.stale, `request for scenario revision ${revision}, worker holds ${current.revision}`);
    return current;
  };
  const routing = (s: LoadedScenario): RoutingContext => (s.routing ??= createRoutingContextFrom(s.scenario, s.catalog, s.propagator));
  const router = (s: LoadedScenario): EndToEndRouter => (s.router ??= new EndToEndRouter(routing(s)));

  const planning = createPlanningHandlers();
  const handlers: { [K in EngineRequestName]: Handler<K> } = {
    // Gateway planning (coverage evaluator, site look-ups): planningHost.ts; capacity on its evaluator: capacityHost.ts.
    ...planning,
    ...createCapacityHandlers(() => planning.state.evaluator),
    loadScenario({ scenario, revision }, task) {
      // Most edits (gateways, PoPs, planning settings) leave the satellites alone: keep the
      // catalogue, the propagator and the laser mesh then (about 300 ms for full Kuiper) and only
      // drop what depends on the rest of the scenario (the routing context).
      const orbitKey = JSON.stringify([scenario.epochUtc, scenario.constellation, scenario.isl]);
      let built: { catalog: SatelliteCatalog; problems: CatalogProblem[] };
      if (current && current.orbitKey === orbitKey) {
        built = { catalog: current.catalog, problems: current.problems };
        current = { ...current, revision, scenario, routing: null, router: null };
      } else {
        task.progress({ done: 0, total: 3, phase: 'catalogue' });
        const fresh = buildCatalog(scenario);
        task.progress({ done: 1, total: 3, phase: 'propagator' });
        const propagator = new Propagator(fresh.satrecs);
        task.progress({ done: 2, total: 3, phase: 'laser links' });
        const topo = buildPlusGrid(fresh.catalog, scenario.isl, scenario.constellation.shells);
        built = fresh;
        current = { revision, scenario, catalog: fresh.catalog, propagator, topo, islLengthScratch: new Float64Array(topo.count), routing: null, router: null, orbitKey, problems: fresh.problems };
      }
      const { catalog } = built;
      const topo = current.topo;
      const topology = {
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
      return {
        result: {
          revision,
          satelliteCount: catalog.count,
          shells: catalog.shells,
          islCount: topo.count,
          problems: built.problems,
          terminalMinElevationDeg: scenario.terminal.minElevationDeg,
          terminalMaxSlantKm: scenario.terminal.maxSlantKm ?? null,
          topology,
        },
        transfer: [topology.shellIndex.buffer, topology.plane.buffer, topology.slot.buffer, topology.status.buffer, topology.noradIds.buffer, topology.islA.buffer, topology.islB.buffer, topology.islKind.buffer, topology.islSeam.buffer],
      };
    },

    positions({ tUtcMs, revision, withVelocity }) {
      const s = need(revision);
      const n = s.catalog.count;
      const positionsEcefKm = new Float64Array(3 * n);
      const velocitiesEcefKmS = withVelocity ? new Float64Array(3 * n) : null;
      const failedCount = s.propagator.propagateEcef(tUtcMs, positionsEcefKm, velocitiesEcefKmS ?? undefined);
      const islActive = new Uint8Array(s.topo.count);
      updateIslLengths(s.topo, positionsEcefKm, s.catalog, s.scenario.isl, s.islLengthScratch, islActive);
      const islLengthKm = Float32Array.from(s.islLengthScratch);
      const transfer: Transferable[] = [positionsEcefKm.buffer, islActive.buffer, islLengthKm.buffer];
      if (velocitiesEcefKmS) transfer.push(velocitiesEcefKmS.buffer);
      return { result: { revision, tUtcMs, positionsEcefKm, velocitiesEcefKmS, islActive, islLengthKm, failedCount }, transfer };
    },

    routeToPop({ revision, tUtcMs, from }) {
      const s = need(revision);
      return { result: { revision, tUtcMs, route: routeToPop(routing(s), tUtcMs, from) }, transfer: [] };
    },

    routeGroundToGround({ revision, tUtcMs, from, to, viaGateways }) {
      const s = need(revision);
      const route = routeGroundToGround(routing(s), tUtcMs, from, to, viaGateways === undefined ? {} : { viaGateways });
      return { result: { revision, tUtcMs, route }, transfer: [] };
    },

    async routeTimeSeries({ revision, query, startUtcMs, durationS, stepS }, task) {
      const s = need(revision);
      const series = await chunkedRouteTimeSeries(routing(s), query, startUtcMs, durationS, stepS, task);
      const transfer = [series.tUtcMs.buffer, series.oneWayMs.buffer, series.rttMs.buffer, series.pathChanged.buffer, series.satelliteHops.buffer];
      return { result: { revision, series }, transfer };
    },

    routeEnds({ revision, tUtcMs, from, to }) {
      const s = need(revision);
      return { result: { revision, tUtcMs, route: router(s).route(tUtcMs, from, to) }, transfer: [] };
    },

    async routeEndsTimeSeries({ revision, from, to, startUtcMs, durationS, stepS }, task) {
      const s = need(revision);
      const series = await runStepper(router(s).timeSeriesStepper(from, to, startUtcMs, durationS, stepS), task);
      const transfer = [series.tUtcMs.buffer, series.oneWayMs.buffer, series.rttMs.buffer, series.pathChanged.buffer, series.satelliteHops.buffer];
      return { result: { revision, series }, transfer };
    },

    gatewayLinks({ revision, tUtcMs }) {
      const s = need(revision);
      const result = computeGatewayLinks(routing(s), tUtcMs, revision);
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
