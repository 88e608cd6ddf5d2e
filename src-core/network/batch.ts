// Batch routing: many (from, to) pairs over a window of time steps, in one pass per step.
//
// A single route query (route.ts) propagates the constellation, builds the step graph and runs one
// Dijkstra: about 1.5-3 ms on full Kuiper, so 100 pairs x 200 steps would take a minute. Here each
// step propagates once, builds ONE graph carrying every endpoint of the step as a ground query node,
// and then runs
//   - one run of the Internet router (router.ts) for every "to the Internet" pair, picked per
//     pair exactly as route.ts's routeToPop picks (internetRouteOfGround);
//   - for ground-to-ground pairs, one full single-source Dijkstra per origin with more than
//     TARGETED_MAX destinations (a city matrix), else one guided search (A*, TargetSearch) per
//     pair, which settles the nodes heading towards the destination instead of a whole ball.
// The results equal route.ts's routeToPop / routeGroundToGround for the same pair and time
// (to the Internet: the same code on the same labels; ground to ground):
//   - ground query nodes never relay (noTransit), so extra ones change no other node's label;
//   - the heap pops in (key, node id) order whatever the insertion order, so a run without a
//     target settles every node exactly as a run that stops at that node would;
//   - A* with a consistent lower bound settles the target at its shortest latency, along the
//     same path unless two paths tie exactly (floating-point latencies of different paths);
//   - the path is described by route.ts's own describeRoute (same hops, segments, sums).
// batch.test.ts compares every pair and step with route.ts (1e-9 ms, identical hop lists).
// Only the ground hops' ids/names are remapped: "ground" (origin) and "ground-1" (destination),
// as route.ts names them, and the caller's label as the name.
import type { UtcMs } from '../units';
import { IndexedHeap, pathTo, type CsrGraph } from './graph';
import { checkPoint, describeRoute, internetRouteOfGround, noGroundRouteReason, routeSatellitesToInternet, type GeoPoint, type RouteResult, type RoutingContext } from './route';

export interface BatchPair {
  from: GeoPoint;
  /** A ground point (ground to ground, like routeGroundToGround) or "pop" (to the Internet via the best gateway, like routeToPop). */
  to: GeoPoint | 'pop';
  /** Names for the ground hops (default: "lat, lon" as route.ts writes them). */
  fromLabel?: string;
  toLabel?: string;
}

export interface BatchStep {
  step: number;
  t: number;
  /** One result per pair, in pair order. */
  results: RouteResult[];
}

/** Origins with at most this many destinations get one guided search per destination; more share one full Dijkstra. */
const TARGETED_MAX = 3;

function pointKey(p: GeoPoint): string {
  return `${p.latDeg},${p.lonDeg},${p.altKm ?? 0}`;
}

/** Sample times of a window, as routeTimeSeries takes them: [start, start + duration] every step. */
export function batchTimes(startUtc: UtcMs | number, durationS: number, stepS: number): number[] {
  if (!(stepS > 0) || !(durationS >= 0)) throw new RangeError(`batch routing needs stepS > 0 and durationS >= 0 (got ${stepS}, ${durationS})`);
  const n = Math.floor(durationS / stepS + 1e-9) + 1;
  return Array.from({ length: n }, (_, i) => startUtc + i * stepS * 1000);
}

/**
 * Point-to-point search guided towards the target (A*): keys are latency so far plus a lower
 * bound on the latency left, the straight-line distance to the target at the speed of light in
 * vacuum (every link is at least that long and adds processing on top, so the bound is
 * consistent). Same labels, relay rule and hop limit as graph.ts's Dijkstra; with a consistent
 * bound the target is settled with the same latency and, unless two paths tie exactly, the same
 * path, after settling only the nodes that head its way. batch.test.ts checks it against
 * route.ts pair by pair.
 */
class TargetSearch {
  dist = new Float64Array(0);
  prev = new Int32Array(0);
  private key = new Float64Array(0);
  private hops = new Int32Array(0);
  private origin = new Int32Array(0);
  private heap = new IndexedHeap(0, this.key);
  private xyz = new Float64Array(0);

  /** Node positions (ECEF km, 3V) for this step's graph. */
  setPositions(V: number, fill: (xyz: Float64Array) => void): void {
    if (this.dist.length < V) {
      this.dist = new Float64Array(V);
      this.prev = new Int32Array(V);
      this.key = new Float64Array(V);
      this.hops = new Int32Array(V);
      this.origin = new Int32Array(V);
      this.heap = new IndexedHeap(V, this.key);
      this.xyz = new Float64Array(3 * V);
    }
    fill(this.xyz);
  }

