// Route queries on a real Kuiper snapshot: geometry, optimality, monotonicity, errors.
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src-core/constellation/catalog';
import { lookAngles, geodeticToEcef } from '../../../src-core/frames';
import { Dijkstra } from '../../../src-core/network/graph';
import { groundFrame, visibleSatellites } from '../../../src-core/network/ground';
import { createRoutingContext, createRoutingContextFrom, routeGroundToGround, routeTimeSeries, routeToPop, type RouteOk } from '../../../src-core/network/route';
import { NetworkSnapshot } from '../../../src-core/network/snapshot';
import { Propagator } from '../../../src-core/orbit/propagator';
import type { Scenario } from '../../../src-core/scenario/schema';
import { GATEWAYS, kuiperScenario, T0_MS } from './fixtures';

const C = 299792.458;
const d2r = Math.PI / 180;
// Built once: the catalogue and SGP4 records are read-only; every test makes its own context.
const base = buildCatalog(kuiperScenario());
const ctxFor = (s: Scenario) => createRoutingContextFrom(s, base.catalog, new Propagator(base.satrecs));

function ok(r: ReturnType<typeof routeToPop>): RouteOk {
  if (!r.ok) throw new Error(`expected a route, got: ${r.reason}`);
  return r;
}

const ecef = (latDeg: number, lonDeg: number, h = 0) => geodeticToEcef({ latRad: latDeg * d2r, lonRad: lonDeg * d2r, heightKm: h });
const distKm = (a: { x: number; y: number; z: number }, b: ArrayLike<number>, i: number) => Math.hypot(a.x - b[3 * i]!, a.y - b[3 * i + 1]!, a.z - b[3 * i + 2]!);

