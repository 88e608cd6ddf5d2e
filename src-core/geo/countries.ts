// Country lookup and land mask from the shipped Natural Earth 1:50m admin-0 polygons
// (assets/data/countries.json, built by scripts/build-assets.mjs).
//
// At the borders: Natural Earth 1:50m puts borders up to a few km off (Blaine WA, Ferney-Voltaire,
// Modi'in and Beit Hanoun fall on the wrong side; 1:10m as world-atlas quantizes it is still
// ~1.5 km off, and costs 5x the data and ~3x the index build). So within BORDER_MARGIN_KM of a
// LAND border (edges of two or more countries
// that near), GeoNames places vote (assets/data/border-places.json: every place of 1,000+ people
// with a place of another country within 10 km): the point goes to a neighbouring country when
// one of its places lies within PLACE_RADIUS_KM and less than half as far as the nearest place of
// the polygon's country (so Windsor, 2.3 km from its own centre and 2.0 km from Detroit's, stays
// Canadian). Elsewhere, and at coasts, the polygon decides. Measured on the 3,417 border places
// themselves: 86.3 % get their GeoNames country (polygons alone: 74.1 %); of the 469 that do not,
// 428 are conventions, not accuracy (Natural Earth puts Crimea in RU and the French overseas
// departments in FR, GeoNames does not).
//
// Speed: polygons (MultiPolygons split into parts) are bucketed into a 1-degree lat/lon grid by
// their bounding boxes. Grid cells that no polygon edge passes through have one answer for the
// whole cell, computed once on first use, so an interior or open-ocean query is a table look-up.
// Points in coastal/border cells run an exact point-in-polygon test (bbox-prefiltered), an
// even-odd ray cast over only the edges in the point's 1-degree latitude band. The test is
// planar in lon/lat, which is how Natural Earth draws its edges (d3-geo geoContains treats them
// as great-circle arcs; at 1:50m the two differ by metres). Rings crossing the antimeridian are
// unwrapped and Antarctica's ring is closed along the South Pole. d3-geo geoContains on the
// same parts costs ~1 ms for Russia or Canada, too slow for per-cell loops.
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, Geometry } from 'geojson';
import KDBush from 'kdbush';
import borderPlacesJson from '../../assets/data/border-places.json';
import countriesJson from '../../assets/data/countries.json';
import { DEG, EARTH_MEAN_RADIUS_KM } from '../units';

/** Within this distance of a land border the polygons are not trusted on their own. */
export const BORDER_MARGIN_KM = 4;
/** How far the deciding GeoNames place may be. */
export const PLACE_RADIUS_KM = 3;

export interface CountryInfo {
  /** ISO 3166-1 alpha-2 (derived from GeoNames codes of the cities inside; null for a few uninhabited territories). */
  code: string | null;
  /** Natural Earth short name, e.g. "United States of America". */
  name: string;
  /** ISO 3166-1 numeric as in Natural Earth / world-atlas, or null (e.g. Kosovo, N. Cyprus). */
  isoNumeric: string | null;
}

interface CountryProps {
  name: string;
  code: string | null;
  votes: number;
}

interface Part {
  country: number;
  /** Planar bbox in unwrapped longitude (may extend past +-180 for parts crossing the antimeridian). */
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  /** Edges (x0, y0, x1, y1) grouped by 1-degree latitude band: band b is edges[4*bandStart[b] .. 4*bandStart[b+1]). */
  edges: Float64Array;
  bandStart: Int32Array;
  area: number;
}

interface Index {
  countries: CountryInfo[];
  parts: Part[];
  /** CSR: candidate parts per grid cell (cellStart[k]..cellStart[k+1]). */
  cellStart: Int32Array;
  cellParts: Int32Array;
  /** Per grid cell: 1 when a polygon edge passes through it (needs an exact test). */
  boundary: Uint8Array;
  /** Per grid cell: 1 when it or a neighbour holds edges of two or more countries (a land border may be near). */
  landBorder: Uint8Array;
  /** Per non-boundary grid cell: -2 not yet known, -1 no country, else country index. */
  cellAnswer: Int32Array;
}

