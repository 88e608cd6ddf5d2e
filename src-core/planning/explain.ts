// The optimizer's result in the planner's terms, as text: ONE function used by the app's
// "Suggest gateways" panel and by `leo-planner optimize`, so both print the same numbers for the
// same inputs and settings (test/unit/planning/explain.test.ts runs both and compares).
//
// Gains are in milliseconds of demand-weighted mean latency and in people (population whose
// latency drops by at least FASTER_THRESHOLD_MS, people newly served); the optimality bound is
// "at most X % better is possible". With the served-demand objective each site also reports the
// Gbps it adds (capacity model, docs/OPTIMIZER.md), and `capacity` says what the set serves.
// `checked` gives the set's figures with the app's own routing (ground relay, hop limit: what
// coverage shows once the sites are added, check.ts), the optimizer's relaxed model next to them
// when the two differ by CHECK_DIFFERS_MS / CHECK_DIFFERS_PP or more, and that the bound is on
// the model.
import type { CheckedSet } from './check';
import type { PlacementObjectiveKind } from './constraints';
import { MAX_KEPT_SAMPLES } from './keptSamples';
import { FASTER_THRESHOLD_MS, type LatencyPhase, type PickPhase, type SiteImpact } from './optimizer';

export interface ExplainSite {
  rank: number;
  name: string;
  countryCode: string | null;
  /** The PoP a site was generated next to, if any. */
  nearPop: string | null;
  impact: SiteImpact;
  /** The objective that chose it (absent: the run's objective). */
  phase?: PickPhase;
}

export interface ExplainSummary {
  /** Sites asked for. */
  add: number;
  baseObjective: number;
  objective: number;
  upperBound: number;
  impact: SiteImpact;
  /** Time steps the optimizer measured (and their length, s). */
  steps: number;
  stepS: number;
  exhausted: boolean;
  /** The objective maximised (default 'latency'): with 'served', objectives are Gbps served. */
  kind?: PlacementObjectiveKind;
  /** Served: sites chosen when served demand saturated (null/absent: it did not). */
  saturatedAfter?: number | null;
  /** Served: the latency phase past saturation (null/absent: it did not run). */
  latencyPhase?: LatencyPhase | null;
  /** Served: the run was asked to stop at saturation. */
  stopAtSaturation?: boolean;
  /** The chosen set checked with the app's routing (OptimizeResult.checked; null/absent: not checked, e.g. cancelled). */
  checked?: CheckedSet | null;
  /**
   * Latency bound: candidates whose per-sample gains did not fit in the memory the bound keeps
   * (OptimizeResult.dualStats.scalars; absent or 0: all fitted). The bound is then looser.
   */
  unkeptCandidates?: number;
  /**
   * The bound came from the latency objective's LP dual (OptimizeResult: latency, upperBound ===
   * bounds.dual): the facility-location LP relaxation's, not a submodularity bound (isLpBound).
   */
  lpBound?: boolean;
}

export interface SiteLine {
  rank: number;
  name: string;
  country: string;
  /** e.g. "−0.412 ms mean latency" */
  latency: string;
  /** e.g. "3.12 M people ≥1 ms faster (by 4.8 ms)"; "+0.20 M people served" appended when any. */
  people: string;
  /** "+12.40 Gbps served" (served-demand objective), '' otherwise. */
  gbps: string;
  /** What chose it: 'served' or 'latency' ('latency' past saturation in a served run). */
  phase: PickPhase;
  /** One line: "#1 Modi'in, IL [IL]: −0.412 ms mean latency · 3.12 M people ≥1 ms faster (by 4.8 ms)" (· "+12.40 Gbps served"). */
  text: string;
  /** The same numbers, short, for a narrow table: "−0.412 ms", "3.12 M". */
  latencyShort: string;
  peopleShort: string;
}

