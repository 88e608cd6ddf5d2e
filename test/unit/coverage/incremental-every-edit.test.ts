// Issue 14 section 1, checked after every edit (incremental-random.test.ts checks the end of each
// sequence): random adds, removes and moves of any gateway, the one added last included (its undo
// and its moves take the add's log; a remove, move or add that takes back the edit before it
// is swapped in from that edit's log: undo-edit.test.ts), each followed by a full evaluation of the
// same gateway set. Sites on a 1° grid offset by a fraction, so two gateways are either at the
// same site or well apart (sites a rounding error apart are a known limitation:
// incremental-random.test.ts). Tolerance: none (toEqual on labels, cell minima and the result).
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { expectEditsEqualFull } from './edit-check';
import { sharedCacheFixture, type GatewayEditOp } from './fixtures';

const latDeg = fc.integer({ min: -60, max: 60 }).map((x) => x + 0.37);
const lonDeg = fc.integer({ min: -180, max: 179 }).map((x) => x + 0.21);
const pick = fc.nat({ max: 1000 });
const op: fc.Arbitrary<GatewayEditOp> = fc.oneof(
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
        fc.property(fc.array(op, { minLength: 3, maxLength: 8 }), (ops) => expectEditsEqualFull(makeShared, sc.gateways, ops, () => `gw-e${serial++}`, true)),
        { numRuns: 8, seed: 16 },
      );
    });
  });
}
