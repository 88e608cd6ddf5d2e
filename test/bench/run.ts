// Benchmark runner: `npm run bench [-- filter...]`. Imports every test/bench/*.bench.ts, runs
// each bench (warm-up, then iterations), prints median and spread, and for benches with a
// baseline in the same run, the ratio baseline/median (the speed-up). Budgets are printed as
// PASS/FAIL lines; the exit code stays 0 unless --strict is given, so numbers are reported even
// on a slow machine. Results are also written to bench-results/latest.json.
import { readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { quantile } from './stats';
import type { Bench } from './types';

interface Result { group: string; name: string; medianMs: number; p10Ms: number; p90Ms: number; iterations: number; ratio?: number; pairedSlowdown?: number; baselineOf?: string; budget?: Bench['budget']; budgetOk?: boolean; notes?: string[] }

const here = dirname(fileURLToPath(import.meta.url));

async function runOne(b: Bench): Promise<Result> {
  const samples: number[] = [];
  const sample = async (): Promise<number> => {
    if (b.measure) {
      await b.fn();
      return await b.measure();
    }
    const t0 = performance.now();
    await b.fn();
    return performance.now() - t0;
  };
  const first = await sample(); // warm-up (JIT, caches), not counted
  let n = b.iterations;
  if (n === undefined) n = Math.max(5, Math.min(50, Math.round(1000 / Math.max(first, 0.01))));
  for (let i = 0; i < n; i++) samples.push(await sample());
  samples.sort((x, y) => x - y);
  return { group: b.group, name: b.name, medianMs: quantile(samples, 0.5), p10Ms: quantile(samples, 0.1), p90Ms: quantile(samples, 0.9), iterations: n, budget: b.budget, baselineOf: b.baselineOf, pairedSlowdown: b.pairedSlowdown?.(), notes: b.notes?.() };
}

const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(4));

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const strict = args.includes('--strict');
  const filters = args.filter((a) => !a.startsWith('--'));
  const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort();
  const all: Bench[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(here, f)).href)) as { benches?: Bench[]; loadBenches?: () => Promise<Bench[]> };
    const list = mod.loadBenches ? await mod.loadBenches() : mod.benches ?? [];
    all.push(...list);
  }
  const chosen = filters.length ? all.filter((b) => filters.some((f) => b.group.includes(f) || b.name.includes(f))) : all;
  if (chosen.length === 0) {
    console.error(`no benchmark matches ${filters.join(', ')}; groups: ${[...new Set(all.map((b) => b.group))].join(', ')}`);
    process.exit(2);
  }
  await runChosen(chosen, strict);
}

/** Runs the benches group by group, prints results, budgets and notes, writes bench-results/latest.json. */
export async function runChosen(chosen: Bench[], strict = false): Promise<void> {
  const results: Result[] = [];
  let failed = 0;
  for (const group of [...new Set(chosen.map((b) => b.group))]) {
    console.log(`\n== ${group}`);
    const inGroup = chosen.filter((b) => b.group === group);
    for (const b of inGroup) {
      const r = await runOne(b);
      results.push(r);
    }
    for (const r of results.filter((x) => x.group === group)) {
      if (r.baselineOf) {
        const base = results.find((x) => x.group === group && x.name === r.baselineOf);
        if (base) r.ratio = base.medianMs / r.medianMs;
      }
      // A measured value other than a time names its unit at the end of the bench name ("..., MB").
      const unit = / MB$/.test(r.name) ? 'MB' : 'ms';
      let line = `  ${r.name.padEnd(58)} median ${fmt(r.medianMs).padStart(9)} ${unit}  (p10 ${fmt(r.p10Ms)}, p90 ${fmt(r.p90Ms)}, n=${r.iterations})`;
      if (r.ratio !== undefined) line += r.ratio >= 1 ? `  ${r.ratio.toFixed(1)}x faster than "${r.baselineOf}"` : `  ${(1 / r.ratio).toFixed(2)}x the time of "${r.baselineOf}"`;
      console.log(line);
      if (r.budget) {
        const okMs = r.budget.ms === undefined || r.medianMs <= r.budget.ms;
        const okRatio = r.budget.ratio === undefined || (r.ratio !== undefined && r.ratio <= r.budget.ratio);
        const slowdown = r.pairedSlowdown ?? (r.ratio !== undefined ? 1 / r.ratio : undefined);
        const okSlowdown = r.budget.slowdown === undefined || (slowdown !== undefined && slowdown <= r.budget.slowdown);
        r.budgetOk = okMs && okRatio && okSlowdown;
        if (!r.budgetOk) failed++;
        const what = [
          r.budget.ms !== undefined ? `<= ${r.budget.ms} ms` : '',
          r.budget.ratio !== undefined ? `ratio <= ${r.budget.ratio}` : '',
          r.budget.slowdown !== undefined
            ? `<= ${r.budget.slowdown}x the time of "${r.baselineOf}" (measured ${slowdown !== undefined ? slowdown.toFixed(3) : '?'}x${r.pairedSlowdown !== undefined ? ', median of the per-round ratios' : ''})`
            : '',
        ]
          .filter(Boolean)
          .join(', ');
        console.log(`    budget ${what}: ${r.budgetOk ? 'PASS' : 'FAIL'}`);
      }
      for (const n of r.notes ?? []) if (n) console.log(`    ${n}`);
    }
  }
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/latest.json', JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2));
  console.log(`\n${results.length} benchmarks; ${failed} budget(s) missed. Results in bench-results/latest.json`);
  if (strict && failed > 0) process.exit(1);
}

// Run when executed (`tsx test/bench/run.ts`), not when imported (test/bench/device-render.ts).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
