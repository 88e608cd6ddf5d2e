// Routed load per laser link / gateway / satellite (CoverageEvaluator.linkLoadAtStep): a
// hand-checked line of satellites, and full Kuiper checked against an independent per-cell route
// walk (own adjacency built from the link topology, predecessor found from the routing labels).
import { describe, expect, it } from 'vitest';
import { CoverageEvaluator, buildCoverageGrid, defaultLinkModel, gridFromPoints, propagatorPositions, usableFromCatalog, type LinkModel, type PositionSource } from '../../../src-core/coverage';
import { makeScenario, type ScenarioInput } from '../../../src-core/scenario/schema';
import { DEG } from '../../../src-core/units';
import { assetGeo, gateway, kuiperPropagator, kuiperScenario } from './fixtures';

/**
 * Four satellites 600 km up over the equator at longitudes 0, 10, 20, 30, laser links 0-1, 1-2,
 * 2-3 (link index = left satellite), gateways under satellites 0 and 3 (each sees only the one
 * overhead: 10 degrees away is ~22 degrees of elevation, below both masks), one cell under each
 * satellite with weights 1, 10, 100, 1000. `downAt` lists, per step, the links that are down.
 */
function line(downAt: Record<number, number[]> = {}) {
  const r = 6378.137 + 600;
  const lons = [0, 10, 20, 30];
  const pos = new Float64Array(lons.flatMap((l) => [r * Math.cos(l * DEG), r * Math.sin(l * DEG), 0]));
  const positions: PositionSource = { count: 4, positionsAt: (_t, _i, out) => out.set(pos) };
  let step = 0;
  const links: LinkModel = {
    topology: { count: 3, a: Int32Array.of(0, 1, 2), b: Int32Array.of(1, 2, 3) },
    update: (p, len, act) => {
      const down = downAt[step++] ?? [];
      for (let l = 0; l < 3; l++) {
        len[l] = Math.hypot(p[3 * l + 3]! - p[3 * l]!, p[3 * l + 4]! - p[3 * l + 1]!, p[3 * l + 5]! - p[3 * l + 2]!);
        act[l] = down.includes(l) ? 0 : 1;
      }
    },
  };
  const scenario = makeScenario({
    formatVersion: 1,
    constellation: { shells: [] },
    pops: [
      { id: 'pop-w', name: 'West', latDeg: 0, lonDeg: 0 },
      { id: 'pop-e', name: 'East', latDeg: 0, lonDeg: 30 },
    ],
    gateways: [gateway('gw-w', 0, 0), gateway('gw-e', 0, 30)],
    analysis: { startUtc: '2026-01-01T00:00:00Z', durationS: 240, stepS: 60 },
  } as ScenarioInput);
  const grid = gridFromPoints(lons.map((l, i) => ({ id: `c${i}`, latDeg: 0, lonDeg: l, weight: 10 ** i })));
  const ev = new CoverageEvaluator({ scenario, grid, positions, links });
  ev.setGateways(scenario.gateways);
  // Cell order is the grid's own: map it back to satellite order.
  const cellOf = lons.map((_l, i) => grid.ids.indexOf(`c${i}`));
  return { ev, cellOf };
}

