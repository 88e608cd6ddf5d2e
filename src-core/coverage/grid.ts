// The coverage grid: the ground points coverage is measured at (H3 cell centres, or any list of
// points), each with its ECEF position, local up vector and a demand weight. Built once per
// change of the analysis grid settings; every coverage figure is indexed by grid cell.
//
// Cell order is the grid's own (sorted by 2-degree latitude/longitude bins, then H3 index), not the
// caller's: neighbouring cells sit next to each other in memory, which keeps the per-satellite
// visibility lists (cell indices) ascending and the scatter loops cache-friendly.
//
// Weights are integers (population rounded; 1 per cell when demand weighting is off), so every
// demand-weighted sum the evaluator makes is exact in float64 and does not depend on summation
// order: incremental and full evaluations give bit-identical headline figures.
import { cellArea, cellToLatLng, cellToChildren, getRes0Cells } from 'h3-js';
import { geodeticToEcefBulk } from '../frames';
import { DEG } from '../units';

export interface CoverageGrid {
  count: number;
  /** H3 index per cell, or a caller-given id for point grids. */
  ids: string[];
  latDeg: Float64Array;
  lonDeg: Float64Array;
  /** Cell centre on the WGS84 ellipsoid (height 0), xyz-interleaved (3N, km). */
  posEcefKm: Float64Array;
  /** Geodetic up (unit ellipsoid normal) per cell, xyz-interleaved (3N). */
  upEcef: Float64Array;
  /** Demand weight (non-negative integer): population, or 1 per cell when not demand-weighted. */
  weight: Float64Array;
  /** Population per cell (0 where unknown), kept even when the weights are not population. */
  population: Float64Array;
  /** H3 resolution, or -1 for point grids. */
  resolution: number;
}

/** The geo module's demand/land API, as the grid needs it (structural so tests can pass their own). */
export interface GeoDemandSource {
  landCells(res: number): readonly string[];
  demandForResolution(res: number): { cells: readonly string[]; population: ArrayLike<number> };
}

export interface GridOptions {
  h3Resolution: number;
  landOnly: boolean;
  demandWeighted: boolean;
}

export interface GridPoint {
  id?: string;
  latDeg: number;
  lonDeg: number;
  /** Demand weight; rounded to an integer (default 1). */
  weight?: number;
}

const BIN_DEG = 2;

/** Build the H3 grid of the analysis settings: land cells (plus every cell with demand) or the whole globe. */
export function buildCoverageGrid(opts: GridOptions, geo: GeoDemandSource): CoverageGrid {
  const res = opts.h3Resolution;
  const demand = geo.demandForResolution(res);
  const pop = new Map<string, number>();
  for (let i = 0; i < demand.cells.length; i++) pop.set(demand.cells[i]!, demand.population[i]!);
  let cells: string[];
  if (opts.landOnly) {
    const set = new Set<string>(geo.landCells(res));
    for (const c of demand.cells) set.add(c);
    cells = [...set];
  } else {
    cells = [];
    for (const r0 of getRes0Cells()) for (const c of cellToChildren(r0, res)) cells.push(c);
  }
  const points = cells.map((id) => {
    const [lat, lon] = cellToLatLng(id);
    return { id, latDeg: lat, lonDeg: lon, population: Math.round(pop.get(id) ?? 0) };
  });
  const grid = pointsToGrid(points, res);
  if (!opts.demandWeighted) grid.weight.fill(1);
  return grid;
}

/** A grid of explicit ground points (tests, imported sites). */
export function gridFromPoints(points: readonly GridPoint[]): CoverageGrid {
  const grid = pointsToGrid(points.map((p, i) => ({ id: p.id ?? `p${i}`, latDeg: p.latDeg, lonDeg: p.lonDeg, population: Math.round(p.weight ?? 1) })), -1);
  return grid;
}

/** Area (km^2) of each cell of an H3 grid (NaN for point grids). */
export function gridCellAreasKm2(grid: CoverageGrid): Float64Array {
  const out = new Float64Array(grid.count).fill(NaN);
  if (grid.resolution < 0) return out;
  for (let i = 0; i < grid.count; i++) out[i] = cellArea(grid.ids[i]!, 'km2');
  return out;
}

function binKey(latDeg: number, lonDeg: number): number {
  const bl = Math.min(Math.floor((latDeg + 90) / BIN_DEG), Math.floor(180 / BIN_DEG) - 1);
  const bo = Math.min(Math.floor((lonDeg + 180) / BIN_DEG), Math.floor(360 / BIN_DEG) - 1);
  return bl * Math.floor(360 / BIN_DEG) + bo;
}

function pointsToGrid(points: { id: string; latDeg: number; lonDeg: number; population: number }[], resolution: number): CoverageGrid {
  const keyed = points.map((p) => ({ p, k: binKey(p.latDeg, p.lonDeg) }));
  keyed.sort((a, b) => a.k - b.k || (a.p.id < b.p.id ? -1 : a.p.id > b.p.id ? 1 : 0));
  const n = keyed.length;
  const latDeg = new Float64Array(n);
  const lonDeg = new Float64Array(n);
  const latRad = new Float64Array(n);
  const lonRad = new Float64Array(n);
  const population = new Float64Array(n);
  const upEcef = new Float64Array(3 * n);
  const ids: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const p = keyed[i]!.p;
    ids[i] = p.id;
    latDeg[i] = p.latDeg;
    lonDeg[i] = p.lonDeg;
    latRad[i] = p.latDeg * DEG;
    lonRad[i] = p.lonDeg * DEG;
    population[i] = Math.max(0, p.population);
    const cl = Math.cos(latRad[i]!);
    upEcef[3 * i] = cl * Math.cos(lonRad[i]!);
    upEcef[3 * i + 1] = cl * Math.sin(lonRad[i]!);
    upEcef[3 * i + 2] = Math.sin(latRad[i]!);
  }
  const posEcefKm = new Float64Array(3 * n);
  geodeticToEcefBulk(latRad, lonRad, 0, posEcefKm);
  return { count: n, ids, latDeg, lonDeg, posEcefKm, upEcef, weight: population.slice(), population, resolution };
}
