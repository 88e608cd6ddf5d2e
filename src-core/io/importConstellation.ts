// The one constellation importer used by the app and the CLI: TLE (2- and 3-line), OMM JSON, OMM
// XML and OMM KVN text -> the usable element sets plus every record that cannot be used, each with
// its reason (bad checksum, a field error with its line and column, SGP4 failure or decay at the
// analysis time, an epoch too far from the analysis time). Nothing is dropped in silence.
import { propagate, type SatRec } from 'satellite.js';
import { MAX_SATELLITES, type ElementSet } from '../scenario/schema';
import { parseElementSets, detectElementFormat, type ElementFileFormat } from '../constellation/omm';
import { looksLikeOmmKvn } from '../constellation/kvn';
import { resolveElementSet } from '../constellation/elements';
import { sgp4ErrorText } from '../constellation/catalog';
import type { ImportOptions, ImportProblem } from '../constellation/tle';

/** Why a record was not imported. */
export type RejectReason = 'checksum' | 'field' | 'sgp4' | 'epoch' | 'duplicate';

export interface RejectedRecord {
  /** 1-based line in the source text, when known. */
  line: number | null;
  /** 0-based record (OMM) or element-set index, when known. */
  record: number | null;
  name: string | null;
  reason: RejectReason;
  message: string;
}

export interface ConstellationImport {
  format: ElementFileFormat;
  /** The usable element sets, in file order. */
  sets: ElementSet[];
  rejected: RejectedRecord[];
  /** Records found in the file (usable + rejected per record; file-level problems count once). */
  total: number;
  /** The time the sets were checked at (given, or their median epoch with `atMedianEpoch`), null when unchecked. */
  analysisTimeMs: number | null;
}

/** Epochs further than this from the analysis time are refused by default (SGP4 drifts km per day). */
export const DEFAULT_MAX_EPOCH_AGE_DAYS = 30;
const MS_PER_DAY = 86_400_000;
/** Julian date of the Unix epoch. */
const JD_UNIX_EPOCH = 2_440_587.5;

export interface ImportConstellationOptions extends ImportOptions {
  format?: ElementFileFormat;
  /** UTC ms the satellites will be used at: each is propagated there and its epoch age checked. */
  analysisTimeMs?: number;
  /** Largest |epoch - analysis time| accepted, days (default 30). */
  maxEpochAgeDays?: number;
  /**
   * Without `analysisTimeMs`: check the sets at their own median epoch (to the whole second), so
   * a file of current element sets is usable as it is and one far-off record is still refused.
   */
  atMedianEpoch?: boolean;
}

/** Median epoch of the sets SGP4 can initialise, rounded down to the whole second (null when none). */
function medianEpochMs(satrecs: readonly (SatRec | null)[]): number | null {
  const epochs = satrecs.filter((r): r is SatRec => r !== null && r.error === 0).map(satrecEpochMs).sort((a, b) => a - b);
  if (epochs.length === 0) return null;
  return Math.floor(epochs[(epochs.length - 1) >> 1]! / 1000) * 1000;
}

/** The element-set format of a text, KVN included (a TLE guess is checked for a KVN header). */
export function detectConstellationFormat(text: string, hint?: ElementFileFormat): ElementFileFormat {
  const f = hint ?? detectElementFormat(text);
  return f === 'tle' && looksLikeOmmKvn(text) ? 'omm-kvn' : f;
}

const parseReason = (p: ImportProblem): RejectReason => (/checksum/.test(p.message) ? 'checksum' : 'field');

