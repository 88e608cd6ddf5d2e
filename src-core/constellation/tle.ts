// TLE text import: 2-line and 3-line (name line, optionally "0 NAME") files -> ElementSet[].
// Strict about what would silently corrupt an orbit (line numbers, satellite numbers that disagree,
// checksums, unreadable numeric fields, wrong lengths) and every problem names its line:
// "line 7: checksum is 3 but the line's digits sum to 5 (mod 10)".
import type { ElementSet, SatelliteStatus } from '../scenario/schema';
import { decodeSatnum } from './elements';

/** A problem found while importing element sets; `line` is 1-based in the source text, null when not line-based. */
export interface ImportProblem {
  line: number | null;
  /** 0-based record index for OMM imports, null otherwise. */
  record: number | null;
  message: string;
}

/** Import outcome: the usable sets plus every problem (ok = no problems). Never throws. */
export interface ImportResult {
  ok: boolean;
  sets: ElementSet[];
  problems: ImportProblem[];
}

export interface ImportOptions {
  /** Group the imported satellites under this shell id (catalogue ShellInfo). */
  shellId?: string;
  status?: SatelliteStatus;
}

/** TLE checksum of a line: sum of digits plus 1 per minus sign, over the first 68 columns, mod 10. */
export function tleChecksum(line: string): number {
  let sum = 0;
  for (let i = 0; i < 68 && i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) sum += c - 48;
    else if (c === 45) sum += 1;
  }
  return sum % 10;
}

const num = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s.trim()));
/** Implied-decimal exponent field such as " 12808-3" -> 0.12808e-3. */
const expField = (s: string): number => {
  const m = /^\s*([+-]?)(\d{1,5})\s*([+-]\d)\s*$/.exec(s);
  if (!m) return s.trim() === '' ? 0 : Number.NaN;
  return Number(`${m[1]}0.${m[2]}e${m[3]}`);
};

/** Problems of one TLE line pair (empty when valid). Line numbers are those of the source text. */
export function tleLineProblems(line1: string, line2: string, lineNo1 = 1, lineNo2 = 2): ImportProblem[] {
  const out: ImportProblem[] = [];
  const p = (line: number, message: string) => out.push({ line, record: null, message: `line ${line}: ${message}` });
  const check = (line: string, no: number, expect: '1' | '2'): boolean => {
    if (line[0] !== expect || line[1] !== ' ') {
      p(no, `expected TLE line ${expect} (starting "${expect} "), found "${line.slice(0, 20)}"`);
      return false;
    }
    if (line.length !== 69) {
      p(no, `TLE line ${expect} must be 69 characters, found ${line.length}`);
      return false;
    }
    const want = line.charCodeAt(68) - 48;
    if (!(want >= 0 && want <= 9)) p(no, `column 69 must be the checksum digit, found "${line[68]}"`);
    else {
      const got = tleChecksum(line);
      if (got !== want) p(no, `checksum is ${want} but the line's digits sum to ${got} (mod 10); the line is corrupted or was edited`);
    }
    return true;
  };
  const ok1 = check(line1, lineNo1, '1');
  const ok2 = check(line2, lineNo2, '2');
  if (!ok1 || !ok2) return out;
  const n1 = decodeSatnum(line1.substring(2, 7));
  const n2 = decodeSatnum(line2.substring(2, 7));
  if (!Number.isFinite(n1)) p(lineNo1, `satellite number "${line1.substring(2, 7)}" is not a number (or Alpha-5)`);
  else if (n1 !== n2) p(lineNo2, `satellite number ${line2.substring(2, 7).trim()} does not match line 1 (${line1.substring(2, 7).trim()})`);
  const epoch = line1.substring(18, 32);
  const doy = num(epoch.substring(2));
  if (!/^\d\d$/.test(epoch.substring(0, 2)) || !(doy >= 1 && doy < 367)) p(lineNo1, `epoch "${epoch.trim()}" is not YYDDD.DDDDDDDD`);
  if (!Number.isFinite(num(line1.substring(33, 43)))) p(lineNo1, `first derivative of mean motion "${line1.substring(33, 43).trim()}" is not a number`);
  if (!Number.isFinite(expField(line1.substring(44, 52)))) p(lineNo1, `second derivative of mean motion "${line1.substring(44, 52).trim()}" is not in TLE exponent form`);
  if (!Number.isFinite(expField(line1.substring(53, 61)))) p(lineNo1, `BSTAR "${line1.substring(53, 61).trim()}" is not in TLE exponent form`);
  const fields: [string, number, number, number, number][] = [
    ['inclination', 8, 16, 0, 180],
    ['right ascension of the ascending node', 17, 25, 0, 360],
    ['argument of perigee', 34, 42, 0, 360],
    ['mean anomaly', 43, 51, 0, 360],
    ['mean motion', 52, 63, 0, 100],
  ];
  for (const [name, a, b, lo, hi] of fields) {
    const v = num(line2.substring(a, b));
    if (!Number.isFinite(v)) p(lineNo2, `${name} "${line2.substring(a, b).trim()}" is not a number`);
    else if (v < lo || v > hi) p(lineNo2, `${name} ${v} is outside ${lo}..${hi}`);
  }
  if (line2.substring(26, 33).trim() === '') p(lineNo2, 'eccentricity is blank: write its 7 digits (0000000 for a circular orbit)');
  else if (!/^\d{7}$/.test(line2.substring(26, 33).replace(/ /g, '0'))) p(lineNo2, `eccentricity "${line2.substring(26, 33)}" must be 7 digits (implied leading decimal point)`);
  return out;
}

