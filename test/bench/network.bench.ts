// Network hot paths on full Kuiper (3,236 satellites, 6,472 lasers): building one time step's
// routing graph plus a user -> PoP query, and the multi-source Dijkstra the coverage fields run
// from every gateway, against a textbook naive Dijkstra (array scan, no heap, object adjacency).
import { buildCatalog } from '../../src-core/constellation/catalog';
import { kuiperShells } from '../../src-core/constellation/presets';
import { Dijkstra, type CsrGraph } from '../../src-core/network/graph';
import { createRoutingContextFrom, routeToPop } from '../../src-core/network/route';
import { NetworkSnapshot } from '../../src-core/network/snapshot';
import { Propagator } from '../../src-core/orbit/propagator';
import { makeScenario } from '../../src-core/scenario/schema';
import type { Bench } from './types';

const T0 = Date.parse('2026-01-01T00:00:00Z');

// 100 gateways on a deterministic lattice over the service band (land or not: this is about the
// graph size), 8 PoPs.
const gateways = Array.from({ length: 100 }, (_, i) => ({ id: `gw${i}`, name: `GW ${i}`, latDeg: -50 + ((i * 37) % 105), lonDeg: -180 + ((i * 67.3) % 360) }));
const pops = Array.from({ length: 8 }, (_, i) => ({ id: `pop${i}`, name: `PoP ${i}`, latDeg: -40 + i * 12, lonDeg: -170 + i * 45 }));
const scenario = makeScenario({ formatVersion: 1, epochUtc: '2026-01-01T00:00:00Z', constellation: { shells: kuiperShells(), elementSets: [] }, gateways, pops });
const built = buildCatalog(scenario);
const propagator = new Propagator(built.satrecs);
const positions = propagator.positionsEcefKm(T0);
const user = { latDeg: 45, lonDeg: -118 };

const snapshot = new NetworkSnapshot(scenario, built.catalog);
const ctx = createRoutingContextFrom(scenario, built.catalog, propagator);
const dijkstra = new Dijkstra();
let sink = 0;

// The step graph for the multi-source runs (owned copy, so other benches cannot overwrite it).
const stepSnap = new NetworkSnapshot(scenario, built.catalog);
stepSnap.build(T0, positions);
const stepGraph: CsrGraph = (() => {
  const g = stepSnap.graph;
  return { nodeCount: g.nodeCount, edgeCount: g.edgeCount, offsets: g.offsets.slice(0, g.nodeCount + 1), targets: g.targets.slice(0, g.edgeCount), weightsMs: g.weightsMs.slice(0, g.edgeCount), tags: g.tags.slice(0, g.edgeCount) };
})();

// Naive baseline: adjacency as arrays of {to, w} objects, O(V^2) selection by scanning.
const naiveAdj: { to: number; w: number }[][] = Array.from({ length: stepGraph.nodeCount }, (_, u) => {
  const out: { to: number; w: number }[] = [];
  for (let k = stepGraph.offsets[u]!; k < stepGraph.offsets[u + 1]!; k++) out.push({ to: stepGraph.targets[k]!, w: stepGraph.weightsMs[k]! });
  return out;
});
function naiveDijkstra(adj: { to: number; w: number }[][], sources: ArrayLike<number>, d0: ArrayLike<number>): number[] {
  const n = adj.length;
  const dist: number[] = new Array(n).fill(Infinity);
  const done: boolean[] = new Array(n).fill(false);
  for (let i = 0; i < sources.length; i++) dist[sources[i]!] = Math.min(dist[sources[i]!]!, d0[i]!);
  for (;;) {
    let u = -1;
    for (let v = 0; v < n; v++) if (!done[v] && dist[v]! < Infinity && (u < 0 || dist[v]! < dist[u]!)) u = v;
    if (u < 0) break;
    done[u] = true;
    for (const e of adj[u]!) if (dist[u]! + e.w < dist[e.to]!) dist[e.to] = dist[u]! + e.w;
  }
  return dist;
}

const MS_GROUP = 'network: multi-source Dijkstra from 100 gateways (Kuiper step graph)';
const STEP_GROUP = 'network: one time step (Kuiper, 100 gateways)';

export const benches: Bench[] = [
  {
    group: STEP_GROUP,
    name: 'build snapshot (ISL lengths, gateway visibility, CSR) + user route',
    fn: () => {
      snapshot.build(T0, positions, [user]);
      const r = dijkstra.run(snapshot.graph, snapshot.gatewaySources, snapshot.backhaul.backhaulMs, { noTransit: snapshot.noTransit, target: snapshot.groundNode(0), maxHops: snapshot.maxHopsToGround });
      sink += r.distMs[snapshot.groundNode(0)]!;
    },
  },
  {
    group: STEP_GROUP,
    name: 'routeToPop end to end (SGP4 propagation + snapshot + route + description)',
    fn: () => {
      const r = routeToPop(ctx, T0, user);
      if (r.ok) sink += r.oneWayMs;
    },
  },
  {
    group: MS_GROUP,
    name: 'naive Dijkstra (array scan, object adjacency)',
    fn: () => {
      sink += naiveDijkstra(naiveAdj, stepSnap.gatewaySources, stepSnap.backhaul.backhaulMs)[0]!;
    },
  },
  {
    group: MS_GROUP,
    name: 'Dijkstra (CSR + indexed heap, reused buffers)',
    baselineOf: 'naive Dijkstra (array scan, object adjacency)',
    fn: () => {
      sink += dijkstra.run(stepGraph, stepSnap.gatewaySources, stepSnap.backhaul.backhaulMs, { noTransit: stepSnap.noTransit }).distMs[0]!;
    },
    notes: () => [`graph: ${stepGraph.nodeCount} nodes, ${stepGraph.edgeCount} arcs (checksum ${sink > 0 ? 'ok' : 'n/a'})`],
  },
];