const NLAT = 180;
const NLON = 360;
let index: Index | null = null;

const latRow = (lat: number): number => Math.min(NLAT - 1, Math.max(0, Math.floor(lat + 90)));
const lonCol = (lon: number): number => {
  let x = Math.floor(lon + 180) % NLON;
  if (x < 0) x += NLON;
  return x;
};

/**
 * Unwrap a ring's longitudes so consecutive vertices never jump by more than 180 deg. A ring
 * that winds once around a pole (Antarctica) is closed along that pole.
 */
function unwrapRing(ring: readonly (readonly number[])[], reference: number | null): number[][] {
  const out: number[][] = [];
  let x = ring[0]![0]!;
  if (reference !== null) x += 360 * Math.round((reference - x) / 360);
  out.push([x, ring[0]![1]!]);
  for (let i = 1; i < ring.length; i++) {
    let d = ring[i]![0]! - ring[i - 1]![0]!;
    if (d > 180) d -= 360;
    else if (d < -180) d += 360;
    x += d;
    out.push([x, ring[i]![1]!]);
  }
  const wind = out[out.length - 1]![0]! - out[0]![0]!;
  if (Math.abs(wind) > 180) {
    let sumY = 0;
    for (const v of out) sumY += v[1]!;
    const pole = sumY < 0 ? -90 : 90;
    out.push([out[out.length - 1]![0]!, pole], [out[0]![0]!, pole], [out[0]![0]!, out[0]![1]!]);
  }
  return out;
}

function makePart(country: number, rings: readonly (readonly (readonly number[])[])[]): Part {
  const unwrapped: number[][][] = [];
  let ref: number | null = null;
  for (const ring of rings) {
    const u = unwrapRing(ring, ref);
    if (ref === null) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of u) { lo = Math.min(lo, v[0]!); hi = Math.max(hi, v[0]!); }
      ref = (lo + hi) / 2;
    }
    unwrapped.push(u);
  }
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  const perBand: number[][] = Array.from({ length: NLAT }, () => []);
  for (const ring of unwrapped) {
    for (let i = 1; i < ring.length; i++) {
      const [x0, y0] = ring[i - 1]! as [number, number];
      const [x1, y1] = ring[i]! as [number, number];
      minX = Math.min(minX, x0, x1); maxX = Math.max(maxX, x0, x1);
      minY = Math.min(minY, y0, y1); maxY = Math.max(maxY, y0, y1);
      if (y0 === y1) continue; // horizontal edges never cross a horizontal ray
      for (let b = latRow(Math.min(y0, y1)); b <= latRow(Math.max(y0, y1)); b++) perBand[b]!.push(x0, y0, x1, y1);
    }
  }
  const bandStart = new Int32Array(NLAT + 1);
  for (let b = 0; b < NLAT; b++) bandStart[b + 1] = bandStart[b]! + perBand[b]!.length / 4;
  const edges = new Float64Array(bandStart[NLAT]! * 4);
  for (let b = 0; b < NLAT; b++) edges.set(perBand[b]!, bandStart[b]! * 4);
  return { country, minX, maxX, minY, maxY, edges, bandStart, area: (maxX - minX) * (maxY - minY) };
}

/** Even-odd crossing test of a horizontal ray towards -x (planar lon/lat, as Natural Earth is drawn). */
function partContains(p: Part, lon: number, lat: number): boolean {
  if (lat < p.minY || lat > p.maxY) return false;
  let x = lon;
  if (x < p.minX) x += 360;
  else if (x > p.maxX) x -= 360;
  if (x < p.minX || x > p.maxX) return false;
  const b = latRow(lat);
  const e = p.edges;
  let inside = false;
  for (let j = p.bandStart[b]! * 4, end = p.bandStart[b + 1]! * 4; j < end; j += 4) {
    const y0 = e[j + 1]!;
    const y1 = e[j + 3]!;
    if (y0 > lat !== y1 > lat) {
      const xc = e[j]! + ((lat - y0) / (y1 - y0)) * (e[j + 2]! - e[j]!);
      if (xc < x) inside = !inside;
    }
  }
  return inside;
}