/** Epoch of a SatRec as UTC ms (satellite.js keeps the Julian date, fraction included). */
export function satrecEpochMs(satrec: SatRec): number {
  const frac = (satrec as SatRec & { jdsatepochF?: number }).jdsatepochF ?? 0;
  return (satrec.jdsatepoch + frac - JD_UNIX_EPOCH) * MS_PER_DAY;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Why a resolved set cannot be used at `atMs` (null when it can). */
function usabilityProblem(satrec: SatRec, atMs: number | undefined, maxAgeDays: number): { reason: RejectReason; message: string } | null {
  if (satrec.error !== 0) return { reason: 'sgp4', message: `SGP4 cannot initialise these elements (${sgp4ErrorText(satrec.error)})` };
  if (atMs === undefined) return null;
  const epochMs = satrecEpochMs(satrec);
  const ageDays = Math.abs(atMs - epochMs) / MS_PER_DAY;
  if (ageDays > maxAgeDays) {
    return { reason: 'epoch', message: `epoch ${iso(epochMs)} is ${ageDays.toFixed(1)} days from the analysis time ${iso(atMs)}; the limit is ${maxAgeDays} days (use element sets nearer that time, or move the analysis time)` };
  }
  const pv = propagate(satrec, new Date(atMs));
  if (!pv || satrec.error !== 0 || !pv.position) {
    return { reason: 'sgp4', message: `SGP4 fails at ${iso(atMs)}: ${sgp4ErrorText(satrec.error || 6)}` };
  }
  return null;
}

type Resolved = { name: string | null; satrec: SatRec | null };

/** Per NORAD catalogue number, the index of its newest element set (a later one in the file wins a tie). */
function newestByCatalogNumber(resolved: readonly Resolved[]): Map<string, number> {
  const newest = new Map<string, number>();
  resolved.forEach(({ satrec }, i) => {
    if (!satrec || satrec.error !== 0) return;
    const j = newest.get(satrec.satnum);
    if (j === undefined || satrecEpochMs(resolved[j]!.satrec!) <= satrecEpochMs(satrec)) newest.set(satrec.satnum, i);
  });
  return newest;
}

/**
 * A catalogue number can appear once in a scenario (two element sets for one satellite would draw
 * and route it twice): an older set of a satellite the file lists again is refused, naming the newer.
 */
function supersededProblem(satrec: SatRec, i: number, newest: ReadonlyMap<string, number>, resolved: readonly Resolved[]): { reason: RejectReason; message: string } | null {
  const j = newest.get(satrec.satnum);
  if (j === undefined || j === i) return null;
  const other = resolved[j]!;
  return {
    reason: 'duplicate',
    message: `NORAD ${satrec.satnum} appears again as element set ${j + 1}${other.name ? ` (${other.name})` : ''} with epoch ${iso(satrecEpochMs(other.satrec!))}; the newest set of each satellite is kept (remove the older one to silence this)`,
  };
}

/** Import element sets from text; never throws. */
export function importConstellation(text: string, options: ImportConstellationOptions = {}): ConstellationImport {
  const format = detectConstellationFormat(text, options.format);
  const parsed = parseElementSets(text, { ...options, format });
  const rejected: RejectedRecord[] = parsed.problems.map((p) => ({ line: p.line, record: p.record, name: null, reason: parseReason(p), message: p.message }));
  const total = parsed.sets.length + parsed.problems.length;
  if (parsed.sets.length > MAX_SATELLITES) {
    // Checked before any satellite is initialised: a scenario holds at most MAX_SATELLITES.
    const message = `the file holds ${parsed.sets.length.toLocaleString('en-US')} element sets; the limit is ${MAX_SATELLITES.toLocaleString('en-US')} satellites per scenario: split the file or keep the satellites you need`;
    return { format, sets: [], rejected: [{ line: null, record: null, name: null, reason: 'field', message }, ...rejected], total, analysisTimeMs: null };
  }
  const maxAge = options.maxEpochAgeDays ?? DEFAULT_MAX_EPOCH_AGE_DAYS;
  const sets: ElementSet[] = [];
  const resolved = parsed.sets.map((set) => {
    try {
      const r = resolveElementSet(set);
      return { name: r.name, satrec: r.satrec as SatRec | null, error: null };
    } catch (e) {
      return { name: null, satrec: null, error: e instanceof Error ? e.message : String(e) };
    }
  });
  const atMs = options.analysisTimeMs ?? (options.atMedianEpoch ? medianEpochMs(resolved.map((r) => r.satrec)) ?? undefined : undefined);
  const newest = newestByCatalogNumber(resolved);
  parsed.sets.forEach((set, i) => {
    const { name, satrec, error } = resolved[i]!;
    const problem: { reason: RejectReason; message: string } | null = satrec ? usabilityProblem(satrec, atMs, maxAge) ?? supersededProblem(satrec, i, newest, resolved) : { reason: 'field', message: error ?? 'unreadable element set' };
    if (problem === null) sets.push(set);
    else rejected.push({ line: null, record: i, name, reason: problem.reason, message: `element set ${i + 1}${name ? ` (${name})` : ''}: ${problem.message}` });
  });
  return { format, sets, rejected, total, analysisTimeMs: atMs ?? null };
}

/** A one-line summary: "3,233 of 3,236 satellites imported; 3 rejected (2 checksum, 1 epoch)". */
export function importSummary(r: ConstellationImport): string {
  const counts = new Map<RejectReason, number>();
  for (const x of r.rejected) counts.set(x.reason, (counts.get(x.reason) ?? 0) + 1);
  const why = [...counts].map(([k, v]) => `${v} ${k}`).join(', ');
  return `${r.sets.length.toLocaleString('en-US')} satellite${r.sets.length === 1 ? '' : 's'} imported (${r.format}); ${r.rejected.length} rejected${why ? ` (${why})` : ''}`;
}
