// OMM import: CelesTrak/Space-Track OMM JSON (an array of records, or one record) and OMM XML
// (CCSDS NDM/XML as CelesTrak serves it) -> ElementSet[]. The XML reader is a small linear
// tokenizer (no DOM in the engine); see parseOmmXml for what it accepts and refuses.
import type { ElementSet } from '../scenario/schema';
import { findJsonSyntaxError } from '../scenario/jsonSyntax';
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
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    value = JSON.parse(body);
  } catch (e) {
    const err = findJsonSyntaxError(body);
    if (err) return { ok: false, sets: [], problems: [{ line: err.line, record: null, message: `not valid JSON at line ${err.line}, column ${err.column}: ${err.message}` }] };
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

/** Numeric-looking XML values become numbers (as in CelesTrak JSON); the rest stay strings. */
const NUMERIC_FIELDS = new Set(['MEAN_MOTION', 'ECCENTRICITY', 'INCLINATION', 'RA_OF_ASC_NODE', 'ARG_OF_PERICENTER', 'MEAN_ANOMALY', 'EPHEMERIS_TYPE', 'NORAD_CAT_ID', 'ELEMENT_SET_NO', 'REV_AT_EPOCH', 'BSTAR', 'MEAN_MOTION_DOT', 'MEAN_MOTION_DDOT']);

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Replace XML's predefined and numeric character references; null names the first unknown one. */
function unescapeXml(s: string): { text: string } | { unknown: string } {
  if (!s.includes('&')) return { text: s };
  let bad: string | null = null;
  const text = s.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[A-Za-z]\w{0,30});?/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ((bad ??= whole), '');
    }
    const e = ENTITIES[ref];
    if (e === undefined || !whole.endsWith(';')) bad ??= whole;
    return e ?? '';
  });
  return bad === null ? { text } : { unknown: bad };
}

/**
 * Parse OMM XML (NDM container with <omm> blocks, or bare <omm> blocks). One linear pass over the
 * text: a small tokenizer (tags, attributes, text, CDATA, comments, processing instructions) with
 * the line counted as it goes, so 100,000 records or a file that never closes its <omm> take time
 * in proportion to their size. Leaf elements inside <omm> become record fields; attributes such as
 * CCSDS `units="deg"` are allowed and ignored; CDATA values are read as text. DOCTYPE and entity
 * declarations are refused (entity expansion is a classic way to make a small file huge). Bad
 * records are skipped and reported with their line; a file that is not well-formed stops at the
 * first error, with its line.
 */
