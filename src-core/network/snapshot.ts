// One time step's routing graph. Nodes: the N satellites (catalog order), then the G gateways,
// then optional ground query nodes (user terminals for point queries). Edges, all weighted in ms:
//   ISL (tag 0 intra-plane, 1 cross-plane), both directions: lengthKm / c * 1000 + perHopProcessingMs,
//     only for active links and only when routing.bentPipeOnly is false;
//   gateway -> satellite (tag 2): slantKm / c * 1000 + perHopProcessingMs;
//   satellite -> gateway (tag 2): the same + gatewayProcessingMs (a gateway entered mid-path relays);
//   ground query <-> satellite (tag 3), both directions: slantKm / c * 1000 + perHopProcessingMs.
// So perHopProcessingMs is charged once per radio/laser link traversed (uplink, each ISL, downlink).
// Gateway processing at the gateway that hands traffic to a PoP is part of its backhaulMs
// (assignBackhaul). PoP-bound routes do not search this graph: build() also fills `routerStep`
// (the gateway -> satellite seeds and laser latencies) for the one Internet router (router.ts),
// which coverage feeds from its cache in the same form. The graph serves ground-to-ground routes.
//
// noTransit marks ground query nodes always and gateways when gateway relay is off: such a node
// may start or end a path but never relay (see Dijkstra). Buffers (builder, CSR arrays, link and
// visibility scratch) are reused across steps; the graph is valid until the next build().
import type { SatelliteCatalog } from '../constellation/types';
import type { TopocentricFrame } from '../frames';
import type { Scenario } from '../scenario/schema';
import { GraphBuilder, type CsrGraph } from './graph';
import { assignBackhaul, type GatewayBackhaul } from './backhaul';
import { groundFrame, visibleSatellites } from './ground';
import { buildPlusGrid, updateIslLengths, type IslTopology } from './isl';
import { gatewayInServiceFromMs, trafficMask } from '../constellation/status';
import { hopLimit, routerOptionsOf, seedLatencyMs, upLinkMs, type RouterOptions, type RouterStep } from './router';

export const EDGE_ISL_INTRA = 0;
export const EDGE_ISL_CROSS = 1;
export const EDGE_GATEWAY = 2;
export const EDGE_GROUND = 3;


/** A ground point added as a node for one build (a user terminal). Degrees/km at this edge. */
export interface GroundQueryPoint {
  latDeg: number;
  lonDeg: number;
  altKm?: number;
  /** Defaults to scenario.terminal.minElevationDeg. */
  minElevationDeg?: number;
  /** Defaults to scenario.terminal.maxSlantKm. */
  maxSlantKm?: number | null;
}

export interface SnapshotBuildOptions {
  /** Override scenario.routing.allowGatewayRelay for this build (ground-to-ground "via gateways"). */
  allowGatewayRelay?: boolean;
}

export class NetworkSnapshot {
  readonly satelliteCount: number;
  readonly gatewayCount: number;
  readonly topo: IslTopology;
  readonly backhaul: GatewayBackhaul;
  /** Node ids of the gateways (N..N+G-1), for multi-source runs with backhaul.backhaulMs. */
  readonly gatewaySources: Int32Array;
  /** Gateway antenna frames (ECEF position + local up), scenario order. */
  readonly gatewayFrames: TopocentricFrame[];
  /** Per ISL (topo order), refreshed by build(): length (km) and 1 = usable this step. */
  readonly islLengthKm: Float64Array;
  readonly islActive: Uint8Array;
  /** 1 = the satellite carries traffic (operational; constellation/status). */
  readonly satelliteUsable: Uint8Array;
  /** Per gateway, 1 = in service at the last build's time (inServiceDate reached). */
  readonly gatewayInService: Uint8Array;
  /** Per node, 1 = may not relay. Sized for the last build. */
  noTransit: Uint8Array;
  /** The last build's graph (owned by the internal builder: valid until the next build). */
  graph: CsrGraph;
  /** Frames of the last build's ground query nodes. */
  groundFrames: TopocentricFrame[] = [];
  /** Positions passed to the last build (the caller's buffer, not copied). */
  positionsEcefKm: Float64Array;
  /** Dijkstra maxHops for gateway -> ground paths: maxSatelliteHops satellites = that many + 1 links. */
  readonly maxHopsToGround: number;
  /** The last build's gateway -> satellite arcs as router seeds (network/router), with laser latencies. */
  readonly routerStep: RouterStep;
  private seedSat = new Int32Array(256);
  private seedMs = new Float64Array(256);
  private seedUpMs = new Float64Array(256);
  private seedGateway = new Int32Array(256);