describe('linkLoadAtStep: hand-checked line of four satellites', () => {
  it('splits the line between the two gateways, and reroutes over the far gateway when a link is down', () => {
    const { ev, cellOf } = line({ 1: [0], 2: [1], 3: [0, 2] });
    // Each cell is served by the satellite overhead (step 3: the cut-off middle ones have no route).
    for (let t = 0; t < 4; t++) cellOf.forEach((c, s) => expect(ev.cellSat[t * 4 + c]).toBe(t === 3 && (s === 1 || s === 2) ? -1 : s));
    const at = (t: number) => {
      const r = ev.linkLoadAtStep(t);
      return { link: Array.from(r.linkLoad), gw: Array.from(r.gatewayLoad), sat: Array.from(r.satelliteLoad), served: r.servedWeight };
    };
    // Step 0: 1 -> 0 -> gw-w; 2 -> 3 -> gw-e.
    expect(at(0)).toEqual({ link: [10, 0, 100], gw: [11, 1100], sat: [11, 10, 100, 1100], served: 1111 });
    // Step 1, link 0-1 down: satellite 1 goes east over 1-2-3.
    expect(at(1)).toEqual({ link: [0, 10, 110], gw: [1, 1110], sat: [1, 10, 110, 1110], served: 1111 });
    // Step 2, link 1-2 down: no change in routes (it carried nothing).
    expect(at(2)).toEqual({ link: [10, 0, 100], gw: [11, 1100], sat: [11, 10, 100, 1100], served: 1111 });
    // Step 3, links 0-1 and 2-3 down: satellites 1 and 2 are cut off, their cells unserved.
    expect(at(3)).toEqual({ link: [0, 0, 0], gw: [1, 1000], sat: [1, 0, 0, 1000], served: 1001 });
    const r = ev.linkLoadAtStep(2);
    expect(r.step).toBe(2);
    expect(r.stepUtcMs).toBe(Date.parse('2026-01-01T00:02:00Z'));
  });

  it('counts nothing without gateways', () => {
    const { ev } = line();
    ev.setGateways([]);
    const r = ev.linkLoadAtStep(0);
    expect(r.servedWeight).toBe(0);
    expect(r.gatewayLoad.length).toBe(0);
    expect(Array.from(r.linkLoad)).toEqual([0, 0, 0]);
    expect(Array.from(r.satelliteLoad)).toEqual([0, 0, 0, 0]);
  });

  it('rejects a bad step index', () => {
    const { ev } = line();
    for (const t of [-1, 4, 1.5, NaN, Infinity]) expect(() => ev.linkLoadAtStep(t)).toThrow(RangeError);
    expect(() => ev.linkLoadAtStep(4)).toThrow('no analysis step at index 4 (have 4)');
  });

  it('is loud when the routing labels have no predecessor for a loaded satellite', () => {
    const { ev } = line();
    // Corrupt satellite 1's label at step 0 (its parent, satellite 0, no longer matches).
    ev.dist[0 * 4 + 1] = ev.dist[0 * 4 + 1]! + 1;
    expect(() => ev.linkLoadAtStep(0)).toThrow(/satellite 1 .*step 0/);
  });
});

describe('nearestStep', () => {
  const { ev } = line();
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  const stepMs = 60_000;

  it('maps each step time and times inside its half-step window to the step', () => {
    for (let t = 0; t < 4; t++) {
      expect(ev.nearestStep(t0 + t * stepMs)).toBe(t);
      expect(ev.nearestStep(t0 + t * stepMs + 29_999)).toBe(t);
      expect(ev.nearestStep(t0 + t * stepMs - 29_999)).toBe(t);
    }
  });

  it('sends a time exactly half-way between two steps to the later one', () => {
    expect(ev.nearestStep(t0 - 30_000)).toBe(0);
    expect(ev.nearestStep(t0 + 30_000)).toBe(1);
    expect(ev.nearestStep(t0 + 2 * stepMs + 30_000)).toBe(3);
  });

  it('is -1 outside the window', () => {
    expect(ev.nearestStep(t0 - 30_001)).toBe(-1);
    expect(ev.nearestStep(t0 + 3 * stepMs + 30_000)).toBe(-1);
    expect(ev.nearestStep(t0 + 1e9)).toBe(-1);
    expect(ev.nearestStep(NaN)).toBe(-1);
    expect(ev.nearestStep(-Infinity)).toBe(-1);
  });
});

