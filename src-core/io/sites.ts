// Gateways and PoPs from other tools' files (CSV, GeoJSON, KML): the shared part. Each reader turns
// its records into raw property maps plus a position and a "where" label ("row 7", "feature 3
// (Perth)", "placemark 2 (Paris)"); this module maps property names (with synonyms such as
// lat/latitude/Lat_deg, lon/lng/longitude), builds Gateway/Pop objects with the scenario schema's
// checks and collects every rejected record with what to fix. Nothing is dropped in silence.
import { Gateway, MAX_GROUND_SITES, Pop } from '../scenario/schema';

export type SiteKind = 'gateway' | 'pop';
export type SiteFileFormat = 'csv' | 'geojson' | 'kml';

/** One record as a reader found it: property values as text or numbers, where it is in the file. */
export interface RawSite {
  where: string;
  props: Record<string, string | number | null>;
  /** Position from the geometry (GeoJSON/KML), else taken from the properties. */
  latDeg?: number;
  lonDeg?: number;
  altitudeM?: number;
}

export interface SiteProblem {
  where: string;
  message: string;
}

export interface SiteImport {
  format: SiteFileFormat;
  gateways: Gateway[];
  pops: Pop[];
  rejected: SiteProblem[];
}

export interface SiteImportOptions {
  /** What a record is when it has no type/role property (default gateway). */
  kind?: SiteKind;
  /** Ids already in the scenario: imported ids must not clash with them. */
  existingIds?: ReadonlySet<string>;
}

/** Canonical field -> accepted property names, compared lower-case with '_', '-', ' ' and '.' removed. */
const SYNONYMS: Record<string, string[]> = {
  type: ['type', 'role', 'sitetype'],
  id: ['id', 'siteid', 'gatewayid', 'code'],
  name: ['name', 'site', 'sitename', 'title', 'label'],
  latDeg: ['lat', 'latitude', 'latdeg', 'latitudedeg', 'y'],
  lonDeg: ['lon', 'lng', 'long', 'longitude', 'londeg', 'lngdeg', 'longitudedeg', 'x'],
  altitudeKm: ['altitudekm', 'altkm', 'heightkm', 'elevationkm'],
  altitudeM: ['altitudem', 'altm', 'heightm', 'elevationm', 'altitude', 'alt', 'height'],
  minElevationDeg: ['minelevationdeg', 'minelevation', 'elevationmaskdeg', 'maskdeg', 'minel'],
  maxSlantKm: ['maxslantkm', 'maxrangekm'],
  antennas: ['antennas', 'antennacount'],
  capacityGbps: ['capacitygbps', 'backhaulgbps', 'capacity'],
  popId: ['popid', 'pop'],
  status: ['status'],
  inServiceDate: ['inservicedate', 'inservice', 'servicedate'],
  countryCode: ['countrycode', 'country', 'cc', 'iso2'],
  popKind: ['popkind', 'kind'],
};
const LOOKUP = new Map<string, string>();
for (const [field, names] of Object.entries(SYNONYMS)) for (const n of names) LOOKUP.set(n, field);

/** The canonical field a property name stands for (undefined when unknown). */
export function canonicalField(name: string): string | undefined {
  return LOOKUP.get(name.toLowerCase().replace(/[\s_.-]/g, ''));
}

/** Properties by canonical field; the first property naming a field wins, unknown ones are kept aside. */
function mapProps(props: RawSite['props']): { fields: Map<string, string | number>; unknown: string[] } {
  const fields = new Map<string, string | number>();
  const unknown: string[] = [];
  for (const [k, v] of Object.entries(props)) {
    const f = canonicalField(k);
    if (f === undefined) unknown.push(k);
    else if (v !== null && v !== '' && !fields.has(f)) fields.set(f, typeof v === 'string' ? v.trim() : v);
  }
  return { fields, unknown };
}

const numberOf = (v: string | number | undefined): number | undefined => (v === undefined ? undefined : typeof v === 'number' ? v : v === '' ? undefined : Number(v));

/** A property as a number, or a sentence saying why not. */
function numField(fields: Map<string, string | number>, f: string, label: string): number | undefined | string {
  const raw = fields.get(f);
  const n = numberOf(raw);
  if (n !== undefined && !Number.isFinite(n)) return `${label} "${String(raw)}" is not a number`;
  return n;
}

const slug = (s: string): string => s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48);

/** The record's kind from its type/role property, or the default. */
function kindOf(fields: Map<string, string | number>, fallback: SiteKind): SiteKind | string {
  const t = fields.get('type');
  if (t === undefined) return fallback;
  const v = String(t).toLowerCase();
  if (v === 'gateway' || v === 'gw') return 'gateway';
  if (v === 'pop') return 'pop';
  return `type "${String(t)}" must be "gateway" or "pop"`;
}

/** The position: geometry first, then lat/lon properties; a sentence when missing or out of range. */
function position(raw: RawSite, fields: Map<string, string | number>): { latDeg: number; lonDeg: number } | string {
  const lat = raw.latDeg ?? numField(fields, 'latDeg', 'latitude');
  const lon = raw.lonDeg ?? numField(fields, 'lonDeg', 'longitude');
  if (typeof lat === 'string') return lat;
  if (typeof lon === 'string') return lon;
  if (lat === undefined || lon === undefined) return `no ${lat === undefined ? 'latitude' : 'longitude'}: give a lat/latitude and a lon/lng/longitude value in degrees`;
  if (Math.abs(lat) > 90) return `latitude ${lat} is outside -90..90 degrees (are latitude and longitude swapped?)`;
  if (Math.abs(lon) > 180) return `longitude ${lon} is outside -180..180 degrees`;
  return { latDeg: lat, lonDeg: lon };
}

