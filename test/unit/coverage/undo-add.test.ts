// Undo of an add (issue 14 section 1: a planner tries a site and takes it back): removing the
// gateway added last, with no other routing edit since, writes back the labels and cells the add
// overwrote (evaluator.ts AddLog) instead of rerouting every step (with ground relay) or repairing
// the gateway's forest (without). Property: each undo gives exactly the state before its add, and
// that equals a full evaluation of the same gateway set. A move of that gateway (placing a site,
// then dragging it) is its undo and an add at the new site. Tolerance: none (toEqual on the raw
// arrays and on the result object). Any other edit drops the logs; a remove then takes the usual path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Gateway } from '../../../src-core/scenario/schema';
import { evaluatorState, gateway, sharedCacheFixture } from './fixtures';

for (const allowGatewayRelay of [false, true]) {
  describe(`coverage evaluator: undo of an add (ground relay ${allowGatewayRelay ? 'on' : 'off'})`, () => {
    // One visibility cache for all runs: the evaluators differ only in their gateways.
    const { sc, makeShared } = sharedCacheFixture(allowGatewayRelay);
    const full = (gws: readonly Gateway[]) => {
      const ev = makeShared();
      ev.setGateways(gws);
      return evaluatorState(ev);
    };

    it('adds taken back in reverse order give each earlier state exactly, and a full evaluation', () => {
      let serial = 0;
      const site = fc.record({ latDeg: fc.double({ min: -60, max: 60, noNaN: true }), lonDeg: fc.double({ min: -180, max: 179.9, noNaN: true }) });
      fc.assert(
        fc.property(fc.array(site, { minLength: 1, maxLength: 4 }), (sites) => {
          const ev = makeShared();
          ev.setGateways(sc.gateways);
          const before: ReturnType<typeof evaluatorState>[] = [];
          for (const p of sites) {
            before.push(evaluatorState(ev));
            ev.addGateway(gateway(`gw-u${serial++}`, p.latDeg, p.lonDeg));
          }
          expect(ev.undoableAdds).toBe(sites.length);
          for (let k = sites.length - 1; k >= 0; k--) {
            ev.removeGateway(ev.gateways.length - 1);
            expect(ev.undoableAdds).toBe(k);
            expect(evaluatorState(ev)).toEqual(before[k]);
            expect(evaluatorState(ev)).toEqual(full(ev.gateways));
          }
        }),
        { numRuns: 4, seed: 14 },
      );
    });

    it('moving the gateway added last: undo and add again, each move (and each move undone) exact', () => {
      const ev = makeShared();
      ev.setGateways(sc.gateways);
      const before = evaluatorState(ev);
      ev.addGateway(gateway('gw-m', 10, 30));
      const placed = evaluatorState(ev);
      const sites = [[12, 33], [-35, 150], [50, -100]] as const;
      for (const [latDeg, lonDeg] of sites) {
        ev.moveGateway(ev.gateways.length - 1, { ...(ev.gateways.at(-1) as Gateway), latDeg, lonDeg });
        expect(ev.undoableAdds).toBe(1);
        expect(evaluatorState(ev)).toEqual(full(ev.gateways));
      }
      // Back to where it was placed (what undoing the moves sends), then the add undone.
      ev.moveGateway(ev.gateways.length - 1, { ...(ev.gateways.at(-1) as Gateway), latDeg: 10, lonDeg: 30 });
      expect(evaluatorState(ev)).toEqual(placed);
      ev.removeGateway(ev.gateways.length - 1);
      expect(evaluatorState(ev)).toEqual(before);
    });

    it('another edit in between drops the logs; removes then take the usual path, still exact', () => {
      const ev = makeShared();
      ev.setGateways(sc.gateways);
      ev.addGateway(gateway('gw-a', 12, 40));
      ev.addGateway(gateway('gw-b', -20, 130));
      expect(ev.undoableAdds).toBe(2);
      // A rename keeps the routing, and the log.
      ev.relabelGateway(ev.gateways.length - 1, { ...(ev.gateways.at(-1) as Gateway), name: 'renamed' });
      expect(ev.undoableAdds).toBe(2);
      // Removing gw-a (not the last added) drops every log.
      ev.removeGateway(ev.gateways.findIndex((g) => g.id === 'gw-a'));
      expect(ev.undoableAdds).toBe(0);
      expect(evaluatorState(ev)).toEqual(full(ev.gateways));
      ev.removeGateway(ev.gateways.length - 1);
      expect(evaluatorState(ev)).toEqual(full(ev.gateways));
      // A move drops them too.
      ev.addGateway(gateway('gw-c', 45, 5));
      ev.moveGateway(0, { ...(ev.gateways[0] as Gateway), latDeg: (ev.gateways[0] as Gateway).latDeg + 1 });
      expect(ev.undoableAdds).toBe(0);
      ev.removeGateway(ev.gateways.length - 1);
      expect(evaluatorState(ev)).toEqual(full(ev.gateways));
    });
  });
}
