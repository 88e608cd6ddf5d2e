// The slot-matching summary of a scenario with planned Walker shells and real element sets
// (docs/ROLLOUT.md, "Slot matching"), as `validate` and `analyze` print it.
import type { CatalogProblem, SlotMatchingSummary } from '../../../src-core/constellation';
import { clean } from '../io';

/** Reasons listed per kind in text output; --json lists them all. */
const MAX_LISTED = 20;

/** JSON form: counts, and every raising / unmatched set with its path and reason. */
export function slotMatchingJson(m: SlotMatchingSummary | null): { matched: number; raising: number; unmatched: number; raisingSets: CatalogProblem[]; unmatchedSets: CatalogProblem[] } | undefined {
  if (!m) return undefined;
  return { matched: m.inSlot.length, raising: m.raising.length, unmatched: m.unmatched.length, raisingSets: m.raising, unmatchedSets: m.unmatched };
}

function listed(title: string, items: readonly CatalogProblem[]): string[] {
  if (items.length === 0) return [];
  const lines = items.slice(0, MAX_LISTED).map((p) => `  ${p.path}: ${clean(p.message)}`);
  if (items.length > MAX_LISTED) lines.push(`  ... and ${items.length - MAX_LISTED} more (--json lists all)`);
  return [`${title}:`, ...lines];
}

/** Text form: one summary line, then the raising and unmatched sets with their reasons; empty when nothing was matched. */
export function slotMatchingLines(m: SlotMatchingSummary | null): string[] {
  if (!m) return [];
  const head = `slot matching: ${m.inSlot.length} real satellite${m.inSlot.length === 1 ? '' : 's'} in their planned slot, ${m.raising.length} raising, ${m.unmatched.length} unmatched`;
  return [head, ...listed('raising (no traffic, no lasers)', m.raising), ...listed('unmatched (kept as imported satellites)', m.unmatched)];
}
