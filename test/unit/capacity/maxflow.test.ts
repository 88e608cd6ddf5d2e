// Dinic's max-flow (capacity/maxflow.ts) against an independent oracle: the minimum s-t cut found by
// enumerating every node subset (max-flow min-cut theorem), on random small graphs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLOW_EPS, FlowNetwork } from '../../../src-core/capacity/maxflow';
import { referenceDinic } from './reference-dinic';

interface Arc { u: number; v: number; c: number }

/** Minimum over all node sets S with s in S and t not in S of the capacity leaving S. */
function bruteMinCut(n: number, arcs: Arc[], s: number, t: number): number {
  let best = Infinity;
  for (let mask = 0; mask < 1 << n; mask++) {
    if (!(mask & (1 << s)) || mask & (1 << t)) continue;
    let cut = 0;
    for (const { u, v, c } of arcs) if (mask & (1 << u) && !(mask & (1 << v))) cut += c;
    best = Math.min(best, cut);
  }
  return best;
}

const graphArb = fc.integer({ min: 2, max: 9 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    arcs: fc.array(
      fc.record({
        u: fc.nat(n - 1),
        v: fc.nat(n - 1),
        // Mix integral and fractional capacities (Gbps), including zero.
        c: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 100, noNaN: true })),
      }),
      { maxLength: 30 },
    ),
  }),
);

const tol = (x: number): number => 1e-9 * (1 + Math.abs(x));

describe('FlowNetwork (Dinic)', () => {
  it('max flow equals the brute-force minimum cut; flows respect capacities and conservation; the reported cut is minimal', () => {
    const net = new FlowNetwork(2, 2); // tiny start: exercises growth
    fc.assert(
      fc.property(graphArb, ({ n, arcs }) => {
        const s = 0, t = n - 1;
        net.reset(n);
        const ids = arcs.map(({ u, v, c }) => net.addArc(u, v, c));
        const f = net.run(s, t);
        const oracle = bruteMinCut(n, arcs, s, t);
        expect(Math.abs(f - oracle)).toBeLessThanOrEqual(tol(oracle) * 10);
        const balance = new Float64Array(n);
        ids.forEach((a, i) => {
          const x = net.flow(a);
          expect(x).toBeGreaterThanOrEqual(-FLOW_EPS);
          expect(x).toBeLessThanOrEqual(arcs[i]!.c + tol(arcs[i]!.c));
          balance[arcs[i]!.u]! -= x;
          balance[arcs[i]!.v]! += x;
        });
        for (let v = 0; v < n; v++) {
          if (v === s || v === t) continue;
          expect(Math.abs(balance[v]!)).toBeLessThanOrEqual(tol(f) * 10);
        }
        expect(Math.abs(balance[t]! - f)).toBeLessThanOrEqual(tol(f) * 10);
        const side = net.minCutSide(s);
        expect(side[s]).toBe(1);
        expect(side[t]).toBe(0);
        let cut = 0;
        for (const { u, v, c } of arcs) if (side[u] && !side[v]) cut += c;
        expect(Math.abs(cut - f)).toBeLessThanOrEqual(tol(f) * 10);
      }),
      { numRuns: 400, seed: 1405 },
    );
  });

  it('makes the same augmentations as the session-9 linked-list Dinic: flow value and every arc flow equal bit for bit', () => {
    const net = new FlowNetwork(2, 2);
    fc.assert(
      fc.property(graphArb, ({ n, arcs }) => {
        net.reset(n);
        const ids = arcs.map(({ u, v, c }) => net.addArc(u, v, c));
        const ref = referenceDinic(n, arcs, 0, n - 1);
        expect(net.run(0, n - 1)).toBe(ref.value);
        ids.forEach((a, i) => expect(net.flow(a)).toBe(ref.flow[i]));
      }),
      { numRuns: 400, seed: 1410 },
    );
  });

  it('handles infinite-capacity arcs behind a finite cut, and refuses an unbounded flow', () => {
    const net = new FlowNetwork();
    net.reset(4);
    net.addArc(0, 1, Infinity);
    net.addArc(1, 2, 7.5);
    net.addArc(2, 3, Infinity);
    expect(net.run(0, 3)).toBe(7.5);
    net.reset(3);
    net.addArc(0, 1, Infinity);
    net.addArc(1, 2, Infinity);
    expect(() => net.run(0, 2)).toThrow(/unbounded/);
    expect(() => net.addArc(0, 1, -1)).toThrow(/capacity must be >= 0/);
  });
});

describe('FlowNetwork: incremental use (optimizer)', () => {
  it('opening an arc v -> t and augmentVia(s, v) gives the brute-force min cut with the arc; rollback restores every residual bit for bit', () => {
    fc.assert(fc.property(graphArb, fc.double({ min: 0, max: 50, noNaN: true }), (g, openCap) => {
      const s = 0, t = 1, v = g.n - 1;
      if (v === s || v === t) return;
      const net = new FlowNetwork();
      net.reset(g.n);
      for (const { u, v: w, c } of g.arcs) net.addArc(u, w, c);
      const e = net.addArc(v, t, 0); // closed
      const before = net.run(s, t);
      const snapshot = net.residual.slice(0, net.arcCount);
      net.record();
      net.setCapacity(e, openCap);
      const extra = net.augmentVia(s, v, [e]);
      const expected = bruteMinCut(g.n, [...g.arcs, { u: v, v: t, c: openCap }], s, t);
      expect(Math.abs(before + extra - expected)).toBeLessThanOrEqual(tol(expected));
      expect(net.run(s, t)).toBeLessThanOrEqual(tol(expected)); // nothing left to augment
      net.rollback();
      expect(net.residual.slice(0, net.arcCount)).toEqual(snapshot);
      expect(net.capacity[e]).toBe(0);
    }), { numRuns: 300, seed: 16 });
  });
});
