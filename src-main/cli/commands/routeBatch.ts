// `route <scenario|tle> --pairs pairs.csv | --cities a,b,c [--to pop] [--format csv|ndjson|table]`:
// many pairs in one process. The engine's batch router (src-core/network/batch.ts) propagates
// once per time step and routes every pair on that step's graph; results equal single routes.
//   --pairs file.csv   a header row with "from" and "to" columns; each a city name or "lat,lon"
//                      (quote it: "-33.9,151.2"); "to" may be "pop" (the user's Internet path)
//   --cities list      every ordered pair of the places (a matrix); with --to pop, each place to
//                      the Internet. The list: "a,b,c", "a;b;c" (needed when a place is lat,lon),
//                      or a file with one place per line (# comments allowed)
// Rows come in time order, pairs in input order within a time step.
import { existsSync, statSync } from 'node:fs';
import Papa from 'papaparse';
import { once } from 'node:events';
import { batchTimes, routeBatch, type BatchPair, type BatchStep } from '../../../src-core/network/batch';
import { createRoutingContext, type RouteResult } from '../../../src-core/network/route';
import { CliError, clean, loadInput, readText, table, startArg } from '../io';
import { parsePlace, type Place } from '../places';
import { routeSettings } from './routeSettings';

type Values = Record<string, string | boolean | undefined>;
type Format = 'csv' | 'ndjson' | 'table';
export interface NamedPair { from: Place; to: Place | 'pop' }

function isFile(p: string): boolean {
  try {
    return existsSync(p) && statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Pairs from a CSV with "from" and "to" columns (header names case-insensitive). */
export function pairsFromCsv(text: string, file: string, toOverride: string | undefined): NamedPair[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim().toLowerCase() });
  const fields = parsed.meta.fields ?? [];
  if (!fields.includes('from')) throw new CliError(`${file}: no "from" column; the first line must be a header such as "from,to" (found: ${fields.map((f) => `"${f}"`).join(', ') || 'nothing'})`, [], 2);
  if (!fields.includes('to') && toOverride === undefined) throw new CliError(`${file}: no "to" column; add one (a city, "lat,lon" or "pop") or give --to pop for every row`, [], 2);
  const problems: { path: string; message: string }[] = [];
  const pairs: NamedPair[] = [];
  parsed.data.forEach((row, i) => {
    const line = i + 2; // header is line 1, greedy skipping aside
    try {
      const fromRaw = (row.from ?? '').trim();
      const toRaw = (toOverride ?? row.to ?? '').trim();
      if (!fromRaw || !toRaw) throw new CliError(`empty ${fromRaw ? '"to"' : '"from"'} value`);
      const from = parsePlace(fromRaw);
      const to = toRaw.toLowerCase() === 'pop' ? 'pop' as const : parsePlace(toRaw);
      pairs.push({ from, to });
    } catch (e) {
      problems.push({ path: `line ${line}`, message: (e as Error).message });
    }
  });
  for (const e of parsed.errors) problems.push({ path: `line ${(e.row ?? 0) + 2}`, message: e.message });
  if (problems.length) throw new CliError(`${file}: ${problems.length} unusable row${problems.length > 1 ? 's' : ''} (fix or remove ${problems.length > 1 ? 'them' : 'it'})`, problems.slice(0, 20), 2);
  if (pairs.length === 0) throw new CliError(`${file}: no pairs (a header line, then one "from,to" row per pair)`, [], 2);
  return pairs;
}

