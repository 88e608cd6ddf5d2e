// Candidate gateway sites: generated (land H3 cells ranked by the demand around them, plus points
// around each PoP, where a gateway's fiber backhaul is short) or imported from a list. Each gets a
// country (for the constraints) and a readable name from its nearest city ("Aurora, US-IL", never
// nested parentheses: the PoP a site sits next to is a field of its own). Deterministic order.
import { cellToChildren, cellToLatLng, gridDisk, latLngToCell } from 'h3-js';
import type { GeoDemandSource } from '../coverage/grid';
import { newGatewayDefaults, type Gateway, type Pop } from '../scenario/schema';

export interface Candidate {
  id: string;
  name: string;
  latDeg: number;
  lonDeg: number;
  countryCode: string | null;
  countryName: string | null;
  nearestCity: string | null;
  /** Name of the PoP a 'pop' candidate sits next to (null otherwise). */
  nearPop: string | null;
  source: 'demand' | 'pop' | 'import';
  /** Demand within one ring of the site's cell (generated), 0 otherwise. */
  score: number;
}

/** The geo lookups candidates need (the geo module's countryAt / nearestCity). */
export interface CandidateGeo {
  countryAt(latDeg: number, lonDeg: number): { code: string | null; name: string } | null;
  /** `label` (e.g. "Aurora, US-IL") names the site when present, with "near " beyond `NEAR_KM`. */
  nearestCity(latDeg: number, lonDeg: number): { name: string; label?: string; distanceKm?: number } | null;
}

/** A generated site farther than this from its nearest city is named "near <city>". */
const NEAR_KM = 25;

export interface CandidateOptions {
  /** Resolution of the demand-ranked land cells (3: ~12,000 km^2 cells; 4 for finer). */
  resolution?: number;
  /** How many demand-ranked cells to keep. */
  demandCount?: number;
  /** Resolution and ring radius of the points around each PoP (gridDisk(popCell, k)). */
  popResolution?: number;
  popRing?: number;
  /** Skip cells with no demand around them. */
  requireDemand?: boolean;
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

function describe(geo: CandidateGeo, latDeg: number, lonDeg: number): Pick<Candidate, 'countryCode' | 'countryName' | 'nearestCity'> & { siteName: string | null } {
  const country = geo.countryAt(latDeg, lonDeg);
  const city = geo.nearestCity(latDeg, lonDeg);
  const label = city ? (city.label ?? city.name) : null;
  const siteName = label === null ? null : (city!.distanceKm ?? 0) > NEAR_KM ? `near ${label}` : label;
  return { countryCode: country?.code ?? null, countryName: country?.name ?? null, nearestCity: city?.name ?? null, siteName };
}

/** Generated candidates: demand-ranked land cells, then points around PoPs (duplicates dropped). */
export function generateCandidates(demand: GeoDemandSource, geo: CandidateGeo, pops: readonly Pop[], opts: CandidateOptions = {}): Candidate[] {
  const res = opts.resolution ?? 3;
  const demandCount = opts.demandCount ?? 3000;
  const popRes = opts.popResolution ?? 4;
  const popRing = opts.popRing ?? 2;
  const d = demand.demandForResolution(res);
  const pop = new Map<string, number>();
  for (let i = 0; i < d.cells.length; i++) pop.set(d.cells[i]!, d.population[i]!);
  const land = new Set<string>(demand.landCells(res));
  for (const c of d.cells) land.add(c);
  const ranked: { id: string; score: number }[] = [];
  for (const cell of land) {
    let score = 0;
    for (const n of gridDisk(cell, 1)) score += pop.get(n) ?? 0;
    if (opts.requireDemand !== false && score <= 0) continue;
    ranked.push({ id: cell, score });
  }
  ranked.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  const out: Candidate[] = [];
  const seen = new Set<string>();
  // A coastal cell's centre can fall in the sea, and gateways are built on land (inside a
  // country): such a cell is represented by its most populous child cell whose centre is on land
  // (ties by id, so the choice is deterministic), or dropped when it has none.
  const fine = demand.demandForResolution(res + 1);
  const finePop = new Map<string, number>();
  for (let i = 0; i < fine.cells.length; i++) finePop.set(fine.cells[i]!, fine.population[i]!);
  for (const r of ranked) {
    if (out.length >= demandCount) break;
    seen.add(r.id);
    let site = cellToLatLng(r.id);
    let info = describe(geo, site[0], site[1]);
    if (info.countryName === null) {
      const children = cellToChildren(r.id, res + 1).sort((a, b) => (finePop.get(b) ?? 0) - (finePop.get(a) ?? 0) || (a < b ? -1 : 1));
      for (const ch of children) {
        const ll = cellToLatLng(ch);
        const chInfo = describe(geo, ll[0], ll[1]);
        if (chInfo.countryName !== null) {
          site = ll;
          info = chInfo;
          break;
        }
      }
      if (info.countryName === null) continue;
    }
    const { siteName, ...rest } = info;
    out.push({ id: r.id, name: siteName ?? r.id, latDeg: round(site[0]), lonDeg: round(site[1]), ...rest, nearPop: null, source: 'demand', score: r.score });
  }
  const popLand = new Set<string>(demand.landCells(Math.min(popRes, 3)));
  for (const p of pops) {
    const centre = latLngToCell(p.latDeg, p.lonDeg, popRes);
    for (const cell of gridDisk(centre, popRing).sort()) {
      if (seen.has(cell)) continue;
      const [lat, lon] = cellToLatLng(cell);
      // Keep land points only (the parent at the shipped land resolution must be land).
      if (popRes > 3 && !popLand.has(latLngToCell(lat, lon, 3))) continue;
      seen.add(cell);
      const { siteName, ...info } = describe(geo, lat, lon);
      if (info.countryName === null) continue;
      out.push({ id: cell, name: siteName ?? cell, latDeg: round(lat), lonDeg: round(lon), ...info, nearPop: p.name, source: 'pop', score: 0 });
    }
  }
  return out;
}

/** Imported candidates (e.g. a site survey list). */
export function importCandidates(sites: readonly { name: string; latDeg: number; lonDeg: number }[], geo: CandidateGeo): Candidate[] {
  return sites.map((s, i) => {
    const { siteName: _unused, ...info } = describe(geo, s.latDeg, s.lonDeg);
    return { id: `import-${i}`, name: s.name, latDeg: s.latDeg, lonDeg: s.lonDeg, ...info, nearPop: null, source: 'import' as const, score: 0 };
  });
}

/** A scenario gateway for a candidate, with the template's antenna settings (schema defaults otherwise). */
export function candidateGateway(c: Candidate, template: Partial<Gateway> = {}): Gateway {
  return {
    ...newGatewayDefaults(),
    ...template,
    id: `gw-${c.id}`,
    name: c.name,
    latDeg: c.latDeg,
    lonDeg: c.lonDeg,
    countryCode: c.countryCode,
  };
}