export interface Explanation {
  /** What the whole set does. */
  headline: string;
  /** Served: where served demand saturated and what the later sites are for ('' otherwise). */
  saturation: string;
  /**
   * The set's figures with the app's routing (ground relay, hop limit: what coverage shows once the
   * sites are added), the optimizer's model figures when those differ, and what the bound is on
   * ('' when not checked).
   */
  checked: string;
  /** "At most X % better is possible" and what that is measured on. */
  bound: string;
  /** Served Gbps of the set (served-demand objective), or why it is not shown. */
  capacity: string;
  /** How the numbers were measured (steps, hop limit). */
  basis: string;
  sites: SiteLine[];
}

const ms = (x: number, digits = 3): string => (Number.isFinite(x) ? `${x < 0 ? '−' : x > 0 ? '+' : ''}${Math.abs(x).toFixed(digits)} ms` : '– ms');

/** Gbps with thousands separators and one decimal: "6,000.8". */
function gbpsTotal(x: number): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** Gbps as "+12.40 Gbps". */
function gbpsText(x: number): string {
  return Number.isFinite(x) ? `${x < 0 ? '−' : '+'}${Math.abs(x).toFixed(2)} Gbps` : '– Gbps';
}

/** People as "3.12 M", "45.1 k" or "820". */
export function formatPeople(n: number): string {
  if (!Number.isFinite(n)) return '–';
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e8 ? 0 : n >= 1e7 ? 1 : 2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return `${Math.round(n)}`;
}

function peopleText(i: SiteImpact): string {
  const faster = i.peopleFaster > 0 ? `${formatPeople(i.peopleFaster)} people ≥${FASTER_THRESHOLD_MS} ms faster (by ${i.fasterByMs.toFixed(1)} ms)` : `nobody ≥${FASTER_THRESHOLD_MS} ms faster`;
  const served = i.peopleNewlyServed >= 0.5 ? ` · +${formatPeople(i.peopleNewlyServed)} people served` : '';
  return faster + served;
}

/** Whether an optimizer result's bound is the latency LP dual's (ExplainSummary.lpBound); phases.ts holds it, for the latency phase too. */
export { isLpBound } from './phases';

/** The improvement bound: the best possible set gains at most (1 + X/100) times this set's gain. */
export function boundPct(s: Pick<ExplainSummary, 'baseObjective' | 'objective' | 'upperBound'>): number {
  const gain = s.objective - s.baseObjective;
  if (!Number.isFinite(s.upperBound) || !(gain > 0)) return NaN;
  return (100 * Math.max(0, s.upperBound - s.objective)) / gain;
}

/** Where served demand saturated and what the sites after it are for, in words ('' when it did not). */
export function saturationText(summary: ExplainSummary, chosen: number): string {
  const k = summary.saturatedAfter;
  if (summary.kind !== 'served' || k === null || k === undefined) return '';
  const head = k === 0
    ? `No candidate adds served demand: the existing gateways already carry all the demand the network can reach (${gbpsTotal(summary.objective)} Gbps).`
    : `Served demand saturated after ${k} site${k === 1 ? '' : 's'} (${gbpsTotal(summary.objective)} Gbps).`;
  const rest = summary.add - k;
  if (summary.stopAtSaturation) return rest > 0 ? `${head} Stopped there as asked: the other ${rest} would add no served demand.` : head;
  const later = chosen - k;
  const which = later === 1 ? `Site ${k + 1} is chosen for latency: it adds` : `Sites ${k + 1}-${chosen} are chosen for latency: they add`;
  const more = later > 0 ? ` ${which} no served demand.` : '';
  const stopped = chosen < summary.add && summary.exhausted ? ` No ${later > 0 ? 'other ' : ''}site improves latency${later > 0 ? '' : ' either'}: stopped after ${chosen} of ${summary.add}.` : '';
  return head + more + stopped;
}

