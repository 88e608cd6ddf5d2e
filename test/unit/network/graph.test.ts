// Dijkstra (graph.ts) against brute-force Floyd-Warshall on random small graphs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dijkstra, GraphBuilder, pathTo } from '../../../src-core/network/graph';

/** Absolute tolerance scaled by magnitude: sums of up to ~40 weights of up to 100 ms. */
const tol = (x: number): number => 1e-12 * (1 + Math.abs(x)) * 64;

interface Arc { u: number; v: number; w: number }

const graphArb = fc.integer({ min: 1, max: 10 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    arcs: fc.array(fc.record({ u: fc.nat(n - 1), v: fc.nat(n - 1), w: fc.double({ min: 0, max: 100, noNaN: true }) }), { maxLength: 40 }),
    undirected: fc.boolean(),
    sources: fc.uniqueArray(fc.nat(n - 1), { minLength: 1, maxLength: n }),
    sourceDist: fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: n, maxLength: n }),
    noTransit: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
  }),
);

/** All-pairs shortest paths where only nodes with transit[k] may be intermediate. */
function floydWarshall(n: number, arcs: Arc[], transit: boolean[]): number[][] {
  const d = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : Infinity)));
  for (const { u, v, w } of arcs) if (w < d[u]![v]!) d[u]![v] = w;
  for (let k = 0; k < n; k++) {
    if (!transit[k]) continue;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      const via = d[i]![k]! + d[k]![j]!;
      if (via < d[i]![j]!) d[i]![j] = via;
    }
  }
  return d;
}

function build(n: number, arcs: Arc[], undirected: boolean): { g: ReturnType<GraphBuilder['build']>; all: Arc[] } {
  const b = new GraphBuilder(4);
  b.reset(n);
  const all: Arc[] = [];
  for (const a of arcs) {
    if (undirected) { b.addEdge(a.u, a.v, a.w); all.push(a, { u: a.v, v: a.u, w: a.w }); } else { b.addArc(a.u, a.v, a.w); all.push(a); }
  }
  return { g: b.build(), all };
}

function checkPaths(res: { distMs: Float64Array; prev: Int32Array; origin: Int32Array; hops: Int32Array }, all: Arc[], n: number, d0: Map<number, number>): void {
  for (let v = 0; v < n; v++) {
    if (res.distMs[v] === Infinity) { expect(res.origin[v]).toBe(-1); continue; }
    const p = pathTo(res.prev, v);
    expect(p[0]).toBe(res.origin[v]);
    expect(res.hops[v]).toBe(p.length - 1);
    let sum = d0.get(p[0]!)!;
    for (let i = 1; i < p.length; i++) sum += Math.min(...all.filter((a) => a.u === p[i - 1] && a.v === p[i]).map((a) => a.w));
    expect(Math.abs(sum - res.distMs[v]!)).toBeLessThanOrEqual(tol(sum));
  }
}

describe('Dijkstra vs Floyd-Warshall', () => {
  it('single source: distances and paths match', () => {
    fc.assert(fc.property(graphArb, ({ n, arcs, undirected, sources }) => {
      const { g, all } = build(n, arcs, undirected);
      const fw = floydWarshall(n, all, new Array(n).fill(true));
      const s = sources[0]!;
      const res = new Dijkstra().run(g, [s]);
      for (let v = 0; v < n; v++) {
        const want = fw[s]![v]!;
        if (want === Infinity) expect(res.distMs[v]).toBe(Infinity);
        else expect(Math.abs(res.distMs[v]! - want)).toBeLessThanOrEqual(tol(want));
      }
      checkPaths(res, all, n, new Map([[s, 0]]));
    }), { numRuns: 300 });
  });

  it('multi-source with starting latencies', () => {
    fc.assert(fc.property(graphArb, ({ n, arcs, undirected, sources, sourceDist }) => {
      const { g, all } = build(n, arcs, undirected);
      const fw = floydWarshall(n, all, new Array(n).fill(true));
      const d0 = sources.map((_, i) => sourceDist[i]!);
      const res = new Dijkstra(2).run(g, sources, d0);
      for (let v = 0; v < n; v++) {
        let want = Infinity;
        sources.forEach((s, i) => { want = Math.min(want, d0[i]! + fw[s]![v]!); });
        if (want === Infinity) expect(res.distMs[v]).toBe(Infinity);
        else expect(Math.abs(res.distMs[v]! - want)).toBeLessThanOrEqual(tol(want));
      }
      checkPaths(res, all, n, new Map(sources.map((s, i) => [s, d0[i]!])));
    }), { numRuns: 300 });
  });

  it('noTransit nodes start or end paths but never relay, even when they are sources', () => {
    fc.assert(fc.property(graphArb, ({ n, arcs, undirected, sources, sourceDist, noTransit }) => {
      const { g, all } = build(n, arcs, undirected);
      const fw = floydWarshall(n, all, noTransit.map((x) => !x));
      const d0 = sources.map((_, i) => sourceDist[i]!);
      const res = new Dijkstra().run(g, sources, d0, { noTransit: Uint8Array.from(noTransit, (x) => (x ? 1 : 0)) });
      for (let v = 0; v < n; v++) {
        const si = sources.indexOf(v);
        if (noTransit[v] && si >= 0) {
          // Documented: a no-transit source keeps its starting latency.
          expect(res.distMs[v]).toBe(d0[si]);
          continue;
        }
        let want = Infinity;
        sources.forEach((s, i) => { want = Math.min(want, d0[i]! + fw[s]![v]!); });
        if (want === Infinity) expect(res.distMs[v]).toBe(Infinity);
        else expect(Math.abs(res.distMs[v]! - want)).toBeLessThanOrEqual(tol(want));
      }
    }), { numRuns: 300 });
  });

  it('a target query agrees with the full run at the target', () => {
    fc.assert(fc.property(graphArb, fc.nat(), ({ n, arcs, undirected, sources }, tRaw) => {
      const { g } = build(n, arcs, undirected);
      const t = tRaw % n;
      const full = new Dijkstra().run(g, sources).distMs[t];
      const early = new Dijkstra().run(g, sources, null, { target: t }).distMs[t];
      expect(early).toBe(full);
    }), { numRuns: 200 });
  });

  it('reuses one instance across graphs of different sizes', () => {
    const d = new Dijkstra(1);
    const a = build(3, [{ u: 0, v: 1, w: 1 }, { u: 1, v: 2, w: 2 }], true).g;
    expect(Array.from(d.run(a, [0]).distMs.subarray(0, 3))).toEqual([0, 1, 3]);
    const b = build(5, [{ u: 4, v: 0, w: 7 }], false).g;
    expect(Array.from(d.run(b, [4]).distMs.subarray(0, 5))).toEqual([7, Infinity, Infinity, Infinity, 0]);
  });
});
