// Capacity model (src-core/capacity): one max flow per time step from the demand cells of the H3
// res-3 land grid to the PoPs, full Kuiper, 100 gateways at the most populous cities inside the
// service band (at least 300 km apart). Baseline in the same group: the coverage routing of the
// same steps (evaluator.setGateways: multi-source Dijkstra + cell pass), so the ratio says what
// capacity costs next to the latency figures it sits beside. Set-up is lazy (first call).
import { performance } from 'node:perf_hooks';
import { analyzeCapacity, capacityParamsOf, capacityStepOf, CapacitySolver, demandGbpsOf, type CapacitySummary } from '../../src-core/capacity';
import { createCoverageEvaluator, type CoverageEvaluator } from '../../src-core/coverage';
import { cityTable } from '../../src-core/geo';
import type { Gateway } from '../../src-core/scenario/schema';
import { gateway, kuiperPropagator, kuiperScenario } from '../unit/coverage/fixtures';
import type { Bench } from './types';

const GROUP = 'capacity: Kuiper 3,236 sats, 100 gateways, H3 res 3';

/** The n most populous cities in |lat| <= 52 deg, each at least minKm from those already picked. */
function cityGateways(n: number, minKm = 300): Gateway[] {
  const t = cityTable();
  const out: Gateway[] = [];
  const R = 6371, rad = Math.PI / 180;
  for (let i = 0; i < t.name.length && out.length < n; i++) {
    const lat = t.latDeg[i]!, lon = t.lonDeg[i]!;
    if (Math.abs(lat) > 52) continue;
    const far = out.every((g) => {
      const d = Math.acos(Math.min(1, Math.sin(lat * rad) * Math.sin(g.latDeg * rad) + Math.cos(lat * rad) * Math.cos(g.latDeg * rad) * Math.cos((lon - g.lonDeg) * rad))) * R;
      return d >= minKm;
    });
    if (far) out.push(gateway(`gw-${out.length}`, lat, lon));
  }
  return out;
}

const sc = kuiperScenario({ durationS: 96 * 60, stepS: 60, h3Resolution: 3 }, { gateways: cityGateways(100) });
const { catalog, propagator } = kuiperPropagator(sc);
let ev: CoverageEvaluator | null = null;
const evaluator = (): CoverageEvaluator => (ev ??= createCoverageEvaluator(sc, catalog, propagator));
const solver = new CapacitySolver();
let step = 0;
let last: CapacitySummary | null = null;

export const benches: Bench[] = [
  {
    name: 'coverage routing, 96 steps (setGateways, baseline)',
    group: GROUP,
    iterations: 3,
    fn: () => void evaluator().setGateways(sc.gateways),
  },
  {
    name: 'capacity, one step (max flow + bottleneck)',
    group: GROUP,
    budget: { ms: 50 },
    fn: () => {
      const e = evaluator();
      const demand = demandGbpsOf(e.grid, sc.capacity);
      solver.solve(capacityStepOf(e, step, demand), capacityParamsOf(sc));
      step = (step + 7) % e.stepCount;
    },
  },
  {
    name: 'capacity, 96-step window',
    group: GROUP,
    baselineOf: 'coverage routing, 96 steps (setGateways, baseline)',
    iterations: 3,
    budget: { ms: 5000 },
    fn: () => void (last = analyzeCapacity(evaluator(), { solver })),
    notes: () => {
      const s = last;
      if (!s) return [];
      return [
        `gateways ${sc.gateways.length}, cells ${evaluator().grid.count}; demand ${s.demandGbps.toFixed(0)} Gbps, served mean ${s.servedGbpsMean.toFixed(0)} Gbps (${s.servedPct.toFixed(1)} %), min ${s.servedGbpsMin.toFixed(0)}; bottleneck ${s.bottleneck} (${Object.entries(s.bottleneckSteps).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ')})`,
      ];
    },
  },
];
void performance;
