// OMM KVN import (CCSDS 502.0-B-3 "keyword = value" text) -> ElementSet[]. One pass over the
// lines: each record starts at CCSDS_OMM_VERS; COMMENT and blank lines are skipped; a trailing
// unit in brackets ("53.0 [deg]") is dropped; day-of-year epochs (2007-064T10:34:41) become
// calendar dates. Bad records are skipped and reported with the line where they start.
import type { ElementSet } from '../scenario/schema';
import { ommProblems, ommUnitProblem } from './elements';
import type { ImportOptions, ImportProblem, ImportResult } from './tle';

/** Keys whose values are numbers in CelesTrak's OMM JSON (the form the scenario stores). */
const NUMERIC_KEYS = new Set(['MEAN_MOTION', 'ECCENTRICITY', 'INCLINATION', 'RA_OF_ASC_NODE', 'ARG_OF_PERICENTER', 'MEAN_ANOMALY', 'EPHEMERIS_TYPE', 'NORAD_CAT_ID', 'ELEMENT_SET_NO', 'REV_AT_EPOCH', 'BSTAR', 'MEAN_MOTION_DOT', 'MEAN_MOTION_DDOT', 'SEMI_MAJOR_AXIS', 'GM', 'MASS', 'SOLAR_RAD_AREA', 'SOLAR_RAD_COEFF', 'DRAG_AREA', 'DRAG_COEFF']);
/** Header and metadata keys that describe the file, not the satellite. */
const FILE_KEYS = new Set(['CCSDS_OMM_VERS', 'CREATION_DATE', 'ORIGINATOR', 'MESSAGE_ID']);
const START_KEY = 'CCSDS_OMM_VERS';

/** "2007-064T10:34:41.4264" (year and day of year) -> "2007-03-05T10:34:41.4264"; others unchanged. */
export function dayOfYearToCalendar(epoch: string): string {
  const m = /^(\d{4})-(\d{3})(T.*)?$/.exec(epoch);
  if (!m) return epoch;
  const year = Number(m[1]);
  const day = Number(m[2]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day < 1 || day > (leap ? 366 : 365)) return epoch; // left for the strict date check to refuse
  const d = new Date(Date.UTC(year, 0, day));
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `${m[1]}-${mm}-${dd}${m[3] ?? ''}`;
}

/** Value of a KVN line and its unit ("1.0027 [rev/day]" -> "1.0027", "rev/day"; no unit: null). */
function splitUnit(value: string): { value: string; unit: string | null } {
  const v = value.trim();
  const open = v.endsWith(']') ? v.lastIndexOf('[') : -1;
  return open < 0 ? { value: v, unit: null } : { value: v.slice(0, open).trimEnd(), unit: v.slice(open + 1, -1).trim() };
}

const label = (rec: Record<string, string | number>, i: number): string =>
  `record ${i + 1}${typeof rec.OBJECT_NAME === 'string' && rec.OBJECT_NAME ? ` (${rec.OBJECT_NAME})` : ''}`;

/** True when the text's first meaningful line is a KVN OMM header (CCSDS_OMM_VERS = ...). */
export function looksLikeOmmKvn(text: string): boolean {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  for (const raw of head.split(/\r\n|\r|\n/)) {
    const t = raw.trim();
    if (t === '' || t.startsWith('COMMENT')) continue;
    return /^CCSDS_OMM_VERS\s*=/.test(t);
  }
  return false;
}

/** Parse OMM KVN text (one or more records). Bad records are skipped and reported. Never throws. */
export function parseOmmKvn(text: string, options: ImportOptions = {}): ImportResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const sets: ElementSet[] = [];
  const problems: ImportProblem[] = [];
  let rec: Record<string, string | number> | null = null;
  let recLine = 0;
  let recErrors: string[] = [];
  let index = 0;
  const finish = (): void => {
    if (!rec) return;
    const pr = [...recErrors, ...ommProblems(rec)];
    if (pr.length > 0) problems.push({ line: recLine, record: index, message: `line ${recLine}: ${label(rec, index)}: ${pr.join('; ')}` });
    else {
      const set: ElementSet = { format: 'omm', omm: rec, status: options.status ?? 'operational' };
      if (options.shellId !== undefined) set.shellId = options.shellId;
      sets.push(set);
    }
    index++;
    rec = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t === '' || t === 'COMMENT' || t.startsWith('COMMENT ')) continue;
    const eq = t.indexOf('=');
    const key = eq < 0 ? '' : t.slice(0, eq).trim();
    if (eq < 0 || !/^[A-Z][A-Z0-9_]*$/.test(key)) {
      const msg = `"${t.slice(0, 40)}" is not a KVN line (KEYWORD = value)`;
      if (rec) recErrors.push(`line ${i + 1}: ${msg}`);
      else problems.push({ line: i + 1, record: null, message: `line ${i + 1}: ${msg}` });
      continue;
    }
    if (key === START_KEY) {
      finish();
      rec = {};
      recLine = i + 1;
      recErrors = [];
      continue;
    }
    if (!rec) {
      problems.push({ line: i + 1, record: null, message: `line ${i + 1}: ${key} comes before any "CCSDS_OMM_VERS = 3.0" line, which starts each OMM record` });
      continue;
    }
    if (FILE_KEYS.has(key)) continue;
    if (key in rec) recErrors.push(`line ${i + 1}: ${key} is given twice`);
    const split = splitUnit(t.slice(eq + 1));
    const unitProblem = split.unit === null ? null : ommUnitProblem(key, split.unit);
    if (unitProblem) recErrors.push(`line ${i + 1}: ${unitProblem}`);
    let value = split.value;
    if (key === 'EPOCH') value = dayOfYearToCalendar(value);
    rec[key] = NUMERIC_KEYS.has(key) && value !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  finish();
  if (index === 0 && problems.length === 0) problems.push({ line: null, record: null, message: 'no OMM records found (a KVN OMM record starts with "CCSDS_OMM_VERS = 3.0")' });
  return { ok: problems.length === 0, sets, problems };
}
