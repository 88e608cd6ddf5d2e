// Route queries: user -> PoP and ground -> ground at one instant, and latency time series. The
// results are plain serialisable objects (numbers, strings, arrays, typed arrays) for the worker
// boundary and the UI: the hop list for the globe and the segment list for the latency breakdown.
//
// Conventions:
// - RTT = 2 x one-way latency: the return path is taken to be the same path (the graph is
//   symmetric apart from which gateway books its processing), and the satellites are treated as
//   frozen for the few tens of ms a packet is in flight.
// - oneWayMs is the sum of the segment latencies, in path order. Gateway processing at the gateway
//   that hands off to the PoP is booked on the backhaul segment; a gateway relaying mid-path
//   books it on the downlink into it.
// - PoP-bound routes run the one router (router.ts): the labels of every satellite to the
//   Internet at this step, then the best visible access satellite (pickAccess), exactly what
//   coverage computes for its cells. The router's options (ground relay, hop limit, bent pipe)
//   come from scenario.routing unless the context was built with others.
// - Ground-to-ground routes are a single-source Dijkstra over the step graph (graph.ts) with the
//   same options: relays through gateways when groundRelay, lasers unless bentPipe, and the hop
//   limit pruning paths with more than maxSatelliteHops satellites (+1 links without relays).
import { buildCatalog } from '../constellation/catalog';
import type { SatelliteCatalog } from '../constellation/types';
import { ecefToGeodeticInto, type Geodetic } from '../frames';
import { Propagator } from '../orbit/propagator';
import type { Scenario } from '../scenario/schema';
import { radToDeg, type UtcMs } from '../units';
import { fiberLatencyMs } from './backhaul';
import { Dijkstra, pathTo } from './graph';
import { buildPlusGrid, type IslTopology } from './isl';
import { hopLimit, LabelRouter, linkAdjacency, noInternetRouteReason, pickAccess, routerOptionsOf, type AccessPick, type RouterOptions } from './router';
import { NetworkSnapshot, type GroundQueryPoint } from './snapshot';

/** Anything that writes ECEF positions (km, 3N, catalogue order) for a time. */
export interface EcefPropagator {
  propagateEcef(t: UtcMs | number, outPositionsEcefKm: Float64Array): number | void;
}

/** Everything a route query needs, built once per scenario edit; holds reusable buffers (not thread-safe). */
export interface RoutingContext {
  scenario: Scenario;
  catalog: SatelliteCatalog;
  propagator: EcefPropagator;
  snapshot: NetworkSnapshot;
  dijkstra: Dijkstra;
  /** How routes are searched (ground relay, hop limit, bent pipe). */
  options: RouterOptions;
  /** The Internet router over this scenario's laser links, and its per-satellite labels (N each). */
  router: LabelRouter;
  labels: { dist: Float64Array; hops: Int32Array; origin: Int32Array };
  /** Scratch positions buffer (3N). */
  positionsEcefKm: Float64Array;
}

/** Build a routing context from parts (tests, or when the catalogue already exists). */
export function createRoutingContextFrom(scenario: Scenario, catalog: SatelliteCatalog, propagator: EcefPropagator, options: RouterOptions = routerOptionsOf(scenario.routing)): RoutingContext {
  return routingContextOver(scenario, catalog, propagator, buildPlusGrid(catalog, scenario.isl, scenario.constellation.shells), options);
}

/** The routing context over a laser mesh already built for `catalog` (the engine session's orbit node). */
export function routingContextOver(scenario: Scenario, catalog: SatelliteCatalog, propagator: EcefPropagator, topo: IslTopology, options: RouterOptions = routerOptionsOf(scenario.routing)): RoutingContext {
  const snapshot = new NetworkSnapshot(scenario, catalog, topo, options);
  const N = catalog.count;
  const V = N + scenario.gateways.length + 2;
  const adj = linkAdjacency(N, topo.a, topo.b, topo.count);
  const router = new LabelRouter(N, adj.adjOff, adj.adjTo, adj.adjLink, options);
  const labels = { dist: new Float64Array(N), hops: new Int32Array(N), origin: new Int32Array(N) };
  return { scenario, catalog, propagator, snapshot, dijkstra: new Dijkstra(V), options, router, labels, positionsEcefKm: new Float64Array(3 * N) };
}

