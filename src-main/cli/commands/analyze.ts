// `analyze <scenario> [--start] [--duration] [--step] [--grid-res] [--no-gateway-relay]
// [--bent-pipe] [--max-hops N]`: the headline figures of merit
// (demand-weighted served %, latency percentiles, longest outage) and each gateway's share.
import type { Scenario } from '../../../src-core/scenario/schema';
import { buildCatalog } from '../../../src-core/constellation';
import { Propagator } from '../../../src-core/orbit';
import { analyzeCapacity, cellRegions, demandGbpsOf, unservedByRegion } from '../../../src-core/capacity';
import { createCoverageEvaluator, type CoverageEvaluator, type CoverageResult } from '../../../src-core/coverage';
import type { BuiltCatalog, SatelliteCatalog } from '../../../src-core/constellation';
import type { ReportFigures } from '../../../src-core/io';
import { CliError, clean, loadInput, parseIsoArg, parseNumberArg, table, startArg } from '../io';
import { routingOverrides } from './routeSettings';
import { slotMatchingJson, slotMatchingLines } from './slotMatching';

type Values = Record<string, string | boolean | undefined>;

/** Apply --start/--duration/--step/--grid-res and the routing options over the scenario's settings. */
export function withAnalysisOverrides(s: Scenario, v: Values): Scenario {
  const a = s.analysis;
  const startUtc = new Date(parseIsoArg('start', v.start as string | undefined, a.startUtc)).toISOString();
  const durationS = parseNumberArg('duration', v.duration as string | undefined, a.durationS, { min: 1, max: 30 * 86400 });
  const stepS = parseNumberArg('step', v.step as string | undefined, a.stepS, { min: 1 });
  const h3Resolution = parseNumberArg('grid-res', v['grid-res'] as string | undefined, a.h3Resolution, { min: 0, max: 4, integer: true });
  if (durationS / stepS > 5000) throw new CliError(`--duration / --step gives ${Math.floor(durationS / stepS)} steps; at most 5,000 per analysis`, [], 2);
  return { ...s, analysis: { ...a, startUtc, durationS, stepS, h3Resolution }, routing: routingOverrides(s.routing, v) };
}

/** The catalogue, the coverage evaluator and its figures: what analyze, `export --format report` and `report` compute. */
export function evaluateCoverage(scenario: Scenario, what: string): { catalog: SatelliteCatalog; ev: CoverageEvaluator; r: CoverageResult; slotMatching: BuiltCatalog['slotMatching'] } {
  const { catalog, satrecs, problems, slotMatching } = buildCatalog(scenario);
  if (catalog.count === 0) throw new CliError(`${what} has no satellites to analyse`, problems);
  const ev = createCoverageEvaluator(scenario, catalog, new Propagator(satrecs));
  return { catalog, ev, r: ev.result(), slotMatching };
}

/** The figures the report (CSV and PDF) shows, from evaluateCoverage. */
export function reportFigures({ catalog, r }: { catalog: SatelliteCatalog; r: CoverageResult }): ReportFigures {
  return { satellites: catalog.count, stepCount: r.stepCount, cellCount: r.cellCount, headline: r.headline };
}

export function analyzeCommand(path: string, v: Values): number {
  const scenario = withAnalysisOverrides(loadInput(path, startArg(v)).scenario, v);
  const t0 = performance.now();
  const { catalog, ev, r, slotMatching } = evaluateCoverage(scenario, path);
  const h = r.headline;
  const a = scenario.analysis;
  const gateways = scenario.gateways.map((g, i) => ({ id: g.id, name: g.name, sharePct: 100 * (h.gatewayShare[i] ?? 0) }));
  const out = {
    ok: true,
    scenario: scenario.name,
    window: { startUtc: a.startUtc, durationS: a.durationS, stepS: a.stepS, steps: r.stepCount },
    grid: { h3Resolution: a.h3Resolution, cells: r.cellCount, landOnly: a.landOnly, demandWeighted: a.demandWeighted },
    satellites: catalog.count,
    slotMatching: slotMatchingJson(slotMatching),
    headline: {
      servedPct: h.servedPct, coveredPct: h.coveredPct,
      p50LatencyMs: h.p50LatencyMs, p95LatencyMs: h.p95LatencyMs, meanLatencyMs: h.meanLatencyMs,
      longestOutageS: h.longestOutageS, meanVisibleSatellites: h.meanVisibleSatellites,
    },
    gateways,
    capacity: v.capacity === true ? capacityReport(ev) : undefined,
    elapsedS: 0,
  };
  out.elapsedS = (performance.now() - t0) / 1000;
  if (v.json === true) {
    console.log(JSON.stringify(out, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? null : x)));
    return 0;
  }
  console.log(`${clean(scenario.name)}: ${catalog.count} satellites, ${scenario.gateways.length} gateways, ${r.cellCount} H3 res-${a.h3Resolution} cells${a.landOnly ? ' (land)' : ''}`);
  for (const line of slotMatchingLines(slotMatching)) console.log(line);
  console.log(`window ${a.startUtc} + ${a.durationS} s every ${a.stepS} s (${r.stepCount} steps), ${a.demandWeighted ? 'population-weighted' : 'unweighted'}; computed in ${out.elapsedS.toFixed(1)} s\n`);
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
  if (out.capacity) printCapacity(out.capacity, scenario);
  return 0;
}