/** Places from --cities: a file (one per line) or an inline list ("a,b,c" or "a;b;c"). */
export function placesFromList(arg: string): Place[] {
  let items: { text: string; where: string }[];
  if (isFile(arg)) {
    items = readText(arg).split(/\r?\n/).map((l, i) => ({ text: l.replace(/#.*/, '').trim(), where: `${arg} line ${i + 1}: ` })).filter((x) => x.text);
  } else {
    const sep = arg.includes(';') ? ';' : ',';
    items = arg.split(sep).map((t) => ({ text: t.trim(), where: '--cities: ' })).filter((x) => x.text);
  }
  if (items.length < 1) throw new CliError(`--cities "${arg}" names no places`, [], 2);
  return items.map((x) => parsePlace(x.text, x.where));
}

function fmtNum(x: number): string {
  return Number.isFinite(x) ? String(x) : '';
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const STEPS_PER_CHUNK = 10;

const CSV_HEADER = ['pair', 'from', 'to', 'fromLatDeg', 'fromLonDeg', 'toLatDeg', 'toLonDeg', 't', 'ok', 'oneWayMs', 'rttMs', 'satelliteHops', 'withinLatencyBudget', 'path', 'reason'];

export async function batchRouteCommand(path: string, v: Values): Promise<number> {
  if (v.pairs !== undefined && v.cities !== undefined) throw new CliError('give either --pairs or --cities, not both', [], 2);
  if (v.from !== undefined) throw new CliError('--from is for a single route; with --pairs the file names the origins, with --cities the list does', [], 2);
  const toArg = v.to as string | undefined;
  if (toArg !== undefined && toArg.toLowerCase() !== 'pop') throw new CliError(`with --pairs or --cities, --to may only be "pop" (every place to the Internet); got "${toArg}"`, [], 2);
  const fmtArg = (v.format as string | undefined) ?? (v.json === true ? 'ndjson' : 'table');
  if (fmtArg !== 'csv' && fmtArg !== 'ndjson' && fmtArg !== 'table') throw new CliError(`--format must be csv, ndjson or table, got "${fmtArg}"`, [], 2);
  const format: Format = fmtArg;

  let pairs: NamedPair[];
  if (typeof v.pairs === 'string') {
    pairs = pairsFromCsv(readText(v.pairs), v.pairs, toArg === undefined ? undefined : 'pop');
  } else {
    const places = placesFromList(v.cities as string);
    if (toArg !== undefined) pairs = places.map((p) => ({ from: p, to: 'pop' as const }));
    else {
      if (places.length < 2) throw new CliError('--cities needs at least two places for a matrix (or add --to pop)', [], 2);
      pairs = [];
      for (const a of places) for (const b of places) if (a !== b) pairs.push({ from: a, to: b });
    }
  }

  const input = loadInput(path, startArg(v));
  const { scenario, startMs, durationS, stepS } = routeSettings(input.scenario, v);
  const ctx = createRoutingContext(scenario);
  if (ctx.catalog.count === 0) throw new CliError(`${path} has no satellites`, [], 2);
  const enginePairs: BatchPair[] = pairs.map((p) => ({ from: p.from.point, to: p.to === 'pop' ? 'pop' : p.to.point, fromLabel: p.from.label, toLabel: p.to === 'pop' ? 'Internet' : p.to.label }));
  const times = batchTimes(startMs, durationS, stepS);
  const toLabel = (p: NamedPair) => (p.to === 'pop' ? 'pop' : p.to.label);
  const pathOf = (r: RouteResult) => (r.ok ? r.hops.map((h) => h.name) : []);

  // Per pair, for the summary table: samples with a path, and their RTTs.
  const rtts: number[][] = pairs.map(() => []);
  const hops: number[][] = pairs.map(() => []);
  if (format === 'csv') console.log(CSV_HEADER.join(','));
  const onStep = ({ t, results }: BatchStep): void => {
    const iso = new Date(t).toISOString();
    if (format === 'table') {
      results.forEach((r, i) => {
        if (r.ok) {
          rtts[i]!.push(r.rttMs);
          hops[i]!.push(r.satelliteHops);
        }
      });
      return;
    }
    const lines = results.map((r, i) => {
      const p = pairs[i]!;
      if (format === 'ndjson') {
        return JSON.stringify(r.ok
          ? { pair: i, from: p.from.label, to: toLabel(p), t: iso, ok: true, oneWayMs: r.oneWayMs, rttMs: r.rttMs, satelliteHops: r.satelliteHops, withinLatencyBudget: r.withinLatencyBudget, path: pathOf(r) }
          : { pair: i, from: p.from.label, to: toLabel(p), t: iso, ok: false, reason: r.reason });
      }
      const to = p.to === 'pop' ? null : p.to.point;
      return [String(i), csvCell(p.from.label), csvCell(toLabel(p)), fmtNum(p.from.point.latDeg), fmtNum(p.from.point.lonDeg), to ? fmtNum(to.latDeg) : '', to ? fmtNum(to.lonDeg) : '', iso, String(r.ok),
        r.ok ? fmtNum(r.oneWayMs) : '', r.ok ? fmtNum(r.rttMs) : '', r.ok ? String(r.satelliteHops) : '', r.ok ? String(r.withinLatencyBudget) : '', csvCell(pathOf(r).join(' > ')), r.ok ? '' : csvCell(r.reason)].join(',');
    });
    console.log(lines.join('\n'));
  };
  // A few steps at a time, yielding in between: stdout drains as it goes (memory stays flat on
  // long runs) and a reader that goes away (`| head`) ends the run at once (EPIPE, see runCli).
  for (let i = 0; i < times.length; i += STEPS_PER_CHUNK) {
    routeBatch(ctx, enginePairs, times.slice(i, i + STEPS_PER_CHUNK), onStep);
    if (process.stdout.writableNeedDrain) await once(process.stdout, 'drain');
    else await new Promise((resolve) => setImmediate(resolve));
  }
  if (format !== 'table') return 0;

  const q = (xs: number[], f: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? s[Math.min(s.length - 1, Math.floor(f * (s.length - 1) + 0.5))]! : NaN;
  };
  const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '-');
  console.log(`${pairs.length} pair(s) x ${times.length} step(s) from ${new Date(startMs).toISOString()}, every ${stepS} s (RTT = 2 x one-way; --format csv or ndjson for every sample)`);
  console.log(table(['from', 'to', 'path found', 'RTT min ms', 'p50 ms', 'max ms', 'sat hops p50'], pairs.map((p, i) => [
    clean(p.from.label), clean(toLabel(p)), `${rtts[i]!.length}/${times.length}`, ms(q(rtts[i]!, 0)), ms(q(rtts[i]!, 0.5)), ms(q(rtts[i]!, 1)), rtts[i]!.length ? String(q(hops[i]!, 0.5)) : '-',
  ])));
  return 0;
}