  private readonly builder: GraphBuilder;
  private readonly visIndex: Int32Array;
  private readonly visSlantKm: Float64Array;
  private readonly msPerKm: number;
  private readonly perHopMs: number;
  private readonly gatewayInServiceFromMs: Float64Array;

  constructor(
    readonly scenario: Scenario,
    readonly catalog: SatelliteCatalog,
    topo?: IslTopology,
    /** How routes are searched; default: the scenario's routing settings. */
    readonly options: RouterOptions = routerOptionsOf(scenario.routing),
  ) {
    const N = catalog.count;
    const G = scenario.gateways.length;
    this.satelliteCount = N;
    this.gatewayCount = G;
    this.topo = topo ?? buildPlusGrid(catalog, scenario.isl, scenario.constellation.shells);
    this.backhaul = assignBackhaul(scenario.gateways, scenario.pops, scenario.latency);
    this.gatewaySources = new Int32Array(G);
    for (let g = 0; g < G; g++) this.gatewaySources[g] = N + g;
    this.gatewayFrames = scenario.gateways.map((gw) => groundFrame(gw.latDeg, gw.lonDeg, gw.altitudeKm));
    this.gatewayInServiceFromMs = Float64Array.from(scenario.gateways, gatewayInServiceFromMs);
    this.gatewayInService = new Uint8Array(G);
    this.islLengthKm = new Float64Array(this.topo.count);
    this.islActive = new Uint8Array(this.topo.count);
    this.satelliteUsable = trafficMask(catalog);
    this.noTransit = new Uint8Array(N + G);
    this.visIndex = new Int32Array(N);
    this.visSlantKm = new Float64Array(N);
    this.msPerKm = 1000 / scenario.latency.vacuumKmPerS;
    this.perHopMs = scenario.latency.perHopProcessingMs;
    this.maxHopsToGround = hopLimit(options) + 1;
    this.builder = new GraphBuilder(4 * this.topo.count + 64 * G + 1024);
    this.positionsEcefKm = new Float64Array(3 * N);
    this.graph = this.builder.build();
    this.routerStep = {
      linkMs: new Float64Array(this.topo.count),
      seedSat: this.seedSat,
      seedMs: this.seedMs,
      seedUpMs: this.seedUpMs,
      seedGateway: this.seedGateway,
      seedCount: 0,
      gatewayStartMs: this.backhaul.backhaulMs,
      gatewayCount: G,
      gatewayProcessingMs: scenario.latency.gatewayProcessingMs,
    };
  }

  private addSeed(g: number, sat: number, slantKm: number): void {
    const st = this.routerStep;
    const i = st.seedCount;
    if (i === this.seedSat.length) {
      const grow = <A extends Int32Array | Float64Array>(x: A, make: (n: number) => A): A => {
        const y = make(2 * i);
        y.set(x);
        return y;
      };
      this.seedSat = grow(this.seedSat, (n) => new Int32Array(n));
      this.seedMs = grow(this.seedMs, (n) => new Float64Array(n));
      this.seedUpMs = grow(this.seedUpMs, (n) => new Float64Array(n));
      this.seedGateway = grow(this.seedGateway, (n) => new Int32Array(n));
      Object.assign(st, { seedSat: this.seedSat, seedMs: this.seedMs, seedUpMs: this.seedUpMs, seedGateway: this.seedGateway });
    }
    this.seedSat[i] = sat;
    this.seedMs[i] = seedLatencyMs(this.backhaul.backhaulMs[g]!, slantKm, this.msPerKm, this.perHopMs);
    this.seedUpMs[i] = upLinkMs(slantKm, this.msPerKm, this.perHopMs);
    this.seedGateway[i] = g;
    st.seedCount = i + 1;
  }

  gatewayNode(g: number): number {
    return this.satelliteCount + g;
  }

