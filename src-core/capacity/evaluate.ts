// Capacity over an analysis window, on the coverage evaluator's cached inputs: the same satellite
// positions, cell visibility, laser latencies and gateway seeds that coverage routes on, so
// capacity and coverage describe one network. One max flow per step (model.ts).
import type { CoverageEvaluator, GatewaySeeds } from '../coverage/evaluator';
import type { CoverageGrid } from '../coverage/grid';
import type { CapacitySettings, Gateway, Scenario } from '../scenario/schema';
import { BOTTLENECKS, CapacitySolver, type Bottleneck, type CapacityParams, type CapacityStep, type CapacityStepResult } from './model';

/** Demand per grid cell, Gbps: population x take rate x busy-hour rate per subscriber. */
export function demandGbpsOf(grid: CoverageGrid, c: CapacitySettings): Float64Array {
  const k = (c.takeRatePct / 100) * (c.busyHourMbpsPerSubscriber / 1000);
  const out = new Float64Array(grid.count);
  for (let i = 0; i < grid.count; i++) out[i] = grid.population[i]! * k;
  return out;
}

export function capacityParamsOf(s: Scenario): CapacityParams {
  return {
    userBeamGbpsPerSatellite: s.capacity.userBeamGbpsPerSatellite,
    laserGbps: s.capacity.laserGbps,
    feederGbpsPerAntenna: s.capacity.feederGbpsPerAntenna,
    maxOneWayLatencyMs: s.routing.maxOneWayLatencyMs,
  };
}

/** One step of the evaluator's network as the capacity model's input. */
export function capacityStepOf(ev: CoverageEvaluator, t: number, demandGbps: Float64Array): CapacityStep {
  return capacityStepWith(ev, t, demandGbps, ev.gateways, ev.gateways.map((_, g) => ev.seedsOf(g)));
}

/** One step with the given gateways and their seeds (the optimizer adds its candidates to the evaluator's gateways). */
export function capacityStepWith(ev: CoverageEvaluator, t: number, demandGbps: Float64Array, gws: readonly Gateway[], seeds: readonly GatewaySeeds[]): CapacityStep {
  const c = ev.cache;
  const N = c.satCount, L = c.linkCount;
  if (!(t >= 0 && t < c.stepCount)) throw new RangeError(`step ${t} is outside the analysis window (0..${c.stepCount - 1})`);
  const visBase = t * (N + 1);
  const visOff = new Int32Array(N + 1);
  const first = c.visOff[visBase]!;
  for (let s = 0; s <= N; s++) visOff[s] = c.visOff[visBase + s]! - first;
  const last = c.visOff[visBase + N]!;
  const G = gws.length;
  const gwOff = new Int32Array(G + 1);
  let total = 0;
  for (let g = 0; g < G; g++) {
    const sd = seeds[g]!;
    gwOff[g] = total;
    total += sd.off[t + 1]! - sd.off[t]!;
  }
  gwOff[G] = total;
  const gwSat = new Int32Array(total);
  const gwMs = new Float64Array(total);
  const gwPop = new Int32Array(G);
  const gwAntennas = new Int32Array(G);
  const gwBackhaulGbps = new Float64Array(G);
  const gwInService = new Uint8Array(G);
  const at = c.timesMs[t]!;
  for (let g = 0; g < G; g++) {
    const sd = seeds[g]!;
    gwSat.set(sd.sat.subarray(sd.off[t]!, sd.off[t + 1]!), gwOff[g]!);
    gwMs.set(sd.ms.subarray(sd.off[t]!, sd.off[t + 1]!), gwOff[g]!);
    gwPop[g] = sd.popIndex;
    gwAntennas[g] = gws[g]!.antennas;
    gwBackhaulGbps[g] = gws[g]!.capacityGbps;
    const from = gws[g]!.inServiceDate === null ? -Infinity : Date.parse(gws[g]!.inServiceDate!);
    gwInService[g] = at >= from ? 1 : 0;
  }
  return {
    cellCount: c.cellCount,
    satCount: N,
    gatewayCount: G,
    popCount: ev.scenario.pops.length,
    demandGbps,
    visOff,
    visCell: c.visCell.subarray(first, last),
    visUpMs: c.visUpMs.subarray(first, last),
    usable: c.usable,
    linkA: c.linkA,
    linkB: c.linkB,
    linkMs: c.linkMs.subarray(t * L, (t + 1) * L),
    gwOff, gwSat, gwMs, gwPop, gwAntennas, gwBackhaulGbps, gwInService,
  };
}

export interface CapacitySummary {
  steps: number;
  demandGbps: number;
  /** Mean over steps of served Gbps, its minimum and the share of demand. */
  servedGbpsMean: number;
  servedGbpsMin: number;
  servedPct: number;
  unroutableGbpsMean: number;
  /** Steps whose bottleneck was each class. */
  bottleneckSteps: Record<Bottleneck, number>;
  /** The class most often the bottleneck over the window. */
  bottleneck: Bottleneck;
  /** Per gateway: mean Gbps, mean utilisation, steps at which it was in the cut (backhaul or feeder). */
  gatewayGbpsMean: Float64Array;
  gatewayUtilisationMean: Float64Array;
  gatewayBottleneckSteps: Int32Array;
  /** Per cell: mean served Gbps (for the served-demand heatmap and unserved-by-region). */
  cellServedGbpsMean: Float64Array;
  /** Per satellite / link: mean utilisation of user beam / laser. */
  beamUtilisationMean: Float64Array;
  linkUtilisationMean: Float64Array;
}