describe('linkLoadAtStep: Kuiper against an independent route walk', () => {
  const sc = kuiperScenario({ durationS: 6 * 120, stepS: 120, h3Resolution: 2 });
  const { catalog, propagator } = kuiperPropagator(sc);
  const grid = buildCoverageGrid(sc.analysis, assetGeo);
  const linkModel = defaultLinkModel(sc, catalog);
  const ev = new CoverageEvaluator({ scenario: sc, grid, positions: propagatorPositions(propagator), usable: usableFromCatalog(catalog), links: linkModel });
  ev.setGateways(sc.gateways);
  const N = ev.cache.satCount, C = grid.count, L = ev.cache.linkCount, G = ev.gateways.length;

  // Own adjacency from the link topology: per satellite, its links in increasing link index.
  const { a, b } = linkModel.topology;
  const linksOf: number[][] = Array.from({ length: N }, () => []);
  for (let l = 0; l < L; l++) {
    linksOf[a[l]!]!.push(l);
    linksOf[b[l]!]!.push(l);
  }
  const seeds = ev.gateways.map((g) => ev.gatewaySeeds(g));

  /** Walk each served cell's route to its gateway and add its weight to every link, satellite and the gateway. */
  function walk(t: number) {
    const link = new Float64Array(L), gw = new Float64Array(G), sat = new Float64Array(N), own = new Float64Array(N);
    let served = 0, maxHops = 0;
    const at = (v: number) => ({ d: ev.dist[t * N + v]!, h: ev.hops[t * N + v]!, o: ev.origin[t * N + v]! });
    for (let c = 0; c < C; c++) {
      const lat = ev.cellLat[t * C + c]!;
      const s0 = ev.cellSat[t * C + c]!;
      if (!(lat <= ev.maxLatencyMs)) continue;
      expect(s0).toBeGreaterThanOrEqual(0);
      const wc = grid.weight[c]!;
      served += wc;
      own[s0]! += wc;
      let v = s0, n = 0;
      for (;;) {
        sat[v]! += wc;
        const lv = at(v);
        if (lv.h === 1) {
          // Only a seed has hop count 1: it must be one of its origin gateway's seeds at this step, at exactly its label.
          const sd = seeds[lv.o]!;
          let found = false;
          for (let i = sd.off[t]!; i < sd.off[t + 1]!; i++) if (sd.sat[i] === v && sd.ms[i] === lv.d) found = true;
          expect(found).toBe(true);
          gw[lv.o]! += wc;
          break;
        }
        const l = linksOf[v]!.find((k) => {
          const u = a[k] === v ? b[k]! : a[k]!;
          const ms = ev.cache.linkMs[t * L + k]!;
          const lu = at(u);
          return Number.isFinite(ms) && lu.d + ms === lv.d && lu.o === lv.o && lu.h === lv.h - 1;
        });
        expect(l).toBeDefined();
        link[l!]! += wc;
        v = a[l!] === v ? b[l!]! : a[l!]!;
        n++;
      }
      maxHops = Math.max(maxHops, n);
    }
    return { link, gw, sat, own, served, maxHops };
  }

  for (let t = 0; t < ev.stepCount; t++) {
    it(`step ${t}: link, gateway and satellite loads equal the route walk, and weight is conserved`, () => {
      const r = ev.linkLoadAtStep(t);
      const w = walk(t);
      // Served demand computed straight from cellLat / cellSat.
      expect(w.served).toBeGreaterThan(0);
      expect(r.servedWeight).toBe(w.served);
      expect(r.gatewayLoad.reduce((x, y) => x + y, 0)).toBe(w.served);
      // The routes really use the laser links (not only bent pipes).
      expect(w.maxHops).toBeGreaterThan(1);
      expect(r.linkLoad.some((x) => x > 0)).toBe(true);
      expect(Array.from(r.gatewayLoad)).toEqual(Array.from(w.gw));
      expect(Array.from(r.linkLoad)).toEqual(Array.from(w.link));
      expect(Array.from(r.satelliteLoad)).toEqual(Array.from(w.sat));
      // Flow conservation: what a satellite carries = its own users + what neighbours forward into
      // it (links whose downstream end, toward the gateway, is that satellite) = what it forwards.
      const inflow = new Float64Array(N), outflow = new Float64Array(N);
      for (let l = 0; l < L; l++) {
        const x = r.linkLoad[l]!;
        if (x === 0) continue;
        // Orient the link by the labels: the upstream end has the larger hop count.
        const up = ev.hops[t * N + a[l]!]! > ev.hops[t * N + b[l]!]! ? a[l]! : b[l]!;
        const down = up === a[l] ? b[l]! : a[l]!;
        inflow[down]! += x;
        outflow[up]! += x;
      }
      const downlink = new Float64Array(N);
      for (let v = 0; v < N; v++) {
        expect(r.satelliteLoad[v]).toBe(w.own[v]! + inflow[v]!);
        if (r.satelliteLoad[v]! > 0 && ev.hops[t * N + v] === 1) downlink[v] = r.satelliteLoad[v]!;
        expect(r.satelliteLoad[v]).toBe(outflow[v]! + downlink[v]!);
      }
      expect(downlink.reduce((x, y) => x + y, 0)).toBe(w.served);
    });
  }

  it('matches gatewayShare over the window', () => {
    let total = 0;
    const byGw = new Float64Array(G);
    for (let t = 0; t < ev.stepCount; t++) {
      const r = ev.linkLoadAtStep(t);
      total += r.servedWeight;
      r.gatewayLoad.forEach((x, g) => (byGw[g]! += x));
    }
    const share = ev.result().headline.gatewayShare;
    for (let g = 0; g < G; g++) expect(byGw[g]! / total).toBe(share[g]);
  });
});
