// Candidate-site lists from CSV (a planner's spreadsheet export). Columns are found by header
// name, case-insensitive: name, lat/latitude/latDeg, lon/lng/longitude/lonDeg. Every bad row is
// reported with its line number; good rows are kept. Parsing by papaparse (quotes, BOM, CRLF).
import Papa from 'papaparse';

export interface CsvSite {
  name: string;
  latDeg: number;
  lonDeg: number;
}
export interface CsvProblem {
  line: number;
  message: string;
}

const LAT = ['lat', 'latitude', 'latdeg', 'lat_deg'];
const LON = ['lon', 'lng', 'long', 'longitude', 'londeg', 'lon_deg'];
const NAME = ['name', 'site', 'id', 'label'];

export function parseCandidateCsv(text: string): { sites: CsvSite[]; problems: CsvProblem[] } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  const rows = parsed.data;
  const problems: CsvProblem[] = parsed.errors.map((e) => ({ line: (e.row ?? 0) + 1, message: e.message }));
  if (rows.length === 0) return { sites: [], problems: [{ line: 1, message: 'the file is empty; expected a header row such as "name,lat,lon"' }] };
  const header = rows[0]!.map((h) => h.trim().toLowerCase());
  const col = (names: string[]) => header.findIndex((h) => names.includes(h));
  const iLat = col(LAT), iLon = col(LON), iName = col(NAME);
  if (iLat < 0 || iLon < 0) {
    return { sites: [], problems: [{ line: 1, message: `header "${rows[0]!.join(',')}" needs a latitude column (${LAT.join('/')}) and a longitude column (${LON.join('/')})` }] };
  }
  const sites: CsvSite[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    const line = r + 1;
    const lat = Number(row[iLat]);
    const lon = Number(row[iLon]);
    if (!Number.isFinite(lat) || Math.abs(lat) > 90) { problems.push({ line, message: `latitude "${row[iLat] ?? ''}" is not a number between -90 and 90` }); continue; }
    if (!Number.isFinite(lon) || Math.abs(lon) > 180) { problems.push({ line, message: `longitude "${row[iLon] ?? ''}" is not a number between -180 and 180` }); continue; }
    const name = iName >= 0 && row[iName]?.trim() ? row[iName]!.trim() : `site ${r}`;
    sites.push({ name, latDeg: lat, lonDeg: lon });
  }
  return { sites, problems };
}
