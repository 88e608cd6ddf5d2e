// The capacity model in the engine worker (docs/CAPACITY.md, "In the app"): ONE function,
// `capacityFor`, turns the coverage evaluator's cached network at one analysis step plus the
// scenario's CURRENT capacity figures into a plain CapacityView for the UI. The evaluator only
// re-routes on geometry edits, so the antennas, backhaul Gbps, in-service dates and the capacity
// assumptions are read from the scenario passed in, never from the evaluator's copy.
// Computed on request only: the UI asks while the Capacity section, layer or heatmap is shown.
import { capacityStepOf, CapacitySolver, cellRegions, demandGbpsOf, unservedByRegion, type Bottleneck, type CapacityParams, type RegionShortfall } from '../../src-core/capacity';
import type { CoverageEvaluator } from '../../src-core/coverage';
import type { Scenario } from '../../src-core/scenario/schema';
import { ENGINE_ERROR, EngineError } from './protocol';

/** Regions listed in CapacityView.unservedByRegion (most unserved first). */
export const MAX_REGIONS = 20;

/** What the UI sends: the scenario revision it shows, the time (nearest analysis step) and the scenario. */
export interface CapacityRequest {
  revision: number;
  tUtcMs: number;
  scenario: Scenario;
}

/** One step of the capacity model, for the Capacity section, the globe layer, the heatmap and the inspector. */
export interface CapacityView {
  revision: number;
  /** Analysis step index and its time (UTC ms); step -1 = the time is outside the analysis window. */
  step: number;
  stepUtcMs: number;
  demandGbps: number;
  servedGbps: number;
  unroutableGbps: number;
  bottleneck: Bottleneck;
  /** Capacity in the minimum cut by class, Gbps. */
  cutGbps: Record<'demand' | 'user-beam' | 'laser' | 'feeder' | 'backhaul', number>;
  /** Per gateway (scenario order). */
  gatewayIds: string[];
  gatewayGbps: Float64Array;
  gatewayUtilisation: Float64Array;
  gatewayAntennasUsed: Int32Array;
  gatewayBottleneck: Bottleneck[];
  /** Per gateway: index of its PoP (scenario.pops order; -1 none), for the backhaul arcs. */
  gatewayPop: Int32Array;
  /** Per antenna, CSR by gateway: tracked satellite and Gbps it carries. */
  antennaOff: Int32Array;
  antennaSat: Int32Array;
  antennaGbps: Float64Array;
  /** Per laser link (evaluator order, as coverageLinkLoad): Gbps in the busier direction / laserGbps. */
  linkUtilisation: Float32Array;
  /** Per grid cell (planning grid order): demand and served Gbps. */
  cellDemandGbps: Float32Array;
  cellServedGbps: Float32Array;
  unservedByRegion: RegionShortfall[];
  computeMs: number;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function paramsOf(s: Scenario): CapacityParams {
  return {
    userBeamGbpsPerSatellite: s.capacity.userBeamGbpsPerSatellite,
    laserGbps: s.capacity.laserGbps,
    feederGbpsPerAntenna: s.capacity.feederGbpsPerAntenna,
    maxOneWayLatencyMs: s.routing.maxOneWayLatencyMs,
  };
}

/** The evaluator must route exactly the scenario's gateways (same ids, same order); otherwise the request is for another revision. */
function checkSameGateways(ev: CoverageEvaluator, s: Scenario): void {
  const held = ev.gateways;
  const same = held.length === s.gateways.length && held.every((g, i) => g.id === s.gateways[i]!.id);
  if (!same) throw new EngineError(ENGINE_ERROR.stale, 'capacity asked for a gateway list the coverage evaluator does not hold yet');
}

const solver = new CapacitySolver();

/** Capacity at the analysis step nearest `tUtcMs`, with the scenario's current capacity figures. */
export function capacityFor(ev: CoverageEvaluator, scenario: Scenario, tUtcMs: number, revision: number): CapacityView {
  const t0 = now();
  checkSameGateways(ev, scenario);
  const step = ev.nearestStep(tUtcMs);
  if (step < 0) throw new RangeError(`the time ${new Date(tUtcMs).toISOString()} is outside the analysis window: move the time slider into it`);
  const demand = demandGbpsOf(ev.grid, scenario.capacity);
  const input = capacityStepOf(ev, step, demand);
  const at = ev.cache.timesMs[step]!;
  const G = scenario.gateways.length;
  const antennas = new Int32Array(G), backhaul = new Float64Array(G), inService = new Uint8Array(G);
  scenario.gateways.forEach((g, i) => {
    antennas[i] = g.antennas;
    backhaul[i] = g.capacityGbps;
    inService[i] = g.inServiceDate === null || at >= Date.parse(g.inServiceDate) ? 1 : 0;
  });
  const params = paramsOf(scenario);
  const r = solver.solve({ ...input, gwAntennas: antennas, gwBackhaulGbps: backhaul, gwInService: inService }, params);
  const regions = cellRegions(ev.grid);
  const laser = params.laserGbps;
  return {
    revision,
    step,
    stepUtcMs: at,
    demandGbps: r.demandGbps,
    servedGbps: r.servedGbps,
    unroutableGbps: r.unroutableGbps,
    bottleneck: r.bottleneck,
    cutGbps: r.cutGbps,
    gatewayIds: scenario.gateways.map((g) => g.id),
    gatewayGbps: r.gatewayGbps,
    gatewayUtilisation: r.gatewayUtilisation,
    gatewayAntennasUsed: r.gatewayAntennasUsed,
    gatewayBottleneck: r.gatewayBottleneck,
    gatewayPop: Int32Array.from(input.gwPop),
    antennaOff: r.antennaOff,
    antennaSat: r.antennaSat,
    antennaGbps: r.antennaGbps,
    linkUtilisation: Float32Array.from(r.linkGbps, (x) => (laser > 0 ? x / laser : 0)),
    cellDemandGbps: Float32Array.from(demand),
    cellServedGbps: Float32Array.from(r.cellServedGbps),
    unservedByRegion: unservedByRegion(demand, r.cellServedGbps, (c) => regions[c]!).slice(0, MAX_REGIONS),
    computeMs: now() - t0,
  };
}

/** Buffers of a view to transfer (all fresh arrays from the solver or capacityFor). */
export function capacityTransfer(v: CapacityView): Transferable[] {
  return [v.gatewayGbps, v.gatewayUtilisation, v.gatewayAntennasUsed, v.gatewayPop, v.antennaOff, v.antennaSat, v.antennaGbps, v.linkUtilisation, v.cellDemandGbps, v.cellServedGbps].map((a) => a.buffer);
}

/** An error name the client recognises: no coverage evaluator yet (coverage sync will build one). */
export const NO_CAPACITY_EVALUATOR = 'NoCoverageEvaluatorError';

/** The worker handler: `evaluator()` gives the coverage evaluator the planning handlers hold. */
export function createCapacityHandlers(evaluator: () => CoverageEvaluator | null) {
  return {
    capacity({ revision, tUtcMs, scenario }: CapacityRequest): { result: CapacityView; transfer: Transferable[] } {
      const ev = evaluator();
      if (!ev) {
        const e = new Error('no coverage evaluator in the engine worker yet: capacity follows the coverage figures');
        e.name = NO_CAPACITY_EVALUATOR;
        throw e;
      }
      const result = capacityFor(ev, scenario, tUtcMs, revision);
      return { result, transfer: capacityTransfer(result) };
    },
  };
}