  run(g: CsrGraph, source: number, target: number, noTransit: Uint8Array, maxHops: number, msPerKm: number): void {
    const V = g.nodeCount;
    const { dist, prev, key, hops, origin, heap, xyz } = this;
    dist.fill(Infinity, 0, V);
    prev.fill(-1, 0, V);
    origin.fill(-1, 0, V);
    hops.fill(0, 0, V);
    heap.clear();
    // Shaved by 1e-9 relative so that rounding can never make the bound exceed a true latency.
    const scale = msPerKm * (1 - 1e-9);
    const tx = xyz[3 * target]!, ty = xyz[3 * target + 1]!, tz = xyz[3 * target + 2]!;
    const h = (v: number): number => {
      const dx = xyz[3 * v]! - tx, dy = xyz[3 * v + 1]! - ty, dz = xyz[3 * v + 2]! - tz;
      return Math.sqrt(dx * dx + dy * dy + dz * dz) * scale;
    };
    dist[source] = 0;
    origin[source] = source;
    key[source] = h(source);
    heap.pushOrDecrease(source);
    const { offsets, targets, weightsMs } = g;
    while (heap.size > 0) {
      const u = heap.pop();
      if (u === target) break;
      if (noTransit[u] && origin[u] !== u) continue;
      const du = dist[u]!;
      const hu = hops[u]! + 1;
      if (hu > maxHops) continue;
      for (let k = offsets[u]!, end = offsets[u + 1]!; k < end; k++) {
        const v = targets[k]!;
        const nd = du + weightsMs[k]!;
        if (nd < dist[v]! && !(noTransit[v] && origin[v] === v)) {
          dist[v] = nd;
          prev[v] = u;
          origin[v] = source;
          hops[v] = hu;
          key[v] = nd + h(v);
          heap.pushOrDecrease(v);
        }
      }
    }
  }
}

/**
 * Route every pair at every time in `times`; `onStep` receives each step's results as soon as they
 * are computed (so a caller can stream them out). Uses ctx's propagator, snapshot and Dijkstra.
 */
