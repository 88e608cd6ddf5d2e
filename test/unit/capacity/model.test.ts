// The capacity model (capacity/model.ts) on toy networks whose answer is known by hand, and its
// monotonicity in every capacity parameter on random networks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CapacitySolver, type CapacityParams, type CapacityStep } from '../../../src-core/capacity/model';

/**
 * cell0 (10 Gbps) sees sat0 (uplink 2 ms); cell1 (5 Gbps) sees sat1 (2 ms); laser sat0 - sat1 (5 ms);
 * gateway 0 sees sat1 (10 ms to its PoP through it), 1 antenna, backhaul `backhaul` Gbps.
 */
function toy(backhaul = 100, antennas = 1): CapacityStep {
  return {
    cellCount: 2, satCount: 2, gatewayCount: 1, popCount: 1,
    demandGbps: [10, 5],
    visOff: [0, 1, 2], visCell: [0, 1], visUpMs: [2, 2],
    usable: [1, 1],
    linkA: [0], linkB: [1], linkMs: [5],
    gwOff: [0, 1], gwSat: [1], gwMs: [10],
    gwPop: [0], gwAntennas: [antennas], gwBackhaulGbps: [backhaul], gwInService: [1],
  };
}
const roomy: CapacityParams = { userBeamGbpsPerSatellite: 100, laserGbps: 100, feederGbpsPerAntenna: 100, maxOneWayLatencyMs: 100 };

describe('capacity model on a toy network', () => {
  const solver = new CapacitySolver();
  it('serves all demand when nothing binds', () => {
    const r = solver.solve(toy(), roomy);
    expect(r.demandGbps).toBe(15);
    expect(r.servedGbps).toBeCloseTo(15, 12);
    expect(r.bottleneck).toBe('none');
    expect(Array.from(r.cellServedGbps)).toEqual([10, 5]);
    expect(r.gatewayGbps[0]).toBeCloseTo(15, 12);
    expect(r.linkGbps[0]).toBeCloseTo(10, 12);
    expect(Array.from(r.antennaSat)).toEqual([1]);
  });
  it.each([
    ['user-beam', { userBeamGbpsPerSatellite: 4 }, 100, 8],
    ['laser', { laserGbps: 3 }, 100, 8],
    ['feeder', { feederGbpsPerAntenna: 6 }, 100, 6],
    ['backhaul', {}, 7, 7],
  ] as const)('names the %s bottleneck and serves exactly what it allows', (name, over, backhaul, served) => {
    const r = solver.solve(toy(backhaul), { ...roomy, ...over });
    expect(r.servedGbps).toBeCloseTo(served, 12);
    expect(r.bottleneck).toBe(name);
    if (name === 'backhaul' || name === 'feeder') expect(r.gatewayBottleneck[0]).toBe(name);
  });
  it('keeps the latency budget: a cell whose only route is too slow is unroutable, not served', () => {
    // cell0's route: 2 (up) + 5 (laser) + 10 (gateway to PoP) = 17 ms.
    const r = solver.solve(toy(), { ...roomy, maxOneWayLatencyMs: 16 });
    expect(r.servedGbps).toBeCloseTo(5, 12);
    expect(r.unroutableGbps).toBe(10);
    expect(r.bottleneck).toBe('no-route');
    expect(solver.solve(toy(), { ...roomy, maxOneWayLatencyMs: 17 }).servedGbps).toBeCloseTo(15, 12);
  });
  it('a gateway out of service or without a PoP carries nothing; raising satellites carry nothing', () => {
    expect(solver.solve({ ...toy(), gwInService: [0] }, roomy).servedGbps).toBe(0);
    expect(solver.solve({ ...toy(), gwPop: [-1] }, roomy).servedGbps).toBe(0);
    const raising = solver.solve({ ...toy(), usable: [0, 1] }, roomy);
    expect(raising.servedGbps).toBeCloseTo(5, 12);
  });
  it('each antenna tracks one satellite: two antennas use the two nearest visible satellites', () => {
    const step: CapacityStep = { ...toy(100, 2), gwOff: [0, 2], gwSat: [1, 0], gwMs: [10, 12] };
    const r = solver.solve(step, { ...roomy, feederGbpsPerAntenna: 9, laserGbps: 0 });
    expect(Array.from(r.antennaSat)).toEqual([1, 0]);
    // sat1 -> 9 (feeder), sat0 -> 9 (feeder) with no laser: 5 + 9.
    expect(r.servedGbps).toBeCloseTo(14, 12);
    expect(r.gatewayAntennasUsed[0]).toBe(2);
  });
});

