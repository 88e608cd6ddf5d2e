// File import and export (src-core/io): the constellation importer, gateway/PoP readers and
// writers (CSV, GeoJSON, KML), CZML, Hypatia state files and the planning report CSV.
import { importSitesCsv } from './sitesCsv';
import { importSitesGeoJson } from './sitesGeoJson';
import { importSitesKml } from './sitesKml';
import type { SiteFileFormat, SiteImport, SiteImportOptions } from './sites';

export * from './importConstellation';
export * from './sites';
export * from './sitesCsv';
export * from './sitesGeoJson';
export * from './sitesKml';

/** The site file format from the file name's extension, else from the first character. */
export function detectSiteFormat(text: string, fileName = ''): SiteFileFormat {
  const name = fileName.toLowerCase();
  if (name.endsWith('.kml')) return 'kml';
  if (name.endsWith('.geojson') || name.endsWith('.json')) return 'geojson';
  if (name.endsWith('.csv')) return 'csv';
  const c = text.replace(/^\uFEFF/, '').trimStart()[0];
  return c === '<' ? 'kml' : c === '{' || c === '[' ? 'geojson' : 'csv';
}

/** Import gateways and PoPs from CSV, GeoJSON or KML text (format from the name or content). */
export function importSites(text: string, fileName = '', options: SiteImportOptions = {}): SiteImport {
  const format = detectSiteFormat(text, fileName);
  if (format === 'kml') return importSitesKml(text, options);
  if (format === 'geojson') return importSitesGeoJson(text, options);
  return importSitesCsv(text, options);
}
export * from './czml';
export * from './hypatia';
export * from './report';
export * from './tleWrite';
