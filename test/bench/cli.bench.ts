// CLI benchmarks.
// 1. Start-up: spawn `node bin/leo-planner.mjs --help` and time spawn -> first byte on stdout
//    (what a user waits for), against a bare `node -e` that writes one byte (Node's own start-up
//    on this machine, in the same run). Budget: 150 ms.
// 2. Batch routing on full Kuiper (default scenario, 16 gateways): 100 city pairs (100 distinct
//    origins: the worst case for sharing, 20 of them to the Internet) x 200 steps of 60 s.
//    - routeBatch in-process (the engine hot path), budget 5 s;
//    - the same through the CLI process (`route --pairs pairs.csv --format csv` into a pipe:
//      start-up, catalogue, routing context, CSV writing included), budget 5 s;
//    - baseline: single-route calls (routeGroundToGround / routeToPop per pair and step) on
//      the first 10 steps, against routeBatch on the same 10 steps (the speed-up ratio).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { cityTable } from '../../src-core/geo';
import { batchTimes, routeBatch, type BatchPair } from '../../src-core/network/batch';
import { createRoutingContext, routeGroundToGround, routeToPop } from '../../src-core/network/route';
import { parseScenario } from '../../src-core/scenario/schema';
import { median } from './stats';
import type { Bench } from './types';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/leo-planner.mjs');
const SCENARIO = join(ROOT, 'assets/scenarios/default.json');

/**
 * CPU time (user + system, ms) of this process's reaped children so far, from /proc/self/stat
 * (cutime + cstime, clock ticks of 10 ms); NaN where /proc is missing. On a loaded machine the
 * wall time of a run is inflated by waiting for a core; its CPU time is not.
 */
function childrenCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) * 10; // fields 16 and 17 of proc(5), 100 ticks/s
  } catch {
    return NaN;
  }
}

/** ms from spawn to the first stdout byte, then wait for exit (so runs never overlap). */
function timeToFirstOutput(args: string[], cpu?: number[]): Promise<number> {
  const c0 = childrenCpuMs();
  return new Promise<number>((resolve, reject) => {
    const t0 = performance.now();
    let first = NaN;
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.once('data', () => (first = performance.now() - t0));
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', (code) => (code === 0 && Number.isFinite(first) ? resolve(first) : reject(new Error(`${args.join(' ')} exited ${code} before writing`))));
  }).then((ms) => {
    cpu?.push(childrenCpuMs() - c0);
    return ms;
  });
}

/** ms from spawn to exit with all of stdout read; rejects on a non-zero exit. */
function timeToExit(args: string[], cpu?: number[]): Promise<number> {
  const c0 = childrenCpuMs();
  return new Promise<number>((resolve, reject) => {
    const t0 = performance.now();
    let bytes = 0;
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stdout.on('data', (c: Buffer) => (bytes += c.length));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 && bytes > 0 ? resolve(performance.now() - t0) : reject(new Error(`exit ${code}: ${err}`))));
  }).then((ms) => {
    cpu?.push(childrenCpuMs() - c0);
    return ms;
  });
}