/** Build the catalogue, the SGP4 propagator and the +Grid once for `scenario` (router options: its routing settings unless given). */
export function createRoutingContext(scenario: Scenario, options?: RouterOptions): RoutingContext {
  const built = buildCatalog(scenario);
  return createRoutingContextFrom(scenario, built.catalog, new Propagator(built.satrecs), options);
}

/** After the snapshot is built for a step: every satellite's route to the Internet (ctx.labels). */
export function routeSatellitesToInternet(ctx: RoutingContext): void {
  ctx.router.full(ctx.snapshot.routerStep, ctx.labels.dist, ctx.labels.hops, ctx.labels.origin);
}

const accessScratch: AccessPick = { sat: -1, latencyMs: Infinity };

/**
 * After routeSatellitesToInternet: the Internet route of ground query node k (it must see a
 * satellite). Nodes run from the ground point to the gateway that hands off to the PoP.
 */
export function internetRouteOfGround(ctx: RoutingContext, k: number, ground: readonly GeoPoint[]): { result: RouteResult; nodes: number[] } {
  const { snapshot, labels } = ctx;
  const g = snapshot.graph;
  const user = snapshot.groundNode(k);
  const from = g.offsets[user]!, to = g.offsets[user + 1]!;
  const pick = pickAccess(g.targets.subarray(from, to), g.weightsMs.subarray(from, to), to - from, labels.dist, labels.hops, hopLimit(ctx.options), accessScratch);
  if (pick.sat < 0) return { result: { ok: false, reason: noInternetRouteReason(ctx.options) }, nodes: [] };
  const nodes = [user, ...ctx.router.path(pick.sat)];
  const endGateway = nodes[nodes.length - 1]! - snapshot.satelliteCount;
  return { result: describe(ctx, nodes, ground, endGateway), nodes };
}

export interface GeoPoint {
  latDeg: number;
  lonDeg: number;
  altKm?: number;
}
export type PopQuery = GeoPoint | { gatewayId: string };

export interface RouteHop {
  kind: 'ground' | 'satellite' | 'gateway' | 'pop';
  /** Satellite name, gateway or PoP id, or "ground" / "ground-1" for query points. */
  id: string;
  name: string;
  /** Catalogue, gateway or PoP index; -1 for ground points. */
  index: number;
  latDeg: number;
  lonDeg: number;
  altKm: number;
}

export interface RouteSegment {
  /** Indices into `hops`. */
  from: number;
  to: number;
  kind: 'uplink' | 'isl' | 'downlink' | 'backhaul';
  /** Straight-line length for radio/laser links; fiber route length (great circle x route factor) for backhaul. */
  distanceKm: number;
  latencyMs: number;
}

export interface RouteOk {
  ok: true;
  oneWayMs: number;
  /** 2 x oneWayMs (same path back). */
  rttMs: number;
  hops: RouteHop[];
  segments: RouteSegment[];
  /** Satellites on the path. */
  satelliteHops: number;
  /** oneWayMs <= routing.maxOneWayLatencyMs (the "served" budget). */
  withinLatencyBudget: boolean;
}
export interface RouteFail {
  ok: false;
  reason: string;
}
export type RouteResult = RouteOk | RouteFail;

