// The engine worker protocol: ONE request/response map shared by the worker (host.ts) and the
// client (client.ts), plus the envelope messages that carry it (MapLibre actor_messages style).
// Adding an operation = one entry in EngineRequests + one handler in host.ts; both sides are then
// type-checked against the same shapes.
//
// Conventions:
// - Every request that depends on the scenario carries the `revision` it was made for, and every
//   such response echoes it, so the client can drop results computed for an older scenario.
// - Bulk data crosses as typed arrays that are TRANSFERRED (never copied): the worker allocates a
//   fresh array per response, and the receiving side owns it afterwards.
// - The scenario reaches the worker once whole (loadScenario) and then as typed patches
//   (applyPatches, src-core/session/patches.ts): the same patches the undo history records.
// - Static topology (catalogue struct-of-arrays, ISL pairs) is sent only when the worker's orbit
//   node was rebuilt: a loadScenario / applyPatches response carries `topology: null` on the wire
//   when the client already holds it, and the client fills in the one it has. Per-frame
//   `positions` responses only carry what changes with time.
// - Units are the engine's: km, km/s, radians, UTC ms (see DESIGN.md).
import type { CatalogProblem } from '../../src-core/constellation/catalog';
import type { ShellInfo } from '../../src-core/constellation/types';
import type { PopQuery, RouteQuery, RouteResult, RouteTimeSeries, GeoPoint } from '../../src-core/network/route';
import type { RouteEnd } from '../../src-core/network/endpoints';
import type { Scenario } from '../../src-core/scenario/schema';
import type { ScenarioPatch } from '../../src-core/session/patches';
import type { CoverageSnapshot, PlanningRequests } from './planningProtocol';
import type { OptimizeRequest, OptimizeSummary, SuggestedSite } from './optimizerHost';
import type { CapacityRequest, CapacityView } from './capacityHost';
import type { RolloutPlanRequests } from './rolloutPlanHost';
import type { RolloutRequests } from './rolloutHost';

/** Static per-scenario data the renderer needs to draw and label the constellation. */
export interface ConstellationTopology {
  /** Catalogue struct-of-arrays (copies: the worker keeps its own). Index i = satellite i everywhere. */
  shellIndex: Int32Array;
  plane: Int32Array;
  slot: Int32Array;
  /** STATUS_CODES value per satellite (0 planned, 1 raising, 2 operational). */
  status: Uint8Array;
  noradIds: Int32Array;
  names: string[];
  /** +Grid laser links: endpoints (satellite indices), 0 intra-plane / 1 cross-plane, 1 = crosses the Walker seam. */
  islA: Int32Array;
  islB: Int32Array;
  islKind: Uint8Array;
  islSeam: Uint8Array;
}

export interface LoadScenarioResult {
  revision: number;
  satelliteCount: number;
  shells: ShellInfo[];
  islCount: number;
  problems: CatalogProblem[];
  /** User terminal elevation mask (scenario.terminal), for footprints drawn at that mask. */
  terminalMinElevationDeg: number;
  /** User terminal slant-range limit (km), null for none. */
  terminalMaxSlantKm: number | null;
  topology: ConstellationTopology;
  /** applyPatches with withCoverage only: the figures at this revision, or null without an evaluator. */
  coverage?: CoverageSnapshot | null;
  /** applyPatches with withCapacityAtUtcMs only: capacity at this revision, or null (no evaluator, or the time is outside the window). */
  capacity?: CapacityView | null;
}

export interface ApplyPatchesRequest {
  baseRevision: number;
  revision: number;
  patches: ScenarioPatch[];
  /**
   * Also bring the coverage figures up to date and answer them in the same response (one message
   * per edit instead of two): `coverage` in the result is the snapshot, or null when the worker has
   * no evaluator for the new state (send coverageEvaluate).
   */
  withCoverage?: boolean;
  /**
   * Also answer the capacity view at this time (nearest analysis step) in the same response, for
   * an edit made while capacity is shown (capacitySync); null or absent: no capacity.
   */
  withCapacityAtUtcMs?: number | null;
}

/** Requests whose response is the scenario's static state (LoadScenarioResult, topology null when unchanged). */
export const SCENARIO_STATE_REQUESTS: ReadonlySet<string> = new Set(['loadScenario', 'applyPatches']);