function buildIndex(): Index {
  const topo = countriesJson as unknown as Topology<{ countries: GeometryCollection<CountryProps> }>;
  const fc = feature(topo, topo.objects.countries);
  const countries: CountryInfo[] = [];
  const parts: Part[] = [];
  fc.features.forEach((f: Feature<Geometry | null, CountryProps>) => {
    const ci = countries.length;
    countries.push({ code: f.properties.code, name: f.properties.name, isoNumeric: f.id === undefined || f.id === null ? null : String(f.id) });
    const g = f.geometry;
    const polys = g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : [];
    for (const rings of polys) parts.push(makePart(ci, rings));
  });
  // Smaller parts first: where polygons overlap (disputed areas) the more specific one wins.
  parts.sort((a, b) => a.area - b.area);

  const ncell = NLAT * NLON;
  const lists: number[][] = Array.from({ length: ncell }, () => []);
  const boundary = new Uint8Array(ncell);
  const markCols = (row: number, x0: number, x1: number, fn: (k: number) => void) => {
    if (x1 - x0 >= 359) { for (let c = 0; c < NLON; c++) fn(row * NLON + c); return; }
    for (let c = Math.floor(x0 + 180); c <= Math.floor(x1 + 180); c++) fn(row * NLON + (((c % NLON) + NLON) % NLON));
  };
  parts.forEach((p, pi) => {
    for (let r = latRow(p.minY); r <= latRow(p.maxY); r++) markCols(r, p.minX, p.maxX, (k) => lists[k]!.push(pi));
  });
  // Boundary cells: every grid cell a (straight, planar) edge passes through, by edge bbox; and
  // which country's edges they hold (-1 none yet, -2 two or more countries).
  const edgeCountry = new Int32Array(ncell).fill(-1);
  for (const p of parts) {
    const e = p.edges;
    const mark = (k: number) => {
      boundary[k] = 1;
      const cur = edgeCountry[k]!;
      if (cur === -1) edgeCountry[k] = p.country;
      else if (cur !== p.country) edgeCountry[k] = -2;
    };
    for (let j = 0; j < e.length; j += 4) {
      const x0 = Math.min(e[j]!, e[j + 2]!);
      const x1 = Math.max(e[j]!, e[j + 2]!);
      for (let r = latRow(Math.min(e[j + 1]!, e[j + 3]!)); r <= latRow(Math.max(e[j + 1]!, e[j + 3]!)); r++) markCols(r, x0, x1, mark);
    }
  }
  // Dilated by one cell: the border margin (a few km) is far less than a cell.
  const landBorder = new Uint8Array(ncell);
  for (let k = 0; k < ncell; k++) {
    if (edgeCountry[k] !== -2) continue;
    const r = Math.floor(k / NLON), c = k % NLON;
    for (let dr = -1; dr <= 1; dr++) {
      const rr = r + dr;
      if (rr < 0 || rr >= NLAT) continue;
      for (let dc = -1; dc <= 1; dc++) landBorder[rr * NLON + ((c + dc + NLON) % NLON)] = 1;
    }
  }
  // Horizontal edges were dropped from the band lists; a cell they cross is still a boundary
  // cell only in degenerate cases (edges exactly on a row line), and partContains handles any
  // point there exactly, so nothing else is needed.
  const cellStart = new Int32Array(ncell + 1);
  for (let k = 0; k < ncell; k++) cellStart[k + 1] = cellStart[k]! + lists[k]!.length;
  const cellParts = new Int32Array(cellStart[ncell]!);
  for (let k = 0; k < ncell; k++) cellParts.set(lists[k]!, cellStart[k]!);
  return { countries, parts, cellStart, cellParts, boundary, landBorder, cellAnswer: new Int32Array(ncell).fill(-2) };
}

function getIndex(): Index {
  return (index ??= buildIndex());
}