describe('routeToPop', () => {
  it('bent pipe: latency = (slant up + slant down)/c + processing + backhaul, and is the best such pair', () => {
    const s = kuiperScenario({ routing: { bentPipeOnly: true } });
    const ctx = ctxFor(s);
    const user = { latDeg: 45.0, lonDeg: -118.0 };
    let checked = 0;
    for (const dtS of [0, 60, 300, 1234]) {
      const t = T0_MS + dtS * 1000;
      const r = routeToPop(ctx, t, user);
      if (!r.ok) continue;
      checked++;
      expect(r.satelliteHops).toBe(1);
      expect(r.hops.map((h) => h.kind)).toEqual(['ground', 'satellite', 'gateway', 'pop']);
      expect(r.segments.map((x) => x.kind)).toEqual(['uplink', 'downlink', 'backhaul']);
      const pos = new Propagator(base.satrecs).positionsEcefKm(t);
      const sat = r.hops[1]!.index;
      const g = r.hops[2]!.index;
      const gw = s.gateways[g]!;
      const up = distKm(ecef(user.latDeg, user.lonDeg), pos, sat);
      const down = distKm(ecef(gw.latDeg, gw.lonDeg, gw.altitudeKm), pos, sat);
      const bh = ctx.snapshot.backhaul.backhaulMs[g]!;
      const want = ((up + down) / C) * 1000 + 2 * s.latency.perHopProcessingMs + bh;
      expect(Math.abs(r.oneWayMs - want)).toBeLessThan(1e-9);
      expect(r.rttMs).toBe(2 * r.oneWayMs);
      // Brute force over every (visible satellite, gateway) pair.
      let best = Infinity;
      const uf = groundFrame(user.latDeg, user.lonDeg);
      for (let i = 0; i < base.catalog.count; i++) {
        const p = { x: pos[3 * i]!, y: pos[3 * i + 1]!, z: pos[3 * i + 2]! };
        const lu = lookAngles(uf, p);
        if (lu.elevationRad < s.terminal.minElevationDeg * d2r) continue;
        s.gateways.forEach((gw2, j) => {
          const lg = lookAngles(groundFrame(gw2.latDeg, gw2.lonDeg, gw2.altitudeKm), p);
          if (lg.elevationRad < gw2.minElevationDeg * d2r) return;
          best = Math.min(best, ((lu.rangeKm + lg.rangeKm) / C) * 1000 + 2 * s.latency.perHopProcessingMs + ctx.snapshot.backhaul.backhaulMs[j]!);
        });
      }
      expect(Math.abs(r.oneWayMs - best)).toBeLessThan(1e-9);
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });

  it('with lasers: segments add up, RTT is twice one-way, hops are consistent and never worse than bent pipe', () => {
    const s = kuiperScenario();
    const ctx = ctxFor(s);
    const bent = ctxFor(kuiperScenario({ routing: { bentPipeOnly: true } }));
    for (const user of [{ latDeg: 45, lonDeg: -118 }, { latDeg: 40.7, lonDeg: -74.0 }, { latDeg: 21.3, lonDeg: -157.8 }, { latDeg: 48.9, lonDeg: 2.35 }]) {
      const r = ok(routeToPop(ctx, T0_MS, user));
      const sum = r.segments.reduce((a, x) => a + x.latencyMs, 0);
      expect(Math.abs(sum - r.oneWayMs)).toBeLessThan(1e-9);
      expect(r.rttMs).toBe(2 * r.oneWayMs);
      expect(r.hops[0]!.kind).toBe('ground');
      expect(r.hops.at(-1)!.kind).toBe('pop');
      expect(r.hops.at(-2)!.kind).toBe('gateway');
      expect(r.segments).toHaveLength(r.hops.length - 1);
      expect(r.satelliteHops).toBe(r.hops.filter((h) => h.kind === 'satellite').length);
      expect(r.satelliteHops).toBeLessThanOrEqual(s.routing.maxSatelliteHops);
      for (const h of r.hops.filter((x) => x.kind === 'satellite')) {
        expect(h.altKm).toBeGreaterThan(550);
        expect(h.altKm).toBeLessThan(670);
      }
      const rb = routeToPop(bent, T0_MS, user);
      if (rb.ok) expect(r.oneWayMs).toBeLessThanOrEqual(rb.oneWayMs + 1e-9);
      // Matches the coverage-style search: multi-source from gateways + best uplink.
      ctx.propagator.propagateEcef(T0_MS, ctx.positionsEcefKm);
      const snap = ctx.snapshot;
      snap.build(T0_MS, ctx.positionsEcefKm);
      const dist = new Dijkstra().run(snap.graph, snap.gatewaySources, snap.backhaul.backhaulMs, { noTransit: snap.noTransit, maxHops: snap.maxHopsToGround - 1 }).distMs;
      const idx = new Int32Array(base.catalog.count), sl = new Float64Array(base.catalog.count);
      const n = visibleSatellites(groundFrame(user.latDeg, user.lonDeg), ctx.positionsEcefKm, s.terminal.minElevationDeg, null, idx, sl, null, snap.satelliteUsable);
      let best = Infinity;
      for (let k = 0; k < n; k++) best = Math.min(best, dist[idx[k]!]! + snap.groundLinkMs(sl[k]!));
      expect(Math.abs(best - r.oneWayMs)).toBeLessThan(1e-9);
    }
  });

  it('mid-ocean: lasers reach a gateway where bent pipe cannot', () => {
    const ocean = { latDeg: 30, lonDeg: -150 };
    const r = ok(routeToPop(ctxFor(kuiperScenario()), T0_MS, ocean));
    expect(r.satelliteHops).toBeGreaterThan(1);
    expect(r.segments.some((x) => x.kind === 'isl')).toBe(true);
    const b = routeToPop(ctxFor(kuiperScenario({ routing: { bentPipeOnly: true } })), T0_MS, ocean);
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.reason).toMatch(/no path to a gateway/);
  });

  it('monotonicity: adding a gateway never increases latency', () => {
    const users = [{ latDeg: 45, lonDeg: -118 }, { latDeg: 35, lonDeg: -90 }, { latDeg: 30, lonDeg: -150 }, { latDeg: 52, lonDeg: 13.4 }, { latDeg: -37.8, lonDeg: 145 }, { latDeg: 10, lonDeg: 60 }];
    const times = [0, 400, 2000].map((s) => T0_MS + s * 1000);
    let prev: number[] | null = null;
    for (let k = 2; k <= GATEWAYS.length; k++) {
      const ctx = ctxFor(kuiperScenario({ gateways: GATEWAYS.slice(0, k) }));
      const cur: number[] = [];
      for (const t of times) for (const u of users) {
        const r = routeToPop(ctx, t, u);
        cur.push(r.ok ? r.oneWayMs : Infinity);
      }
      if (prev) cur.forEach((x, i) => expect(x).toBeLessThanOrEqual(prev![i]! + 1e-9));
      prev = cur;
    }
    expect(prev!.filter(Number.isFinite).length).toBeGreaterThan(10);
  });

  it('without gateway relay a PoP route touches exactly one gateway', () => {
    const ctx = ctxFor(kuiperScenario({ routing: { allowGatewayRelay: false } }));
    for (const user of [{ latDeg: 30, lonDeg: -150 }, { latDeg: 35, lonDeg: -90 }, { latDeg: -20, lonDeg: 170 }]) {
      const r = routeToPop(ctx, T0_MS, user);
      if (r.ok) expect(r.hops.filter((h) => h.kind === 'gateway')).toHaveLength(1);
    }
  });

  it('{gatewayId}: the gateway backhaul leg alone', () => {
    const ctx = ctxFor(kuiperScenario());
    const r = ok(routeToPop(ctx, T0_MS, { gatewayId: 'gw-seattle' }));
    expect(r.hops.map((h) => h.kind)).toEqual(['gateway', 'pop']);
    expect(r.hops[1]!.id).toBe('us-west-2');
    expect(r.segments[0]!.kind).toBe('backhaul');
    expect(r.oneWayMs).toBe(ctx.snapshot.backhaul.backhaulMs[0]);
    expect(r.satelliteHops).toBe(0);
  });

  it('errors for impossible queries', () => {
    const ctx = ctxFor(kuiperScenario());
    const polar = routeToPop(ctx, T0_MS, { latDeg: 88, lonDeg: 0 });
    expect(polar).toEqual({ ok: false, reason: 'no satellite in view above 35 deg' });
    expect(routeToPop(ctx, T0_MS, { gatewayId: 'nope' })).toEqual({ ok: false, reason: 'no gateway with id "nope"' });
    expect(routeToPop(ctx, T0_MS, { latDeg: 95, lonDeg: 0 }).ok).toBe(false);
    const noGw = routeToPop(ctxFor(kuiperScenario({ gateways: [] })), T0_MS, { latDeg: 45, lonDeg: -118 });
    expect(noGw).toEqual({ ok: false, reason: 'the scenario has no gateways' });
    const future = kuiperScenario({ gateways: GATEWAYS.map((g) => ({ ...g, inServiceDate: '2027-01-01T00:00:00Z' })) });
    const nf = routeToPop(ctxFor(future), T0_MS, { latDeg: 45, lonDeg: -118 });
    expect(nf.ok).toBe(false);
    if (!nf.ok) expect(nf.reason).toMatch(/no path to a gateway/);
  });

  it('createRoutingContext builds its own catalogue and propagator', () => {
    const ctx = createRoutingContext(kuiperScenario());
    expect(ctx.catalog.count).toBe(3236);
    expect(ctx.snapshot.topo.count).toBe(6472);
    expect(routeToPop(ctx, T0_MS, { latDeg: 45, lonDeg: -118 }).ok).toBe(true);
  });
});

