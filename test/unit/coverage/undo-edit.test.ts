// Undo and redo of gateway edits (issue 14 section 1: a planner tries a site, deletes or drags a
// gateway, and takes it back): every add, remove and move logs the labels and cells it overwrote
// (evaluator.ts EditLog). The edit that takes it back (removing the gateway just added, inserting
// the one just removed at its index, moving one back) swaps the log in instead of routing: with
// ground relay a remove or a move otherwise reroutes every step. Property: each undo gives exactly
// the state before its edit, each redo the state after it, and both equal a full evaluation of the
// same gateway set. Tolerance: none (toEqual on the raw arrays and on the result object).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Gateway } from '../../../src-core/scenario/schema';
import type { CoverageEvaluator } from '../../../src-core/coverage';
import { evaluatorState, gateway, sharedCacheFixture } from './fixtures';

for (const allowGatewayRelay of [false, true]) {
  describe(`coverage evaluator: undo and redo from edit logs (ground relay ${allowGatewayRelay ? 'on' : 'off'})`, () => {
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
          expect(ev.undoableEdits).toBe(sites.length);
          for (let k = sites.length - 1; k >= 0; k--) {
            ev.removeGateway(ev.gateways.length - 1);
            expect(ev.undoableEdits).toBe(k);
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
        expect(ev.undoableEdits).toBe(1);
        expect(evaluatorState(ev)).toEqual(full(ev.gateways));
      }
      // Back to where it was placed (what undoing the moves sends), then the add undone.
      ev.moveGateway(ev.gateways.length - 1, { ...(ev.gateways.at(-1) as Gateway), latDeg: 10, lonDeg: 30 });
      expect(evaluatorState(ev)).toEqual(placed);
      ev.removeGateway(ev.gateways.length - 1);
      expect(evaluatorState(ev)).toEqual(before);
    });

    it('removes and moves taken back and made again: each state exact, from the logs', () => {
      const ev = makeShared();
      ev.setGateways(sc.gateways);
      const s0 = evaluatorState(ev);
      const removed = ev.gateways[1]!;
      ev.removeGateway(1);
      const s1 = evaluatorState(ev);
      expect(s1).toEqual(full(ev.gateways));
      const old = ev.gateways[0]!;
      const moved = { ...old, latDeg: old.latDeg + 4, lonDeg: old.lonDeg - 7 };
      ev.moveGateway(0, moved);
      const s2 = evaluatorState(ev);
      expect(s2).toEqual(full(ev.gateways));
      expect([ev.undoableEdits, ev.redoableEdits]).toEqual([2, 0]);
      // Undo: the move back (a renamed copy: names are not routed on), then the insert at index 1.
      ev.moveGateway(0, { ...old, name: 'renamed' });
      expect(evaluatorState(ev)).toEqual(s1);
      expect(ev.gateways[0]!.name).toBe('renamed');
      expect([ev.undoableEdits, ev.redoableEdits]).toEqual([1, 1]);
      expect(ev.insertGatewayFromLog(1, removed)).not.toBeNull();
      expect(evaluatorState(ev)).toEqual(s0);
      expect([ev.undoableEdits, ev.redoableEdits]).toEqual([0, 2]);
      // Redo both.
      ev.removeGateway(1);
      expect(evaluatorState(ev)).toEqual(s1);
      ev.moveGateway(0, moved);
      expect(evaluatorState(ev)).toEqual(s2);
      expect([ev.undoableEdits, ev.redoableEdits]).toEqual([2, 0]);
    });

    it('an edit that takes back no log routes as usual, drops the redo logs, and stays exact', () => {
      const ev = makeShared();
      ev.setGateways(sc.gateways);
      const a = ev.gateways[0]!, b = ev.gateways[1]!;
      ev.removeGateway(0);
      ev.removeGateway(0); // b
      // Inserting `a` back while `b`'s removal is the newest log: not from a log.
      expect(ev.insertGatewayFromLog(0, a)).toBeNull();
      // A move to a different site than the logged one is not an undo.
      ev.insertGatewayFromLog(0, b);
      expect(ev.redoableEdits).toBe(1);
      ev.moveGateway(0, { ...b, latDeg: b.latDeg + 1 });
      expect([ev.undoableEdits, ev.redoableEdits]).toEqual([2, 0]);
      expect(evaluatorState(ev)).toEqual(full(ev.gateways));
      // A rename keeps the logs.
      ev.relabelGateway(0, { ...ev.gateways[0]!, name: 'renamed' });
      ev.moveGateway(0, b);
      expect(ev.undoableEdits).toBe(1);
      expect(evaluatorState(ev)).toEqual(full(ev.gateways));
      // Setting the gateways in full drops every log.
      ev.setGateways(sc.gateways);
      expect([ev.undoableEdits, ev.redoableEdits]).toEqual([0, 0]);
    });

    it('a whole-set replace (a batch of edits) is logged: setting the set before it again is a swap, and so is the redo', () => {
      const ev = makeShared();
      ev.setGateways(sc.gateways);
      const s0 = evaluatorState(ev);
      const list0 = ev.gateways.slice();
      // A batch: one removed, two added, one moved (what accepting or undoing many edits sends).
      const list1 = [{ ...list0[0]!, latDeg: list0[0]!.latDeg + 2 }, ...list0.slice(2), gateway('gw-b1', 5, 20), gateway('gw-b2', -15, -60)];
      ev.replaceGateways(list1);
      const s1 = evaluatorState(ev);
      expect(s1).toEqual(full(list1));
      expect(ev.replaceGatewaysFromLog(list0.slice(1))).toBeNull(); // not the set before
      expect(ev.replaceGatewaysFromLog(list0.map((g) => ({ ...g, name: `${g.name} (renamed)` })))).not.toBeNull();
      expect(evaluatorState(ev)).toEqual(s0);
      expect(ev.gateways[0]!.name).toMatch(/renamed/);
      expect(ev.replaceGatewaysFromLog(list1)).not.toBeNull();
      expect(evaluatorState(ev)).toEqual(s1);
      // Single edits stack on top of it and come back off in order.
      ev.removeGateway(1);
      ev.addGateway(gateway('gw-b3', 30, 100));
      ev.removeGateway(ev.gateways.length - 1);
      expect(ev.insertGatewayFromLog(1, list1[1]!)).not.toBeNull();
      expect(evaluatorState(ev)).toEqual(s1);
      expect(ev.replaceGatewaysFromLog(list0)).not.toBeNull();
      expect(evaluatorState(ev)).toEqual(s0);
    });

    it('random edits, then every one undone and redone: each state exact', () => {
      let serial = 0;
      const site = { latDeg: fc.double({ min: -60, max: 60, noNaN: true }), lonDeg: fc.double({ min: -180, max: 179.9, noNaN: true }) };
      const op = fc.oneof(fc.record({ kind: fc.constant('add' as const), ...site }), fc.record({ kind: fc.constant('remove' as const), pick: fc.nat(20) }), fc.record({ kind: fc.constant('move' as const), pick: fc.nat(20), ...site }));
      fc.assert(
        fc.property(fc.array(op, { minLength: 1, maxLength: 5 }), (ops) => {
          const ev = makeShared();
          ev.setGateways(sc.gateways);
          // Each edit as (do, undo), in the app's terms: what a history entry and its inverse send.
          const history: Array<{ redo: (e: CoverageEvaluator) => void; undo: (e: CoverageEvaluator) => void; before: ReturnType<typeof evaluatorState>; after: ReturnType<typeof evaluatorState> }> = [];
          for (const o of ops) {
            const n = ev.gateways.length;
            const before = evaluatorState(ev);
            let redo: (e: CoverageEvaluator) => void, undo: (e: CoverageEvaluator) => void;
            if (o.kind === 'add' || n === 0) {
              const g = gateway(`gw-r${serial++}`, 'latDeg' in o ? o.latDeg : 0, 'lonDeg' in o ? o.lonDeg : 0);
              redo = (e) => e.addGateway(g);
              undo = (e) => e.removeGateway(n);
            } else if (o.kind === 'remove') {
              const i = o.pick % n, g = ev.gateways[i]!;
              redo = (e) => e.removeGateway(i);
              undo = (e) => expect(e.insertGatewayFromLog(i, g)).not.toBeNull();
            } else {
              const i = o.pick % n, g = ev.gateways[i]!;
              const to = { ...g, latDeg: o.latDeg, lonDeg: o.lonDeg };
              redo = (e) => e.moveGateway(i, to);
              undo = (e) => e.moveGateway(i, g);
            }
            redo(ev);
            const after = evaluatorState(ev);
            expect(after).toEqual(full(ev.gateways));
            history.push({ redo, undo, before, after });
          }
          for (let k = history.length - 1; k >= 0; k--) {
            history[k]!.undo(ev);
            expect(evaluatorState(ev)).toEqual(history[k]!.before);
          }
          for (const h of history) {
            h.redo(ev);
            expect(evaluatorState(ev)).toEqual(h.after);
          }
        }),
        { numRuns: 6, seed: 17 },
      );
    });
  });
}
