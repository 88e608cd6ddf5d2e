// `optimize <scenario> --add N [--candidates file.csv] [--min-spacing-km km] [--objective latency|served] [--stop-at-saturation]`:
// lazy-greedy gateway siting on the coverage engine (latency objective) or the capacity model
// (served Gbps; once served demand saturates, the remaining sites are chosen for latency unless
// --stop-at-saturation), with the chosen sites, their marginal gains, the objective and an upper
// bound on the best achievable objective (docs/OPTIMIZER.md).
import { buildCatalog } from '../../../src-core/constellation';
import { Propagator } from '../../../src-core/orbit';
import { createCoverageEvaluator } from '../../../src-core/coverage';
import { countryAt, geoDemandSource, nearestCity } from '../../../src-core/geo';
import { explainOptimization, explanationLines, generateCandidates, importCandidates, isLpBound, optimizeGateways, parseCandidateCsv, type ChosenSite } from '../../../src-core/planning';
import { CliError, clean, loadInput, parseNumberArg, readText, table, startArg } from '../io';
import { withAnalysisOverrides } from './analyze';

type Values = Record<string, string | boolean | undefined>;

export function optimizeCommand(path: string, v: Values): number {
  if (v.add === undefined) throw new CliError('optimize needs --add N (how many gateways to suggest)', [], 2);
  const add = parseNumberArg('add', v.add as string, 0, { min: 1, max: 5000, integer: true });
  let scenario = withAnalysisOverrides(loadInput(path, startArg(v)).scenario, v);
  if (v['min-spacing-km'] !== undefined) {
    scenario = { ...scenario, planning: { ...scenario.planning, minSpacingKm: parseNumberArg('min-spacing-km', v['min-spacing-km'] as string, 0, { min: 0 }) } };
  }
  if (v.objective !== undefined) {
    const o = v.objective;
    if (o !== 'latency' && o !== 'served') throw new CliError(`--objective must be 'latency' or 'served', got '${String(o)}'`, [], 2);
    scenario = { ...scenario, planning: { ...scenario.planning, objective: o } };
  }
  const kind = scenario.planning.objective ?? 'latency';
  const stopAtSaturation = v['stop-at-saturation'] === true;
  if (stopAtSaturation && kind !== 'served') throw new CliError('--stop-at-saturation needs --objective served (only served demand saturates)', [], 2);
  const geo = { countryAt, nearestCity };
  let candidates;
  if (typeof v.candidates === 'string') {
    const { sites, problems } = parseCandidateCsv(readText(v.candidates));
    if (sites.length === 0) throw new CliError(`${v.candidates}: no usable candidate sites`, problems.map((p) => ({ path: `line ${p.line}`, message: p.message })));
    for (const p of problems) console.error(`warning: ${clean(v.candidates)} line ${p.line}: ${clean(p.message)} (row skipped)`);
    candidates = importCandidates(sites, geo);
  } else {
    candidates = generateCandidates(geoDemandSource, geo, scenario.pops, { demandCount: 3000 });
  }
  const { catalog, satrecs, problems } = buildCatalog(scenario);
  if (catalog.count === 0) throw new CliError(`${path} has no satellites`, problems);
  const json = v.json === true;
  const progress = new OptimizeProgress(v.quiet !== true, add, kind === 'served' ? 'Gbps' : '');
  progress.line(`optimize: ${candidates.length} candidate sites, ${catalog.count} satellites, ${Math.floor(scenario.analysis.durationS / scenario.analysis.stepS)} steps; building the coverage evaluator`);
  const ev = createCoverageEvaluator(scenario, catalog, new Propagator(satrecs));
  const r = optimizeGateways(ev, candidates, {
    add,
    constraints: scenario.planning,
    stopAtSaturation,
    onProgress: (done, total, etaS) => progress.onProgress(done, total, etaS),
    onSaturated: (sites, gbps) => progress.saturated(sites, gbps),
    onChosen: (site, index) => progress.onChosen(site, index),
  });
  progress.line(`optimize: done, ${r.chosen.length} of ${add} placed in ${(r.elapsedMs / 1000).toFixed(1)} s`);
  // The same explanation (text and numbers) as the app's "Suggest gateways" panel.
  const explained = explainOptimization(
    r.chosen.map((c, i) => ({ rank: i + 1, name: c.gateway.name, countryCode: c.candidate.countryCode, nearPop: c.candidate.nearPop, impact: c.impact, phase: c.phase })),
    { add, baseObjective: r.baseObjective, objective: r.objective, upperBound: r.upperBound, impact: r.impact, steps: r.steps, stepS: r.stepS, exhausted: r.exhausted, kind: r.kind, saturatedAfter: r.saturatedAfter, latencyPhase: r.latencyPhase, stopAtSaturation, checked: r.checked, unkeptCandidates: r.dualStats?.scalars ?? 0, lpBound: isLpBound(r) },
  );
  const rows = r.chosen.map((c, i) => ({ rank: i + 1, name: c.gateway.name, latDeg: c.candidate.latDeg, lonDeg: c.candidate.lonDeg, countryCode: c.candidate.countryCode, nearPop: c.candidate.nearPop, phase: c.phase, impact: c.impact, marginalGain: c.marginalGain, objective: c.objective }));
  const out = { ok: true, objectiveKind: r.kind, candidates: candidates.length, infeasibleAtStart: r.infeasibleAtStart, requested: add, chosen: rows, impact: r.impact, explanation: explained, baseObjective: r.baseObjective, objective: r.objective, upperBound: r.upperBound, bounds: r.bounds, boundMs: r.boundMs, gapPct: r.gapPct, gainGapPct: r.gainGapPct, exhausted: r.exhausted, saturatedAfter: r.saturatedAfter, latencyPhase: r.latencyPhase, checked: r.checked, evaluations: r.evaluations, estimates: r.estimates, elapsedMs: r.elapsedMs };
  if (json) {
    console.log(JSON.stringify(out));
    return 0;
  }
  console.log(`${candidates.length} candidate sites (${r.infeasibleAtStart} ruled out by constraints), ${r.chosen.length} of ${add} placed in ${(r.elapsedMs / 1000).toFixed(1)} s (${r.evaluations} gain evaluations)\n`);
  const servedCol = r.kind === 'served';
  console.log(table(['#', 'site', 'lat', 'lon', 'country', ...(servedCol ? ['chosen for', 'served'] : []), 'mean latency', 'people'], explained.sites.map((x, i) => [x.rank, x.name, rows[i]!.latDeg.toFixed(3), rows[i]!.lonDeg.toFixed(3), x.country, ...(servedCol ? [x.phase === 'served' ? 'served Gbps' : 'latency', x.gbps] : []), x.latency, x.people])));
  // Served runs say where demand saturated in the explanation's own words (explained.saturation).
  if (r.exhausted && r.saturatedAfter === null) console.log(`\nstopped after ${r.chosen.length} of ${add}: no remaining candidate improves the objective (sites outside the service band or too far from demand buy nothing)`);
  console.log(`\n${explanationLines({ ...explained, sites: [] }).filter((l) => l !== '').join('\n')}`);
  return 0;
}

