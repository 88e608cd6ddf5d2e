// Gateways and PoPs as GeoJSON (RFC 7946): read Point features (properties mapped with the same
// synonyms as CSV; errors name the feature) and write a FeatureCollection that reads back to the
// same sites. Positions are [longitude, latitude, altitude in metres] on WGS 84, as RFC 7946 says.
import type { Gateway, Pop } from '../scenario/schema';
import { duplicateKeyMessage, findDuplicateJsonKey, findJsonSyntaxError } from '../scenario/jsonSyntax';
import { buildSites, siteRows, type RawSite, type SiteImport, type SiteImportOptions, type SiteProblem } from './sites';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const M_PER_KM = 1000;

function parseJson(text: string): { value: unknown } | SiteProblem {
  const body = text.replace(/^\uFEFF/, '');
  try {
    const value: unknown = JSON.parse(body);
    const dup = findDuplicateJsonKey(body);
    return dup ? { where: `line ${dup.line}`, message: duplicateKeyMessage(dup) } : { value };
  } catch (e) {
    const err = findJsonSyntaxError(body);
    return { where: err ? `line ${err.line}` : '(file)', message: err ? `not valid JSON at line ${err.line}, column ${err.column}: ${err.message}` : `not valid JSON: ${(e as Error).message}` };
  }
}

/** A feature's raw site, or why it is not one. */
function featureSite(f: unknown, i: number): RawSite | SiteProblem {
  const props = isObj(f) && isObj(f.properties) ? f.properties : {};
  const name = typeof props.name === 'string' ? ` (${props.name})` : '';
  const where = `feature ${i + 1}${name}`;
  if (!isObj(f) || f.type !== 'Feature') return { where, message: 'is not a GeoJSON Feature object ({"type": "Feature", ...})' };
  const g = f.geometry;
  if (!isObj(g) || g.type !== 'Point') return { where, message: `has ${isObj(g) ? `a ${String(g.type)}` : 'no'} geometry; only Point features become sites` };
  const c = g.coordinates;
  if (!Array.isArray(c) || c.length < 2 || !c.every((x) => typeof x === 'number' && Number.isFinite(x))) return { where, message: 'Point coordinates must be [longitude, latitude] or [longitude, latitude, altitude m] numbers' };
  const flat: RawSite['props'] = {};
  for (const [k, v] of Object.entries(props)) flat[k] = typeof v === 'number' || typeof v === 'string' ? v : v === null ? null : JSON.stringify(v);
  const raw: RawSite = { where, props: flat, lonDeg: c[0] as number, latDeg: c[1] as number };
  if (c.length > 2) raw.altitudeM = c[2] as number;
  return raw;
}

/** Parse GeoJSON text: a FeatureCollection, a Feature or an array of Features. Never throws. */
export function importSitesGeoJson(text: string, options: SiteImportOptions = {}): SiteImport {
  const parsed = parseJson(text);
  const empty = buildSites('geojson', [], options);
  if ('where' in parsed) return { ...empty, rejected: [parsed] };
  const v = parsed.value;
  const features = isObj(v) && v.type === 'FeatureCollection' && Array.isArray(v.features) ? v.features : isObj(v) && v.type === 'Feature' ? [v] : Array.isArray(v) ? v : null;
  if (features === null) return { ...empty, rejected: [{ where: '(file)', message: 'expected a GeoJSON FeatureCollection ({"type": "FeatureCollection", "features": [...]})' }] };
  const raws: RawSite[] = [];
  const bad: SiteProblem[] = [];
  features.forEach((f, i) => {
    const r = featureSite(f, i);
    if ('props' in r) raws.push(r);
    else bad.push(r);
  });
  const out = buildSites('geojson', raws, options);
  out.rejected.unshift(...bad);
  return out;
}

/** Gateways and PoPs as an RFC 7946 FeatureCollection of Points (altitude in metres). */
export function exportSitesGeoJson(gateways: readonly Gateway[], pops: readonly Pop[]): string {
  const features = siteRows(gateways, pops).map((row) => {
    const { lat_deg: lat, lon_deg: lon, altitude_km: altKm, ...props } = row;
    const coordinates = altKm === undefined ? [lon, lat] : [lon, lat, Number(altKm) * M_PER_KM];
    return { type: 'Feature', geometry: { type: 'Point', coordinates }, properties: { ...props, ...(altKm === undefined ? {} : { altitude_km: altKm }) } };
  });
  return `${JSON.stringify({ type: 'FeatureCollection', features }, null, 1)}\n`;
}
