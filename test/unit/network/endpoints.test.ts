// Routes between named ends (src-core/network/endpoints.ts): what each pair means, that the
// results are the core route functions' results (the CLI's meanings), reversal, and the time series.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EndToEndRouter, planRoute, planScenario, reverseRoute, type RouteEnd } from '../../../src-core/network/endpoints';
import { createRoutingContext, routeGroundToGround, routeToPop, type RouteOk, type RouteResult } from '../../../src-core/network/route';
import { parseScenario } from '../../../src-core/scenario/schema';
import { main } from '../../../src-main/cli/index';
import { kuiperScenario, T0_MS } from './fixtures';

const ok = (r: RouteResult): RouteOk => {
  if (!r.ok) throw new Error(`expected a route, got: ${r.reason}`);
  return r;
};
const london: RouteEnd = { kind: 'point', latDeg: 51.5, lonDeg: -0.1 };
const newYork: RouteEnd = { kind: 'point', latDeg: 40.7, lonDeg: -74.0 };
const sydney: RouteEnd = { kind: 'point', latDeg: -33.87, lonDeg: 151.21 };

describe('planRoute', () => {
  const s = kuiperScenario();
  it('maps each pair of ends to the CLI meaning', () => {
    expect(planRoute(s, london, newYork)).toEqual({ ok: true, plan: { kind: 'ground', from: { latDeg: 51.5, lonDeg: -0.1 }, to: { latDeg: 40.7, lonDeg: -74 }, reverse: false } });
    const gw = planRoute(s, { kind: 'gateway', id: 'gw-madrid' }, newYork);
    expect(gw.ok && gw.plan.kind === 'ground' && gw.plan.from).toEqual({ latDeg: 40.4, lonDeg: -3.7, altKm: 0 });
    expect(planRoute(s, london, { kind: 'gateway', id: 'gw-madrid' })).toMatchObject({ ok: true, plan: { kind: 'pop', variant: { gatewayId: 'gw-madrid' }, dropBackhaul: true, reverse: false } });
    expect(planRoute(s, london, { kind: 'pop', id: 'us-east-1' })).toMatchObject({ ok: true, plan: { kind: 'pop', variant: { popId: 'us-east-1' }, dropBackhaul: false, reverse: false } });
    expect(planRoute(s, { kind: 'pop', id: 'us-east-1' }, london)).toMatchObject({ ok: true, plan: { kind: 'pop', variant: { popId: 'us-east-1' }, from: { latDeg: 51.5, lonDeg: -0.1 }, reverse: true } });
    expect(planRoute(s, { kind: 'gateway', id: 'gw-madrid' }, { kind: 'pop', id: 'us-east-1' })).toMatchObject({ ok: true, plan: { kind: 'pop', from: { gatewayId: 'gw-madrid' } } });
  });
  it('refuses what cannot be routed, saying why', () => {
    expect(planRoute(s, { kind: 'pop', id: 'us-east-1' }, { kind: 'pop', id: 'us-west-2' })).toMatchObject({ ok: false, reason: expect.stringMatching(/both ends are PoPs/) });
    expect(planRoute(s, london, { kind: 'gateway', id: 'gw-atlantis' })).toMatchObject({ ok: false, reason: 'gateway "gw-atlantis" is not in the scenario' });
    expect(planRoute(s, { kind: 'point', latDeg: 95, lonDeg: 0 }, london)).toMatchObject({ ok: false, reason: expect.stringMatching(/95,0 is not a valid latitude/) });
    expect(planRoute(s, { kind: 'gateway', id: 'gw-madrid' }, { kind: 'gateway', id: 'gw-madrid' })).toMatchObject({ ok: false, reason: 'both ends are the same gateway' });
  });
  it('planScenario forces the PoP or keeps one gateway, leaving the input alone', () => {
    expect(planScenario(s, { popId: 'us-east-1' }).gateways.every((g) => g.popId === 'us-east-1')).toBe(true);
    expect(planScenario(s, { gatewayId: 'gw-madrid' }).gateways.map((g) => g.id)).toEqual(['gw-madrid']);
    expect(s.gateways.some((g) => g.popId === 'us-east-1')).toBe(false);
  });
});