/** Why a latency bound is looser than it could be, and what tightens it ('' when nothing to say). */
function looser(summary: ExplainSummary): string {
  const u = summary.unkeptCandidates ?? 0;
  if (u <= 0 || (summary.kind ?? 'latency') !== 'latency') return '';
  return ` It is looser than it could be: the per-sample gains of ${u} candidate${u === 1 ? '' : 's'} did not fit in the memory the bound keeps (${MAX_KEPT_SAMPLES / 1e6} M sample gains); with fewer time steps more of them fit.`;
}

/** Served, saturated: the bound is met when it exceeds the objective by at most this (relative; round-off of the max flows). */
const BOUND_MET_REL = 1e-9;

/** The bound line: the primary objective's (served Gbps, or latency), then the latency phase's when there was one. */
function boundText(summary: ExplainSummary, n: number): string {
  if (n === 0) return 'No bound: nothing was chosen.';
  const x = boundPct(summary);
  const saturated = summary.kind === 'served' && summary.saturatedAfter !== null && summary.saturatedAfter !== undefined;
  const met = saturated && summary.upperBound - summary.objective <= BOUND_MET_REL * Math.max(1, Math.abs(summary.objective));
  const primary = met
    ? `No ${summary.add} sites can serve more demand than these (bound met).`
    : !Number.isFinite(x)
      ? 'Bound unknown (the run stopped before the first pass over the candidates ended).'
      : x < 0.05
        ? `These ${n} are optimal for the optimizer's objective (bound met).`
        : `At most ${x.toFixed(1)} % better is possible: no ${summary.add} sites can gain more than ${(1 + x / 100).toFixed(3)}× this set's objective gain (${summary.lpBound === true ? 'LP relaxation bound' : 'submodularity bound'}).${looser(summary)}`;
  const lp = summary.latencyPhase;
  if (!saturated || !lp || lp.sites === 0) return primary;
  const y = boundPct(lp);
  const given = `given the ${summary.saturatedAfter} served site${summary.saturatedAfter === 1 ? '' : 's'}`;
  return `${primary} ${!Number.isFinite(y) ? 'Latency sites: no bound.' : y < 0.05 ? `The latency sites are optimal for latency ${given} (bound met).` : `Latency sites: at most ${y.toFixed(1)} % better latency gain is possible ${given} (${lp.lpBound ? 'LP relaxation bound' : 'submodularity bound'}).`}`;
}

/** The check's figures differ from the model's when a mean latency differs by at least this (ms) or a served share by this (percentage points). */
export const CHECK_DIFFERS_MS = 0.05;
export const CHECK_DIFFERS_PP = 0.05;

const fixed = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : '–');

/** "ground relay on, at most 30 satellite hops" (and "bent pipe"). */
function routingText(o: CheckedSet['options']): string {
  return `ground relay ${o.groundRelay ? 'on' : 'off'}, ${o.maxSatelliteHops === null ? 'no hop limit' : `at most ${o.maxSatelliteHops} satellite hop${o.maxSatelliteHops === 1 ? '' : 's'}`}${o.bentPipe ? ', bent pipe' : ''}`;
}

/** What the objective leaves out of the check's routing: "relay and hop limit", "relay", "hop limit". */
function relaxationText(o: CheckedSet['options']): string {
  const parts = [...(o.groundRelay ? ['relay'] : []), ...(o.maxSatelliteHops !== null && !o.bentPipe ? ['hop limit'] : [])];
  return parts.join(' and ');
}

