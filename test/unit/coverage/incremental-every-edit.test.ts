// Issue 14 section 1, checked after every edit (incremental-random.test.ts checks the end of each
// sequence): random adds, removes and moves of any gateway, the one added last included (its undo
// and its moves take the add's log, undo-add.test.ts), each followed by a full evaluation of the
// same gateway set. Sites on a 1° grid offset by a fraction, so two gateways are either at the
// same site or well apart (sites a rounding error apart are a known limitation:
// incremental-random.test.ts). Tolerance: none (toEqual on labels, cell minima and the result).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Gateway } from '../../../src-core/scenario/schema';
import { gateway, sharedCacheFixture } from './fixtures';

const latDeg = fc.integer({ min: -60, max: 60 }).map((x) => x + 0.37);
const lonDeg = fc.integer({ min: -180, max: 179 }).map((x) => x + 0.21);
const pick = fc.nat({ max: 1000 });
const op = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), latDeg, lonDeg }),
  fc.record({ kind: fc.constant('remove' as const), pick }),
  fc.record({ kind: fc.constant('remove-last' as const) }),
  fc.record({ kind: fc.constant('move' as const), pick, latDeg, lonDeg }),
);

for (const allowGatewayRelay of [false, true]) {
  describe(`coverage evaluator: every edit equals a full evaluation (ground relay ${allowGatewayRelay ? 'on' : 'off'})`, () => {
    const { sc, makeShared } = sharedCacheFixture(allowGatewayRelay);
    it('adds, removes and moves, each checked', () => {
      let serial = 0;
      fc.assert(
        fc.property(fc.array(op, { minLength: 3, maxLength: 8 }), (ops) => {
          const ev = makeShared();
          ev.setGateways(sc.gateways);
          for (const o of ops) {
            const n = ev.gateways.length;
            if (o.kind === 'add') ev.addGateway(gateway(`gw-e${serial++}`, o.latDeg, o.lonDeg));
            else if (n === 0) continue;
            else if (o.kind === 'remove-last') ev.removeGateway(n - 1);
            else if (o.kind === 'remove') ev.removeGateway(o.pick % n);
            else ev.moveGateway(o.pick % n, { ...(ev.gateways[o.pick % n] as Gateway), latDeg: o.latDeg, lonDeg: o.lonDeg });
            const full = makeShared();
            const fullResult = full.setGateways(ev.gateways);
            expect(ev.dist).toEqual(full.dist);
            expect(ev.hops).toEqual(full.hops);
            expect(ev.origin).toEqual(full.origin);
            expect(ev.cellLat).toEqual(full.cellLat);
            expect(ev.cellSat).toEqual(full.cellSat);
            expect(ev.result()).toEqual(fullResult);
          }
        }),
        { numRuns: 8, seed: 16 },
      );
    });
  });
}
