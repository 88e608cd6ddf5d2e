// Issue 14 section 1: a gateway edit in the app re-evaluates only what the edit can change (add:
// a pruned search from the new gateway's visible satellites per step, then only the cells whose
// latency changed; remove / move: repair of the gateway's routing forest, or a full re-route with
// ground relay). Property: after any random sequence of adds, removes and moves, the evaluator's
// routing labels, cell minima and every window figure are bit-identical to a full evaluation of
// the same gateway set. Tolerance: none (toEqual on the raw arrays and on the result object).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCoverageGrid, CoverageEvaluator, defaultLinkModel, propagatorPositions, usableFromCatalog } from '../../../src-core/coverage';
import type { Gateway } from '../../../src-core/scenario/schema';
import { expectEditsEqualFull } from './edit-check';
import { assetGeo, gateway, GATEWAYS, kuiperPropagator, kuiperScenario, sharedCacheFixture, type GatewayEditOp } from './fixtures';

/** Sequences per routing mode: each is one full evaluation to compare against (a few seconds). */
const RUNS = 6;
const SEED = 14;

const latDeg = fc.double({ min: -60, max: 60, noNaN: true });
const lonDeg = fc.double({ min: -180, max: 179.9, noNaN: true });
const pick = fc.nat({ max: 1000 });
const op: fc.Arbitrary<GatewayEditOp> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), latDeg, lonDeg }),
  fc.record({ kind: fc.constant('remove' as const), pick }),
  fc.record({ kind: fc.constant('move' as const), pick, latDeg, lonDeg }),
);

const defaultRouting = kuiperScenario().routing;

for (const allowGatewayRelay of [false, true]) {
  describe(`coverage evaluator: random gateway edits (ground relay ${allowGatewayRelay ? 'on' : 'off'})`, () => {
    // One visibility cache for all runs: the evaluators differ only in their gateways.
    const { sc, makeShared } = sharedCacheFixture(allowGatewayRelay);

    it('incremental add / remove / move equals a full evaluation, bit for bit', () => {
      expect(sc.routing.allowGatewayRelay).toBe(allowGatewayRelay);
      let serial = 0;
      fc.assert(
        fc.property(fc.array(op, { minLength: 3, maxLength: 7 }), (ops) => expectEditsEqualFull(makeShared, sc.gateways, ops, () => `gw-r${serial++}`)),
        { numRuns: RUNS, seed: SEED },
      );
    });

    // Known limitation (found with more runs of the property above, sixteenth session): two
    // gateways a rounding error apart (here 1e-16 degrees) give seeds whose sums round to the same
    // latency further on. An add then keeps the earlier gateway's origin on such a tie, where a
    // full run hands it to the later one (its seed was one ulp faster): latencies, hops, cell
    // minima and (here) the gateway shares agree; the origin of 4 satellite labels does not. Sites
    // apart by more than that are exact (incremental-every-edit.test.ts). This test fails once
    // the limitation is fixed.
    it.fails('known: gateways a rounding error apart can split their ties differently from a full evaluation', () => {
      const ev = makeShared();
      ev.setGateways(sc.gateways);
      ev.moveGateway(0, { ...(ev.gateways[0] as Gateway), latDeg: 0, lonDeg: 0 });
      ev.addGateway(gateway('gw-dust-a', 0, 1.276582799106793e-16));
      ev.addGateway(gateway('gw-dust-b', 0, 0));
      const full = makeShared();
      full.setGateways(ev.gateways);
      expect(ev.dist).toEqual(full.dist);
      expect(ev.origin).toEqual(full.origin);
    });
  });
}

// The window figures keep their latency histogram and per-gateway weights between calls and move
// only the samples that changed (exact: integer weights). Samples that lose service must leave the
// histogram: a tight latency budget makes removals turn served samples into unserved ones.
describe('coverage evaluator: kept window sums', () => {
  const sc = kuiperScenario({ durationS: 4 * 120, stepS: 120, h3Resolution: 2 }, { gateways: GATEWAYS.slice(0, 4), routing: { ...defaultRouting, maxOneWayLatencyMs: 22 } });
  const { catalog, propagator } = kuiperPropagator(sc);
  const positions = propagatorPositions(propagator);
  const usable = usableFromCatalog(catalog);
  const links = defaultLinkModel(sc, catalog);

  it('served samples that lose service leave the histogram: remove all, add one back = a full evaluation', () => {
    const grid = buildCoverageGrid(sc.analysis, assetGeo);
    const ev = new CoverageEvaluator({ scenario: sc, grid, positions, usable, links });
    const before = ev.setGateways(sc.gateways);
    expect(before.headline.servedPct).toBeGreaterThan(0);
    expect(before.headline.servedPct).toBeLessThan(100); // the budget binds: some samples are unserved
    for (let n = sc.gateways.length; n > 0; n--) ev.removeGateway(n - 1);
    expect(ev.result().headline.servedPct).toBe(0);
    const after = ev.addGateway(sc.gateways[2]!);
    const full = new CoverageEvaluator({ scenario: sc, grid, cache: ev.cache }).setGateways([sc.gateways[2]!]);
    expect(after).toEqual(full);
  });

  it('non-integer weights: every call recounts from zero, and still equals a full evaluation', () => {
    const grid = buildCoverageGrid(sc.analysis, assetGeo);
    for (let c = 0; c < grid.count; c++) if (grid.weight[c]! > 0) grid.weight[c] = grid.weight[c]! + 0.1 + (c % 7) / 3;
    const ev = new CoverageEvaluator({ scenario: sc, grid, positions, usable, links });
    ev.setGateways(sc.gateways);
    ev.removeGateway(1);
    ev.addGateway(gateway('gw-extra', 10, 20));
    const inc = ev.moveGateway(0, { ...(ev.gateways[0] as Gateway), latDeg: 30, lonDeg: -40 });
    const full = new CoverageEvaluator({ scenario: sc, grid, cache: ev.cache }).setGateways(ev.gateways);
    expect(inc).toEqual(full);
  });
});
