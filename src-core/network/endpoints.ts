// Routes between two named ends: a ground point, a gateway or a PoP. The one place that says
// what "from A to B" means, with the meanings of the CLI's `route --from A --to B`
// (src-main/cli/commands/route.ts), so the app and the CLI give the same path and latency for the
// same pair and time:
//   point   -> point     ground to ground over the constellation (routeGroundToGround; gateway
//                        relays as scenario.routing.allowGatewayRelay says)
//   gateway -> point     the same, from the gateway's position as a terminal
//   point   -> gateway   the path to that gateway only (its backhaul leg left out)
//   point   -> PoP       the Internet path with egress forced at that PoP (every gateway's
//                        backhaul goes there over fiber)
//   gateway -> PoP       that gateway's backhaul to the PoP
// and, for pairs the CLI does not take:
//   gateway -> gateway   ground to ground between the two gateway positions
//   PoP -> X             the X -> PoP path, reversed (RTT is symmetric: the same path back)
//   PoP -> PoP           refused (that is terrestrial fiber, not this network)
// Scenario variants (a forced PoP, one gateway) get routing contexts of their own that share the
// base context's catalogue and propagator; a router keeps the last few.
import type { Scenario } from '../scenario/schema';
import type { UtcMs } from '../units';
import { createRoutingContextFrom, routeGroundToGround, routeToPop, type GeoPoint, type RouteOk, type RouteResult, type RouteTimeSeries, type RouteTimeSeriesStepper, type RoutingContext } from './route';

export type RouteEnd = { kind: 'point'; latDeg: number; lonDeg: number; altKm?: number } | { kind: 'gateway'; id: string } | { kind: 'pop'; id: string };

/** How a pair of ends is routed (see the header). */
export type RoutePlan =
  | { kind: 'ground'; from: GeoPoint; to: GeoPoint; reverse: boolean }
  | { kind: 'pop'; variant: { popId: string } | { gatewayId: string } | null; from: GeoPoint | { gatewayId: string }; dropBackhaul: boolean; reverse: boolean };

export type RoutePlanResult = { ok: true; plan: RoutePlan } | { ok: false; reason: string };

/** A short description of an end for messages. */
export function describeEnd(e: RouteEnd): string {
  if (e.kind === 'point') return `${e.latDeg},${e.lonDeg}`;
  return `${e.kind === 'gateway' ? 'gateway' : 'PoP'} "${e.id}"`;
}

/** What routing `from` -> `to` means in `scenario`, or why it cannot be routed. */
export function planRoute(scenario: Scenario, from: RouteEnd, to: RouteEnd): RoutePlanResult {
  for (const e of [from, to]) {
    if (e.kind === 'gateway' && !scenario.gateways.some((g) => g.id === e.id)) return { ok: false, reason: `${describeEnd(e)} is not in the scenario` };
    if (e.kind === 'pop' && !scenario.pops.some((p) => p.id === e.id)) return { ok: false, reason: `${describeEnd(e)} is not in the scenario` };
    if (e.kind === 'point' && !(Math.abs(e.latDeg) <= 90 && Math.abs(e.lonDeg) <= 180)) return { ok: false, reason: `${describeEnd(e)} is not a valid latitude, longitude (within ±90, ±180 degrees)` };
  }
  if (from.kind === 'pop' && to.kind === 'pop') return { ok: false, reason: 'both ends are PoPs: PoPs are joined by terrestrial fiber, not by this network; make one end a place or a gateway' };
  if (from.kind !== 'point' && from.kind === to.kind && from.id === to.id) return { ok: false, reason: `both ends are the same ${from.kind === 'gateway' ? 'gateway' : 'PoP'}` };
  if (from.kind === 'pop') {
    const r = planRoute(scenario, to, from);
    return r.ok ? { ok: true, plan: { ...r.plan, reverse: true } } : r;
  }
  const pointOf = (e: RouteEnd): GeoPoint => {
    if (e.kind === 'point') return e.altKm === undefined ? { latDeg: e.latDeg, lonDeg: e.lonDeg } : { latDeg: e.latDeg, lonDeg: e.lonDeg, altKm: e.altKm };
    const g = scenario.gateways.find((x) => x.id === (e as { id: string }).id)!;
    return { latDeg: g.latDeg, lonDeg: g.lonDeg, altKm: g.altitudeKm };
  };
  if (to.kind === 'point' || (to.kind === 'gateway' && from.kind === 'gateway')) return { ok: true, plan: { kind: 'ground', from: pointOf(from), to: pointOf(to), reverse: false } };
  const src = from.kind === 'gateway' ? { gatewayId: from.id } : pointOf(from);
  if (to.kind === 'gateway') return { ok: true, plan: { kind: 'pop', variant: { gatewayId: to.id }, from: src, dropBackhaul: true, reverse: false } };
  return { ok: true, plan: { kind: 'pop', variant: { popId: to.id }, from: src, dropBackhaul: false, reverse: false } };
}

