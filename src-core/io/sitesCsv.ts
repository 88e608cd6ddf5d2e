// Gateways and PoPs as CSV: read any spreadsheet export (papaparse: quotes, BOM, CRLF; header names
// mapped with synonyms; errors name the row) and write one that reads back to the same sites.
import Papa from 'papaparse';
import type { Gateway, Pop } from '../scenario/schema';
import { buildSites, canonicalField, SITE_COLUMNS, siteRows, type RawSite, type SiteImport, type SiteImportOptions } from './sites';

/** Parse CSV text with a header row. Row numbers count the header as row 1. Never throws. */
export function importSitesCsv(text: string, options: SiteImportOptions = {}): SiteImport {
  // Blank rows are skipped here, not by papaparse, so that row numbers stay those of the file.
  // Line ends are made one kind first: papaparse guesses a single newline for the whole file, so a
  // file mixing CRLF, LF and CR (edited on several systems) would leave CRs inside cells.
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), { skipEmptyLines: false, newline: '\n' });
  const rows = parsed.data;
  const blank = (row: string[]): boolean => row.every((c) => c.trim() === '');
  while (rows.length > 0 && blank(rows[rows.length - 1]!)) rows.pop();
  const header = rows[0]?.map((h) => h.trim()) ?? [];
  const fields = header.map(canonicalField);
  if (!fields.includes('latDeg') || !fields.includes('lonDeg')) {
    const r = buildSites('csv', [], options);
    r.rejected.push({ where: 'row 1', message: rows.length === 0 ? 'the file is empty; expected a header row such as "name,lat,lon"' : `header "${header.join(',').slice(0, 80)}" needs a latitude column (lat, latitude, lat_deg) and a longitude column (lon, lng, longitude, lon_deg)` });
    return r;
  }
  const raws: RawSite[] = [];
  for (let r = 1; r < rows.length; r++) {
    if (blank(rows[r]!)) continue;
    const props: RawSite['props'] = {};
    header.forEach((h, c) => (props[h] = rows[r]![c] ?? null));
    raws.push({ where: `row ${r + 1}`, props });
  }
  const out = buildSites('csv', raws, options);
  for (const e of parsed.errors.filter((x) => x.code !== 'UndetectableDelimiter')) out.rejected.push({ where: `row ${(e.row ?? 0) + 1}`, message: `${e.message} (check the quotes and the number of commas on this row)` });
  return out;
}

/** Gateways and PoPs as CSV, one row each with a "type" column; numbers at full precision. */
export function exportSitesCsv(gateways: readonly Gateway[], pops: readonly Pop[]): string {
  const rows = siteRows(gateways, pops).map((r) => SITE_COLUMNS.map((c) => r[c] ?? ''));
  return `${Papa.unparse({ fields: [...SITE_COLUMNS], data: rows }, { newline: '\n' })}\n`;
}