/** The checked line: coverage's figures for the set, the optimizer's model when it differs, and what the bound is on. */
export function checkedText(c: CheckedSet | null | undefined, n: number): string {
  if (!c || n === 0) return '';
  const line = `Checked with the app's routing (${routingText(c.options)}): mean latency ${fixed(c.before.meanLatencyMs, 2)} → ${fixed(c.after.meanLatencyMs, 2)} ms, p95 ${fixed(c.before.p95LatencyMs, 2)} → ${fixed(c.after.p95LatencyMs, 2)} ms, served ${fixed(c.before.servedPct, 2)} → ${fixed(c.after.servedPct, 2)} %.`;
  if (!c.relaxed) return `${line} The optimizer's model is this routing.`;
  const m = c.model;
  const far = (a: number, b: number, tol: number): boolean => !(Math.abs(a - b) < tol); // NaN on one side only: differs
  const differs =
    far(c.before.meanLatencyMs, m.before.meanLatencyMs, CHECK_DIFFERS_MS) ||
    far(c.after.meanLatencyMs, m.after.meanLatencyMs, CHECK_DIFFERS_MS) ||
    far(c.before.servedPct, m.before.servedPct, CHECK_DIFFERS_PP) ||
    far(c.after.servedPct, m.after.servedPct, CHECK_DIFFERS_PP);
  const without = relaxationText(c.options);
  const model = differs
    ? ` The optimizer's model, without ${without}: mean latency ${fixed(m.before.meanLatencyMs, 2)} → ${fixed(m.after.meanLatencyMs, 2)} ms, served ${fixed(m.before.servedPct, 2)} → ${fixed(m.after.servedPct, 2)} %.`
    : ` The optimizer's model (without ${without}) agrees within ${CHECK_DIFFERS_MS} ms and ${CHECK_DIFFERS_PP} pp.`;
  return `${line}${model} The bound is on the optimizer's model.`;
}

export function explainOptimization(sites: readonly ExplainSite[], summary: ExplainSummary): Explanation {
  const lines: SiteLine[] = sites.map((s) => {
    const latency = `${ms(s.impact.meanLatencyAfterMs - s.impact.meanLatencyBeforeMs)} mean latency`;
    const people = peopleText(s.impact);
    const country = s.countryCode ?? '–';
    const latencyShort = ms(s.impact.meanLatencyAfterMs - s.impact.meanLatencyBeforeMs);
    const peopleShort = formatPeople(s.impact.peopleFaster);
    const phase = s.phase ?? summary.kind ?? 'latency';
    const forLatency = phase === 'latency' && summary.kind === 'served' ? ' (chosen for latency)' : '';
    const gbps = s.impact.servedGbps === null ? '' : `${gbpsText(s.impact.servedGbps)} served`;
    return { rank: s.rank, name: s.name, country, latency, people, gbps, phase, text: `#${s.rank} ${s.name} [${country}]: ${latency} · ${people}${gbps ? ` · ${gbps}${forLatency}` : ''}${s.nearPop ? ` · next to PoP ${s.nearPop}` : ''}`, latencyShort, peopleShort };
  });
  const n = sites.length;
  const t = summary.impact;
  const headline =
    n === 0
      ? 'No site improves latency or service: every candidate has zero gain.'
      : `${n} site${n === 1 ? '' : 's'}: demand-weighted mean latency ${t.meanLatencyBeforeMs.toFixed(3)} → ${t.meanLatencyAfterMs.toFixed(3)} ms (${ms(t.meanLatencyAfterMs - t.meanLatencyBeforeMs)}); ${peopleText(t)}.`;
  const bound = boundText(summary, n);
  const basis = `Measured on ${summary.steps} time steps of ${summary.stepS} s (people: population; ≥${FASTER_THRESHOLD_MS} ms = window-mean gain; hop limit not applied).`;
  const capacity =
    summary.kind === 'served'
      ? `Served demand (capacity model, mean over the steps): ${summary.baseObjective.toFixed(2)} → ${summary.objective.toFixed(2)} Gbps (${gbpsText(summary.objective - summary.baseObjective)}).`
      : 'Served Gbps: not computed with the latency objective (choose the served-demand objective to place gateways by Gbps).';
  return { headline, saturation: saturationText(summary, n), checked: checkedText(summary.checked, n), bound, capacity, basis, sites: lines };
}

/** The explanation as plain lines (the CLI prints these; the app shows the same strings). */
export function explanationLines(e: Explanation): string[] {
  return [...e.sites.map((s) => s.text), '', e.headline, ...(e.saturation ? [e.saturation] : []), ...(e.checked ? [e.checked] : []), e.bound, e.capacity, e.basis];
}
