// Exact ties in the cell minimum: two identical Walker shells put every satellite next to a twin at
// the same position, with the same up links and the same routing labels (each shell's laser grid is
// its own, and the same), so every cell a satellite sees has at least two satellites at exactly the
// same latency. The rule is
// the lower satellite index (cellPass). Random adds, removes and moves (each edit takes the
// incremental paths: improveStep, repair / repairRelay and cellsFromLabels) must give the same
// state as a full evaluation of the same gateways, bit for bit, ground relay on and off. (This
// found that a removal left uncounted the samples of the removed gateway when a co-located one
// took them over under the same, renumbered, index.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kuiperShells } from '../../../src-core/constellation';
import { buildCoverageGrid, CoverageEvaluator, defaultLinkModel, propagatorPositions, usableFromCatalog } from '../../../src-core/coverage';
import { expectEditsEqualFull } from './edit-check';
import { assetGeo, evaluatorState, GATEWAYS, kuiperPropagator, kuiperScenario, type GatewayEditOp } from './fixtures';

// Sites: anywhere, or one of a few, so that co-located gateways (equal seeds: ties on latency and
// hops, broken by the gateway's index) come up often too.
const site = fc.oneof(
  fc.record({ latDeg: fc.double({ min: -55, max: 55, noNaN: true }), lonDeg: fc.double({ min: -180, max: 179.9, noNaN: true }) }),
  fc.constantFrom({ latDeg: 0, lonDeg: 0 }, { latDeg: 49.5, lonDeg: 9.5 }, { latDeg: -34.5, lonDeg: 150.5 }),
);
const pick = fc.nat({ max: 1000 });
const op: fc.Arbitrary<GatewayEditOp> = fc.oneof(
  site.map((p) => ({ kind: 'add' as const, ...p })),
  fc.record({ kind: fc.constant('remove' as const), pick }),
  fc.constant({ kind: 'remove-last' as const }),
  fc.tuple(pick, site).map(([pk, p]) => ({ kind: 'move' as const, pick: pk, ...p })),
);

for (const [bentPipeOnly, allowGatewayRelay] of [[true, false], [true, true], [false, false], [false, true]]) {
  describe(`coverage evaluator: twin satellites, exact ties (${bentPipeOnly ? 'bent pipe' : 'lasers'}, ground relay ${allowGatewayRelay ? 'on' : 'off'})`, () => {
    const k1 = kuiperShells()[0]!;
    const shells = [k1, { ...k1, id: 'K1-twin', name: 'Kuiper K1 twin' }];
    const base = kuiperScenario({ durationS: 3 * 120, stepS: 120, h3Resolution: 2 });
    const sc = kuiperScenario(
      { durationS: 3 * 120, stepS: 120, h3Resolution: 2 },
      { constellation: { ...base.constellation, shells }, gateways: GATEWAYS.slice(0, 5), routing: { ...base.routing, bentPipeOnly, allowGatewayRelay } },
    );
    const { catalog, propagator } = kuiperPropagator(sc);
    const grid = buildCoverageGrid(sc.analysis, assetGeo);
    const { cache } = new CoverageEvaluator({ scenario: sc, grid, positions: propagatorPositions(propagator), usable: usableFromCatalog(catalog), links: defaultLinkModel(sc, catalog) });
    const make = (): CoverageEvaluator => new CoverageEvaluator({ scenario: sc, grid, cache });

    it('the twins tie: a full evaluation serves cells, each by the lower index of a tied pair', () => {
      const ev = make();
      ev.setGateways(sc.gateways);
      const n = k1.planes * k1.satsPerPlane;
      let served = 0;
      for (let k = 0; k < ev.cellSat.length; k++) {
        const s = ev.cellSat[k]!;
        if (s < 0) continue;
        served++;
        expect(s).toBeLessThan(n); // never the twin (index + n): it ties and loses
      }
      expect(served).toBeGreaterThan(100);
      // The labels of a satellite and its twin are equal.
      const t = 0, N = cache.satCount;
      for (let i = 0; i < n; i++) expect(ev.dist[t * N + i + n]).toBe(ev.dist[t * N + i]);
    });

    it('removing one of two co-located gateways: the other takes its samples under the same index', () => {
      const ev = make();
      ev.setGateways(sc.gateways);
      ev.addGateway({ ...GATEWAYS[0]!, id: 'gw-a', latDeg: 0, lonDeg: 0 });
      ev.addGateway({ ...GATEWAYS[0]!, id: 'gw-b', latDeg: 0, lonDeg: 0 });
      ev.result();
      const removed = ev.removeGateway(sc.gateways.length); // gw-a: gw-b, renumbered, has its index
      const full = make();
      full.setGateways(ev.gateways);
      expect(evaluatorState(ev)).toEqual(evaluatorState(full));
      expect(removed).toEqual(full.result());
    });

    it('incremental add / remove / move equals a full evaluation, bit for bit', () => {
      let serial = 0;
      fc.assert(
        fc.property(fc.array(op, { minLength: 3, maxLength: 8 }), (ops) => expectEditsEqualFull(make, sc.gateways, ops, () => `gw-t${serial++}`)),
        { numRuns: 30, seed: 18 },
      );
    });
  });
}