/** Optional numeric gateway fields present in the record, or the first sentence saying what is wrong. */
function gatewayNumbers(raw: RawSite, fields: Map<string, string | number>): Record<string, number | null> | string {
  const out: Record<string, number | null> = {};
  const altM = raw.altitudeM ?? numField(fields, 'altitudeM', 'altitude (m)');
  const altKm = numField(fields, 'altitudeKm', 'altitude (km)');
  if (typeof altM === 'string') return altM;
  if (typeof altKm === 'string') return altKm;
  if (altKm !== undefined) out.altitudeKm = altKm;
  else if (altM !== undefined) out.altitudeKm = altM / 1000;
  for (const [f, label] of [['minElevationDeg', 'minimum elevation'], ['maxSlantKm', 'maximum slant range'], ['antennas', 'antennas'], ['capacityGbps', 'capacity (Gbps)']] as const) {
    const v = numField(fields, f, label);
    if (typeof v === 'string') return v;
    if (v !== undefined) out[f] = v;
  }
  return out;
}

/** Zod issues as one sentence naming each field. */
const issues = (e: { issues: { path: PropertyKey[]; message: string }[] }): string => e.issues.map((i) => `${i.path.map(String).join('.') || 'record'}: ${i.message}`).join('; ');

function buildSite(raw: RawSite, kind: SiteKind, fields: Map<string, string | number>, pos: { latDeg: number; lonDeg: number }, id: string): Gateway | Pop | string {
  const name = String(fields.get('name') ?? id);
  if (kind === 'pop') {
    const r = Pop.safeParse({ id, name, ...pos, ...(fields.has('popKind') ? { kind: String(fields.get('popKind')) } : {}) });
    return r.success ? r.data : issues(r.error);
  }
  const nums = gatewayNumbers(raw, fields);
  if (typeof nums === 'string') return nums;
  const text = (f: string) => (fields.has(f) ? { [f]: String(fields.get(f)) } : {});
  const r = Gateway.safeParse({ id, name, ...pos, ...nums, ...text('popId'), ...text('status'), ...text('inServiceDate'), ...text('countryCode') });
  return r.success ? r.data : issues(r.error);
}

/** Turn raw records into gateways and PoPs; every record not used is listed with what to fix. */
export function buildSites(format: SiteFileFormat, raws: RawSite[], options: SiteImportOptions = {}): SiteImport {
  const out: SiteImport = { format, gateways: [], pops: [], rejected: [] };
  if (raws.length > MAX_GROUND_SITES) {
    out.rejected.push({ where: '(file)', message: `${raws.length.toLocaleString('en-US')} records; a scenario holds at most ${MAX_GROUND_SITES.toLocaleString('en-US')} gateways and PoPs each: split the file` });
    return out;
  }
  const used = new Set(options.existingIds ?? []);
  raws.forEach((raw, i) => {
    const { fields } = mapProps(raw.props);
    const kind = kindOf(fields, options.kind ?? 'gateway');
    const pos = position(raw, fields);
    const reject = (message: string) => out.rejected.push({ where: raw.where, message });
    if (kind !== 'gateway' && kind !== 'pop') return reject(kind);
    if (typeof pos === 'string') return reject(pos);
    const given = fields.get('id');
    const id = given !== undefined ? String(given) : slug(String(fields.get('name') ?? '')) || `${kind === 'pop' ? 'pop' : 'gw'}-${i + 1}`;
    if (used.has(id)) return reject(`id "${id}" is already used${given === undefined ? ' (made from the name; add an id column)' : ''}: give each site its own id`);
    const site = buildSite(raw, kind, fields, pos, id);
    if (typeof site === 'string') return reject(site);
    used.add(id);
    if (kind === 'pop') out.pops.push(site as Pop);
    else out.gateways.push(site as Gateway);
  });
  return out;
}

/** Export column names, in order; every one maps back to its field through SYNONYMS. */
export const SITE_COLUMNS = ['type', 'id', 'name', 'lat_deg', 'lon_deg', 'altitude_km', 'min_elevation_deg', 'max_slant_km', 'antennas', 'capacity_gbps', 'pop_id', 'status', 'in_service_date', 'country_code', 'pop_kind'] as const;
export type SiteColumn = (typeof SITE_COLUMNS)[number];
export type SiteRow = Partial<Record<SiteColumn, string | number>>;

/** Gateways then PoPs as flat rows (absent or null values left out) for the CSV, GeoJSON and KML writers. */
export function siteRows(gateways: readonly Gateway[], pops: readonly Pop[]): SiteRow[] {
  const rows: SiteRow[] = [];
  const put = (row: SiteRow, k: SiteColumn, v: string | number | null | undefined) => {
    if (v !== null && v !== undefined) row[k] = v;
  };
  for (const g of gateways) {
    const row: SiteRow = { type: 'gateway', id: g.id, name: g.name, lat_deg: g.latDeg, lon_deg: g.lonDeg, altitude_km: g.altitudeKm, min_elevation_deg: g.minElevationDeg, antennas: g.antennas, capacity_gbps: g.capacityGbps, status: g.status };
    put(row, 'max_slant_km', g.maxSlantKm);
    put(row, 'pop_id', g.popId);
    put(row, 'in_service_date', g.inServiceDate);
    put(row, 'country_code', g.countryCode);
    rows.push(row);
  }
  for (const p of pops) rows.push({ type: 'pop', id: p.id, name: p.name, lat_deg: p.latDeg, lon_deg: p.lonDeg, pop_kind: p.kind });
  return rows;
}
