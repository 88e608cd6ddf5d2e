// The optimizer explains itself in the planner's terms, and the app and the CLI say the same thing:
// one optimizer run through the app's worker logic (runOptimizer -> the panel's text model) and one
// through `leo-planner optimize` on the same scenario file give identical explanations.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { boundPct, explainOptimization, explanationLines, formatPeople, isLpBound, type ExplainSite } from '../../../src-core/planning/explain';
import { FASTER_THRESHOLD_MS, type CheckedSet } from '../../../src-core/planning/optimizer';
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
    for (const line of [ui.headline, ui.checked, ui.bound, ui.capacity, ui.basis]) expect(text.out).toContain(line);
    // The set checked with the app's routing (the scenario's defaults: relay on, 30 hops), in both.
    expect(summary.checked).not.toBeNull();
    expect(ui.checked).toMatch(/^Checked with the app's routing \(ground relay on, at most 30 satellite hops\): mean latency \d+\.\d\d → \d+\.\d\d ms, p95 \d+\.\d\d → \d+\.\d\d ms, served \d+\.\d\d → \d+\.\d\d %\./);
    expect(ui.checked).toMatch(/The bound is on the optimizer's model\.$/);

    // Planner's terms: ms and people, a bound in %, never the raw objective.
    expect(ui.headline).toMatch(/mean latency \d+\.\d{3} → \d+\.\d{3} ms \(−\d+\.\d{3} ms\)/);
    expect(ui.headline).toMatch(/people ≥1 ms faster/);
    expect(ui.bound).toMatch(/^(At most \d+\.\d % better is possible|These 3 are optimal)/);
    // The LP dual set this run's bound (here it meets the greedy value), and the flag that names it
    // reached the panel through the worker message (structuredClone). The wording: below.
    expect(summary.lpBound).toBe(true);
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
    // Candidates whose per-sample gains did not fit in the bound's memory: said, with what tightens it.
    const base = { add: 1, baseObjective: 1, objective: 1.1, upperBound: 1.125, impact, steps: 96, stepS: 60, exhausted: false };
    const site = [{ rank: 1, name: 'Aurora, US-CO', countryCode: 'US', nearPop: null, impact }];
    expect(explainOptimization(site, { ...base, unkeptCandidates: 1813 }).bound).toBe(`${e.bound} It is looser than it could be: the per-sample gains of 1813 candidates did not fit in the memory the bound keeps (48 M sample gains); with fewer time steps more of them fit.`);
    expect(explainOptimization(site, { ...base, unkeptCandidates: 0 }).bound).toBe(e.bound);
    expect(explainOptimization(site, { ...base, upperBound: 1.1, unkeptCandidates: 5 }).bound).toBe('These 1 are optimal for the optimizer\'s objective (bound met).');
    // The latency LP dual's bound is named as such (isLpBound: it set the reported bound).
    expect(explainOptimization(site, { ...base, lpBound: true }).bound).toBe('At most 25.0 % better is possible: no 1 sites can gain more than 1.250× this set\'s objective gain (LP relaxation bound).');
    expect(isLpBound({ kind: 'latency', upperBound: 1.125, bounds: { dual: 1.125 } })).toBe(true);
    expect(isLpBound({ kind: 'latency', upperBound: 1.12, bounds: { dual: 1.125 } })).toBe(false); // another part was tighter
    expect(isLpBound({ kind: 'latency', upperBound: 1.125, bounds: { dual: NaN } })).toBe(false);
    expect(isLpBound({ kind: 'served', upperBound: 1.125, bounds: { dual: 1.125 } })).toBe(false); // the served dual is a submodularity bound
    expect(e.sites[0]!.text).toBe(`#1 Aurora, US-CO [US]: −0.500 ms mean latency · 3.20 M people ≥${FASTER_THRESHOLD_MS} ms faster (by 2.3 ms)`);
    expect(e.headline).toBe('1 site: demand-weighted mean latency 12.000 → 11.500 ms (−0.500 ms); 3.20 M people ≥1 ms faster (by 2.3 ms).');
    expect(formatPeople(1.234e9)).toBe('1234 M');
    expect(formatPeople(45_100)).toBe('45.1 k');
  });

  it('words the check with the app\'s routing: relaxed or not, the model named only where it differs', () => {
    const impact = { meanLatencyBeforeMs: 31.04, meanLatencyAfterMs: 28.1, peopleFaster: 1e6, fasterByMs: 2, peopleNewlyServed: 0, servedGbps: null };
    const site: ExplainSite = { rank: 1, name: 'Aurora, US-CO', countryCode: 'US', nearPop: null, impact };
    const checked: CheckedSet = {
      options: { groundRelay: true, maxSatelliteHops: 30, bentPipe: false },
      relaxed: true,
      before: { servedPct: 97.1, meanLatencyMs: 31.2, p95LatencyMs: 50.1235 },
      after: { servedPct: 98.3, meanLatencyMs: 28.4, p95LatencyMs: 44.5 },
      model: { before: { servedPct: 97.1, meanLatencyMs: 31.04 }, after: { servedPct: 98.3, meanLatencyMs: 28.1 } },
      ms: 120,
    };
    const summary = { add: 1, baseObjective: 1, objective: 1.1, upperBound: 1.125, impact, steps: 24, stepS: 60, exhausted: false };
    const head = "Checked with the app's routing (ground relay on, at most 30 satellite hops): mean latency 31.20 → 28.40 ms, p95 50.12 → 44.50 ms, served 97.10 → 98.30 %.";
    const e = explainOptimization([site], { ...summary, checked });
    expect(e.checked).toBe(`${head} The optimizer's model, without relay and hop limit: mean latency 31.04 → 28.10 ms, served 97.10 → 98.30 %. The bound is on the optimizer's model.`);
    expect(explanationLines(e)).toContain(e.checked);
    // Within 0.05 ms and 0.05 pp everywhere: the model is not spelt out.
    const close = { before: { servedPct: 97.14, meanLatencyMs: 31.16 }, after: { servedPct: 98.26, meanLatencyMs: 28.44 } };
    expect(explainOptimization([site], { ...summary, checked: { ...checked, model: close } }).checked).toBe(`${head} The optimizer's model (without relay and hop limit) agrees within 0.05 ms and 0.05 pp. The bound is on the optimizer's model.`);
    // A served share 0.06 pp apart is enough.
    const pp = { ...close, after: { ...close.after, servedPct: 98.24 } };
    expect(explainOptimization([site], { ...summary, checked: { ...checked, model: pp } }).checked).toContain("The optimizer's model, without relay and hop limit: mean latency 31.16 → 28.44 ms, served 97.14 → 98.24 %.");
    // Only the hop limit left out (no relay).
    const noRelay = { ...checked, options: { ...checked.options, groundRelay: false } };
    expect(explainOptimization([site], { ...summary, checked: noRelay }).checked).toContain("ground relay off, at most 30 satellite hops): ");
    expect(explainOptimization([site], { ...summary, checked: noRelay }).checked).toContain("The optimizer's model, without hop limit: ");
    // Not relaxed: the optimizer's model is the app's routing; no model clause, no bound caveat.
    const exact = { ...checked, relaxed: false, options: { groundRelay: false, maxSatelliteHops: null, bentPipe: false } };
    expect(explainOptimization([site], { ...summary, checked: exact }).checked).toBe("Checked with the app's routing (ground relay off, no hop limit): mean latency 31.20 → 28.40 ms, p95 50.12 → 44.50 ms, served 97.10 → 98.30 %. The optimizer's model is this routing.");
    // Not checked (cancelled) or nothing chosen: no line.
    expect(explainOptimization([site], { ...summary, checked: null }).checked).toBe('');
    expect(explainOptimization([], { ...summary, checked }).checked).toBe('');
    expect(explanationLines(explainOptimization([site], summary)).filter((l) => l.startsWith('Checked'))).toEqual([]);
  });

  it('says where served demand saturated and what the later sites are for', () => {
    const impact = { meanLatencyBeforeMs: 12, meanLatencyAfterMs: 11, peopleFaster: 1e6, fasterByMs: 2, peopleNewlyServed: 0, servedGbps: 5360.79 };
    const site = (rank: number): ExplainSite => ({ rank, name: `Site ${rank}`, countryCode: 'US', nearPop: null, impact: { ...impact, servedGbps: rank <= 68 ? 80 : 0 }, phase: rank <= 68 ? 'served' : 'latency' });
    const summary = { add: 300, baseObjective: 640, objective: 6000.79, upperBound: 6000.79, impact, steps: 24, stepS: 60, exhausted: false, kind: 'served' as const, saturatedAfter: 68, latencyPhase: { sites: 232, baseObjective: 1.9, objective: 1.95, upperBound: 1.96, lpBound: false, evaluations: 4000, exhausted: false, elapsedMs: 4000 } };
    const all = explainOptimization(Array.from({ length: 300 }, (_, i) => site(i + 1)), summary);
    expect(all.saturation).toBe('Served demand saturated after 68 sites (6,000.8 Gbps). Sites 69-300 are chosen for latency: they add no served demand.');
    expect(all.bound).toBe('No 300 sites can serve more demand than these (bound met). Latency sites: at most 20.0 % better latency gain is possible given the 68 served sites (submodularity bound).');
    // When the latency phase's LP dual set its bound, the text names that bound instead.
    const lp = explainOptimization(Array.from({ length: 300 }, (_, i) => site(i + 1)), { ...summary, latencyPhase: { ...summary.latencyPhase, lpBound: true } });
    expect(lp.bound).toBe('No 300 sites can serve more demand than these (bound met). Latency sites: at most 20.0 % better latency gain is possible given the 68 served sites (LP relaxation bound).');
    expect(all.sites[68]!.text).toBe('#69 Site 69 [US]: −1.000 ms mean latency · 1.00 M people ≥1 ms faster (by 2.0 ms) · +0.00 Gbps served (chosen for latency)');
    expect(all.sites[67]!.gbps).toBe('+80.00 Gbps served');
    expect(explanationLines(all)).toContain(all.saturation);
    // The latency phase ran out of gains: stopped early, and said so.
    const short = explainOptimization(Array.from({ length: 70 }, (_, i) => site(i + 1)), { ...summary, exhausted: true, latencyPhase: { ...summary.latencyPhase, sites: 2, exhausted: true } });
    expect(short.saturation).toBe('Served demand saturated after 68 sites (6,000.8 Gbps). Sites 69-70 are chosen for latency: they add no served demand. No other site improves latency: stopped after 70 of 300.');
    const stopped = explainOptimization(Array.from({ length: 68 }, (_, i) => site(i + 1)), { ...summary, exhausted: true, latencyPhase: null, stopAtSaturation: true });
    expect(stopped.saturation).toBe('Served demand saturated after 68 sites (6,000.8 Gbps). Stopped there as asked: the other 232 would add no served demand.');
    expect(stopped.bound).toBe('No 300 sites can serve more demand than these (bound met).');
    const zero = explainOptimization([site(100)], { ...summary, add: 1, objective: 640, upperBound: 640, saturatedAfter: 0, latencyPhase: { ...summary.latencyPhase, sites: 1 } });
    expect(zero.saturation).toBe('No candidate adds served demand: the existing gateways already carry all the demand the network can reach (640.0 Gbps). Site 1 is chosen for latency: it adds no served demand.');
    // Not saturated, or a latency run: no such line.
    expect(explainOptimization([site(1)], { ...summary, add: 1, saturatedAfter: null }).saturation).toBe('');
    expect(explainOptimization([site(1)], { ...summary, add: 1, kind: 'latency' }).saturation).toBe('');
  });

  it('a served run past saturation: the app panel and `leo-planner optimize` say the same, with the phase of every site', () => {
    const base = kuiperScenario({ durationS: 3 * 300, stepS: 300, h3Resolution: 2 });
    const served = { ...base, capacity: { ...base.capacity, takeRatePct: 0.005, laserGbps: 1 }, gateways: base.gateways.slice(0, 4), planning: { ...base.planning, objective: 'served' as const } };
    const spath = join(dir, 'served.json');
    writeFileSync(spath, JSON.stringify(served));
    const sites = [['Sao Paulo', -23.4, -46.7], ['Mumbai', 19.2, 73.0], ['Cape Town', -33.9, 18.6], ['Tokyo', 35.6, 139.6], ['Osaka', 34.7, 135.5], ['Jakarta', -6.2, 106.8], ['Delhi', 28.6, 77.2]] as const;
    const csv = join(dir, 'sites.csv');
    writeFileSync(csv, `name,lat,lon\n${sites.map((x) => x.join(',')).join('\n')}\n`);
    const n = sites.length;
    const msgs: OptimizerMessage[] = [];
    runOptimizer({ scenario: served, add: n, importedSites: sites.map(([name, latDeg, lonDeg]) => ({ name, latDeg, lonDeg })), stepFactor: 1 }, (m) => msgs.push(structuredClone(m)));
    const chosen = msgs.flatMap((m): SuggestedSite[] => (m.type === 'chosen' ? [m.site] : []));
    const summary = msgs.flatMap((m): OptimizeSummary[] => (m.type === 'done' ? [m.summary] : []))[0]!;
    const k = summary.saturatedAfter!;
    expect(k).toBeGreaterThan(0);
    expect(chosen.length).toBeGreaterThan(k);
    expect(chosen.map((s) => s.phase)).toEqual(chosen.map((_, i) => (i < k ? 'served' : 'latency')));
    const ui = optimizerExplanation(chosen, summary, 'served');
    expect(ui.saturation).toMatch(new RegExp(`^Served demand saturated after ${k} sites? \\([\\d,]+\\.\\d Gbps\\)\\. Sites? ${k + 1}`));
    const json = captureStdout(() => optimizeCommand(spath, { add: String(n), candidates: csv, json: true }));
    const cli = JSON.parse(json.out) as { explanation: typeof ui; saturatedAfter: number; chosen: { name: string; phase: string }[] };
    expect(cli.explanation).toEqual(ui);
    expect(cli.saturatedAfter).toBe(k);
    expect(cli.chosen.map((c) => [c.name, c.phase])).toEqual(chosen.map((s) => [s.gateway.name, s.phase]));
    const text = captureStdout(() => optimizeCommand(spath, { add: String(n), candidates: csv }));
    expect(text.out).toContain(ui.saturation);
    expect(text.out).toContain('chosen for');
    expect(text.out).toMatch(/served Gbps\s+\+\d+\.\d\d Gbps served/);
    expect(text.out).toMatch(/latency\s+\+0\.00 Gbps served/);
    expect(ui.sites[k]!.text).toContain('+0.00 Gbps served (chosen for latency)');
    // Stop at saturation: exactly the served sites, and the line says so.
    const stop = JSON.parse(captureStdout(() => optimizeCommand(spath, { add: String(n), candidates: csv, json: true, 'stop-at-saturation': true })).out) as typeof cli;
    expect(stop.chosen.map((c) => c.name)).toEqual(cli.chosen.slice(0, k).map((c) => c.name));
    expect(stop.explanation.saturation).toMatch(/Stopped there as asked/);
    expect(() => optimizeCommand(path, { add: '1', 'stop-at-saturation': true })).toThrow(/--stop-at-saturation needs --objective served/);
  });
});