function exactLookup(ix: Index, k: number, lon: number, lat: number): number {
  for (let j = ix.cellStart[k]!; j < ix.cellStart[k + 1]!; j++) {
    const p = ix.parts[ix.cellParts[j]!]!;
    if (partContains(p, lon, lat)) return p.country;
  }
  return -1;
}

function countryIndexAt(latDeg: number, lonDeg: number): number {
  if (!Number.isFinite(latDeg) || !Number.isFinite(lonDeg)) return -1;
  const ix = getIndex();
  const lon = ((((lonDeg + 180) % 360) + 360) % 360) - 180;
  const lat = Math.max(-90, Math.min(90, latDeg));
  const k = latRow(lat) * NLON + lonCol(lon);
  if (ix.cellStart[k] === ix.cellStart[k + 1]) return -1;
  if (ix.boundary[k]) return exactLookup(ix, k, lon, lat);
  let a = ix.cellAnswer[k]!;
  if (a === -2) {
    const r = Math.floor(k / NLON);
    const c = k % NLON;
    a = exactLookup(ix, k, c - 180 + 0.5, r - 90 + 0.5);
    ix.cellAnswer[k] = a;
  }
  return a;
}

const KM_PER_DEG = EARTH_MEAN_RADIUS_KM * DEG;

/** Per part: the query stamp that last visited it (countriesNear dedupes parts without a Set). */
let partStamp: Int32Array | null = null;
let stamp = 0;

/** Countries with a polygon edge within `km` of the point (planar, lon scaled by cos(lat)). */
function countriesNear(ix: Index, lon: number, lat: number, km: number): number[] {
  const out: number[] = [];
  const dLat = km / KM_PER_DEG;
  const kx = Math.cos(lat * DEG) * KM_PER_DEG;
  const dLon = km / Math.max(1e-6, kx);
  if (!partStamp || partStamp.length !== ix.parts.length) partStamp = new Int32Array(ix.parts.length);
  const seen = partStamp;
  stamp++;
  const r0 = latRow(lat - dLat), r1 = latRow(lat + dLat);
  const c0 = lonCol(lon - dLon), c1 = lonCol(lon + dLon);
  for (let r = r0; r <= r1; r++) {
    for (let cc = 0; cc < 3; cc++) {
      const c = cc === 0 ? c0 : cc === 1 ? lonCol(lon) : c1;
      if ((cc === 1 && c === c0) || (cc === 2 && (c === c0 || c === lonCol(lon)))) continue;
      const k = r * NLON + c;
      for (let j = ix.cellStart[k]!; j < ix.cellStart[k + 1]!; j++) {
        const pi = ix.cellParts[j]!;
        if (seen[pi] === stamp) continue;
        seen[pi] = stamp;
        const p = ix.parts[pi]!;
        if (out.includes(p.country) || lat + dLat < p.minY || lat - dLat > p.maxY) continue;
        let x = lon;
        if (x < p.minX - dLon) x += 360;
        else if (x > p.maxX + dLon) x -= 360;
        if (x < p.minX - dLon || x > p.maxX + dLon) continue;
        const e = p.edges;
        scan: for (let b = r0; b <= r1; b++) {
          for (let q = p.bandStart[b]! * 4, end = p.bandStart[b + 1]! * 4; q < end; q += 4) {
            // Cheap reject by the edge's bbox, then the point-segment distance in local km.
            const ey0 = e[q + 1]!, ey1 = e[q + 3]!;
            if ((ey0 < lat - dLat && ey1 < lat - dLat) || (ey0 > lat + dLat && ey1 > lat + dLat)) continue;
            const ex0 = e[q]!, ex1 = e[q + 2]!;
            if ((ex0 < x - dLon && ex1 < x - dLon) || (ex0 > x + dLon && ex1 > x + dLon)) continue;
            const ax = (ex0 - x) * kx, ay = (ey0 - lat) * KM_PER_DEG;
            const vx = (ex1 - ex0) * kx, vy = (ey1 - ey0) * KM_PER_DEG;
            const len2 = vx * vx + vy * vy;
            const t = len2 > 0 ? Math.max(0, Math.min(1, -(ax * vx + ay * vy) / len2)) : 0;
            if (Math.hypot(ax + t * vx, ay + t * vy) <= km) {
              out.push(p.country);
              break scan;
            }
          }
        }
      }
    }
  }
  return out;
}