function fmtDeg(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** Propagate and build the snapshot for `t` with the given ground query nodes. */
function prepare(ctx: RoutingContext, t: number, ground: readonly GroundQueryPoint[], allowGatewayRelay?: boolean): void {
  ctx.propagator.propagateEcef(t, ctx.positionsEcefKm);
  ctx.snapshot.build(t, ctx.positionsEcefKm, ground, allowGatewayRelay === undefined ? {} : { allowGatewayRelay });
}

function hasGroundLinks(ctx: RoutingContext, node: number): boolean {
  const g = ctx.snapshot.graph;
  return g.offsets[node + 1]! > g.offsets[node]!;
}

/** Turn a node path into hops and segments. `nodes` run from the query point outward. */
function describe(ctx: RoutingContext, nodes: number[], ground: readonly GeoPoint[], endGateway: number): RouteOk {
  const { scenario, catalog, snapshot } = ctx;
  const N = snapshot.satelliteCount;
  const G = snapshot.gatewayCount;
  const pos = snapshot.positionsEcefKm;
  const geo: Geodetic = { latRad: 0, lonRad: 0, heightKm: 0 };
  const hops: RouteHop[] = [];
  const xyz: [number, number, number][] = [];
  for (const v of nodes) {
    if (v < N) {
      ecefToGeodeticInto(pos[3 * v]!, pos[3 * v + 1]!, pos[3 * v + 2]!, geo);
      hops.push({ kind: 'satellite', id: catalog.names[v]!, name: catalog.names[v]!, index: v, latDeg: radToDeg(geo.latRad), lonDeg: radToDeg(geo.lonRad), altKm: geo.heightKm });
      xyz.push([pos[3 * v]!, pos[3 * v + 1]!, pos[3 * v + 2]!]);
    } else if (v < N + G) {
      const g = v - N;
      const gw = scenario.gateways[g]!;
      hops.push({ kind: 'gateway', id: gw.id, name: gw.name, index: g, latDeg: gw.latDeg, lonDeg: gw.lonDeg, altKm: gw.altitudeKm });
      const p = snapshot.gatewayFrames[g]!.posEcefKm;
      xyz.push([p.x, p.y, p.z]);
    } else {
      const k = v - N - G;
      const q = ground[k]!;
      hops.push({ kind: 'ground', id: k === 0 ? 'ground' : `ground-${k}`, name: `${fmtDeg(q.latDeg)}, ${fmtDeg(q.lonDeg)}`, index: -1, latDeg: q.latDeg, lonDeg: q.lonDeg, altKm: q.altKm ?? 0 });
      const p = snapshot.groundFrames[k]!.posEcefKm;
      xyz.push([p.x, p.y, p.z]);
    }
  }
  const segments: RouteSegment[] = [];
  let oneWayMs = 0;
  let satelliteHops = 0;
  const gwProcMs = scenario.latency.gatewayProcessingMs;
  for (let i = 0; i < nodes.length; i++) {
    if (nodes[i]! < N) satelliteHops++;
    if (i === 0) continue;
    const u = nodes[i - 1]!, v = nodes[i]!;
    const a = xyz[i - 1]!, b = xyz[i]!;
    const distanceKm = Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]);
    let kind: RouteSegment['kind'];
    let latencyMs: number;
    if (u < N && v < N) {
      kind = 'isl';
      latencyMs = snapshot.islLinkMs(distanceKm);
    } else if (v < N) {
      kind = 'uplink';
      latencyMs = snapshot.groundLinkMs(distanceKm);
    } else {
      kind = 'downlink';
      // A gateway entered mid-path relays: its processing is booked here. The final gateway's
      // processing is in the backhaul segment.
      latencyMs = snapshot.groundLinkMs(distanceKm) + (v < N + G && i < nodes.length - 1 ? gwProcMs : 0);
    }
    segments.push({ from: i - 1, to: i, kind, distanceKm, latencyMs });
    oneWayMs += latencyMs;
  }
  if (endGateway >= 0) {
    const p = snapshot.backhaul.popIndex[endGateway]!;
    const pop = scenario.pops[p]!;
    hops.push({ kind: 'pop', id: pop.id, name: pop.name, index: p, latDeg: pop.latDeg, lonDeg: pop.lonDeg, altKm: 0 });
    const gcKm = snapshot.backhaul.distanceKm[endGateway]!;
    const latencyMs = fiberLatencyMs(gcKm, scenario.latency) + gwProcMs;
    segments.push({ from: hops.length - 2, to: hops.length - 1, kind: 'backhaul', distanceKm: gcKm * scenario.latency.fiberRouteFactor, latencyMs });
    oneWayMs += latencyMs;
  }
  return { ok: true, oneWayMs, rttMs: 2 * oneWayMs, hops, segments, satelliteHops, withinLatencyBudget: oneWayMs <= scenario.routing.maxOneWayLatencyMs };
}

