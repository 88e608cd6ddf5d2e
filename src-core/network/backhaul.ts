// Gateway -> PoP backhaul: which PoP each gateway hands its traffic to, and what the fiber leg
// costs. Computed once per scenario edit (gateways and PoPs do not move); every route and every
// coverage latency field adds `backhaulMs` of the gateway it lands at.
//
// Approximations: the fiber follows the great circle on a sphere of mean Earth radius, stretched
// by `fiberRouteFactor` (real fiber routes are 1.3-2x longer); light in fiber travels at
// vacuumKmPerS / fiberRefractiveIndex. Redundant backhaul paths are not modelled.
import type { Gateway, LatencyModel, Pop } from '../scenario/schema';
import { greatCircleKm } from '../frames';
import { DEG } from '../units';

export interface GatewayBackhaul {
  /** Index into `pops` per gateway; -1 when there is no PoP. */
  popIndex: Int32Array;
  /** Great-circle gateway -> PoP distance (km); the fiber route is this times fiberRouteFactor. NaN if no PoP. */
  distanceKm: Float64Array;
  /** fiber (great-circle*routeFactor at c/index) + gatewayProcessingMs; Infinity if no PoP. */
  backhaulMs: Float64Array;
}

/** Fiber latency (ms) for a great-circle distance (km) under the latency model (no processing). */
export function fiberLatencyMs(greatCircleDistanceKm: number, latency: LatencyModel): number {
  const fiberKmPerS = latency.vacuumKmPerS / latency.fiberRefractiveIndex;
  return ((greatCircleDistanceKm * latency.fiberRouteFactor) / fiberKmPerS) * 1000;
}

/**
 * Assign each gateway its PoP: the one named by `popId`, or (popId null) the nearest PoP by
 * great circle, ties to the lower index. A popId that names no PoP (the schema forbids it) and an
 * empty PoP list both give popIndex -1 and backhaulMs Infinity: such a gateway reaches nothing.
 */
export function assignBackhaul(gateways: Gateway[], pops: Pop[], latency: LatencyModel): GatewayBackhaul {
  const G = gateways.length;
  const popIndex = new Int32Array(G).fill(-1);
  const distanceKm = new Float64Array(G).fill(NaN);
  const backhaulMs = new Float64Array(G).fill(Infinity);
  const byId = new Map<string, number>();
  pops.forEach((p, i) => byId.set(p.id, i));
  for (let g = 0; g < G; g++) {
    const gw = gateways[g]!;
    let best = -1;
    let bestKm = Infinity;
    if (gw.popId !== null) {
      const i = byId.get(gw.popId);
      if (i !== undefined) {
        best = i;
        bestKm = greatCircleKm(gw.latDeg * DEG, gw.lonDeg * DEG, pops[i]!.latDeg * DEG, pops[i]!.lonDeg * DEG);
      }
    } else {
      for (let i = 0; i < pops.length; i++) {
        const d = greatCircleKm(gw.latDeg * DEG, gw.lonDeg * DEG, pops[i]!.latDeg * DEG, pops[i]!.lonDeg * DEG);
        if (d < bestKm) {
          bestKm = d;
          best = i;
        }
      }
    }
    if (best < 0) continue;
    popIndex[g] = best;
    distanceKm[g] = bestKm;
    backhaulMs[g] = fiberLatencyMs(bestKm, latency) + latency.gatewayProcessingMs;
  }
  return { popIndex, distanceKm, backhaulMs };
}