export type CapacityReport = ReturnType<typeof capacityReport>;

/** The capacity model over the window (docs/CAPACITY.md): served Gbps, bottleneck, per gateway, unserved by country. */
export function capacityReport(ev: CoverageEvaluator) {
  const s = ev.scenario;
  const sum = analyzeCapacity(ev);
  const demand = demandGbpsOf(ev.grid, s.capacity);
  const regionOf = cellRegions(ev.grid);
  const regions = unservedByRegion(demand, sum.cellServedGbpsMean, (c) => regionOf[c]!);
  return {
    assumptions: s.capacity,
    demandGbps: sum.demandGbps,
    servedGbpsMean: sum.servedGbpsMean,
    servedGbpsMin: sum.servedGbpsMin,
    servedPct: sum.servedPct,
    unroutableGbpsMean: sum.unroutableGbpsMean,
    bottleneck: sum.bottleneck,
    bottleneckSteps: sum.bottleneckSteps,
    gateways: s.gateways.map((g, i) => ({
      id: g.id, name: g.name, antennas: g.antennas, backhaulGbps: g.capacityGbps,
      gbpsMean: sum.gatewayGbpsMean[i]!, utilisationMean: sum.gatewayUtilisationMean[i]!, bottleneckSteps: sum.gatewayBottleneckSteps[i]!,
    })),
    unservedByRegion: regions.slice(0, 20),
  };
}

function printCapacity(c: CapacityReport, scenario: Scenario): void {
  const a = c.assumptions;
  console.log(`\ncapacity (max flow per step, docs/CAPACITY.md): take rate ${a.takeRatePct} %, ${a.busyHourMbpsPerSubscriber} Mbps busy hour per subscriber, user beam ${a.userBeamGbpsPerSatellite} Gbps/satellite, laser ${a.laserGbps} Gbps, feeder ${a.feederGbpsPerAntenna} Gbps/antenna, budget ${scenario.routing.maxOneWayLatencyMs} ms`);
  const steps = Object.entries(c.bottleneckSteps).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(table(['figure', 'value'], [
    ['demand (busy hour)', `${c.demandGbps.toFixed(1)} Gbps`],
    ['served, mean over steps', `${c.servedGbpsMean.toFixed(1)} Gbps (${c.servedPct.toFixed(2)} %)`],
    ['served, worst step', `${c.servedGbpsMin.toFixed(1)} Gbps`],
    ['no route within budget, mean', `${c.unroutableGbpsMean.toFixed(1)} Gbps`],
    ['bottleneck (steps)', `${c.bottleneck} (${steps})`],
  ]));
  console.log('\nper gateway (mean over steps):');
  console.log(table(['gateway', 'name', 'Gbps', 'utilisation', 'antennas', 'backhaul Gbps', 'in cut'], c.gateways.map((g) => [g.id, g.name, g.gbpsMean.toFixed(1), `${(100 * g.utilisationMean).toFixed(0)} %`, g.antennas, g.backhaulGbps, `${g.bottleneckSteps} steps`])));
  console.log('\nunserved demand by country (mean Gbps, top 10):');
  console.log(table(['country', 'demand', 'served', 'unserved'], c.unservedByRegion.slice(0, 10).map((r) => [r.region, r.demandGbps.toFixed(1), r.servedGbps.toFixed(1), r.unservedGbps.toFixed(1)])));
}