export function routeBatch(ctx: RoutingContext, pairs: readonly BatchPair[], times: readonly number[], onStep: (s: BatchStep) => void): void {
  const { scenario, snapshot } = ctx;
  const N = snapshot.satelliteCount;

  // Distinct valid endpoints become the step graph's ground nodes (N + G + k).
  const ground: GeoPoint[] = [];
  const index = new Map<string, number>();
  const nodeOf = (p: GeoPoint, salt = ''): number => {
    const key = pointKey(p) + salt;
    let k = index.get(key);
    if (k === undefined) {
      k = ground.length;
      ground.push(p);
      index.set(key, k);
    }
    return k;
  };
  type Plan = { kind: 'fail'; reason: string } | { kind: 'pop'; a: number } | { kind: 'ground'; a: number; b: number };
  const plans: Plan[] = pairs.map((p) => {
    const bad = checkPoint(p.from) ?? (p.to === 'pop' ? null : checkPoint(p.to));
    if (bad) return { kind: 'fail', reason: bad };
    if (p.to === 'pop') {
      if (scenario.gateways.length === 0) return { kind: 'fail', reason: 'the scenario has no gateways' };
      if (scenario.pops.length === 0) return { kind: 'fail', reason: 'the scenario has no PoPs for gateways to backhaul to' };
      return { kind: 'pop', a: nodeOf(p.from) };
    }
    // A pair from a place to itself still gets two nodes (as route.ts builds them).
    const a = nodeOf(p.from);
    return { kind: 'ground', a, b: pointKey(p.to) === pointKey(p.from) ? nodeOf(p.to, '#to') : nodeOf(p.to) };
  });
  // Ground-to-ground pairs grouped by origin: one search per origin serves all its destinations.
  const byOrigin = new Map<number, number[]>();
  plans.forEach((pl, i) => {
    if (pl.kind !== 'ground') return;
    const list = byOrigin.get(pl.a);
    if (list) list.push(i);
    else byOrigin.set(pl.a, [i]);
  });
  const anyPop = plans.some((pl) => pl.kind === 'pop');
  const relay = ctx.options.groundRelay;
  const mask = scenario.terminal.minElevationDeg;
  const noPath = (): string => noGroundRouteReason(ctx.options, relay);
  const hasLinks = (node: number): boolean => snapshot.graph.offsets[node + 1]! > snapshot.graph.offsets[node]!;

  const labelled = (r: RouteResult, pair: BatchPair, ends: 1 | 2): RouteResult => {
    if (!r.ok) return r;
    let seen = 0;
    for (const h of r.hops) {
      if (h.kind !== 'ground') continue;
      const isFrom = seen === 0;
      h.id = isFrom ? 'ground' : 'ground-1';
      const label = isFrom ? pair.fromLabel : pair.toLabel;
      if (label !== undefined) h.name = label;
      seen++;
    }
    if (seen !== ends) throw new Error(`batch route: expected ${ends} ground hop(s), found ${seen}`);
    return r;
  };

  const search = new TargetSearch();
  const msPerKm = 1000 / scenario.latency.vacuumKmPerS;
  const N3 = 3 * N;
  const G = snapshot.gatewayCount;
  for (let step = 0; step < times.length; step++) {
    const t = times[step]!;
    const results: RouteResult[] = new Array(pairs.length);
    ctx.propagator.propagateEcef(t, ctx.positionsEcefKm);
    snapshot.build(t, ctx.positionsEcefKm, ground, { allowGatewayRelay: relay });

    for (let i = 0; i < plans.length; i++) {
      const pl = plans[i]!;
      if (pl.kind === 'fail') results[i] = { ok: false, reason: pl.reason };
    }

    if (anyPop) {
      routeSatellitesToInternet(ctx);
      for (let i = 0; i < plans.length; i++) {
        const pl = plans[i]!;
        if (pl.kind !== 'pop') continue;
        if (!hasLinks(snapshot.groundNode(pl.a))) {
          results[i] = { ok: false, reason: `no satellite in view above ${mask} deg` };
        } else {
          results[i] = labelled(internetRouteOfGround(ctx, pl.a, ground).result, pairs[i]!, 1);
        }
      }
    }

    if (byOrigin.size > 0) {
      search.setPositions(snapshot.graph.nodeCount, (xyz) => {
        xyz.set(ctx.positionsEcefKm.subarray(0, N3));
        for (let g = 0; g < G; g++) {
          const p = snapshot.gatewayFrames[g]!.posEcefKm;
          xyz[N3 + 3 * g] = p.x; xyz[N3 + 3 * g + 1] = p.y; xyz[N3 + 3 * g + 2] = p.z;
        }
        for (let k = 0; k < ground.length; k++) {
          const p = snapshot.groundFrames[k]!.posEcefKm;
          const o = N3 + 3 * (G + k);
          xyz[o] = p.x; xyz[o + 1] = p.y; xyz[o + 2] = p.z;
        }
      });
    }
    for (const [k, members] of byOrigin) {
      const a = snapshot.groundNode(k);
      if (!hasLinks(a)) {
        for (const i of members) results[i] = { ok: false, reason: `no satellite in view above ${mask} deg at the origin` };
        continue;
      }
      if (members.length <= TARGETED_MAX) {
        for (const i of members) {
          const b = snapshot.groundNode((plans[i] as { b: number }).b);
          if (!hasLinks(b)) {
            results[i] = { ok: false, reason: `no satellite in view above ${mask} deg at the destination` };
            continue;
          }
          search.run(snapshot.graph, a, b, snapshot.noTransit, snapshot.maxHopsToGround, msPerKm);
          results[i] = search.dist[b]! < Infinity ? labelled(describeRoute(ctx, pathTo(search.prev, b), ground, -1), pairs[i]!, 2) : { ok: false, reason: noPath() };
        }
        continue;
      }
      // One destination: stop there (the same run route.ts makes); several: settle everything.
      const single = members.length === 1 ? snapshot.groundNode((plans[members[0]!] as { b: number }).b) : undefined;
      const r = ctx.dijkstra.run(snapshot.graph, [a], null, { noTransit: snapshot.noTransit, maxHops: snapshot.maxHopsToGround, ...(single === undefined ? {} : { target: single }) });
      for (const i of members) {
        const b = snapshot.groundNode((plans[i] as { b: number }).b);
        if (!hasLinks(b)) {
          results[i] = { ok: false, reason: `no satellite in view above ${mask} deg at the destination` };
        } else if (!(r.distMs[b]! < Infinity)) {
          results[i] = { ok: false, reason: noPath() };
        } else {
          results[i] = labelled(describeRoute(ctx, pathTo(r.prev, b), ground, -1), pairs[i]!, 2);
        }
      }
    }
    onStep({ step, t, results });
  }
}
