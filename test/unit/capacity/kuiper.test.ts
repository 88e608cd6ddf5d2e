// The capacity model on full Kuiper with the coverage evaluator's inputs: flows respect every
// capacity, agree with coverage about which cells can be served at all, and answer to the
// scenario's capacity fields.
import { describe, expect, it } from 'vitest';
import { analyzeCapacity, capacityParamsOf, capacityStepOf, CapacitySolver, demandGbpsOf, FlowNetwork } from '../../../src-core/capacity';
import { referenceDinic, type RefArc } from './reference-dinic';
import { createCoverageEvaluator } from '../../../src-core/coverage';
import { assetGeo, kuiperPropagator, kuiperScenario } from '../coverage/fixtures';

describe('capacity on full Kuiper (8 gateways, H3 res 2, 4 steps)', () => {
  const scenario = kuiperScenario({ durationS: 4 * 600, stepS: 600, h3Resolution: 2 });
  const { catalog, propagator } = kuiperPropagator(scenario);
  const ev = createCoverageEvaluator(scenario, catalog, propagator, { geo: assetGeo });
  const C = ev.grid.count;

  it('served <= demand; each gateway within its backhaul and antennas; the gateways carry exactly what is served', () => {
    const demand = demandGbpsOf(ev.grid, scenario.capacity);
    const solver = new CapacitySolver();
    for (let t = 0; t < ev.stepCount; t++) {
      const r = solver.solve(capacityStepOf(ev, t, demand), capacityParamsOf(scenario));
      expect(r.servedGbps).toBeGreaterThan(0);
      expect(r.servedGbps).toBeLessThanOrEqual(r.demandGbps * (1 + 1e-12));
      let sum = 0;
      scenario.gateways.forEach((g, i) => {
        expect(r.gatewayGbps[i]!).toBeLessThanOrEqual(g.capacityGbps * (1 + 1e-12));
        expect(r.gatewayAntennasUsed[i]!).toBeLessThanOrEqual(g.antennas);
        expect(r.gatewayGbps[i]!).toBeLessThanOrEqual(r.gatewayAntennasUsed[i]! * scenario.capacity.feederGbpsPerAntenna * (1 + 1e-12));
        sum += r.gatewayGbps[i]!;
      });
      expect(Math.abs(sum - r.servedGbps)).toBeLessThanOrEqual(1e-9 * r.servedGbps);
      // A cell carried to a PoP is one coverage also serves within the latency budget at that step.
      for (let c = 0; c < C; c++) {
        if (r.cellServedGbps[c]! > 1e-9) expect(ev.cellLat[t * C + c]!).toBeLessThanOrEqual(scenario.routing.maxOneWayLatencyMs);
      }
      for (let s = 0; s < r.beamGbps.length; s++) expect(r.beamGbps[s]!).toBeLessThanOrEqual(scenario.capacity.userBeamGbpsPerSatellite * (1 + 1e-12));
    }
  });

  it('each step\'s max flow equals the session-9 linked-list Dinic bit for bit (served Gbps and every arc flow)', () => {
    const demand = demandGbpsOf(ev.grid, scenario.capacity);
    const solver = new CapacitySolver();
    const net = new FlowNetwork();
    for (let t = 0; t < ev.stepCount; t++) {
      const step = capacityStepOf(ev, t, demand);
      const { SRC, SNK } = solver.network(step, capacityParamsOf(scenario), net, new Uint8Array(step.gatewayCount));
      const arcs: RefArc[] = [];
      for (let a = 0; a < net.arcCount; a += 2) arcs.push({ u: net.tail(a), v: net.head[a]!, c: net.capacity[a]! });
      const ref = referenceDinic(net.nodeCount, arcs, SRC, SNK);
      const served = net.run(SRC, SNK);
      expect(served).toBe(ref.value);
      expect(solver.solve(step, capacityParamsOf(scenario)).servedGbps).toBe(ref.value);
      let differing = 0;
      for (let i = 0; i < arcs.length; i++) if (net.flow(2 * i) !== ref.flow[i]) differing++;
      expect(differing).toBe(0);
    }
  });

  it('the scenario fields drive the result: more antennas and backhaul never serve less, and a tighter feeder serves less', () => {
    const base = analyzeCapacity(ev);
    expect(base.servedPct).toBeGreaterThan(0);
    expect(base.servedPct).toBeLessThanOrEqual(100);
    const bigger = createCoverageEvaluator(
      { ...scenario, gateways: scenario.gateways.map((g) => ({ ...g, antennas: g.antennas * 2, capacityGbps: g.capacityGbps * 2 })) },
      catalog, propagator, { grid: ev.grid },
    );
    expect(analyzeCapacity(bigger).servedGbpsMean).toBeGreaterThan(base.servedGbpsMean);
    const thin = createCoverageEvaluator({ ...scenario, capacity: { ...scenario.capacity, feederGbpsPerAntenna: 1 } }, catalog, propagator, { grid: ev.grid });
    const t = analyzeCapacity(thin);
    expect(t.servedGbpsMean).toBeLessThan(base.servedGbpsMean);
    expect(t.bottleneck).toBe('feeder');
  });
});