describe('routeGroundToGround', () => {
  it('London -> New York over lasers beats the fiber great circle and never lands at a gateway without relays', () => {
    const ctx = ctxFor(kuiperScenario());
    const r = ok(routeGroundToGround(ctx, T0_MS, { latDeg: 51.5, lonDeg: -0.1 }, { latDeg: 40.7, lonDeg: -74.0 }, { viaGateways: false }));
    expect(r.hops[0]!.kind).toBe('ground');
    expect(r.hops.at(-1)!.kind).toBe('ground');
    expect(r.hops.some((h) => h.kind === 'gateway')).toBe(false);
    expect(r.segments[0]!.kind).toBe('uplink');
    expect(r.segments.at(-1)!.kind).toBe('downlink');
    const sum = r.segments.reduce((a, x) => a + x.latencyMs, 0);
    expect(Math.abs(sum - r.oneWayMs)).toBeLessThan(1e-9);
    // 5,570 km great circle: vacuum lower bound ~18.6 ms; fiber at 1.47 ~27 ms before route factor.
    expect(r.oneWayMs).toBeGreaterThan(18.5);
    expect(r.oneWayMs).toBeLessThan(45);
  });

  it('bent pipe without relays cannot cross the Atlantic; with gateway relays it needs gateways en route', () => {
    const s = kuiperScenario({ routing: { bentPipeOnly: true } });
    const ctx = ctxFor(s);
    const a = { latDeg: 47.0, lonDeg: -120.0 }, b = { latDeg: 39.5, lonDeg: -80.0 };
    const direct = routeGroundToGround(ctx, T0_MS, a, b, { viaGateways: false });
    expect(direct.ok).toBe(false);
    if (!direct.ok) expect(direct.reason).toMatch(/no path between the two points/);
    const relayed = routeGroundToGround(ctx, T0_MS, a, b, { viaGateways: true });
    if (relayed.ok) {
      expect(relayed.hops.some((h) => h.kind === 'gateway')).toBe(true);
      const sum = relayed.segments.reduce((x, y) => x + y.latencyMs, 0);
      expect(Math.abs(sum - relayed.oneWayMs)).toBeLessThan(1e-9);
    }
  });

  it('reports which end has no satellite in view', () => {
    const ctx = ctxFor(kuiperScenario());
    const r = routeGroundToGround(ctx, T0_MS, { latDeg: 45, lonDeg: -118 }, { latDeg: -89, lonDeg: 0 });
    expect(r).toEqual({ ok: false, reason: 'no satellite in view above 35 deg at the destination' });
  });
});

