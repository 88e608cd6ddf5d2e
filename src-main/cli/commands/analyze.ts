// `analyze <scenario> [--start] [--duration] [--step] [--grid-res]`: the headline figures of merit
// (demand-weighted served %, latency percentiles, longest outage) and each gateway's share.
import type { Scenario } from '../../../src-core/scenario/schema';
import { buildCatalog } from '../../../src-core/constellation';
import { Propagator } from '../../../src-core/orbit';
import { createCoverageEvaluator } from '../../../src-core/coverage';
import { CliError, clean, loadInput, parseIsoArg, parseNumberArg, table } from '../io';

type Values = Record<string, string | boolean | undefined>;

/** Apply --start/--duration/--step/--grid-res over the scenario's analysis settings. */
export function withAnalysisOverrides(s: Scenario, v: Values): Scenario {
  const a = s.analysis;
  const startUtc = new Date(parseIsoArg('start', v.start as string | undefined, a.startUtc)).toISOString();
  const durationS = parseNumberArg('duration', v.duration as string | undefined, a.durationS, { min: 1, max: 30 * 86400 });
  const stepS = parseNumberArg('step', v.step as string | undefined, a.stepS, { min: 1 });
  const h3Resolution = parseNumberArg('grid-res', v['grid-res'] as string | undefined, a.h3Resolution, { min: 0, max: 4, integer: true });
  if (durationS / stepS > 5000) throw new CliError(`--duration / --step gives ${Math.floor(durationS / stepS)} steps; at most 5,000 per analysis`, [], 2);
  return { ...s, analysis: { ...a, startUtc, durationS, stepS, h3Resolution } };
}

export function analyzeCommand(path: string, v: Values): number {
  const scenario = withAnalysisOverrides(loadInput(path).scenario, v);
  const t0 = performance.now();
  const { catalog, satrecs, problems } = buildCatalog(scenario);
  if (catalog.count === 0) throw new CliError(`${path} has no satellites to analyse`, problems);
  const ev = createCoverageEvaluator(scenario, catalog, new Propagator(satrecs));
  const r = ev.result();
  const h = r.headline;
  const elapsedS = (performance.now() - t0) / 1000;
  const a = scenario.analysis;
  const gateways = scenario.gateways.map((g, i) => ({ id: g.id, name: g.name, sharePct: 100 * (h.gatewayShare[i] ?? 0) }));
  const out = {
    ok: true,
    scenario: scenario.name,
    window: { startUtc: a.startUtc, durationS: a.durationS, stepS: a.stepS, steps: r.stepCount },
    grid: { h3Resolution: a.h3Resolution, cells: r.cellCount, landOnly: a.landOnly, demandWeighted: a.demandWeighted },
    satellites: catalog.count,
    headline: {
      servedPct: h.servedPct, coveredPct: h.coveredPct,
      p50LatencyMs: h.p50LatencyMs, p95LatencyMs: h.p95LatencyMs, meanLatencyMs: h.meanLatencyMs,
      longestOutageS: h.longestOutageS, meanVisibleSatellites: h.meanVisibleSatellites,
    },
    gateways,
    elapsedS,
  };
  if (v.json === true) {
    console.log(JSON.stringify(out, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? null : x)));
    return 0;
  }
  console.log(`${clean(scenario.name)}: ${catalog.count} satellites, ${scenario.gateways.length} gateways, ${r.cellCount} H3 res-${a.h3Resolution} cells${a.landOnly ? ' (land)' : ''}`);
  console.log(`window ${a.startUtc} + ${a.durationS} s every ${a.stepS} s (${r.stepCount} steps), ${a.demandWeighted ? 'population-weighted' : 'unweighted'}; computed in ${elapsedS.toFixed(1)} s\n`);
  console.log(table(['figure', 'value'], [
    ['served (% of demand x time)', `${h.servedPct.toFixed(2)} %`],
    ['covered (>= 1 satellite above mask)', `${h.coveredPct.toFixed(2)} %`],
    ['one-way latency to PoP p50', `${h.p50LatencyMs.toFixed(2)} ms`],
    ['one-way latency to PoP p95', `${h.p95LatencyMs.toFixed(2)} ms`],
    ['one-way latency to PoP mean', `${h.meanLatencyMs.toFixed(2)} ms`],
    ['longest outage (any cell with demand)', `${h.longestOutageS.toFixed(0)} s`],
    ['mean visible satellites', h.meanVisibleSatellites.toFixed(2)],
  ]));
  console.log('\nshare of served demand per gateway:');
  console.log(table(['gateway', 'name', 'share'], [...gateways].sort((x, y) => y.sharePct - x.sharePct).map((g) => [g.id, g.name, `${g.sharePct.toFixed(1)} %`])));
  return 0;
}