export interface PositionsRequest {
  tUtcMs: number;
  revision: number;
  /** Also return ECEF velocities (for Hermite interpolation between snapshots). */
  withVelocity?: boolean;
}

export interface PositionsResult {
  revision: number;
  tUtcMs: number;
  /** ECEF km, xyz interleaved (3N). NaN where propagation failed (decayed, bad elements). */
  positionsEcefKm: Float64Array;
  /** Earth-fixed ECEF velocity km/s (3N), when asked for; otherwise null. */
  velocitiesEcefKmS: Float64Array | null;
  /** Per ISL (topology order): 1 = usable now (both ends up, not raising, under the grazing limit). */
  islActive: Uint8Array;
  islLengthKm: Float32Array;
  /** Satellites whose propagation failed at this time. */
  failedCount: number;
}

export interface RouteToPopRequest {
  revision: number;
  tUtcMs: number;
  from: PopQuery;
}
export interface RouteGroundToGroundRequest {
  revision: number;
  tUtcMs: number;
  from: GeoPoint;
  to: GeoPoint;
  viaGateways?: boolean;
}
export interface RouteResponse {
  revision: number;
  tUtcMs: number;
  route: RouteResult;
}

/** A route between two named ends (a point, a gateway or a PoP): src-core/network/endpoints.ts, the CLI's `route --from --to`. */
export interface RouteEndsRequest {
  revision: number;
  tUtcMs: number;
  from: RouteEnd;
  to: RouteEnd;
}
export interface RouteEndsTimeSeriesRequest {
  revision: number;
  from: RouteEnd;
  to: RouteEnd;
  startUtcMs: number;
  durationS: number;
  stepS: number;
}

export interface RouteTimeSeriesRequest {
  revision: number;
  query: RouteQuery;
  startUtcMs: number;
  durationS: number;
  stepS: number;
}
export interface RouteTimeSeriesResponse {
  revision: number;
  series: RouteTimeSeries;
}

/**
 * Gateway <-> satellite state at one time (feeder beams, inspector): per gateway the satellites
 * above its mask, and per satellite the gateway its best path to a PoP lands at (one multi-source
 * Dijkstra from all gateways, starting at their backhaul latency: the routing of route.ts).
 */
export interface GatewayLinksRequest {
  revision: number;
  tUtcMs: number;
}
export interface GatewayLinksResult {
  revision: number;
  tUtcMs: number;
  /** CSR over gateways (scenario order): visible satellites of gateway g are visibleSat[visibleOffsets[g]..visibleOffsets[g+1]). */
  visibleOffsets: Int32Array;
  visibleSat: Int32Array;
  /** Per satellite: index of the gateway its best path lands at, -1 when none. */
  satGateway: Int32Array;
  /** Per satellite: one-way latency to the PoP of that gateway (ms), Infinity when unreachable. */
  satLatencyMs: Float64Array;
  /** Per satellite: 1 = its best path goes straight down to its gateway (a feeder beam carries it). */
  satDirect: Uint8Array;
  /** Per gateway: satellites routing to it, and of those, the ones it serves directly (feeder beams). */
  servedCount: Int32Array;
  directCount: Int32Array;
  /** Per gateway: its PoP index (-1 none) and backhaul latency (ms, fiber + gateway processing). */
  popIndex: Int32Array;
  backhaulMs: Float64Array;
}

