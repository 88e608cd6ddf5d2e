// Values of the "Served demand" heatmap metric: per cell, the share of its busy-hour demand the
// capacity model carries at the step shown (%), from the engine's CapacityView. Cells without
// demand, and any cell while no view for the snapshot's revision has arrived, are NaN (no data), and
// so is every cell of a rollout view's snapshot (the capacity view is the scenario as written).
import type { CapacityView } from '../../engine/capacityHost';
import type { CoverageSnapshot } from '../../engine/planningProtocol';
import { capacityStore } from '../../ui/capacity/capacityStore';

const cache = new WeakMap<CapacityView, Float64Array>();

/** Served share of each cell's demand, % (0..100). */
export function servedDemandPct(view: CapacityView): Float64Array {
  let out = cache.get(view);
  if (!out) {
    const d = view.cellDemandGbps, s = view.cellServedGbps;
    out = new Float64Array(d.length);
    for (let c = 0; c < d.length; c++) out[c] = d[c]! > 0 ? Math.min(100, (100 * s[c]!) / d[c]!) : NaN;
    cache.set(view, out);
  }
  return out;
}

/** The metric's values for a coverage snapshot: the current capacity view when it is for the same revision and grid. */
export function servedDemandValues(snap: CoverageSnapshot): Float64Array {
  const view = capacityStore.getState().view;
  const n = snap.cells.servedPct.length;
  // The same network: the scenario as written, or the same rollout date (same grid, cell for cell).
  const sameNetwork = (view?.asOfDateMs ?? undefined) === snap.asOfDateMs;
  if (view && sameNetwork && view.revision === snap.revision && view.cellServedGbps.length === n) return servedDemandPct(view);
  return new Float64Array(n).fill(NaN);
}
