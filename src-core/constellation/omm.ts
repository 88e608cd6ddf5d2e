// OMM import: CelesTrak/Space-Track OMM JSON (an array of records, or one record) and OMM XML
// (CCSDS NDM/XML as CelesTrak serves it) -> ElementSet[]; OMM KVN lives in kvn.ts. The XML reader
// is the shared linear tokenizer of src-core/io/xml.ts (no DOM in the engine).
import type { ElementSet } from '../scenario/schema';
import { duplicateKeyMessage, findDuplicateJsonKey, findJsonSyntaxError } from '../scenario/jsonSyntax';
import { ommProblems, ommUnitProblem } from './elements';
import { LineCounter, localName, parseAttributes, scanXml, unescapeXml, type XmlError } from '../io/xml';
import { looksLikeOmmKvn, parseOmmKvn } from './kvn';
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
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    value = JSON.parse(body);
  } catch (e) {
    const err = findJsonSyntaxError(body);
    if (err) return { ok: false, sets: [], problems: [{ line: err.line, record: null, message: `not valid JSON at line ${err.line}, column ${err.column}: ${err.message}` }] };
    return { ok: false, sets: [], problems: [{ line: null, record: null, message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  const dup = findDuplicateJsonKey(body);
  if (dup) return { ok: false, sets: [], problems: [{ line: dup.line, record: null, message: duplicateKeyMessage(dup) }] };
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

/** Numeric-looking XML values become numbers (as in CelesTrak JSON); the rest stay strings. */
const NUMERIC_FIELDS = new Set(['MEAN_MOTION', 'ECCENTRICITY', 'INCLINATION', 'RA_OF_ASC_NODE', 'ARG_OF_PERICENTER', 'MEAN_ANOMALY', 'EPHEMERIS_TYPE', 'NORAD_CAT_ID', 'ELEMENT_SET_NO', 'REV_AT_EPOCH', 'BSTAR', 'MEAN_MOTION_DOT', 'MEAN_MOTION_DDOT']);

/** Thrown inside the XML handler to stop the scan at a record-level fatal error. */
class StopScan extends Error {}

/**
 * Parse OMM XML (NDM container with <omm> blocks, or bare <omm> blocks) with the shared linear
 * tokenizer (src-core/io/xml.ts): 100,000 records or a file that never closes its <omm> take time
 * in proportion to their size. Leaf elements inside <omm> become record fields; attributes such as
 * CCSDS `units="deg"` are checked (another unit refuses the record); CDATA values are read as text. DOCTYPE and entity
 * declarations are refused. Bad records are skipped and reported with their line; a file that is
 * not well-formed stops at the first error, with its line.
 */
export function parseOmmXml(text: string, options: ImportOptions = {}): ImportResult {
  const sets: ElementSet[] = [];
  const problems: ImportProblem[] = [];
  const lines = new LineCounter(text);
  let depth = 0;
  let rec: Record<string, string | number> | null = null;
  let recLine = 0;
  let ommDepth = -1;
  let leafName: string | null = null;
  let leafText = '';
  let leafHasChild = false;
  let leafUnits: string | undefined;
  let recErrors: string[] = [];
  let index = 0;
  let fatal: ImportProblem | null = null;
  const endLeaf = (name: string, at: number): void => {
    if (rec && !leafHasChild) {
      const key = localName(name).toUpperCase();
      const un = unescapeXml(leafText.trim());
      if ('unknown' in un) {
        const l = lines.lineAt(at);
        fatal = { line: l, record: null, message: `line ${l}: unknown entity ${un.unknown} in <${name}>: only &lt; &gt; &amp; &quot; &apos; and &#N; are allowed` };
        throw new StopScan();
      }
      const unitProblem = leafUnits === undefined ? null : ommUnitProblem(key, leafUnits);
      if (unitProblem) recErrors.push(`line ${lines.lineAt(at)}: ${unitProblem}`);
      if (key !== 'COMMENT') rec[key] = NUMERIC_FIELDS.has(key) && un.text !== '' && Number.isFinite(Number(un.text)) ? Number(un.text) : un.text;
    }
    leafName = null;
  };
  const endRecord = (r: Record<string, string | number>): void => {
    const pr = [...recErrors, ...ommProblems(r)];
    if (pr.length > 0) problems.push({ line: recLine, record: index, message: `line ${recLine}: ${label(r, index)}: ${pr.join('; ')}` });
    else sets.push(toElementSet(r, options));
    index++;
    rec = null;
    recErrors = [];
    ommDepth = -1;
  };
  let error: XmlError | null = null;
  try {
    error = scanXml(text, {
      open(name, attrs, selfClosing, at) {
        if (leafName !== null) leafHasChild = true;
        if (selfClosing) return;
        depth++;
        if (rec === null && localName(name).toLowerCase() === 'omm') {
          rec = {};
          recErrors = [];
          recLine = lines.lineAt(at);
          ommDepth = depth - 1;
          leafName = null;
          return;
        }
        leafName = name;
        leafText = '';
        leafHasChild = false;
        leafUnits = attrs.includes('units') ? parseAttributes(attrs).units : undefined;
      },
      close(name, at) {
        depth--;
        if (leafName !== null && name === leafName) endLeaf(name, at);
        if (rec && depth === ommDepth) endRecord(rec);
      },
      text(start, end) {
        if (leafName !== null) leafText += text.slice(start, end);
      },
    }, lines);
  } catch (e) {
    if (!(e instanceof StopScan)) throw e;
  }
  if (fatal) problems.push(fatal);
  else if (error && error.line === null && rec) problems.push({ line: recLine, record: index, message: `line ${recLine}: <omm> opened here is never closed (the file may be cut short)` });
  else if (error) problems.push({ line: error.line, record: null, message: error.message.replace('declarations are not allowed', 'declarations are not allowed in OMM XML') });
  if (index === 0 && problems.length === 0) problems.push({ line: null, record: null, message: 'no <omm> elements found; is this an OMM XML file?' });
  return { ok: problems.length === 0, sets, problems };
}

/** Element-set file formats the app imports. */
export type ElementFileFormat = 'tle' | 'omm-json' | 'omm-xml' | 'omm-kvn';

/** Guess the format of element-set text from its first non-blank character: '[' or '{' JSON, '<' XML, a CCSDS_OMM_VERS line KVN, else TLE. */
export function detectElementFormat(text: string): ElementFileFormat {
  const c = text.replace(/^\uFEFF/, '').trimStart()[0];
  if (c === '[' || c === '{') return 'omm-json';
  if (c === '<') return 'omm-xml';
  return looksLikeOmmKvn(text) ? 'omm-kvn' : 'tle';
}

/** Import element sets from TLE, OMM JSON, XML or KVN text (format detected unless given). Never throws. */
export function parseElementSets(text: string, options: ImportOptions & { format?: ElementFileFormat } = {}): ImportResult {
  const format = options.format ?? detectElementFormat(text);
  if (format === 'omm-json') return parseOmmJson(text, options);
  if (format === 'omm-xml') return parseOmmXml(text, options);
  if (format === 'omm-kvn') return parseOmmKvn(text, options);
  return parseTle(text, options);
}