describe('routeTimeSeries', () => {
  it('samples the window, NaN without a path, flags path changes', () => {
    const ctx = ctxFor(kuiperScenario());
    const ts = routeTimeSeries(ctx, { kind: 'pop', from: { latDeg: 45, lonDeg: -118 } }, T0_MS, 600, 30);
    expect(ts.tUtcMs.length).toBe(21);
    expect(ts.tUtcMs[20]).toBe(T0_MS + 600_000);
    expect(ts.pathChanged[0]).toBe(0);
    let changes = 0;
    for (let i = 0; i < 21; i++) {
      if (Number.isNaN(ts.oneWayMs[i]!)) expect(Number.isNaN(ts.rttMs[i]!)).toBe(true);
      else expect(ts.rttMs[i]).toBe(2 * ts.oneWayMs[i]!);
      changes += ts.pathChanged[i]!;
    }
    // Satellites move ~7.6 km/s: in 10 minutes the best path changes at least once.
    expect(changes).toBeGreaterThan(0);
    const polar = routeTimeSeries(ctx, { kind: 'pop', from: { latDeg: 89, lonDeg: 0 } }, T0_MS, 120, 60);
    expect(Array.from(polar.oneWayMs).every(Number.isNaN)).toBe(true);
    expect(Array.from(polar.pathChanged)).toEqual([0, 0, 0]);
    const g2g = routeTimeSeries(ctx, { kind: 'ground', from: { latDeg: 51.5, lonDeg: -0.1 }, to: { latDeg: 40.7, lonDeg: -74 } }, T0_MS, 60, 60);
    expect(g2g.oneWayMs.length).toBe(2);
    expect(() => routeTimeSeries(ctx, { kind: 'pop', from: { latDeg: 0, lonDeg: 0 } }, T0_MS, 60, 0)).toThrow(RangeError);
  });
});

describe('NetworkSnapshot', () => {
  it('edge counts: 2 arcs per active ISL, gateway arcs in both directions, none with bentPipeOnly', () => {
    const s = kuiperScenario();
    const pos = new Propagator(base.satrecs).positionsEcefKm(T0_MS);
    const snap = new NetworkSnapshot(s, base.catalog);
    const g = snap.build(T0_MS, pos);
    let isl = 0, gw = 0;
    for (let k = 0; k < g.edgeCount; k++) {
      if (g.tags[k]! <= 1) isl++;
      else gw++;
    }
    expect(isl).toBe(2 * 6472);
    expect(gw % 2).toBe(0);
    expect(gw).toBeGreaterThan(2 * GATEWAYS.length);
    // Reuse: a second build gives the same graph.
    const edges = g.edgeCount;
    expect(snap.build(T0_MS, pos).edgeCount).toBe(edges);
    const bent = new NetworkSnapshot(kuiperScenario({ routing: { bentPipeOnly: true } }), base.catalog).build(T0_MS, pos);
    expect(bent.edgeCount).toBe(gw);
    expect(snap.noTransit[snap.gatewayNode(0)]).toBe(0);
    const noRelay = new NetworkSnapshot(kuiperScenario({ routing: { allowGatewayRelay: false } }), base.catalog);
    noRelay.build(T0_MS, pos, [{ latDeg: 0, lonDeg: 0 }]);
    expect(noRelay.noTransit[noRelay.gatewayNode(0)]).toBe(1);
    expect(noRelay.noTransit[noRelay.groundNode(0)]).toBe(1);
  });
});