/** A random step: cells, satellites in a ring of lasers, gateways seeing random satellites. */
const stepArb = fc.record({
  C: fc.integer({ min: 1, max: 8 }),
  N: fc.integer({ min: 2, max: 8 }),
  G: fc.integer({ min: 1, max: 3 }),
  seed: fc.integer(),
}).map(({ C, N, G, seed }) => {
  let x = seed >>> 0 || 1;
  const rnd = (): number => ((x = (x * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const vis: number[][] = Array.from({ length: N }, () => []);
  const up: number[][] = Array.from({ length: N }, () => []);
  for (let c = 0; c < C; c++) for (let s = 0; s < N; s++) if (rnd() < 0.4) { vis[s]!.push(c); up[s]!.push(1 + 5 * rnd()); }
  const visOff = [0];
  for (let s = 0; s < N; s++) visOff.push(visOff[s]! + vis[s]!.length);
  const gw: number[][] = Array.from({ length: G }, () => []);
  const gms: number[][] = Array.from({ length: G }, () => []);
  for (let g = 0; g < G; g++) for (let s = 0; s < N; s++) if (rnd() < 0.4) { gw[g]!.push(s); gms[g]!.push(5 + 20 * rnd()); }
  const gwOff = [0];
  for (let g = 0; g < G; g++) gwOff.push(gwOff[g]! + gw[g]!.length);
  const step: CapacityStep = {
    cellCount: C, satCount: N, gatewayCount: G, popCount: 2,
    demandGbps: Array.from({ length: C }, () => Math.round(20 * rnd())),
    visOff, visCell: vis.flat(), visUpMs: up.flat(),
    usable: Array.from({ length: N }, () => (rnd() < 0.9 ? 1 : 0)),
    linkA: Array.from({ length: N }, (_, i) => i), linkB: Array.from({ length: N }, (_, i) => (i + 1) % N),
    linkMs: Array.from({ length: N }, () => (rnd() < 0.9 ? 2 + 10 * rnd() : Infinity)),
    gwOff, gwSat: gw.flat(), gwMs: gms.flat(),
    gwPop: Array.from({ length: G }, () => (rnd() < 0.5 ? 0 : 1)),
    gwAntennas: Array.from({ length: G }, () => 1 + Math.floor(3 * rnd())),
    gwBackhaulGbps: Array.from({ length: G }, () => 1 + 30 * rnd()),
    gwInService: Array.from({ length: G }, () => (rnd() < 0.9 ? 1 : 0)),
  };
  const params: CapacityParams = { userBeamGbpsPerSatellite: 1 + 20 * rnd(), laserGbps: 1 + 20 * rnd(), feederGbpsPerAntenna: 1 + 20 * rnd(), maxOneWayLatencyMs: 10 + 40 * rnd() };
  return { step, params };
});

describe('capacity model: monotone in every capacity', () => {
  it('raising any capacity parameter, a backhaul or an antenna count never lowers served Gbps', () => {
    const solver = new CapacitySolver();
    fc.assert(
      fc.property(stepArb, fc.double({ min: 1, max: 3, noNaN: true }), ({ step, params }, k) => {
        const base = solver.solve(step, params).servedGbps;
        const tol = 1e-9 * (1 + base);
        for (const key of ['userBeamGbpsPerSatellite', 'laserGbps', 'feederGbpsPerAntenna', 'maxOneWayLatencyMs'] as const) {
          expect(solver.solve(step, { ...params, [key]: params[key] * k }).servedGbps).toBeGreaterThanOrEqual(base - tol);
        }
        const more = Array.from(step.gwBackhaulGbps, (b) => b * k);
        expect(solver.solve({ ...step, gwBackhaulGbps: more }, params).servedGbps).toBeGreaterThanOrEqual(base - tol);
        // Served never exceeds demand, nor the sum of the gateways' backhaul.
        const total = Array.from(step.demandGbps).reduce((a, b) => a + b, 0);
        expect(base).toBeLessThanOrEqual(total + tol);
        expect(base).toBeLessThanOrEqual(Array.from(step.gwBackhaulGbps).reduce((a, b) => a + b, 0) + tol);
      }),
      { numRuns: 300, seed: 77 },
    );
  });
});