export function parseOmmXml(text: string, options: ImportOptions = {}): ImportResult {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const n = src.length;
  const sets: ElementSet[] = [];
  const problems: ImportProblem[] = [];
  let pos = 0;
  let line = 1;
  let counted = 0;
  /** Line of offset `at` (>= every offset asked before): counts newlines once over the whole file. */
  const lineAt = (at: number): number => {
    for (; counted < at; counted++) if (src.charCodeAt(counted) === 10) line++;
    return line;
  };
  const stack: string[] = [];
  let rec: Record<string, string | number> | null = null;
  let recLine = 0;
  let ommDepth = -1;
  let leafName: string | null = null;
  let leafText = '';
  let leafHasChild = false;
  let index = 0;
  let fatal: ImportProblem | null = null;
  const fail = (at: number, message: string): void => {
    const l = lineAt(at);
    fatal = { line: l, record: null, message: `line ${l}: ${message}` };
  };
  const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

  while (pos < n && !fatal) {
    const lt = src.indexOf('<', pos);
    const textEnd = lt < 0 ? n : lt;
    if (leafName !== null && textEnd > pos) leafText += src.slice(pos, textEnd);
    else if (textEnd > pos && stack.length === 0 && src.slice(pos, textEnd).trim() !== '') {
      fail(pos, `text outside any element: "${src.slice(pos, Math.min(textEnd, pos + 30)).trim()}"`);
      break;
    }
    if (lt < 0) break;
    pos = lt;
    if (src.startsWith('<!--', pos)) {
      const end = src.indexOf('-->', pos + 4);
      if (end < 0) { fail(pos, 'a comment (<!--) is never closed with -->'); break; }
      pos = end + 3;
      continue;
    }
    if (src.startsWith('<![CDATA[', pos)) {
      const end = src.indexOf(']]>', pos + 9);
      if (end < 0) { fail(pos, 'a CDATA section is never closed with ]]>'); break; }
      if (leafName !== null) leafText += src.slice(pos + 9, end);
      pos = end + 3;
      continue;
    }
    if (src.startsWith('<!', pos)) {
      const what = /^<!(\w*)/.exec(src.slice(pos, pos + 20))?.[1] ?? '';
      fail(pos, `<!${what}> declarations are not allowed in OMM XML (DOCTYPE and ENTITY declarations can make a small file expand without limit or read other files); remove the <!${what} …> block`);
      break;
    }
    if (src.startsWith('<?', pos)) {
      const end = src.indexOf('?>', pos + 2);
      if (end < 0) { fail(pos, 'a processing instruction (<?) is never closed with ?>'); break; }
      pos = end + 2;
      continue;
    }
    // A start or end tag: its name, then scan to its '>' outside quotes.
    const tagAt = pos;
    const closing = src.charCodeAt(pos + 1) === 47;
    let k = pos + (closing ? 2 : 1);
    const nameStart = k;
    for (; k < n; k++) {
      const c = src.charCodeAt(k);
      // name characters: letters, digits, '_', '-', '.', ':'
      if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95 || c === 45 || c === 46)) break;
    }
    const name = src.slice(nameStart, k);
    if (name === '' || (name.charCodeAt(0) >= 48 && name.charCodeAt(0) <= 58) || name.charCodeAt(0) === 45 || name.charCodeAt(0) === 46) {
      fail(tagAt, `"${src.slice(tagAt, tagAt + 20)}" is not a tag`);
      break;
    }
    let quote = 0;
    for (; k < n; k++) {
      const c = src.charCodeAt(k);
      if (quote) { if (c === quote) quote = 0; } else if (c === 34 || c === 39) quote = c;
      else if (c === 62) break;
      else if (c === 60) { k = -1; break; }
    }
    if (k < 0 || k >= n) { fail(tagAt, `a tag is never closed with ">": "${src.slice(tagAt, tagAt + 30)}"`); break; }
    const selfClosing = src.charCodeAt(k - 1) === 47;
    pos = k + 1;
    if (closing) {
      const open = stack.pop();
      if (open !== name) { fail(tagAt, open === undefined ? `</${name}> closes nothing` : `</${name}> closes <${open}>; the elements are not nested properly`); break; }
      if (leafName !== null && name === leafName) {
        if (rec && !leafHasChild) {
          const key = localName(name).toUpperCase();
          const un = unescapeXml(leafText.trim());
          if ('unknown' in un) { fail(tagAt, `unknown entity ${un.unknown} in <${name}>: only &lt; &gt; &amp; &quot; &apos; and &#N; are allowed`); break; }
          if (key !== 'COMMENT') rec[key] = NUMERIC_FIELDS.has(key) && un.text !== '' && Number.isFinite(Number(un.text)) ? Number(un.text) : un.text;
        }
        leafName = null;
      }
      if (rec && stack.length === ommDepth) {
        const pr = ommProblems(rec);
        if (pr.length > 0) problems.push({ line: recLine, record: index, message: `line ${recLine}: ${label(rec, index)}: ${pr.join('; ')}` });
        else sets.push(toElementSet(rec, options));
        index++;
        rec = null;
        ommDepth = -1;
      }
      continue;
    }
    if (leafName !== null) leafHasChild = true;
    if (selfClosing) continue;
    stack.push(name);
    if (rec === null && localName(name).toLowerCase() === 'omm') {
      rec = {};
      recLine = lineAt(tagAt);
      ommDepth = stack.length - 1;
      leafName = null;
      continue;
    }
    leafName = name;
    leafText = '';
    leafHasChild = false;
  }
  if (fatal) problems.push(fatal);
  else if (stack.length > 0) {
    problems.push(rec ? { line: recLine, record: index, message: `line ${recLine}: <${stack[ommDepth] ?? 'omm'}> opened here is never closed (the file may be cut short)` } : { line: null, record: null, message: `<${stack[stack.length - 1]}> is never closed (the file may be cut short)` });
  }
  if (index === 0 && !fatal && problems.length === 0) problems.push({ line: null, record: null, message: 'no <omm> elements found; is this an OMM XML file?' });
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
