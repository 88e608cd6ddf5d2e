// LabelRouter.repairRelay (ground relay: a gateway taken out of a step) against a full run of the
// step without it, on small random networks whose latencies come from a few small integers, so
// that equal-latency paths (ties on distance, then hops, then origin) are everywhere: the case
// where "the label may come through the removed gateway" is subtle. Also a move: the repair, then
// improveRelay with the gateway's new seeds, against a full run with them.
// Tolerance: none (labels equal, array for array).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LabelRouter, linkAdjacency, type RouterOptions, type RouterStep } from '../../../src-core/network/router';

interface Net {
  n: number;
  links: [number, number, number][]; // a, b, ms (Infinity: down)
  gateways: { startMs: number; seeds: [number, number][] }[]; // seeds: satellite, up link ms
  x: number;
  moved: [number, number][];
  bentPipe: boolean;
}

const ms = fc.constantFrom(1, 2, 3, 4);
const net: fc.Arbitrary<Net> = fc
  .record({ n: fc.integer({ min: 2, max: 14 }), g: fc.integer({ min: 1, max: 5 }), bentPipe: fc.boolean() })
  .chain(({ n, g, bentPipe }) => {
    const sat = fc.integer({ min: 0, max: n - 1 });
    const seeds = fc.uniqueArray(fc.tuple(sat, ms), { maxLength: Math.min(n, 4), selector: (s) => s[0] });
    return fc.record({
      n: fc.constant(n),
      links: fc.array(fc.tuple(sat, sat, fc.oneof(ms, fc.constant(Infinity))), { maxLength: 3 * n }).map((ls) => ls.filter(([a, b]) => a !== b)),
      gateways: fc.array(fc.record({ startMs: fc.oneof(fc.constantFrom(0, 1, 2, 5), fc.constant(Infinity)), seeds }), { minLength: g, maxLength: g }),
      x: fc.integer({ min: 0, max: g - 1 }),
      moved: seeds,
      bentPipe: fc.constant(bentPipe),
    });
  });

/** The step as the evaluator builds it: `list[g]` null for a gateway with no seeds (taken out). */
function step(linkMs: Float64Array, list: (Net['gateways'][number] | null)[], processingMs: number): RouterStep {
  const sat: number[] = [], seedMs: number[] = [], up: number[] = [], org: number[] = [];
  list.forEach((g, o) => {
    if (!g || g.startMs === Infinity) return; // no PoP: no seeds
    for (const [s, u] of g.seeds) {
      sat.push(s);
      seedMs.push(g.startMs + u);
      up.push(u);
      org.push(o);
    }
  });
  return {
    linkMs,
    seedSat: Int32Array.from(sat),
    seedMs: Float64Array.from(seedMs),
    seedUpMs: Float64Array.from(up),
    seedGateway: Int32Array.from(org),
    seedCount: sat.length,
    gatewayStartMs: list.map((g) => (g ? g.startMs : Infinity)),
    gatewayCount: list.length,
    gatewayProcessingMs: processingMs,
  };
}

function labels(n: number): { dist: Float64Array; hops: Int32Array; origin: Int32Array } {
  return { dist: new Float64Array(n), hops: new Int32Array(n), origin: new Int32Array(n) };
}

describe('LabelRouter.repairRelay: a gateway taken out of a ground-relay step', () => {
  for (const processingMs of [0, 1]) {
    it(`equals a full run without it, and a move equals a full run with its new seeds (gateway processing ${processingMs} ms)`, () => {
      fc.assert(
        fc.property(net, (w) => {
          const { n } = w;
          const options: RouterOptions = { groundRelay: true, maxSatelliteHops: null, bentPipe: w.bentPipe };
          const adj = linkAdjacency(n, w.links.map((l) => l[0]), w.links.map((l) => l[1]), w.links.length);
          const linkMs = Float64Array.from(w.links.map((l) => l[2]));
          const router = (): LabelRouter => new LabelRouter(n, adj.adjOff, adj.adjTo, adj.adjLink, options);
          const all = w.gateways;
          const holed = all.map((g, o) => (o === w.x ? null : g));
          const gone = all[w.x]!;
          const goneSeeds = gone.startMs === Infinity ? [] : gone.seeds;
          const old = {
            sat: goneSeeds.map((s) => s[0]),
            ms: goneSeeds.map((s) => gone.startMs + s[1]),
            upMs: goneSeeds.map((s) => s[1]),
            count: goneSeeds.length,
          };

          const before = labels(n);
          const r = router();
          r.full(step(linkMs, all, processingMs), before.dist, before.hops, before.origin);
          r.repairRelay(step(linkMs, holed, processingMs), w.x, old, gone.startMs, before.dist, before.hops, before.origin, new Int32Array(n));
          const without = labels(n);
          router().full(step(linkMs, holed, processingMs), without.dist, without.hops, without.origin);
          expect(before).toEqual(without);

          const movedTo = { startMs: gone.startMs, seeds: w.moved };
          const withMoved = all.map((g, o) => (o === w.x ? movedTo : g));
          r.improveRelay(step(linkMs, withMoved, processingMs), w.x, before.dist, before.hops, before.origin, new Int32Array(n));
          const full = labels(n);
          router().full(step(linkMs, withMoved, processingMs), full.dist, full.hops, full.origin);
          expect(before).toEqual(full);
        }),
        { numRuns: 3000, seed: 14 },
      );
    });
  }
});
