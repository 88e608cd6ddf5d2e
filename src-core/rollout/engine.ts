// Rollout figures per date (docs/ROLLOUT.md). The date changes only the catalogue's status mask and
// the set of gateways in service; the orbits do not change (the network at a date is evaluated
// over the scenario's analysis window, with the satellites deployed at that date). So:
//   - built once: catalogue, schedule, grid, demand, and the SGP4 positions of every satellite
//     over the window (T x 3N, reused by every date's coverage cache: no propagation per date);
//   - per date: the status mask; when the traffic mask is the same as an earlier date's, its
//     evaluator is reused (only the gateway set is updated, incrementally) and, when the gateways
//     are the same too, its figures are returned as they are;
//   - otherwise: the coverage cache of the operational satellites, derived from one cache of the
//     whole constellation built once (CoverageCache.withUsable: a filter over its visibility
//     entries and link latencies, no geometry per date), then routing, headline figures and
//     capacity on `capacitySteps` sampled steps.
import { analyzeCapacity } from '../capacity/evaluate';
import { buildCatalog, type BuiltCatalog } from '../constellation/catalog';
import { STATUS_OPERATIONAL, trafficMask } from '../constellation/status';
import { cacheSettingsOf, CoverageCache, defaultLinkModel, type PositionSource } from '../coverage/cache';
import { CoverageEvaluator } from '../coverage/evaluator';
import { buildCoverageGrid, type CoverageGrid, type GeoDemandSource } from '../coverage/grid';
import { geoDemandSource } from '../geo';
import { Propagator } from '../orbit/propagator';
import type { Gateway, Scenario } from '../scenario/schema';
import type { UtcMs } from '../units';
import { catalogWithStatus, deploymentAt, gatewaysAt, realSatellitesOf, type Deployment, type RealSatellites } from './deployment';
import { buildSchedule, type RolloutSchedule } from './schedule';

/** Capacity steps sampled per date by default (evenly over the window; capacity is one max flow per step). */
export const DEFAULT_CAPACITY_STEPS = 4;

export interface RolloutEngineOptions {
  /** Ready grid (e.g. one point for firstServedDate); default the analysis settings' H3 grid. */
  grid?: CoverageGrid;
  geo?: GeoDemandSource;
  /** Analysis steps on which served Gbps is solved (0 = skip capacity). */
  capacitySteps?: number;
}

/** Headline figures of the network deployed at one date. */
export interface RolloutFigures {
  dateMs: number;
  inOrbit: number;
  raising: number;
  operational: number;
  gatewaysInService: number;
  /** Demand-weighted % of time served (population served), over the whole grid. */
  servedPct: number;
  coveredPct: number;
  /** Mean served Gbps over the sampled steps, and the demand. */
  servedGbps: number;
  demandGbps: number;
  /** Demand-weighted p95 one-way latency over served samples, ms (NaN when nothing is served). */
  p95LatencyMs: number;
  /** What this date recomputed: 'none' (same network as an earlier date), 'gateways' (incremental gateway update) or 'network'. */
  recomputed: 'none' | 'gateways' | 'network';
}

type NetworkFigures = Omit<RolloutFigures, 'dateMs' | 'inOrbit' | 'raising' | 'recomputed'>;

/** Positions over the window, computed once: the PositionSource every date's cache reads. */
function windowPositions(propagator: Propagator, startMs: number, stepS: number, steps: number): PositionSource {
  const N = propagator.count;
  const all = new Float64Array(steps * 3 * N);
  for (let t = 0; t < steps; t++) propagator.propagateEcef((startMs + t * stepS * 1000) as UtcMs, all.subarray(t * 3 * N, (t + 1) * 3 * N));
  return { count: N, positionsAt: (_t, i, out) => out.set(all.subarray(i * 3 * N, (i + 1) * 3 * N)) };
}

function maskKey(mask: Uint8Array): string {
  let s = '';
  for (let i = 0; i < mask.length; i += 16) {
    let v = 0;
    for (let k = 0; k < 16 && i + k < mask.length; k++) v |= mask[i + k]! << k;
    s += String.fromCharCode(v + 1);
  }
  return s;
}

export class RolloutEngine {
  readonly scenario: Scenario;
  readonly built: BuiltCatalog;
  readonly schedule: RolloutSchedule;
  /** Real satellites placed by their element sets (slot matching): their epochs and altitudes. */
  readonly real: RealSatellites;
  readonly grid: CoverageGrid;
  readonly stepCount: number;
  private readonly positions: PositionSource;
  private readonly capacitySteps: number;
  /** Evaluators by traffic-mask key (the last few), and figures by mask + gateway key. */
  private readonly evaluators = new Map<string, CoverageEvaluator>();
  private readonly figures = new Map<string, NetworkFigures>();
  private static readonly KEEP_EVALUATORS = 2;
  /** Coverage cache with every satellite operational (built on the first date that needs a network). */
  private fullCache: CoverageCache | null = null;
  /** The scenario's gateways (replaced by setGateways without rebuilding anything) and their version. */
  private gatewayList: readonly Gateway[];
  private gatewayVersion = 0;
  /** Per evaluator: the gateway key (version + ids) it routes. */
  private readonly evaluatorGateways = new WeakMap<CoverageEvaluator, string>();