/**
 * Route from a ground point (user terminal, scenario.terminal mask) to the Internet via the best
 * gateway and its PoP at time `t`. `{gatewayId}` gives that gateway's own backhaul leg to its PoP.
 */
export function routeToPop(ctx: RoutingContext, t: UtcMs | number, from: PopQuery): RouteResult {
  return routeToPopNodes(ctx, t, from).result;
}

function routeToPopNodes(ctx: RoutingContext, t: number, from: PopQuery): { result: RouteResult; nodes: number[] } {
  const { scenario, snapshot } = ctx;
  if ('gatewayId' in from) {
    const g = scenario.gateways.findIndex((gw) => gw.id === from.gatewayId);
    if (g < 0) return { result: { ok: false, reason: `no gateway with id "${from.gatewayId}"` }, nodes: [] };
    if (snapshot.backhaul.popIndex[g]! < 0) return { result: { ok: false, reason: `gateway "${from.gatewayId}" has no PoP to backhaul to` }, nodes: [] };
    prepare(ctx, t, []);
    if (!snapshot.gatewayInService[g]) return { result: { ok: false, reason: `gateway "${from.gatewayId}" is not in service yet` }, nodes: [] };
    return { result: describe(ctx, [snapshot.gatewayNode(g)], [], g), nodes: [snapshot.gatewayNode(g)] };
  }
  const bad = checkPoint(from);
  if (bad) return { result: { ok: false, reason: bad }, nodes: [] };
  if (scenario.gateways.length === 0) return { result: { ok: false, reason: 'the scenario has no gateways' }, nodes: [] };
  if (scenario.pops.length === 0) return { result: { ok: false, reason: 'the scenario has no PoPs for gateways to backhaul to' }, nodes: [] };
  prepare(ctx, t, [from]);
  const user = snapshot.groundNode(0);
  if (!hasGroundLinks(ctx, user)) return { result: { ok: false, reason: `no satellite in view above ${scenario.terminal.minElevationDeg} deg` }, nodes: [] };
  routeSatellitesToInternet(ctx);
  return internetRouteOfGround(ctx, 0, [from]);
}

/** Why two ground points that see satellites have no route between them. */
export function noGroundRouteReason(options: RouterOptions, relay: boolean): string {
  const how = options.bentPipe ? (relay ? 'bent pipe with gateway relays' : 'bent pipe, no gateway relays') : relay ? 'lasers and gateway relays' : 'lasers only';
  return options.maxSatelliteHops === null ? `no path between the two points (${how})` : `no path between the two points within ${options.maxSatelliteHops} satellite hops (${how})`;
}

export function checkPoint(p: GeoPoint): string | null {
  if (!(Math.abs(p.latDeg) <= 90)) return `latitude ${p.latDeg} is outside -90..90 degrees`;
  if (!(Math.abs(p.lonDeg) <= 180)) return `longitude ${p.lonDeg} is outside -180..180 degrees`;
  return null;
}

export interface GroundToGroundOptions {
  /** Allow paths that go down to a gateway and back up (ground relay). Default: scenario.routing.allowGatewayRelay. */
  viaGateways?: boolean;
}

/** Route between two ground terminals at time `t` through the constellation (lasers, and gateway relays when allowed). */
export function routeGroundToGround(ctx: RoutingContext, t: UtcMs | number, from: GeoPoint, to: GeoPoint, opts: GroundToGroundOptions = {}): RouteResult {
  return routeG2gNodes(ctx, t, from, to, opts).result;
}

function routeG2gNodes(ctx: RoutingContext, t: number, from: GeoPoint, to: GeoPoint, opts: GroundToGroundOptions): { result: RouteResult; nodes: number[] } {
  const { scenario, snapshot } = ctx;
  const bad = checkPoint(from) ?? checkPoint(to);
  if (bad) return { result: { ok: false, reason: bad }, nodes: [] };
  const relay = opts.viaGateways ?? ctx.options.groundRelay;
  prepare(ctx, t, [from, to], relay);
  const a = snapshot.groundNode(0);
  const b = snapshot.groundNode(1);
  const mask = scenario.terminal.minElevationDeg;
  if (!hasGroundLinks(ctx, a)) return { result: { ok: false, reason: `no satellite in view above ${mask} deg at the origin` }, nodes: [] };
  if (!hasGroundLinks(ctx, b)) return { result: { ok: false, reason: `no satellite in view above ${mask} deg at the destination` }, nodes: [] };
  const r = ctx.dijkstra.run(snapshot.graph, [a], null, { noTransit: snapshot.noTransit, target: b, maxHops: snapshot.maxHopsToGround });
  if (!(r.distMs[b]! < Infinity)) {
    return { result: { ok: false, reason: noGroundRouteReason(ctx.options, relay) }, nodes: [] };
  }
  const nodes = pathTo(r.prev, b);
  return { result: describe(ctx, nodes, [from, to], -1), nodes };
}