/**
 * Parse a TLE file (2-line or 3-line sets, any mix; blank lines and CRLF tolerated) into ElementSets.
 * Sets with problems are skipped and reported; the others are returned.
 */
export function parseTle(text: string, options: ImportOptions = {}): ImportResult {
  const raw = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const lines: { no: number; text: string }[] = [];
  raw.forEach((t, i) => {
    // trimEnd, not /\s+$/: the regex backtracks quadratically on long whitespace runs.
    const s = t.trimEnd();
    if (s.trim() !== '') lines.push({ no: i + 1, text: s });
  });
  const sets: ElementSet[] = [];
  const problems: ImportProblem[] = [];
  const status = options.status ?? 'operational';
  let i = 0;
  while (i < lines.length) {
    const cur = lines[i]!;
    let name = '';
    if (!(cur.text.startsWith('1 ') && lines[i + 1]?.text.startsWith('2 '))) {
      // A name line (3-line format). It must be followed by line 1 and line 2.
      if (cur.text.startsWith('2 ') || (cur.text.startsWith('1 ') && cur.text.length === 69)) {
        problems.push({ line: cur.no, record: null, message: `line ${cur.no}: TLE line ${cur.text[0]} without its ${cur.text[0] === '1' ? 'line 2' : 'line 1'}` });
        i += 1;
        continue;
      }
      name = cur.text.replace(/^0 /, '').trim();
      i += 1;
    }
    const l1 = lines[i];
    const l2 = lines[i + 1];
    if (!l1 || !l2) {
      const at = l1 ?? cur;
      problems.push({ line: at.no, record: null, message: `line ${at.no}: incomplete element set at end of file (need a line 1 and a line 2${name ? ` after "${name}"` : ''})` });
      break;
    }
    if (!l1.text.startsWith('1 ')) {
      problems.push({ line: l1.no, record: null, message: `line ${l1.no}: expected TLE line 1 after name "${name}", found "${l1.text.slice(0, 20)}"` });
      continue; // resynchronise on this line
    }
    const pr = tleLineProblems(l1.text, l2.text, l1.no, l2.no);
    if (pr.length > 0) problems.push(...pr);
    else {
      const set: ElementSet = { format: 'tle', name: name || `NORAD ${l1.text.substring(2, 7).trim()}`, line1: l1.text, line2: l2.text, status };
      if (options.shellId !== undefined) set.shellId = options.shellId;
      sets.push(set);
    }
    i += 2;
  }
  if (lines.length === 0) problems.push({ line: null, record: null, message: 'the file holds no element sets' });
  return { ok: problems.length === 0, sets, problems };
}
