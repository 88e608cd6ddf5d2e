// The rollout series (figures per date, for charts and the CLI) and "when does service reach this
// point?". Both run on RolloutEngine, which recomputes only what each date changes.
import { gridFromPoints } from '../coverage/grid';
import type { Scenario } from '../scenario/schema';
import { parseIsoUtc } from '../units';
import { RolloutEngine, type RolloutEngineOptions, type RolloutFigures } from './engine';
import { MS_PER_DAY } from './schedule';

export interface RolloutSeriesRow extends RolloutFigures {
  dateUtc: string;
}

export interface RolloutSeries {
  rows: RolloutSeriesRow[];
  milestones: { label: string; dateUtc: string; satellites: number | null; operationalThen: number }[];
  firstLaunchUtc: string | null;
  fullDeploymentUtc: string | null;
  problems: string[];
}

const isoDay = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Dates from `fromMs` to `toMs` (inclusive) every `stepDays`. */
export function seriesDates(fromMs: number, toMs: number, stepDays: number): number[] {
  if (!(stepDays > 0)) throw new RangeError(`the step must be a positive number of days (got ${stepDays})`);
  if (!(toMs >= fromMs)) throw new RangeError(`the end date must not be before the start date`);
  const out: number[] = [];
  for (let k = 0; fromMs + k * stepDays * MS_PER_DAY <= toMs; k++) out.push(fromMs + k * stepDays * MS_PER_DAY);
  return out;
}

/** Figures of the deployed network at every date from `fromMs` to `toMs` (inclusive), every `stepDays`. */
export function rolloutSeries(scenario: Scenario, fromMs: number, toMs: number, stepDays: number, opts: RolloutEngineOptions & { engine?: RolloutEngine } = {}): RolloutSeries {
  const dates = seriesDates(fromMs, toMs, stepDays);
  const engine = opts.engine ?? new RolloutEngine(scenario, opts);
  const rows = dates.map((d) => ({ dateUtc: isoDay(d), ...engine.figuresAt(d) }));
  const sch = engine.schedule;
  return {
    rows,
    milestones: scenario.rollout.milestones.map((m) => ({ label: m.label, dateUtc: m.dateUtc, satellites: m.satellites, operationalThen: engine.deploymentAt(parseIsoUtc(m.dateUtc)).operational })),
    firstLaunchUtc: Number.isFinite(sch.firstLaunchMs) ? isoDay(sch.firstLaunchMs) : null,
    fullDeploymentUtc: Number.isFinite(sch.fullDeploymentMs) ? isoDay(sch.fullDeploymentMs) : null,
    problems: [...engine.built.problems.map((p) => `${p.path}: ${p.message}`), ...sch.problems],
  };
}

/** Dates at which the network can change: satellites becoming operational, gateways entering service. */
export function networkChangeDates(engine: RolloutEngine): number[] {
  const set = new Set<number>();
  const sch = engine.schedule;
  for (let i = 0; i < sch.walkerCount; i++) if (Number.isFinite(sch.operationalMs[i]!)) set.add(sch.operationalMs[i]!);
  for (const g of engine.scenario.gateways) if (g.inServiceDate !== null) set.add(Date.parse(g.inServiceDate));
  return [...set].sort((a, b) => a - b);
}

export interface FirstServed {
  /** First moment the point is served at some step of the analysis window; null if never. */
  dateUtc: string | null;
  dateMs: number;
  /** % of the window's steps the point is served with the network of that date. */
  servedPct: number;
}

/**
 * When service reaches a point: the first network change (satellite operational, gateway in
 * service) after which the point is served at some step of the analysis window, and for what % of
 * the window. Binary search over the change dates: the network only grows with the date, so
 * "served at some step" never turns false again (test/unit/rollout checks the monotonicity).
 */
export function firstServedDate(scenario: Scenario, point: { latDeg: number; lonDeg: number }, opts: { engine?: RolloutEngine } = {}): FirstServed {
  const engine = opts.engine ?? new RolloutEngine(scenario, { grid: gridFromPoints([{ latDeg: point.latDeg, lonDeg: point.lonDeg }]), capacitySteps: 0 });
  const servedAt = (d: number): number => engine.evaluatorAt(d).ev.result().headline.servedPct;
  const dates = networkChangeDates(engine);
  const before = dates.length ? dates[0]! - 1 : 0;
  if (servedAt(before) > 0) return { dateUtc: isoDay(before), dateMs: before, servedPct: servedAt(before) };
  let lo = 0, hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (servedAt(dates[mid]!) > 0) hi = mid;
    else lo = mid + 1;
  }
  if (lo === dates.length) return { dateUtc: null, dateMs: Number.NaN, servedPct: 0 };
  return { dateUtc: isoDay(dates[lo]!), dateMs: dates[lo]!, servedPct: servedAt(dates[lo]!) };
}
