// Coverage and point routes are one search (network/router.ts): on a grid of points, for every
// combination of router options, the latency coverage gives a point equals the latency of the
// point route (routeToPop), and a point is unreachable in both or in neither.
//
// Set-up: full Kuiper, the coverage fixtures' 8 gateways and 8 PoPs plus two in the Caribbean
// where a ground relay pays (one backhauls to Sydney, one 1,300 km north to N. Virginia), 3 steps
// 5 min apart, a 30 x 30 deg lattice of points within the constellation's band plus points around
// 15N 80W, where the two searches used to disagree (issue 14). The coverage evaluator is built
// with all but one gateway and then gets the last one added, so the incremental path is checked.
// Tolerances:
//   - coverage's per-point latency (its routing labels + full-precision up link) vs the route:
//     1e-9 ms (the route sums its segments again from geometry, in another order);
//   - the cached cell latency (up links stored as float32) vs the route: 1e-5 ms, about 40
//     float32 ulps at 10 ms, and the same access satellite unless two are within that margin.
import { describe, expect, it } from 'vitest';
import { CoverageEvaluator } from '../../../src-core/coverage/evaluator';
import { defaultLinkModel, propagatorPositions } from '../../../src-core/coverage/cache';
import { gridFromPoints } from '../../../src-core/coverage/grid';
import { trafficMask } from '../../../src-core/constellation/status';
import { createRoutingContextFrom, routeToPop } from '../../../src-core/network/route';
import type { RouterOptions } from '../../../src-core/network/router';
import { GATEWAYS as FIXTURE_GATEWAYS, gateway, kuiperPropagator, kuiperScenario } from '../coverage/fixtures';

const EXACT_MS = 1e-9;
const FLOAT32_UPLINK_MS = 1e-5;
const SMALL_HOP_LIMIT = 3;

const GATEWAYS = [gateway('gw-relay-far-pop', 15, -80, { popId: 'ap-southeast-2' }), ...FIXTURE_GATEWAYS, gateway('gw-miami', 27, -80, { popId: 'us-east-1' })];
const POINTS = [{ latDeg: 15, lonDeg: -80 }, { latDeg: 13, lonDeg: -83 }, { latDeg: 17, lonDeg: -77 }];
for (let lat = -50; lat <= 50; lat += 30) for (let lon = -180; lon < 180; lon += 30) POINTS.push({ latDeg: lat, lonDeg: lon });

const COMBOS: RouterOptions[] = [];
for (const groundRelay of [true, false]) {
  for (const maxSatelliteHops of [null, SMALL_HOP_LIMIT]) {
    for (const bentPipe of [false, true]) COMBOS.push({ groundRelay, maxSatelliteHops, bentPipe });
  }
}

const scenario = kuiperScenario({ durationS: 900, stepS: 300 }, { gateways: GATEWAYS });
const { catalog, propagator } = kuiperPropagator(scenario);
const grid = gridFromPoints(POINTS);

function label(o: RouterOptions): string {
  return `relay ${o.groundRelay ? 'on' : 'off'}, hops ${o.maxSatelliteHops ?? 'unlimited'}, ${o.bentPipe ? 'bent pipe' : 'lasers'}`;
}

describe('one router: coverage equals point routes', () => {
  for (const options of COMBOS) {
    it(label(options), () => {
      const ev = new CoverageEvaluator({ scenario, grid, positions: propagatorPositions(propagator), usable: trafficMask(catalog), links: defaultLinkModel(scenario, catalog), routerOptions: options });
      ev.setGateways(GATEWAYS.slice(0, -1));
      ev.addGateway(GATEWAYS[GATEWAYS.length - 1]!);
      const ctx = createRoutingContextFrom(scenario, catalog, propagator, options);
      let reachable = 0;
      for (let t = 0; t < ev.stepCount; t++) {
        const tMs = ev.cache.timesMs[t]!;
        const cells = ev.latencyAtStep(t);
        for (let c = 0; c < grid.count; c++) {
          // The grid keeps its own cell order: read each point back from it.
          const p = { latDeg: grid.latDeg[c]!, lonDeg: grid.lonDeg[c]! };
          const where = `${p.latDeg},${p.lonDeg} step ${t}`;
          const route = routeToPop(ctx, tMs, p);
          const point = ev.pointLatencyAtStep(t, p.latDeg, p.lonDeg);
          expect(route.ok, `${where}: route ${route.ok ? 'ok' : route.reason}, coverage ${point.latencyMs} ms`).toBe(point.latencyMs < Infinity);
          expect(cells[c]! < Infinity, `${where}: cached cell reachability`).toBe(route.ok);
          if (!route.ok) continue;
          reachable++;
          expect(Math.abs(route.oneWayMs - point.latencyMs), `${where}: ${route.oneWayMs} vs ${point.latencyMs} ms`).toBeLessThanOrEqual(EXACT_MS);
          expect(route.hops[1]!.index, `${where}: access satellite`).toBe(point.sat);
          expect(Math.abs(route.oneWayMs - cells[c]!), `${where}: cached cell ${cells[c]} ms`).toBeLessThanOrEqual(FLOAT32_UPLINK_MS);
          if (options.maxSatelliteHops !== null) expect(route.satelliteHops).toBeLessThanOrEqual(options.maxSatelliteHops);
        }
      }
      // The comparison must not be vacuous: most lattice points reach the Internet with lasers.
      if (!options.bentPipe && options.maxSatelliteHops === null) expect(reachable).toBeGreaterThan(POINTS.length * ev.stepCount * 0.5);
    }, 60_000);
  }

  it('ground relay reaches more of the lattice in bent pipe (the options are not inert)', () => {
    const base: RouterOptions = { groundRelay: false, maxSatelliteHops: null, bentPipe: true };
    const on = createRoutingContextFrom(scenario, catalog, propagator, { ...base, groundRelay: true });
    const off = createRoutingContextFrom(scenario, catalog, propagator, base);
    const t = Date.parse(scenario.analysis.startUtc);
    let better = 0;
    for (const p of POINTS) {
      const a = routeToPop(on, t, p), b = routeToPop(off, t, p);
      if (b.ok) expect(a.ok && a.oneWayMs <= b.oneWayMs + EXACT_MS).toBe(true);
      if (a.ok && (!b.ok || a.oneWayMs < b.oneWayMs - EXACT_MS)) better++;
    }
    expect(better).toBeGreaterThan(0);
  }, 60_000);
});
