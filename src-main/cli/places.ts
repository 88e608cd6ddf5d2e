// Places typed on the command line or in a pairs file: "lat,lon" or a city name from the shipped
// cities asset (assets/data/cities.json, the 15,000 most populous GeoNames places), optionally
// with its country code ("Paris FR", "Paris, FR", "Paris (FR)"). Matching ignores case, accents
// and punctuation; of several cities with one name the most populous wins.
import { cityTable } from '../../src-core/geo';
import type { GeoPoint } from '../../src-core/network/route';
import { CliError } from './io';

export interface Place {
  /** What to print: the city's name and country, or "lat, lon" as typed. */
  label: string;
  point: GeoPoint;
}

const LAT_LON = /^\s*([-+]?\d+(?:\.\d+)?)\s*,\s*([-+]?\d+(?:\.\d+)?)\s*$/;

/** "lat,lon" in degrees, or null when `s` is not of that shape; out-of-range values throw. */
export function parseLatLon(s: string, where = ''): GeoPoint | null {
  const m = LAT_LON.exec(s);
  if (!m) return null;
  const latDeg = Number(m[1]), lonDeg = Number(m[2]);
  if (Math.abs(latDeg) > 90 || Math.abs(lonDeg) > 180) throw new CliError(`${where}"${s}" is not a valid lat,lon: latitude must be within ±90 and longitude within ±180 degrees`, [], 2);
  return { latDeg, lonDeg };
}

function norm(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[’'`.]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
}

let byName: Map<string, number[]> | null = null;
function nameIndex(): Map<string, number[]> {
  if (byName) return byName;
  byName = new Map();
  const names = cityTable().name;
  for (let i = 0; i < names.length; i++) {
    const k = norm(names[i]!);
    const list = byName.get(k);
    if (list) list.push(i);
    else byName.set(k, [i]);
  }
  return byName;
}

/** City indices (most populous first) whose name is `query`, with an optional trailing country code. */
function lookupCity(query: string): number[] {
  const t = cityTable();
  const idx = nameIndex();
  const whole = idx.get(norm(query));
  // "Paris FR" / "Paris, FR" / "Paris (FR)": a two-letter code at the end filters by country.
  const m = /^(.*?)[\s,(]+([A-Za-z]{2})\)?\s*$/.exec(query);
  if (m) {
    const cc = m[2]!.toUpperCase();
    const hits = (idx.get(norm(m[1]!)) ?? []).filter((i) => t.countryCode[i] === cc);
    if (hits.length) return hits;
  }
  return whole ?? [];
}

function suggestions(query: string): string[] {
  const q = norm(query);
  if (!q) return [];
  const t = cityTable();
  const out: string[] = [];
  const prefix = q.slice(0, Math.min(3, q.length));
  for (let i = 0; i < t.name.length && out.length < 5; i++) if (norm(t.name[i]!).startsWith(prefix)) out.push(`${t.name[i]!} ${t.countryCode[i]!}`);
  return out;
}

/** A place from "lat,lon" or a city name; `where` prefixes error messages (e.g. "pairs.csv line 3: "). */
export function parsePlace(s: string, where = ''): Place {
  const p = parseLatLon(s, where);
  if (p) return { label: `${p.latDeg}, ${p.lonDeg}`, point: p };
  const hits = lookupCity(s);
  if (hits.length === 0) {
    const sug = suggestions(s);
    throw new CliError(`${where}"${s}" is neither "lat,lon" nor a city name from the shipped cities (the ${cityTable().name.length.toLocaleString('en')} most populous places)${sug.length ? `; did you mean ${sug.join(', ')}?` : ''}`, [], 2);
  }
  const t = cityTable();
  const i = hits[0]!;
  return { label: `${t.name[i]!} ${t.countryCode[i]!}`, point: { latDeg: t.latDeg[i]!, lonDeg: t.lonDeg[i]! } };
}
