// The property the random-edit suites share: gateway edits applied one by one leave the evaluator
// exactly as a full evaluation of the same gateways would (labels, cell minima, every figure).
import { expect } from 'vitest';
import type { CoverageEvaluator } from '../../../src-core/coverage';
import type { Gateway } from '../../../src-core/scenario/schema';
import { applyEditOp, evaluatorState, type GatewayEditOp } from './fixtures';

/**
 * Sets a fresh evaluator from `make` to `gateways`, applies `ops` (an add named by `nextId`) and
 * expects its state to equal a full evaluation (toEqual on the raw arrays and the result): after
 * the last edit, or with `everyEdit` after each one.
 */
export function expectEditsEqualFull(make: () => CoverageEvaluator, gateways: readonly Gateway[], ops: readonly GatewayEditOp[], nextId: () => string, everyEdit = false): void {
  const ev = make();
  ev.setGateways(gateways);
  const check = (): void => {
    const full = make();
    full.setGateways(ev.gateways);
    expect(evaluatorState(ev)).toEqual(evaluatorState(full));
  };
  for (const o of ops) {
    applyEditOp(ev, o, nextId());
    if (everyEdit) check();
  }
  if (!everyEdit) check();
}