/** The one map of operations. `req` goes to the worker, `res` comes back. Gateway planning: planningProtocol.ts; the rollout date: rolloutHost.ts; rollout series and first served: rolloutPlanHost.ts. */
export interface EngineRequests extends PlanningRequests, RolloutRequests, RolloutPlanRequests {
  /** Replace the worker's scenario (builds catalogue, SGP4 records, ISL topology). */
  loadScenario: { req: { scenario: Scenario; revision: number }; res: LoadScenarioResult };
  /** Typed patches on top of `baseRevision` (fails with PatchBaseError when the worker holds another revision). */
  applyPatches: { req: ApplyPatchesRequest; res: LoadScenarioResult };
  /** Satellite positions (and ISL state) at one time: the per-frame request, latest-wins. */
  positions: { req: PositionsRequest; res: PositionsResult };
  routeToPop: { req: RouteToPopRequest; res: RouteResponse };
  routeGroundToGround: { req: RouteGroundToGroundRequest; res: RouteResponse };
  /** Latency time series: long task (progress, cancellable). */
  routeTimeSeries: { req: RouteTimeSeriesRequest; res: RouteTimeSeriesResponse };
  /** Route between two ends (point, gateway, PoP) at one time: the route panel's path and breakdown. */
  routeEnds: { req: RouteEndsRequest; res: RouteResponse };
  /** Latency time series between two ends: long task (progress, cancellable). */
  routeEndsTimeSeries: { req: RouteEndsTimeSeriesRequest; res: RouteTimeSeriesResponse };
  /** Per gateway visible/served satellites and per satellite gateway + latency to PoP (globe feeder beams, inspector). */
  gatewayLinks: { req: GatewayLinksRequest; res: GatewayLinksResult };
  /** Capacity model at one step (capacityHost.ts); asked only while capacity is shown. */
  capacity: { req: CapacityRequest; res: CapacityView };
  /** Liveness/latency probe. */
  ping: { req: Record<string, never>; res: { workerNowMs: number } };
}

export type EngineRequestName = keyof EngineRequests;
export type EngineRequest<K extends EngineRequestName> = EngineRequests[K]['req'];
export type EngineResponse<K extends EngineRequestName> = EngineRequests[K]['res'];

/**
 * Per-frame requests: at most one in flight per name, and a newer request REPLACES a queued one
 * (the replaced promise rejects with SupersededError). Never queued up behind each other.
 */
export const LATEST_WINS: ReadonlySet<EngineRequestName> = new Set<EngineRequestName>(['positions', 'rolloutAt']);

/** Progress of a long task: `done` of `total` units (samples, phases). */
export interface Progress {
  done: number;
  total: number;
  phase?: string;
  /** Estimated seconds left, when the task can tell (the optimizer). */
  etaS?: number;
}

/** An Error flattened for postMessage (structured clone keeps Error subclasses poorly across engines). */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

/**
 * THE message envelope of every worker of the app: the engine worker (EngineRequests) and the
 * optimizer worker (OptimizerRequests, optimizerWorker.ts) speak it, and any new worker should.
 * Client -> worker.
 */
export type ClientMessage<Name extends string = EngineRequestName> =
  | { type: 'request'; id: number; name: Name; payload: unknown }
  | { type: 'cancel'; id: number };

/**
 * Worker -> client. `ready` is sent once when the worker script has started; `event` streams a
 * partial result of a long task before its response (the optimizer's chosen sites).
 */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: SerializedError }
  | { type: 'progress'; id: number; progress: Progress }
  | { type: 'event'; id: number; event: unknown };

/** The optimizer worker's one request (a dedicated worker per run: cancel = terminate). */
export interface OptimizerRequests {
  optimize: { req: OptimizeRequest; res: OptimizeSummary; event: SuggestedSite };
}

export function serializeError(e: unknown): SerializedError {
  if (e instanceof Error) return { name: e.name, message: e.message, ...(e.stack !== undefined ? { stack: e.stack } : {}) };
  return { name: 'Error', message: String(e) };
}

/** Error names with a meaning for callers (compare `err.name`, they survive the boundary). */
export const ENGINE_ERROR = {
  /** The request was cancelled through its AbortSignal. */
  aborted: 'AbortError',
  /** A newer latest-wins request replaced this one before it was sent. */
  superseded: 'SupersededError',
  /** The result was computed for an older scenario revision and was dropped. */
  stale: 'StaleResultError',
  /** The worker crashed or hung while this request was pending; it has been restarted. */
  restarted: 'EngineRestartedError',
  /** The worker could not be (re)started; the engine is unavailable. */
  unavailable: 'EngineUnavailableError',
  /** The request needs a scenario and none is loaded in the worker. */
  noScenario: 'NoScenarioError',
  /** Patches for a base revision the worker does not hold: send the whole scenario. */
  patchBase: 'PatchBaseError',
} as const;

/** An error carrying one of the ENGINE_ERROR names. */
export class EngineError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** True for the errors that only mean "this result is no longer wanted" (no user message needed). */
export function isDroppedResult(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  return e.name === ENGINE_ERROR.aborted || e.name === ENGINE_ERROR.superseded || e.name === ENGINE_ERROR.stale || e.name === ENGINE_ERROR.restarted;
}