/** Capacity at every step of the window (or the listed steps). `onStep` sees each step's full result. */
export function analyzeCapacity(
  ev: CoverageEvaluator,
  opts: { steps?: readonly number[]; onStep?: (t: number, r: CapacityStepResult) => void; solver?: CapacitySolver } = {},
): CapacitySummary {
  const s = ev.scenario;
  const demand = demandGbpsOf(ev.grid, s.capacity);
  const params = capacityParamsOf(s);
  const solver = opts.solver ?? new CapacitySolver();
  const steps = opts.steps ?? Array.from({ length: ev.stepCount }, (_, i) => i);
  const G = ev.gateways.length, C = ev.grid.count, N = ev.cache.satCount, L = ev.cache.linkCount;
  const sum = {
    served: 0, min: Infinity, unroutable: 0,
    gw: new Float64Array(G), gwU: new Float64Array(G), gwB: new Int32Array(G),
    cell: new Float64Array(C), beam: new Float64Array(N), link: new Float64Array(L),
  };
  const bottleneckSteps = Object.fromEntries(BOTTLENECKS.map((b) => [b, 0])) as Record<Bottleneck, number>;
  let demandTotal = 0;
  for (let i = 0; i < demand.length; i++) demandTotal += demand[i]!;
  for (const t of steps) {
    const r = solver.solve(capacityStepOf(ev, t, demand), params);
    opts.onStep?.(t, r);
    sum.served += r.servedGbps;
    sum.min = Math.min(sum.min, r.servedGbps);
    sum.unroutable += r.unroutableGbps;
    bottleneckSteps[r.bottleneck]++;
    for (let g = 0; g < G; g++) {
      sum.gw[g]! += r.gatewayGbps[g]!;
      sum.gwU[g]! += r.gatewayUtilisation[g]!;
      if (r.gatewayBottleneck[g] !== 'none') sum.gwB[g]!++;
    }
    for (let c = 0; c < C; c++) sum.cell[c]! += r.cellServedGbps[c]!;
    if (params.userBeamGbpsPerSatellite > 0) for (let k = 0; k < N; k++) sum.beam[k]! += r.beamGbps[k]! / params.userBeamGbpsPerSatellite;
    if (params.laserGbps > 0) for (let l = 0; l < L; l++) sum.link[l]! += r.linkGbps[l]! / params.laserGbps;
  }
  const T = Math.max(1, steps.length);
  const scale = (a: Float64Array): Float64Array => a.map((x) => x / T);
  let bottleneck: Bottleneck = 'none';
  for (const b of BOTTLENECKS) if (bottleneckSteps[b] > bottleneckSteps[bottleneck]) bottleneck = b;
  const servedMean = sum.served / T;
  return {
    steps: steps.length,
    demandGbps: demandTotal,
    servedGbpsMean: servedMean,
    servedGbpsMin: steps.length ? sum.min : 0,
    servedPct: demandTotal > 0 ? (100 * servedMean) / demandTotal : 0,
    unroutableGbpsMean: sum.unroutable / T,
    bottleneckSteps,
    bottleneck,
    gatewayGbpsMean: scale(sum.gw),
    gatewayUtilisationMean: scale(sum.gwU),
    gatewayBottleneckSteps: sum.gwB,
    cellServedGbpsMean: scale(sum.cell),
    beamUtilisationMean: scale(sum.beam),
    linkUtilisationMean: scale(sum.link),
  };
}

export interface RegionShortfall {
  region: string;
  demandGbps: number;
  servedGbps: number;
  unservedGbps: number;
}

/**
 * Unserved demand grouped by region (the caller names each cell's region, e.g. its country), most
 * unserved first. `cellServedGbps` is a window mean (CapacitySummary.cellServedGbpsMean).
 */
export function unservedByRegion(demandGbps: ArrayLike<number>, cellServedGbps: ArrayLike<number>, regionOf: (cell: number) => string): RegionShortfall[] {
  const m = new Map<string, RegionShortfall>();
  for (let c = 0; c < demandGbps.length; c++) {
    const d = demandGbps[c]!;
    if (!(d > 0)) continue;
    const key = regionOf(c);
    let r = m.get(key);
    if (!r) m.set(key, (r = { region: key, demandGbps: 0, servedGbps: 0, unservedGbps: 0 }));
    r.demandGbps += d;
    r.servedGbps += cellServedGbps[c]!;
  }
  for (const r of m.values()) r.unservedGbps = Math.max(0, r.demandGbps - r.servedGbps);
  return [...m.values()].sort((a, b) => b.unservedGbps - a.unservedGbps || a.region.localeCompare(b.region));
}
