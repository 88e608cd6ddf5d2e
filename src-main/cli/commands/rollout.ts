// `rollout <scenario> [--from DATE] [--to DATE] [--step days] [--json]`: the rollout series (the
// same figures as the app's charts): per date, satellites in orbit and operational, gateways in
// service, population served %, served Gbps and p95 latency (src-core/rollout, docs/ROLLOUT.md).
import { rolloutSeries, RolloutEngine, type RolloutSeries } from '../../../src-core/rollout';
import type { Scenario } from '../../../src-core/scenario/schema';
import { CliError, clean, loadInput, parseIsoArg, parseNumberArg, table } from '../io';

type Values = Record<string, string | boolean | undefined>;

/** Default step between dates, days. */
export const DEFAULT_ROLLOUT_STEP_DAYS = 30;
/** Most dates one run may ask for. */
const MAX_DATES = 2000;

/** A date argument: ISO time, or a bare day (YYYY-MM-DD, midnight UTC). */
function dateArg(name: string, value: string | undefined, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  return parseIsoArg(name, /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value, '');
}

const num = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : '-');

/**
 * The rollout series of `scenario` over --from/--to every --step days (defaults: first launch to
 * full deployment, every DEFAULT_ROLLOUT_STEP_DAYS): the rollout command's table, the report's chart.
 */
export function rolloutSeriesOf(scenario: Scenario, path: string, v: Values): { series: RolloutSeries; engine: RolloutEngine } {
  const engine = new RolloutEngine(scenario);
  const sch = engine.schedule;
  if (!sch.active) throw new CliError(`${path} has no rollout: add launches or a cadence under "rollout" (docs/ROLLOUT.md)`, [], 2);
  const fromMs = dateArg('from', v.from as string | undefined, sch.firstLaunchMs);
  const toMs = dateArg('to', v.to as string | undefined, Number.isFinite(sch.fullDeploymentMs) ? sch.fullDeploymentMs : fromMs + 365 * 86_400_000);
  const stepDays = parseNumberArg('step', v.step as string | undefined, DEFAULT_ROLLOUT_STEP_DAYS, { min: 1 / 24 });
  if (toMs < fromMs) throw new CliError(`--to (${new Date(toMs).toISOString()}) is before --from (${new Date(fromMs).toISOString()})`, [], 2);
  const count = Math.floor((toMs - fromMs) / (stepDays * 86_400_000)) + 1;
  if (count > MAX_DATES) throw new CliError(`--from/--to/--step give ${count} dates; at most ${MAX_DATES} per run: use a larger --step`, [], 2);
  return { series: rolloutSeries(scenario, fromMs, toMs, stepDays, { engine }), engine };
}

export function rolloutCommand(path: string, v: Values): number {
  const scenario = loadInput(path).scenario;
  const t0 = performance.now();
  const { series, engine } = rolloutSeriesOf(scenario, path, v);
  const sch = engine.schedule;
  const elapsedS = (performance.now() - t0) / 1000;
  if (v.json === true) {
    const rows = series.rows.map(({ dateMs: _d, ...r }) => r);
    console.log(JSON.stringify({ ok: true, scenario: scenario.name, ...series, rows, elapsedS }, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? null : x)));
    return 0;
  }
  console.log(`${clean(scenario.name)}: rollout from ${series.firstLaunchUtc ?? '-'} to full deployment ${series.fullDeploymentUtc ?? '(never: slots left)'}; ${sch.launches.length} launches (${sch.launches.filter((l) => l.projected).length} projected)`);
  console.log(`figures over the analysis window (${scenario.analysis.durationS} s every ${scenario.analysis.stepS} s, H3 res ${scenario.analysis.h3Resolution}) with the network of each date; computed in ${elapsedS.toFixed(1)} s\n`);
  console.log(table(['date', 'in orbit', 'raising', 'operational', 'gateways', 'served %', 'served Gbps', 'p95 ms'], series.rows.map((r) => [
    r.dateUtc.slice(0, 10), r.inOrbit, r.raising, r.operational, r.gatewaysInService, num(r.servedPct, 2), num(r.servedGbps, 0), num(r.p95LatencyMs, 1),
  ])));
  if (series.milestones.length) {
    console.log('\nmilestones:');
    console.log(table(['date', 'milestone', 'asks', 'operational then'], series.milestones.map((m) => [m.dateUtc.slice(0, 10), m.label, m.satellites ?? '-', m.operationalThen])));
  }
  for (const p of series.problems) console.error(`warning: ${p}`);
  return 0;
}