/** The scenario a PoP-bound plan routes in: every gateway backhauled to one PoP, or one gateway only (as the CLI does). */
export function planScenario(scenario: Scenario, variant: { popId: string } | { gatewayId: string } | null): Scenario {
  if (!variant) return scenario;
  if ('popId' in variant) return { ...scenario, gateways: scenario.gateways.map((g) => ({ ...g, popId: variant.popId })) };
  return { ...scenario, gateways: scenario.gateways.filter((g) => g.id === variant.gatewayId) };
}

/** The same route walked the other way: hops reversed, segments re-indexed, the same latencies. */
export function reverseRoute(r: RouteOk): RouteOk {
  const n = r.hops.length;
  return {
    ...r,
    hops: r.hops.slice().reverse(),
    segments: r.segments
      .slice()
      .reverse()
      .map((s) => ({ ...s, from: n - 1 - s.to, to: n - 1 - s.from, kind: s.kind === 'uplink' ? 'downlink' : s.kind === 'downlink' ? 'uplink' : s.kind })),
  };
}

function withoutBackhaul(r: RouteOk, scenario: Scenario): RouteOk {
  const segments = r.segments.filter((s) => s.kind !== 'backhaul');
  const hops = r.hops.filter((h) => h.kind !== 'pop');
  const oneWayMs = segments.reduce((a, s) => a + s.latencyMs, 0);
  return { ...r, segments, hops, oneWayMs, rttMs: 2 * oneWayMs, withinLatencyBudget: oneWayMs <= scenario.routing.maxOneWayLatencyMs };
}

/** Routes between ends on one base routing context; keeps contexts for the scenario variants it needed. */
export class EndToEndRouter {
  private readonly variants = new Map<string, RoutingContext>();

  constructor(readonly base: RoutingContext) {}

  private contextFor(variant: { popId: string } | { gatewayId: string } | null): RoutingContext {
    if (!variant) return this.base;
    const key = JSON.stringify(variant);
    let ctx = this.variants.get(key);
    if (!ctx) {
      // A handful at most (the route panel asks for one pair at a time); drop the oldest.
      if (this.variants.size >= 4) this.variants.delete(this.variants.keys().next().value!);
      ctx = createRoutingContextFrom(planScenario(this.base.scenario, variant), this.base.catalog, this.base.propagator, this.base.options);
      this.variants.set(key, ctx);
    }
    return ctx;
  }

  /** The route from `from` to `to` at time `t`. */
  route(t: UtcMs | number, from: RouteEnd, to: RouteEnd): RouteResult {
    const p = planRoute(this.base.scenario, from, to);
    if (!p.ok) return { ok: false, reason: p.reason };
    return this.routePlan(t, p.plan);
  }

  routePlan(t: UtcMs | number, plan: RoutePlan): RouteResult {
    let r: RouteResult;
    if (plan.kind === 'ground') r = routeGroundToGround(this.base, t, plan.from, plan.to, {});
    else {
      const ctx = this.contextFor(plan.variant);
      r = routeToPop(ctx, t, plan.from);
      if (r.ok && plan.dropBackhaul) r = withoutBackhaul(r, ctx.scenario);
    }
    return r.ok && plan.reverse ? reverseRoute(r) : r;
  }

  /** The route every `stepS` over [startUtc, startUtc + durationS], computed a few samples at a time (see routeTimeSeriesStepper). */
  timeSeriesStepper(from: RouteEnd, to: RouteEnd, startUtc: UtcMs | number, durationS: number, stepS: number): RouteTimeSeriesStepper {
    if (!(stepS > 0) || !(durationS >= 0)) throw new RangeError(`a route time series needs stepS > 0 and durationS >= 0 (got ${stepS}, ${durationS})`);
    const p = planRoute(this.base.scenario, from, to);
    if (!p.ok) throw new RangeError(p.reason);
    const plan = p.plan;
    const n = Math.floor(durationS / stepS + 1e-9) + 1;
    const out: RouteTimeSeries = { tUtcMs: new Float64Array(n), oneWayMs: new Float64Array(n), rttMs: new Float64Array(n), pathChanged: new Uint8Array(n), satelliteHops: new Int32Array(n) };
    let prev: string | null = null;
    let done = 0;
    return {
      result: out,
      total: n,
      advance: (samples) => {
        const stop = Math.min(n, done + Math.max(0, samples));
        for (let i = done; i < stop; i++) {
          const t = startUtc + i * stepS * 1000;
          out.tUtcMs[i] = t;
          const r = this.routePlan(t, plan);
          const key = r.ok ? r.hops.map((h) => `${h.kind}:${h.index}`).join(' ') : null;
          out.oneWayMs[i] = r.ok ? r.oneWayMs : NaN;
          out.rttMs[i] = r.ok ? r.rttMs : NaN;
          out.satelliteHops[i] = r.ok ? r.satelliteHops : 0;
          out.pathChanged[i] = i > 0 && key !== prev ? 1 : 0;
          prev = key;
        }
        done = stop;
        return done;
      },
    };
  }
}
