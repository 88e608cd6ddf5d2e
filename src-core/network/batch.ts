// Batch routing: many (from, to) pairs over a window of time steps, in one pass per step.
//
// A single route query (route.ts) propagates the constellation, builds the step graph and runs one
// Dijkstra: about 1.5-3 ms on full Kuiper, so 100 pairs x 200 steps would take a minute. Here each
// step propagates once, builds ONE graph carrying every endpoint of the step as a ground query node,
// and then runs
//   - one multi-source Dijkstra from all gateways (no target) for every "to the Internet" pair, and
//   - one single-source Dijkstra per distinct origin for ground-to-ground pairs.
// The results equal route.ts's routeToPop / routeGroundToGround for the same pair and time:
//   - ground query nodes never relay (noTransit), so extra ones change no other node's label;
//   - the heap pops in (latency, node id) order whatever the insertion order, so a run without a
//     target settles every node exactly as a run that stops at that node would;
//   - the path is described by route.ts's own describeRoute (same hops, segments, sums).
// Only the ground hops' ids/names are remapped: "ground" (origin) and "ground-1" (destination),
// as route.ts names them, and the caller's label as the name.
import type { UtcMs } from '../units';
import { pathTo } from './graph';
import { describeRoute, type GeoPoint, type RouteResult, type RoutingContext } from './route';

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

function checkPoint(p: GeoPoint): string | null {
  if (!(Math.abs(p.latDeg) <= 90)) return `latitude ${p.latDeg} is outside -90..90 degrees`;
  if (!(Math.abs(p.lonDeg) <= 180)) return `longitude ${p.lonDeg} is outside -180..180 degrees`;
  return null;
}

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
  const relay = scenario.routing.allowGatewayRelay;
  const mask = scenario.terminal.minElevationDeg;
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
      const r = ctx.dijkstra.run(snapshot.graph, snapshot.gatewaySources, snapshot.backhaul.backhaulMs, { noTransit: snapshot.noTransit, maxHops: snapshot.maxHopsToGround });
      for (let i = 0; i < plans.length; i++) {
        const pl = plans[i]!;
        if (pl.kind !== 'pop') continue;
        const user = snapshot.groundNode(pl.a);
        if (!hasLinks(user)) {
          results[i] = { ok: false, reason: `no satellite in view above ${mask} deg` };
        } else if (!(r.distMs[user]! < Infinity)) {
          results[i] = { ok: false, reason: scenario.routing.bentPipeOnly ? 'no path to a gateway (bent pipe only: no gateway sees a satellite the user sees)' : `no path to a gateway within ${scenario.routing.maxSatelliteHops} satellite hops` };
        } else {
          const nodes = pathTo(r.prev, user).reverse();
          const endGateway = nodes[nodes.length - 1]! - N;
          results[i] = labelled(describeRoute(ctx, nodes, ground, endGateway), pairs[i]!, 1);
        }
      }
    }

    for (const [k, members] of byOrigin) {
      const a = snapshot.groundNode(k);
      if (!hasLinks(a)) {
        for (const i of members) results[i] = { ok: false, reason: `no satellite in view above ${mask} deg at the origin` };
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
          const how = scenario.routing.bentPipeOnly ? (relay ? 'bent pipe with gateway relays' : 'bent pipe, no gateway relays') : relay ? 'lasers and gateway relays' : 'lasers only';
          results[i] = { ok: false, reason: `no path between the two points within ${scenario.routing.maxSatelliteHops} satellite hops (${how})` };
        } else {
          results[i] = labelled(describeRoute(ctx, pathTo(r.prev, b), ground, -1), pairs[i]!, 2);
        }
      }
    }
    onStep({ step, t, results });
  }
}
