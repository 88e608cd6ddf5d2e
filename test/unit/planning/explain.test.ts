// The optimizer explains itself in the planner's terms, and the app and the CLI say the same thing:
// one optimizer run through the app's worker logic (runOptimizer -> the panel's text model) and one
// through `leo-planner optimize` on the same scenario file give identical explanations.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { boundPct, explainOptimization, formatPeople } from '../../../src-core/planning/explain';
import { FASTER_THRESHOLD_MS } from '../../../src-core/planning/optimizer';
import { optimizeCommand } from '../../../src-main/cli/commands/optimize';
import { runOptimizer, type OptimizeSummary, type OptimizerMessage, type SuggestedSite } from '../../../src-renderer/engine/optimizerHost';
import { optimizerExplanation } from '../../../src-renderer/ui/planning/optimizerText';
import { kuiperScenario } from '../coverage/fixtures';

/** Run a CLI command in-process; stdout as text (console.log and direct writes). */
function captureStdout(fn: () => number): { code: number; out: string } {
  const out: string[] = [];
  const log = console.log;
  const write = process.stdout.write.bind(process.stdout);
  console.log = (...a: unknown[]) => void out.push(a.join(' ') + '\n');
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  try {
    const code = fn();
    return { code, out: out.join('') };
  } finally {
    console.log = log;
    process.stdout.write = write;
  }
}

describe('optimizer explanation', () => {
  const scenario = kuiperScenario({ durationS: 10 * 60, stepS: 300, h3Resolution: 2 });
  const dir = mkdtempSync(join(tmpdir(), 'leo-explain-'));
  const path = join(dir, 'scenario.json');
  writeFileSync(path, JSON.stringify(scenario));
  const add = 3;

  it('the app panel and `leo-planner optimize` give the same text and numbers for the same inputs', () => {
    // The app: the optimizer worker's logic, messages as the panel receives them.
    const msgs: OptimizerMessage[] = [];
    runOptimizer({ scenario, add, importedSites: null, stepFactor: 1 }, (m) => msgs.push(structuredClone(m)));
    const sites = msgs.flatMap((m): SuggestedSite[] => (m.type === 'chosen' ? [m.site] : []));
    const summary = msgs.flatMap((m): OptimizeSummary[] => (m.type === 'done' ? [m.summary] : []))[0]!;
    expect(sites.length).toBe(add);
    const ui = optimizerExplanation(sites, summary);

    // The CLI, JSON and text.
    const json = captureStdout(() => optimizeCommand(path, { add: String(add), json: true }));
    expect(json.code).toBe(0);
    const cli = JSON.parse(json.out) as { explanation: typeof ui; chosen: { name: string; impact: unknown }[] };
    expect(cli.explanation).toEqual(ui);
    expect(cli.chosen.map((c) => c.name)).toEqual(sites.map((s) => s.gateway.name));
    const text = captureStdout(() => optimizeCommand(path, { add: String(add) }));
    for (const s of ui.sites) {
      expect(text.out).toContain(s.name);
      expect(text.out).toContain(s.latency);
      expect(text.out).toContain(s.people);
    }
    for (const line of [ui.headline, ui.bound, ui.capacity, ui.basis]) expect(text.out).toContain(line);

    // Planner's terms: ms and people, a bound in %, never the raw objective.
    expect(ui.headline).toMatch(/mean latency \d+\.\d{3} → \d+\.\d{3} ms \(−\d+\.\d{3} ms\)/);
    expect(ui.headline).toMatch(/people ≥1 ms faster/);
    expect(ui.bound).toMatch(/^(At most \d+\.\d % better is possible|These 3 are optimal)/);
    expect(text.out).not.toMatch(/objective \d\.\d{4}/i);
    for (const s of ui.sites) expect(s.name).not.toMatch(/\([^)]*\(/); // never nested parentheses
    // The numbers themselves: each site lowers the mean latency, the set's change is the sum of its sites'.
    let sum = 0;
    for (const s of sites) {
      expect(s.impact.meanLatencyAfterMs).toBeLessThanOrEqual(s.impact.meanLatencyBeforeMs);
      sum += s.impact.meanLatencyAfterMs - s.impact.meanLatencyBeforeMs;
      expect(s.impact.servedGbps).toBeNull();
    }
    expect(summary.impact.meanLatencyAfterMs - summary.impact.meanLatencyBeforeMs).toBeCloseTo(sum, 9);
    expect(summary.impact.peopleFaster).toBeGreaterThan(0);
  });

  it('words the bound as "at most X % better" from the objective gain', () => {
    expect(boundPct({ baseObjective: 1, objective: 1.1, upperBound: 1.125 })).toBeCloseTo(25, 9);
    expect(boundPct({ baseObjective: 1, objective: 1, upperBound: 1.2 })).toBeNaN();
    const impact = { meanLatencyBeforeMs: 12, meanLatencyAfterMs: 11.5, peopleFaster: 3.2e6, fasterByMs: 2.25, peopleNewlyServed: 0, servedGbps: null };
    const e = explainOptimization([{ rank: 1, name: 'Aurora, US-CO', countryCode: 'US', nearPop: null, impact }], { add: 1, baseObjective: 1, objective: 1.1, upperBound: 1.125, impact, steps: 24, stepS: 60, exhausted: false });
    expect(e.bound).toBe('At most 25.0 % better is possible: no 1 sites can gain more than 1.250× this set\'s objective gain (submodularity bound).');
    expect(e.sites[0]!.text).toBe(`#1 Aurora, US-CO [US]: −0.500 ms mean latency · 3.20 M people ≥${FASTER_THRESHOLD_MS} ms faster (by 2.3 ms)`);
    expect(e.headline).toBe('1 site: demand-weighted mean latency 12.000 → 11.500 ms (−0.500 ms); 3.20 M people ≥1 ms faster (by 2.3 ms).');
    expect(formatPeople(1.234e9)).toBe('1234 M');
    expect(formatPeople(45_100)).toBe('45.1 k');
  });
});
