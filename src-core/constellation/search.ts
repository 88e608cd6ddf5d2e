// Satellite search the way people type: "K1-P1-S1" finds K1-P01-S01 (numbers compare as numbers,
// so padding does not matter), separators and case are optional ("k1p1s1", "k1 p1 s1"), a shell
// id or name finds the shell and its satellites ("K1", "Kuiper K1", "kuiper"), the shell name may
// stand for the shell id inside a satellite name ("Kuiper K1 P1 S1"), and a catalogue (NORAD)
// number finds its satellite ("900001", "#900001", "NORAD 900001"). Pure: the renderer passes the
// loaded catalogue's names, NORAD ids and shell indices.

/** The parts of a catalogue the search reads. */
export interface SearchableCatalog {
  names: readonly string[];
  noradIds: ArrayLike<number>;
  shellIndex: ArrayLike<number>;
}

export interface SearchableShell {
  id: string;
  name: string;
}

export type SatelliteSearchHit = { kind: 'shell'; shellIndex: number; score: number } | { kind: 'satellite'; index: number; score: number };

/** A name as comparable tokens: runs of letters (lower case) and runs of digits (as numbers). */
export type SearchToken = string | number;

export function searchTokens(s: string): SearchToken[] {
  const out: SearchToken[] = [];
  const re = /(\d+)|([\p{L}]+)/gu;
  const plain = s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  for (let m = re.exec(plain); m; m = re.exec(plain)) out.push(m[1] !== undefined ? Number(m[1]) : m[2]!);
  return out;
}

/**
 * How query tokens `q` match name tokens `n`: 0 the same, 1 a prefix whose last token is whole, 2 a
 * prefix whose last token is a partial word or number ("K1-P1-S" or "K1-P1-S1" for S10..S19),
 * 3 the same run found later in the name, -1 no match.
 */
export function matchTokens(n: readonly SearchToken[], q: readonly SearchToken[], qLastDigits?: string): number {
  if (q.length === 0 || q.length > n.length) return -1;
  const at = (start: number): number => {
    for (let k = 0; k < q.length; k++) {
      const a = n[start + k];
      const b = q[k]!;
      if (a === undefined) return -1;
      if (a === b) continue;
      if (k !== q.length - 1) return -1;
      // The last token may be unfinished.
      if (typeof a === 'string' && typeof b === 'string' && a.startsWith(b)) return 2;
      if (typeof a === 'number' && typeof b === 'number' && qLastDigits !== undefined && String(a).startsWith(qLastDigits) && !/^0\d/.test(qLastDigits)) return 2;
      return -1;
    }
    return start === 0 && q.length === n.length ? 0 : 1;
  };
  const first = at(0);
  if (first >= 0) return first;
  for (let s = 1; s + q.length <= n.length; s++) if (at(s) >= 0) return 3;
  return -1;
}

interface PreparedCatalog {
  source: SearchableCatalog;
  shells: readonly SearchableShell[];
  /** Per satellite: its name's tokens, and the same with the shell's name standing for the shell id. */
  tokens: SearchToken[][];
  withShellName: (SearchToken[] | null)[];
  shellTokens: { id: SearchToken[]; name: SearchToken[] }[];
}

let prepared: PreparedCatalog | null = null;

/** Where the run `r` starts in `xs` (-1: nowhere). */
function findRun(xs: readonly SearchToken[], r: readonly SearchToken[]): number {
  if (r.length === 0) return -1;
  for (let s = 0; s + r.length <= xs.length; s++) if (r.every((x, k) => xs[s + k] === x)) return s;
  return -1;
}

function prepare(cat: SearchableCatalog, shells: readonly SearchableShell[]): PreparedCatalog {
  if (prepared && prepared.source === cat && prepared.shells === shells) return prepared;
  const shellTokens = shells.map((s) => ({ id: searchTokens(s.id), name: searchTokens(s.name) }));
  const tokens: SearchToken[][] = [];
  const withShellName: (SearchToken[] | null)[] = [];
  for (let i = 0; i < cat.names.length; i++) {
    const t = searchTokens(cat.names[i]!);
    tokens.push(t);
    const sh = shellTokens[cat.shellIndex[i]!];
    if (sh && sh.name.length > 0) {
      // "Kuiper K1 (630 km, 51.9 deg)" and "K1-P01-S01" -> "Kuiper K1" + "P01-S01": the shell's name
      // up to its id, then the satellite's name after the id. Otherwise the whole name + the name.
      const startsWithId = sh.id.length > 0 && sh.id.every((x, k) => t[k] === x);
      const idAt = findRun(sh.name, sh.id);
      withShellName.push(startsWithId && idAt >= 0 ? [...sh.name.slice(0, idAt + sh.id.length), ...t.slice(sh.id.length)] : [...sh.name, ...t]);
    } else withShellName.push(null);
  }
  prepared = { source: cat, shells, tokens, withShellName, shellTokens };
  return prepared;
}

export interface SatelliteSearchOptions {
  /** At most this many satellites (default 8); matching shells come on top of them. */
  limit?: number;
}

/**
 * Shells and satellites matching `query`, best first (shells, then satellites by score and
 * catalogue order). Empty for an empty query.
 */
export function searchSatellites(query: string, cat: SearchableCatalog, shells: readonly SearchableShell[], opts: SatelliteSearchOptions = {}): SatelliteSearchHit[] {
  const limit = opts.limit ?? 8;
  const raw = query.trim();
  if (!raw) return [];
  const p = prepare(cat, shells);
  // Catalogue numbers: "900001", "#900001", "norad 900001", "NORAD id 900001".
  const norad = /^(?:#|norad\s*(?:id)?\s*#?\s*|cat(?:alog(?:ue)?)?\s*#?\s*)?(\d+)$/i.exec(raw);
  const q = searchTokens(raw);
  if (q.length === 0) return [];
  const last = q[q.length - 1];
  const lastDigits = typeof last === 'number' ? /(\d+)\s*$/.exec(raw)?.[1] : undefined;

  const shellHits: SatelliteSearchHit[] = [];
  p.shellTokens.forEach((st, k) => {
    const byId = matchTokens(st.id, q, lastDigits);
    const byName = matchTokens(st.name, q, lastDigits);
    const score = Math.min(...[byId, byName].filter((x) => x >= 0 && x < 3));
    if (Number.isFinite(score)) shellHits.push({ kind: 'shell', shellIndex: k, score });
  });
  shellHits.sort((a, b) => a.score - b.score || (a as { shellIndex: number }).shellIndex - (b as { shellIndex: number }).shellIndex);

  const sats: { index: number; score: number }[] = [];
  const n = cat.names.length;
  for (let i = 0; i < n; i++) {
    let score = matchTokens(p.tokens[i]!, q, lastDigits);
    const alt = p.withShellName[i];
    if (alt) {
      const s2 = matchTokens(alt, q, lastDigits);
      if (s2 >= 0 && (score < 0 || s2 < score)) score = s2;
    }
    if (norad) {
      const id = String(cat.noradIds[i]!);
      if (id === String(Number(norad[1]))) score = 0;
      else if (score < 0 && id.startsWith(norad[1]!)) score = 2;
    }
    if (score >= 0) sats.push({ index: i, score });
  }
  sats.sort((a, b) => a.score - b.score || a.index - b.index);
  return [...shellHits, ...sats.slice(0, limit).map((s) => ({ kind: 'satellite' as const, index: s.index, score: s.score }))];
}