/**
 * Progress on stderr while the optimizer runs (stdout keeps the result alone, --json or not):
 * the candidate scoring pass at most every 2 s, then one line per chosen site (at most one a
 * second, and always the last), with the optimizer's own time-left estimate. --quiet: nothing.
 */
class OptimizeProgress {
  private lastMs = 0;
  private etaS = NaN;
  /** Sites chosen before the current phase (served, once saturated). */
  private offset = 0;
  constructor(private readonly enabled: boolean, private add: number, private unit: string) {}

  line(text: string): void {
    if (this.enabled) process.stderr.write(`${text}\n`);
  }

  private left(): string {
    return Number.isFinite(this.etaS) ? `, about ${Math.max(1, Math.round(this.etaS))} s left` : '';
  }

  onProgress(done: number, total: number, etaS: number): void {
    this.etaS = etaS;
    const now = Date.now();
    // Before the first site, the optimizer is scoring every candidate once (total = candidates + add).
    if (done < total - this.add && now - this.lastMs >= 2000) {
      this.lastMs = now;
      this.line(`optimize: scoring candidates ${done}/${total - this.add}${this.left()}`);
    }
  }

  /** Served demand saturated: the rest are chosen for latency (their progress counts from a new first pass). */
  saturated(sites: number, gbps: number): void {
    this.line(`optimize: served demand saturated after ${sites} sites (${gbps.toFixed(2)} Gbps); choosing the other ${this.add - sites} for latency`);
    this.add -= sites;
    this.offset = sites;
    this.unit = '';
  }

  onChosen(site: ChosenSite, index: number): void {
    const now = Date.now();
    const last = index + 1 >= this.add + this.offset;
    if (!last && now - this.lastMs < 1000) return;
    this.lastMs = now;
    const { name, countryCode } = site.candidate;
    const gain = site.marginalGain;
    this.line(`optimize: site ${index + 1}/${this.add + this.offset} ${clean(name)}${countryCode ? ` (${countryCode})` : ''}, ${site.phase} objective +${this.unit ? `${gain.toFixed(2)} ${this.unit}` : gain.toExponential(2)} -> ${site.objective.toFixed(this.unit ? 2 : 5)}${last ? '' : this.left()}`);
  }
}