interface PlaceIndex {
  tree: KDBush;
  code: readonly string[];
  latDeg: readonly number[];
  lonDeg: readonly number[];
}
let places: PlaceIndex | null = null;

function placeIndex(): PlaceIndex {
  if (places) return places;
  const { latDeg, lonDeg, countryCode } = borderPlacesJson;
  const tree = new KDBush(Math.max(1, latDeg.length));
  for (let i = 0; i < latDeg.length; i++) tree.add(lonDeg[i]!, latDeg[i]!);
  tree.finish();
  return (places = { tree, code: countryCode, latDeg, lonDeg });
}

/** Distance (great circle, km) to the nearest border place of each country code within `km`. */
function placeDistances(lat: number, lon: number, km: number): Map<string, number> {
  const px = placeIndex();
  const dLat = km / KM_PER_DEG;
  const dLon = dLat / Math.max(1e-6, Math.cos(lat * DEG));
  const out = new Map<string, number>();
  for (const i of px.tree.range(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
    const sdLat = Math.sin(((px.latDeg[i]! - lat) * DEG) / 2);
    const sdLon = Math.sin(((px.lonDeg[i]! - lon) * DEG) / 2);
    const d = 2 * EARTH_MEAN_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(sdLat * sdLat + Math.cos(lat * DEG) * Math.cos(px.latDeg[i]! * DEG) * sdLon * sdLon)));
    const code = px.code[i]!;
    if (d <= km && d < (out.get(code) ?? Infinity)) out.set(code, d);
  }
  return out;
}

/** The polygon answer, or near a land border the neighbouring country its nearest place names. */
function borderAware(latDeg: number, lonDeg: number): number {
  const i = countryIndexAt(latDeg, lonDeg);
  if (i < 0) return i;
  const ix = getIndex();
  const lon = ((((lonDeg + 180) % 360) + 360) % 360) - 180;
  const lat = Math.max(-90, Math.min(90, latDeg));
  // Fast path: no cell around holds edges of two countries (open land, coasts).
  if (!ix.landBorder[latRow(lat) * NLON + lonCol(lon)]) return i;
  // Cheap first: most points here have no border place of another country within reach.
  const dist = placeDistances(lat, lon, 2 * PLACE_RADIUS_KM);
  const own = ix.countries[i]!.code;
  const dOwn = own === null ? Infinity : (dist.get(own) ?? Infinity);
  const limit = Math.min(PLACE_RADIUS_KM, dOwn / 2);
  let other = false;
  for (const [code, d] of dist) if (code !== own && d < limit) other = true;
  if (!other) return i;
  const near = countriesNear(ix, lon, lat, BORDER_MARGIN_KM);
  if (near.length < 2) return i; // a coast, not a land border
  let best = i;
  let bestKm = limit;
  for (const k of near) {
    const code = ix.countries[k]!.code;
    if (k === i || code === null || code === own) continue;
    const d = dist.get(code) ?? Infinity;
    if (d < bestKm) {
      bestKm = d;
      best = k;
    }
  }
  return best;
}

/**
 * The country containing a point (Natural Earth 1:50m admin-0; within 4 km of a land border the
 * nearest GeoNames place's country, see above), or null at sea.
 */
export function countryAt(latDeg: number, lonDeg: number): CountryInfo | null {
  const i = borderAware(latDeg, lonDeg);
  return i < 0 ? null : getIndex().countries[i]!;
}

/**
 * True when the point lies inside a Natural Earth 1:50m country polygon (Antarctica included;
 * the Caspian Sea and the oceans are not land).
 */
export function isLand(latDeg: number, lonDeg: number): boolean {
  return countryIndexAt(latDeg, lonDeg) >= 0;
}

/** Every country feature (Natural Earth order). */
export function listCountries(): readonly CountryInfo[] {
  return getIndex().countries;
}