  groundNode(k: number): number {
    return this.satelliteCount + this.gatewayCount + k;
  }

  /** Latency (ms) of a user-terminal or gateway radio link of this slant range (propagation + per-hop processing). */
  groundLinkMs(slantKm: number): number {
    return slantKm * this.msPerKm + this.perHopMs;
  }

  /** Latency (ms) of a laser link of this length. */
  islLinkMs(lengthKm: number): number {
    return lengthKm * this.msPerKm + this.perHopMs;
  }

  /**
   * Build the graph for time `t` from satellite positions (ECEF km, 3N). `ground` adds query nodes
   * (N + G + k) linked to the satellites they see above their mask.
   */
  build(t: number, positionsEcefKm: Float64Array, ground: readonly GroundQueryPoint[] = [], opts: SnapshotBuildOptions = {}): CsrGraph {
    const { scenario, catalog } = this;
    const N = this.satelliteCount;
    const G = this.gatewayCount;
    const V = N + G + ground.length;
    this.positionsEcefKm = positionsEcefKm;
    const b = this.builder;
    b.reset(V);

    const linkMs = this.routerStep.linkMs;
    if (!this.options.bentPipe && this.topo.count > 0) {
      updateIslLengths(this.topo, positionsEcefKm, catalog, scenario.isl, this.islLengthKm, this.islActive);
      const { a, b: bb, kind } = this.topo;
      for (let i = 0; i < this.topo.count; i++) {
        linkMs[i] = this.islActive[i] ? this.islLinkMs(this.islLengthKm[i]!) : Infinity;
        if (this.islActive[i]) b.addEdge(a[i]!, bb[i]!, linkMs[i]!, kind[i] === 1 ? EDGE_ISL_CROSS : EDGE_ISL_INTRA);
      }
    } else {
      this.islActive.fill(0);
      this.islLengthKm.fill(NaN);
      linkMs.fill(Infinity);
    }
    this.routerStep.seedCount = 0;

    const gwProcMs = scenario.latency.gatewayProcessingMs;
    for (let g = 0; g < G; g++) {
      const gw = scenario.gateways[g]!;
      const inService = t >= this.gatewayInServiceFromMs[g]! ? 1 : 0;
      this.gatewayInService[g] = inService;
      if (!inService) continue;
      const n = visibleSatellites(this.gatewayFrames[g]!, positionsEcefKm, gw.minElevationDeg, gw.maxSlantKm, this.visIndex, this.visSlantKm, null, this.satelliteUsable);
      const node = N + g;
      const hasPop = this.backhaul.backhaulMs[g]! < Infinity;
      for (let k = 0; k < n; k++) {
        const w = this.groundLinkMs(this.visSlantKm[k]!);
        b.addArc(node, this.visIndex[k]!, w, EDGE_GATEWAY);
        b.addArc(this.visIndex[k]!, node, w + gwProcMs, EDGE_GATEWAY);
        if (hasPop) this.addSeed(g, this.visIndex[k]!, this.visSlantKm[k]!);
      }
    }

    this.groundFrames = ground.map((q) => groundFrame(q.latDeg, q.lonDeg, q.altKm ?? 0));
    for (let k = 0; k < ground.length; k++) {
      const q = ground[k]!;
      const mask = q.minElevationDeg ?? scenario.terminal.minElevationDeg;
      const slant = q.maxSlantKm === undefined ? scenario.terminal.maxSlantKm : q.maxSlantKm;
      const n = visibleSatellites(this.groundFrames[k]!, positionsEcefKm, mask, slant, this.visIndex, this.visSlantKm, null, this.satelliteUsable);
      const node = N + G + k;
      for (let j = 0; j < n; j++) b.addEdge(node, this.visIndex[j]!, this.groundLinkMs(this.visSlantKm[j]!), EDGE_GROUND);
    }

    if (this.noTransit.length < V) this.noTransit = new Uint8Array(V);
    const relay = opts.allowGatewayRelay ?? this.options.groundRelay;
    this.noTransit.fill(0, 0, N);
    this.noTransit.fill(relay ? 0 : 1, N, N + G);
    this.noTransit.fill(1, N + G, V);
    this.graph = b.build();
    return this.graph;
  }
}
