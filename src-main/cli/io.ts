// CLI input/output helpers: load a scenario (JSON) or an element-set file (TLE/OMM) from disk,
// report problems in one consistent shape, print tables or JSON. Node-side only.
import { readFileSync } from 'node:fs';
import { parseScenario, type Scenario, type ScenarioProblem } from '../../src-core/scenario/schema';
import type { ImportProblem } from '../../src-core/constellation';
import { importConstellation, type RejectedRecord } from '../../src-core/io/importConstellation';
import { defaultScenario } from '../../src-core/scenario/default';
import { detectFileKind } from '../../src-core/scenario/detect';
import { parseIsoStrict } from '../../src-core/time/iso';
import { decodeTextFile } from '../../src-core/scenario/textEncoding';

/** A user-facing error: printed without a stack trace, exit code 1 (2 for usage errors). */
export class CliError extends Error {
  constructor(message: string, readonly problems: ScenarioProblem[] = [], readonly exitCode = 1) {
    super(message);
  }
}

/** Read a text file: UTF-8 (with or without a byte-order mark) or UTF-16; a binary file is an error. */
export function readText(path: string): string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`cannot read "${path}": no such file`);
    if (code === 'EISDIR') throw new CliError(`cannot read "${path}": it is a directory, give a scenario .json or a .tle file`);
    throw new CliError(`cannot read "${path}": ${(e as Error).message}`);
  }
  const d = decodeTextFile(bytes, (enc) => new TextDecoder(enc, { fatal: true }));
  if (!d.ok) throw new CliError(`cannot read "${path}": ${d.message}`);
  return d.text;
}

/** An element-set import problem in the CLI's path/message shape ("line 7" / "record 3" / "(file)"). */
export function elementProblem(p: ImportProblem): ScenarioProblem {
  const path = p.line !== null ? `line ${p.line}` : p.record !== null ? `record ${p.record + 1}` : '(file)';
  return { path, message: p.message.startsWith(`${path}: `) ? p.message.slice(path.length + 2) : p.message };
}

/** A rejected record in the CLI's path/message shape. */
export function rejectedProblem(r: RejectedRecord): ScenarioProblem {
  return elementProblem({ line: r.line, record: r.line === null ? null : r.record, message: r.message });
}

const SITE_EXT = /\.(csv|geojson|kml)$/i;

/** A gateway/PoP file (CSV, GeoJSON, KML): by extension, else a KML root or a GeoJSON FeatureCollection near the start. */
export function isSiteFile(path: string, text: string): boolean {
  const head = text.slice(0, 400);
  return SITE_EXT.test(path) || /^\s*(<\?xml[^>]*>\s*)?<kml/.test(head) || /"FeatureCollection"/.test(head);
}

export type LoadedInput = { kind: 'scenario' | 'elements'; scenario: Scenario; source: string; skipped: ScenarioProblem[] };

/**
 * A scenario file, or an element-set file (TLE 2/3-line, OMM JSON/XML): the latter becomes the
 * default scenario's assumptions (gateways, PoPs, links) with exactly those satellites. The kind
 * comes from the parsed structure (detectFileKind), not from where a key sits in the text. Element
 * sets that cannot be used are listed on stderr with their reason, never dropped in silence.
 */
export function loadInput(path: string, analysisTimeMs?: number): LoadedInput {
  const text = readText(path);
  if (isSiteFile(path, text)) throw new CliError(`${path} is a gateway/PoP file (CSV, GeoJSON or KML), not a scenario or element sets: add its sites to a scenario with "leo-planner import ${path} --into <scenario.leo.json> -o <out.leo.json>"`);
  const kind = detectFileKind(text, path);
  if (kind === 'scenario') {
    const r = parseScenario(text);
    if (!r.ok) throw new CliError(`${path} is not a valid scenario (${r.problems.length} problem${r.problems.length > 1 ? 's' : ''})`, r.problems);
    return { kind: 'scenario', scenario: r.scenario, source: path, skipped: [] };
  }
  const base = defaultScenario();
  // Element sets are checked where they will be used: the time asked for, else their own median
  // epoch, which then becomes the analysis start (a file of today's TLEs is analysed today).
  const imp = importConstellation(text, { format: kind, ...(analysisTimeMs === undefined ? { atMedianEpoch: true } : { analysisTimeMs }) });
  const skipped = imp.rejected.map(rejectedProblem);
  if (imp.sets.length === 0) {
    throw new CliError(`${path}: no usable element sets found (expected a scenario .json, TLE, or OMM JSON/XML/KVN)`, skipped.slice(0, 20));
  }
  if (skipped.length > 0) {
    console.error(`warning: ${path}: ${skipped.length} element set${skipped.length > 1 ? 's' : ''} skipped, ${imp.sets.length} loaded:`);
    printProblems(skipped.slice(0, 50));
    if (skipped.length > 50) console.error(`  … and ${skipped.length - 50} more`);
  }
  const startUtc = analysisTimeMs === undefined && imp.analysisTimeMs !== null ? new Date(imp.analysisTimeMs).toISOString().replace('.000Z', 'Z') : base.analysis.startUtc;
  const scenario: Scenario = { ...base, name: `Element sets from ${path}`, constellation: { shells: [], elementSets: imp.sets }, analysis: { ...base.analysis, startUtc } };
  return { kind: 'elements', scenario, source: path, skipped };
}

/** The --start time when given (the analysis time element sets are checked at), else undefined. */
export function startArg(v: Record<string, string | boolean | undefined>): number | undefined {
  return typeof v.start === 'string' ? parseIsoArg('start', v.start, '') : undefined;
}

export function printProblems(problems: ScenarioProblem[]): void {
  for (const p of problems) console.error(`  ${clean(p.path)}: ${clean(p.message)}`);
}

// C0/C1 control characters (ESC starts terminal escape sequences: colours, cursor moves, window
// titles, OSC 8 links) and the bidirectional overrides that reorder what a terminal shows.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from files (satellite, gateway, city and scenario names, paths) made safe to print to a
 * terminal: control characters shown as visible escapes (ESC -> "\\x1b"), tabs and newlines as
 * spaces. JSON output needs none of this: JSON.stringify escapes control characters itself.
 */
export function clean(s: string): string {
  return s.replace(/[\t\n]/g, ' ').replace(CONTROL, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

/** Render rows as an aligned text table. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map((c) => clean(String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (/^-?[\d.,]+( ?[a-z%]+)?$/.test(c) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export function parseIsoArg(name: string, value: string | undefined, fallback: string): number {
  const v = value ?? fallback;
  // Strict: a zone is required and the day must exist (Date.parse reads "2026-02-30" as 2 March
  // and a zoneless time in this machine's local time).
  const r = parseIsoStrict(v);
  if (!r.ok) throw new CliError(`--${name}: ${r.message}`, [], 2);
  return r.utcMs;
}

export function parseNumberArg(name: string, value: string | undefined, fallback: number, opts: { min?: number; max?: number; integer?: boolean } = {}): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new CliError(`--${name} "${value}" is not a number`, [], 2);
  if (opts.integer && !Number.isInteger(n)) throw new CliError(`--${name} must be a whole number, got ${value}`, [], 2);
  if (opts.min !== undefined && n < opts.min) throw new CliError(`--${name} must be at least ${opts.min}, got ${value}`, [], 2);
  if (opts.max !== undefined && n > opts.max) throw new CliError(`--${name} must be at most ${opts.max}, got ${value}`, [], 2);
  return n;
}
