// OMM import: CelesTrak/Space-Track OMM JSON (an array of records, or one record) and OMM XML
// (CCSDS NDM/XML as CelesTrak serves it) -> ElementSet[]. The XML reader is a small regex parser
// over <omm>...</omm> blocks and their leaf elements: no DOM in the engine, and OMM XML has no
// attributes or mixed content that matter for SGP4.
import type { ElementSet } from '../scenario/schema';
import { ommProblems } from './elements';
import { parseTle, type ImportOptions, type ImportProblem, type ImportResult } from './tle';

function toElementSet(rec: Record<string, string | number>, options: ImportOptions): ElementSet {
  const set: ElementSet = { format: 'omm', omm: rec, status: options.status ?? 'operational' };
  if (options.shellId !== undefined) set.shellId = options.shellId;
  return set;
}

/** Keep the string and number fields of a record (the scenario schema stores only those). */
function plainRecord(obj: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(obj)) if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  return out;
}

const label = (rec: Record<string, unknown>, i: number): string =>
  `record ${i + 1}${typeof rec.OBJECT_NAME === 'string' && rec.OBJECT_NAME ? ` (${rec.OBJECT_NAME})` : ''}`;

/** Parse OMM JSON text (array of records or a single record). Bad records are skipped and reported. */
export function parseOmmJson(text: string, options: ImportOptions = {}): ImportResult {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, sets: [], problems: [{ line: null, record: null, message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  const records = Array.isArray(value) ? value : [value];
  const sets: ElementSet[] = [];
  const problems: ImportProblem[] = [];
  records.forEach((r, i) => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) {
      problems.push({ line: null, record: i, message: `record ${i + 1}: expected an OMM object, found ${Array.isArray(r) ? 'an array' : typeof r}` });
      return;
    }
    const rec = r as Record<string, unknown>;
    const pr = ommProblems(rec);
    if (pr.length > 0) problems.push({ line: null, record: i, message: `${label(rec, i)}: ${pr.join('; ')}` });
    else sets.push(toElementSet(plainRecord(rec), options));
  });
  if (records.length === 0) problems.push({ line: null, record: null, message: 'the JSON array holds no OMM records' });
  return { ok: problems.length === 0, sets, problems };
}

const unescapeXml = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d))).replace(/&amp;/g, '&');

/** Numeric-looking XML values become numbers (as in CelesTrak JSON); the rest stay strings. */
const NUMERIC_FIELDS = new Set(['MEAN_MOTION', 'ECCENTRICITY', 'INCLINATION', 'RA_OF_ASC_NODE', 'ARG_OF_PERICENTER', 'MEAN_ANOMALY', 'EPHEMERIS_TYPE', 'NORAD_CAT_ID', 'ELEMENT_SET_NO', 'REV_AT_EPOCH', 'BSTAR', 'MEAN_MOTION_DOT', 'MEAN_MOTION_DDOT']);

/** Parse OMM XML (NDM container with <omm> blocks, or bare <omm> blocks). Bad records are skipped and reported with their line. */
export function parseOmmXml(text: string, options: ImportOptions = {}): ImportResult {
  const src = text.replace(/^\uFEFF/, '').replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '));
  const sets: ElementSet[] = [];
  const problems: ImportProblem[] = [];
  const blockRe = /<(?:\w+:)?omm\b[^>]*>([\s\S]*?)<\/(?:\w+:)?omm\s*>/g;
  const leafRe = /<(?:\w+:)?([A-Za-z_][\w]*)\b[^>/]*>([^<]*)<\/(?:\w+:)?\1\s*>/g;
  let m: RegExpExecArray | null;
  let index = 0;
  while ((m = blockRe.exec(src)) !== null) {
    const line = src.slice(0, m.index).split('\n').length;
    const rec: Record<string, string | number> = {};
    let leaf: RegExpExecArray | null;
    leafRe.lastIndex = 0;
    while ((leaf = leafRe.exec(m[1]!)) !== null) {
      const key = leaf[1]!.toUpperCase();
      const val = unescapeXml(leaf[2]!.trim());
      if (key === 'COMMENT') continue;
      rec[key] = NUMERIC_FIELDS.has(key) && val !== '' && Number.isFinite(Number(val)) ? Number(val) : val;
    }
    const pr = ommProblems(rec);
    if (pr.length > 0) problems.push({ line, record: index, message: `line ${line}: ${label(rec, index)}: ${pr.join('; ')}` });
    else sets.push(toElementSet(rec, options));
    index++;
  }
  if (index === 0) problems.push({ line: null, record: null, message: 'no <omm> elements found; is this an OMM XML file?' });
  return { ok: problems.length === 0, sets, problems };
}

/** Element-set file formats the app imports. */
export type ElementFileFormat = 'tle' | 'omm-json' | 'omm-xml';

/** Guess the format of element-set text from its first non-blank character: '[' or '{' JSON, '<' XML, else TLE. */
export function detectElementFormat(text: string): ElementFileFormat {
  const c = text.replace(/^\uFEFF/, '').trimStart()[0];
  if (c === '[' || c === '{') return 'omm-json';
  if (c === '<') return 'omm-xml';
  return 'tle';
}

/** Import element sets from TLE, OMM JSON or OMM XML text (format detected unless given). Never throws. */
export function parseElementSets(text: string, options: ImportOptions & { format?: ElementFileFormat } = {}): ImportResult {
  const format = options.format ?? detectElementFormat(text);
  if (format === 'omm-json') return parseOmmJson(text, options);
  if (format === 'omm-xml') return parseOmmXml(text, options);
  return parseTle(text, options);
}
