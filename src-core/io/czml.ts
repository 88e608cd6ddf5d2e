// CZML (Cesium Language, version 1.0) of a scenario over a time window, for Cesium and STK users:
// every satellite as sampled ECEF positions (metres, Lagrange interpolation), gateways as fixed
// points, laser links as polylines between the satellites' positions, and optionally one
// highlighted ground-to-ground path, recomputed at every step (each step's path is its own
// packet, shown only during that step).
import { buildCatalog } from '../constellation/catalog';
import { Propagator } from '../orbit/propagator';
import { buildPlusGrid } from '../network/isl';
import { createRoutingContextFrom, routeGroundToGround, type GeoPoint } from '../network/route';
import type { Scenario } from '../scenario/schema';

export interface CzmlOptions {
  startMs: number;
  durationS: number;
  stepS: number;
  /** Highlight the route between these two ground points. */
  path?: { from: GeoPoint; to: GeoPoint };
}

/** Most position samples written (satellites x steps), so a file stays openable in a browser. */
export const MAX_CZML_SAMPLES = 5_000_000;
const M_PER_KM = 1000;
const SAT_RGBA = [255, 255, 255, 255];
const GATEWAY_RGBA = [255, 200, 0, 255];
const LASER_RGBA = [0, 200, 255, 90];
const PATH_RGBA = [255, 60, 60, 255];

type Packet = Record<string, unknown>;
const iso = (ms: number): string => new Date(ms).toISOString();
const satId = (i: number): string => `sat-${i}`;

function satellitePackets(scenario: Scenario, o: CzmlOptions, interval: string): Packet[] {
  const { catalog, satrecs } = buildCatalog(scenario);
  const steps = Math.floor(o.durationS / o.stepS) + 1;
  const prop = new Propagator(satrecs);
  const pos = new Float64Array(3 * catalog.count);
  const samples: number[][] = Array.from({ length: catalog.count }, () => []);
  for (let k = 0; k < steps; k++) {
    const tS = k * o.stepS;
    prop.propagateEcef(o.startMs + tS * 1000, pos);
    for (let i = 0; i < catalog.count; i++) {
      if (Number.isFinite(pos[3 * i]!)) samples[i]!.push(tS, pos[3 * i]! * M_PER_KM, pos[3 * i + 1]! * M_PER_KM, pos[3 * i + 2]! * M_PER_KM);
    }
  }
  const sats: Packet[] = [];
  for (let i = 0; i < catalog.count; i++) {
    if (samples[i]!.length === 0) continue; // never propagated (decayed): nothing to draw
    sats.push({
      id: satId(i), name: catalog.names[i], availability: interval,
      position: { epoch: iso(o.startMs), interpolationAlgorithm: 'LAGRANGE', interpolationDegree: 5, referenceFrame: 'FIXED', cartesian: samples[i] },
      point: { pixelSize: 3, color: { rgba: SAT_RGBA } },
    });
  }
  const drawn = new Set(sats.map((s) => s.id));
  const topo = buildPlusGrid(catalog, scenario.isl, scenario.constellation.shells);
  const lasers: Packet[] = [];
  for (let k = 0; k < topo.count; k++) {
    const a = satId(topo.a[k]!), b = satId(topo.b[k]!);
    if (!drawn.has(a) || !drawn.has(b)) continue;
    lasers.push({ id: `laser-${k}`, name: `laser ${catalog.names[topo.a[k]!]} - ${catalog.names[topo.b[k]!]}`, availability: interval, polyline: { positions: { references: [`${a}#position`, `${b}#position`] }, width: 1, arcType: 'NONE', material: { solidColor: { color: { rgba: LASER_RGBA } } } } });
  }
  return [...sats, ...lasers];
}

function gatewayPackets(scenario: Scenario): Packet[] {
  return scenario.gateways.map((g) => ({
    id: `gateway-${g.id}`, name: g.name,
    position: { cartographicDegrees: [g.lonDeg, g.latDeg, g.altitudeKm * M_PER_KM] },
    point: { pixelSize: 8, color: { rgba: GATEWAY_RGBA } },
    label: { text: g.name, font: '12px sans-serif', pixelOffset: { cartesian2: [0, -14] } },
  }));
}

function pathPackets(scenario: Scenario, o: CzmlOptions, path: NonNullable<CzmlOptions['path']>): Packet[] {
  const { catalog, satrecs } = buildCatalog(scenario);
  const ctx = createRoutingContextFrom(scenario, catalog, new Propagator(satrecs));
  const steps = Math.floor(o.durationS / o.stepS) + 1;
  const out: Packet[] = [];
  for (let k = 0; k < steps; k++) {
    const t = o.startMs + k * o.stepS * 1000;
    const r = routeGroundToGround(ctx, t, path.from, path.to, {});
    if (!r.ok) continue;
    const degrees = r.hops.flatMap((h) => [h.lonDeg, h.latDeg, h.altKm * M_PER_KM]);
    out.push({
      id: `path-${k}`, name: `path ${r.oneWayMs.toFixed(1)} ms one way`,
      availability: `${iso(t)}/${iso(Math.min(t + o.stepS * 1000, o.startMs + o.durationS * 1000))}`,
      polyline: { positions: { cartographicDegrees: degrees }, width: 3, arcType: 'NONE', material: { solidColor: { color: { rgba: PATH_RGBA } } } },
    });
  }
  return out;
}

/** The CZML document (an array of packets, the document packet first). Throws RangeError past MAX_CZML_SAMPLES. */
export function exportCzml(scenario: Scenario, o: CzmlOptions): Packet[] {
  const steps = Math.floor(o.durationS / o.stepS) + 1;
  const satellites = scenario.constellation.shells.reduce((n, s) => n + s.planes * s.satsPerPlane, 0) + scenario.constellation.elementSets.length;
  if (!(o.stepS > 0) || !(o.durationS >= 0)) throw new RangeError('the CZML window needs a duration of 0 s or more and a step above 0 s');
  if (steps * satellites > MAX_CZML_SAMPLES) throw new RangeError(`${satellites.toLocaleString('en-US')} satellites x ${steps.toLocaleString('en-US')} steps is over the ${MAX_CZML_SAMPLES.toLocaleString('en-US')} position samples a CZML file may hold here: use a larger step or a shorter window`);
  const end = o.startMs + o.durationS * 1000;
  const interval = `${iso(o.startMs)}/${iso(end)}`;
  const doc: Packet = { id: 'document', name: scenario.name, version: '1.0', clock: { interval, currentTime: iso(o.startMs), multiplier: 60, range: 'LOOP_STOP', step: 'SYSTEM_CLOCK_MULTIPLIER' } };
  return [doc, ...satellitePackets(scenario, o, interval), ...gatewayPackets(scenario), ...(o.path ? pathPackets(scenario, o, o.path) : [])];
}