export type RouteQuery =
  | { kind: 'pop'; from: PopQuery }
  | { kind: 'ground'; from: GeoPoint; to: GeoPoint; viaGateways?: boolean };

export interface RouteTimeSeries {
  /** Sample times, UTC ms. */
  tUtcMs: Float64Array;
  /** One-way latency (ms); NaN where there is no path. */
  oneWayMs: Float64Array;
  /** 2 x oneWayMs; NaN where there is no path. */
  rttMs: Float64Array;
  /** 1 where the node path differs from the previous sample's (or the route appears/disappears); 0 at the first sample. */
  pathChanged: Uint8Array;
  /** Satellites on the path; 0 where there is no path. */
  satelliteHops: Int32Array;
}

/**
 * A route time series computed a few samples at a time: `advance(k)` evaluates the next k samples
 * and returns how many are done. Lets a caller (the engine worker) report progress and honour a
 * cancel between chunks while giving exactly the result of one uninterrupted run.
 */
export interface RouteTimeSeriesStepper {
  readonly result: RouteTimeSeries;
  readonly total: number;
  advance(samples: number): number;
}

export function routeTimeSeriesStepper(ctx: RoutingContext, query: RouteQuery, startUtc: UtcMs | number, durationS: number, stepS: number): RouteTimeSeriesStepper {
  if (!(stepS > 0) || !(durationS >= 0)) throw new RangeError(`routeTimeSeries needs stepS > 0 and durationS >= 0 (got ${stepS}, ${durationS})`);
  const n = Math.floor(durationS / stepS + 1e-9) + 1;
  const out: RouteTimeSeries = {
    tUtcMs: new Float64Array(n),
    oneWayMs: new Float64Array(n),
    rttMs: new Float64Array(n),
    pathChanged: new Uint8Array(n),
    satelliteHops: new Int32Array(n),
  };
  let prev: number[] | null = null;
  let done = 0;
  return {
    result: out,
    total: n,
    advance(samples) {
      const stop = Math.min(n, done + Math.max(0, samples));
      for (let i = done; i < stop; i++) {
        const t = startUtc + i * stepS * 1000;
        out.tUtcMs[i] = t;
        const { result, nodes } = query.kind === 'pop' ? routeToPopNodes(ctx, t, query.from) : routeG2gNodes(ctx, t, query.from, query.to, { viaGateways: query.viaGateways });
        const cur = result.ok ? nodes : null;
        out.oneWayMs[i] = result.ok ? result.oneWayMs : NaN;
        out.rttMs[i] = result.ok ? result.rttMs : NaN;
        out.satelliteHops[i] = result.ok ? result.satelliteHops : 0;
        out.pathChanged[i] = i > 0 && !samePath(prev, cur) ? 1 : 0;
        prev = cur;
      }
      done = stop;
      return done;
    },
  };
}

/** Evaluate `query` every `stepS` seconds over [startUtc, startUtc + durationS] (both ends included when the step divides the window). */
export function routeTimeSeries(ctx: RoutingContext, query: RouteQuery, startUtc: UtcMs | number, durationS: number, stepS: number): RouteTimeSeries {
  const stepper = routeTimeSeriesStepper(ctx, query, startUtc, durationS, stepS);
  stepper.advance(stepper.total);
  return stepper.result;
}

function samePath(a: number[] | null, b: number[] | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `describe` for batch routing (batch.ts), which routes many pairs on one step graph: ground node N+G+k is `ground[k]`. */
export { describe as describeRoute };