  constructor(scenario: Scenario, opts: RolloutEngineOptions = {}) {
    this.scenario = scenario;
    this.built = buildCatalog(scenario);
    this.real = realSatellitesOf(this.built);
    this.schedule = buildSchedule(scenario, this.real.inSlot);
    this.gatewayList = scenario.gateways;
    this.grid = opts.grid ?? buildCoverageGrid(scenario.analysis, opts.geo ?? geoDemandSource);
    const a = scenario.analysis;
    this.stepCount = Math.max(1, Math.floor(a.durationS / a.stepS));
    this.positions = windowPositions(new Propagator(this.built.satrecs), Date.parse(a.startUtc), a.stepS, this.stepCount);
    this.capacitySteps = Math.min(this.stepCount, Math.max(0, Math.floor(opts.capacitySteps ?? DEFAULT_CAPACITY_STEPS)));
  }

  /** Forget every date's evaluator and figures (positions, grid and schedule stay): the next date recomputes its network. */
  clearDateCache(): void {
    this.evaluators.clear();
    this.figures.clear();
  }

  deploymentAt(dateMs: number): Deployment {
    return deploymentAt(this.scenario, this.built.catalog, this.schedule, dateMs, this.real);
  }

  gatewaysAt(dateMs: number): Gateway[] {
    return gatewaysAt(this.gatewayList, dateMs);
  }

  /**
   * Replace the gateways (an edit in the app): nothing is rebuilt; the next date's evaluator only
   * gets its gateway set updated, and figures computed with the old gateways are not reused.
   * Every other scenario section is fixed for the engine's life (build a new engine for those).
   */
  setGateways(gateways: readonly Gateway[]): void {
    if (gateways === this.gatewayList) return;
    this.gatewayList = gateways;
    this.gatewayVersion++;
    this.figures.clear();
  }

  /**
   * The coverage evaluator of the network at `dateMs`: operational satellites only, gateways in
   * service at the date (passed with inServiceDate cleared: the date has already decided them).
   */
  evaluatorAt(dateMs: number, dep: Deployment = this.deploymentAt(dateMs)): { ev: CoverageEvaluator; recomputed: RolloutFigures['recomputed']; key: string } {
    const usable = trafficMask({ count: dep.status.length, status: dep.status });
    const mk = maskKey(usable);
    const gws = this.gatewaysAt(dateMs).map((g) => ({ ...g, inServiceDate: null }));
    const gwKey = `${this.gatewayVersion}:${gws.map((g) => g.id).join(',')}`;
    const key = `${mk}|${gwKey}`;
    let ev = this.evaluators.get(mk);
    let recomputed: RolloutFigures['recomputed'] = 'none';
    if (!ev) {
      ev = new CoverageEvaluator({ scenario: this.scenario, grid: this.grid, cache: this.wholeConstellationCache().withUsable(usable) });
      ev.setGateways(gws);
      this.evaluators.set(mk, ev);
      if (this.evaluators.size > RolloutEngine.KEEP_EVALUATORS) this.evaluators.delete(this.evaluators.keys().next().value!);
      recomputed = 'network';
    } else if (this.evaluatorGateways.get(ev) !== gwKey) {
      ev.setGateways(gws);
      recomputed = 'gateways';
    }
    this.evaluatorGateways.set(ev, gwKey);
    return { ev, recomputed, key };
  }

  private wholeConstellationCache(): CoverageCache {
    if (!this.fullCache) {
      const N = this.built.catalog.count;
      const allOperational = catalogWithStatus(this.built.catalog, new Uint8Array(N).fill(STATUS_OPERATIONAL));
      this.fullCache = new CoverageCache(this.grid, this.positions, trafficMask(allOperational), defaultLinkModel(this.scenario, allOperational), cacheSettingsOf(this.scenario));
    }
    return this.fullCache;
  }

  /** Headline figures at `dateMs` (`dep`: its deployment, when the caller has it already). */
  figuresAt(dateMs: number, dep: Deployment = this.deploymentAt(dateMs)): RolloutFigures {
    const { ev, recomputed, key } = this.evaluatorAt(dateMs, dep);
    let net = this.figures.get(key);
    if (!net) {
      const h = ev.result().headline;
      const T = this.stepCount, K = this.capacitySteps;
      const steps = Array.from({ length: K }, (_, k) => Math.floor(((k + 0.5) * T) / K));
      const cap = K > 0 ? analyzeCapacity(ev, { steps }) : null;
      net = {
        operational: dep.operational,
        gatewaysInService: ev.gateways.length,
        servedPct: h.servedPct,
        coveredPct: h.coveredPct,
        servedGbps: cap ? cap.servedGbpsMean : Number.NaN,
        demandGbps: cap ? cap.demandGbps : Number.NaN,
        p95LatencyMs: h.p95LatencyMs,
      };
      this.figures.set(key, net);
    }
    return { ...net, dateMs, inOrbit: dep.inOrbit, raising: dep.raising, recomputed };
  }
}