describe('EndToEndRouter', () => {
  const s = kuiperScenario();
  const ctx = createRoutingContext(s);
  const router = new EndToEndRouter(ctx);

  it('point -> point is routeGroundToGround, gateway -> point starts at the gateway', () => {
    const r = ok(router.route(T0_MS, london, newYork));
    const direct = ok(routeGroundToGround(createRoutingContext(s), T0_MS, { latDeg: 51.5, lonDeg: -0.1 }, { latDeg: 40.7, lonDeg: -74.0 }));
    expect(r.oneWayMs).toBe(direct.oneWayMs);
    expect(r.hops.map((h) => h.id)).toEqual(direct.hops.map((h) => h.id));
    const g = ok(router.route(T0_MS, { kind: 'gateway', id: 'gw-madrid' }, newYork));
    expect(g.hops[0]).toMatchObject({ kind: 'ground', latDeg: 40.4, lonDeg: -3.7 });
    expect(g.hops[g.hops.length - 1]).toMatchObject({ kind: 'ground', latDeg: 40.7, lonDeg: -74.0 });
  });

  it('point -> PoP egresses at that PoP; point -> gateway stops at the gateway without backhaul', () => {
    const r = ok(router.route(T0_MS, london, { kind: 'pop', id: 'us-east-1' }));
    const forced = ok(routeToPop(createRoutingContext(planScenario(s, { popId: 'us-east-1' })), T0_MS, { latDeg: 51.5, lonDeg: -0.1 }));
    expect(r.oneWayMs).toBe(forced.oneWayMs);
    expect(r.hops[r.hops.length - 1]).toMatchObject({ kind: 'pop', id: 'us-east-1' });
    const g = ok(router.route(T0_MS, london, { kind: 'gateway', id: 'gw-frankfurt' }));
    expect(g.hops[g.hops.length - 1]).toMatchObject({ kind: 'gateway', id: 'gw-frankfurt' });
    expect(g.segments.some((x) => x.kind === 'backhaul')).toBe(false);
    expect(Math.abs(g.oneWayMs - g.segments.reduce((a, x) => a + x.latencyMs, 0))).toBeLessThan(1e-9);
    expect(g.rttMs).toBe(2 * g.oneWayMs);
  });

  it('PoP -> point is the point -> PoP route reversed, with the same latency', () => {
    const fwd = ok(router.route(T0_MS, sydney, { kind: 'pop', id: 'ap-southeast-2' }));
    const back = ok(router.route(T0_MS, { kind: 'pop', id: 'ap-southeast-2' }, sydney));
    expect(back.oneWayMs).toBe(fwd.oneWayMs);
    expect(back.hops.map((h) => h.id)).toEqual(fwd.hops.map((h) => h.id).reverse());
    expect(back.hops[0]!.kind).toBe('pop');
    expect(back.segments[0]!.kind).toBe('backhaul');
    expect(back.segments[back.segments.length - 1]!.kind).toBe('downlink');
    for (const sg of back.segments) expect(sg.to).toBe(sg.from + 1);
    expect(reverseRoute(reverseRoute(fwd))).toEqual(fwd);
  });

  it('the time series is the per-sample route, with path changes marked', () => {
    const stepper = router.timeSeriesStepper(london, newYork, T0_MS, 600, 60);
    expect(stepper.total).toBe(11);
    expect(stepper.advance(4)).toBe(4);
    expect(stepper.advance(100)).toBe(11);
    const ts = stepper.result;
    let changes = 0;
    let prev = '';
    for (let i = 0; i < ts.tUtcMs.length; i++) {
      expect(ts.tUtcMs[i]).toBe(T0_MS + i * 60_000);
      const r = ok(router.route(ts.tUtcMs[i]!, london, newYork));
      expect(ts.oneWayMs[i]).toBe(r.oneWayMs);
      expect(ts.rttMs[i]).toBe(r.rttMs);
      expect(ts.satelliteHops[i]).toBe(r.satelliteHops);
      const key = r.hops.map((h) => `${h.kind}:${h.index}`).join(' ');
      expect(ts.pathChanged[i]).toBe(i > 0 && key !== prev ? 1 : 0);
      changes += ts.pathChanged[i]!;
      prev = key;
    }
    // Satellites move ~450 km a minute: over 10 minutes the best path changes.
    expect(changes).toBeGreaterThan(0);
    expect(() => router.timeSeriesStepper(london, london, T0_MS, 60, 0)).toThrow(RangeError);
    expect(() => router.timeSeriesStepper({ kind: 'pop', id: 'us-east-1' }, { kind: 'pop', id: 'us-west-2' }, T0_MS, 60, 60)).toThrow(/both ends are PoPs/);
  });
});

describe('the app and the CLI give the same route', () => {
  async function cli(...argv: string[]): Promise<{ samples: { ok: boolean; oneWayMs: number; hops: { id: string }[] }[] }> {
    const out: string[] = [];
    const log = console.log;
    console.log = (...a: unknown[]) => void out.push(a.join(' '));
    try {
      expect(await main(argv)).toBe(0);
    } finally {
      console.log = log;
    }
    return JSON.parse(out.join('\n')) as { samples: { ok: boolean; oneWayMs: number; hops: { id: string }[] }[] };
  }
  const parsed = parseScenario(readFileSync('assets/scenarios/default.json', 'utf8'));
  if (!parsed.ok) throw new Error('default.json does not parse');
  const router = new EndToEndRouter(createRoutingContext(parsed.scenario));
  const t = Date.parse('2026-01-01T00:10:00Z');

  it.each([
    ['Sydney -> New York', '-33.8679,151.2073', '40.7,-74', { kind: 'point', latDeg: -33.8679, lonDeg: 151.2073 }, newYork],
    ['London -> N. Virginia PoP', '51.5,-0.1', 'aws-us-east-1', london, { kind: 'pop', id: 'aws-us-east-1' }],
    ['Seattle gateway -> Tokyo', 'gw-seattle', '35.68,139.69', { kind: 'gateway', id: 'gw-seattle' }, { kind: 'point', latDeg: 35.68, lonDeg: 139.69 }],
    ['Denver -> Chicago gateway', '39.74,-104.99', 'gw-chicago', { kind: 'point', latDeg: 39.74, lonDeg: -104.99 }, { kind: 'gateway', id: 'gw-chicago' }],
  ] as [string, string, string, RouteEnd, RouteEnd][])('%s', async (_name, fromArg, toArg, from, to) => {
    const j = await cli('route', 'assets/scenarios/default.json', `--from=${fromArg}`, `--to=${toArg}`, '--start', '2026-01-01T00:10:00Z', '--duration', '0', '--json');
    const app = ok(router.route(t, from, to));
    expect(j.samples[0]!.ok).toBe(true);
    expect(Math.abs(app.oneWayMs - j.samples[0]!.oneWayMs)).toBeLessThan(1e-9);
    expect(app.hops.map((h) => h.id)).toEqual(j.samples[0]!.hops.map((h) => h.id));
  });
});