/** 100 pairs among the most populous cities inside the Kuiper service band, 100 distinct origins. */
function cityPairs(): { names: [string, string][]; pairs: BatchPair[] } {
  const t = cityTable();
  const idx: number[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < t.name.length && idx.length < 200; i++) {
    // Unique names only, so that the CSV's city names resolve to exactly these cities.
    if (Math.abs(t.latDeg[i]!) < 55 && !seen.has(t.name[i]!) && !/[",]/.test(t.name[i]!)) {
      seen.add(t.name[i]!);
      idx.push(i);
    }
  }
  const names: [string, string][] = [];
  const pairs: BatchPair[] = [];
  for (let k = 0; k < 100; k++) {
    const a = idx[k]!, b = idx[(k * 37 + 11) % 200]!;
    const toPop = k % 5 === 0;
    names.push([`${t.name[a]!} ${t.countryCode[a]!}`, toPop ? 'pop' : `${t.name[b]!} ${t.countryCode[b]!}`]);
    pairs.push({ from: { latDeg: t.latDeg[a]!, lonDeg: t.lonDeg[a]! }, to: toPop ? 'pop' : { latDeg: t.latDeg[b]!, lonDeg: t.lonDeg[b]! } });
  }
  return { names, pairs };
}

export function loadBenches(): Promise<Bench[]> {
  const parsed = parseScenario(readFileSync(SCENARIO, 'utf8'));
  if (!parsed.ok) throw new Error('default scenario does not parse');
  const scenario = parsed.scenario;
  const ctx = createRoutingContext(scenario);
  const { names, pairs } = cityPairs();
  const start = Date.parse(scenario.analysis.startUtc);
  const times200 = batchTimes(start, 199 * 60, 60);
  const times10 = times200.slice(0, 10);
  const dir = mkdtempSync(join(tmpdir(), 'leo-bench-'));
  const csv = join(dir, 'pairs.csv');
  writeFileSync(csv, `from,to\n${names.map(([a, b]) => `${a},${b}`).join('\n')}\n`);
  let sink = 0;
  let lastBatchOk = NaN;
  const cpuNode: number[] = [], cpuHelp: number[] = [], cpuBatch: number[] = [], cpuProcess: number[] = [];
  const cpuNote = (xs: number[]) => `CPU (user + system) median ${median(xs).toFixed(0)} ms over ${xs.length} runs: about the wall time on an idle core`;

  const START = 'cli: start-up to first output (spawned process)';
  const BATCH = 'cli: batch route, 100 city pairs, full Kuiper (default scenario)';
  return Promise.resolve([
    {
      group: START,
      name: 'node -e (bare Node start-up, writes one byte)',
      iterations: 15,
      fn: () => {},
      measure: () => timeToFirstOutput(['-e', 'process.stdout.write("x")'], cpuNode),
      notes: () => [cpuNote(cpuNode)],
    },
    {
      group: START,
      name: 'leo-planner --help',
      iterations: 15,
      baselineOf: 'node -e (bare Node start-up, writes one byte)',
      budget: { ms: 150 },
      fn: () => {},
      measure: () => timeToFirstOutput([BIN, '--help'], cpuHelp),
      notes: () => [cpuNote(cpuHelp), 'the usage is plain JS (src-main/cli/usage.mjs): no TypeScript loader, no engine'],
    },
    {
      group: BATCH,
      name: 'single-route calls, 100 pairs x 10 steps',
      iterations: 2,
      fn: () => {
        for (const t of times10) {
          for (const p of pairs) {
            const r = p.to === 'pop' ? routeToPop(ctx, t, p.from) : routeGroundToGround(ctx, t, p.from, p.to);
            if (r.ok) sink += r.oneWayMs;
          }
        }
      },
    },
    {
      group: BATCH,
      name: 'routeBatch, 100 pairs x 10 steps',
      iterations: 5,
      baselineOf: 'single-route calls, 100 pairs x 10 steps',
      fn: () => routeBatch(ctx, pairs, times10, ({ results }) => void (sink += results.length)),
    },
    {
      group: BATCH,
      name: 'routeBatch, 100 pairs x 200 steps (in-process)',
      iterations: 3,
      budget: { ms: 5000 },
      fn: () => {
        let ok = 0;
        const c0 = process.cpuUsage();
        routeBatch(ctx, pairs, times200, ({ results }) => {
          for (const r of results) if (r.ok) ok++;
        });
        const c = process.cpuUsage(c0);
        cpuBatch.push((c.user + c.system) / 1000);
        lastBatchOk = ok;
      },
      notes: () => [cpuNote(cpuBatch), `${lastBatchOk} of ${pairs.length * times200.length} samples with a path`],
    },
    {
      group: BATCH,
      name: 'leo-planner route --pairs (100 x 200, CSV into a pipe)',
      iterations: 2,
      budget: { ms: 5000 },
      fn: () => {},
      measure: () => timeToExit([BIN, 'route', SCENARIO, '--pairs', csv, '--duration', String(199 * 60), '--step', '60', '--format', 'csv'], cpuProcess),
      notes: () => [cpuNote(cpuProcess), `whole process: start-up, catalogue, routing context, 20,000 CSV rows (sink ${sink > 0 ? 'ok' : 'empty'})`],
    },
  ]);
}
