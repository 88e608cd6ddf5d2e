// Land cells per H3 resolution. Resolutions 0..3 ship in assets/data/land-h3.json (cell centre
// inside Natural Earth 1:50m land, or the cell contains a GeoNames city). Finer resolutions are
// derived on first use: children of resolution-3 land cells whose centre is land (isLand, the
// 1:50m country polygons) or that hold demand; this takes about a second per 100k candidates.
import { cellToChildren, cellToLatLng } from 'h3-js';
import landJson from '../../assets/data/land-h3.json';
import { isLand } from './countries';
import { demandForResolution } from './demand';

/** Highest resolution shipped in the asset. */
export const LAND_MAX_SHIPPED_RESOLUTION: number = landJson.maxResolution;
export const LAND_SOURCE: string = landJson.source;

const shipped = landJson.resolutions as Record<string, string[]>;
const cache = new Map<number, readonly string[]>();
const setCache = new Map<number, ReadonlySet<string>>();

/** H3 cells (sorted) that count as land at resolution `res` (0..6); cached, read-only. */
export function landCells(res: number): readonly string[] {
  if (!Number.isInteger(res) || res < 0 || res > 6) throw new RangeError(`land cells are available for H3 resolutions 0..6, got ${res}`);
  const hit = cache.get(res);
  if (hit) return hit;
  let cells: string[];
  if (res <= LAND_MAX_SHIPPED_RESOLUTION) {
    cells = shipped[String(res)]!.slice();
  } else {
    const out = new Set<string>();
    for (const parent of landCells(LAND_MAX_SHIPPED_RESOLUTION)) {
      for (const c of cellToChildren(parent, res)) {
        const [lat, lon] = cellToLatLng(c);
        if (isLand(lat, lon)) out.add(c);
      }
    }
    for (const c of demandForResolution(res).cells) out.add(c);
    cells = [...out].sort();
  }
  Object.freeze(cells);
  cache.set(res, cells);
  return cells;
}

/** The same cells as a Set, for membership tests. */
export function landCellSet(res: number): ReadonlySet<string> {
  let s = setCache.get(res);
  if (!s) {
    s = new Set(landCells(res));
    setCache.set(res, s);
  }
  return s;
}
