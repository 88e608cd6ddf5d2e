// Walker constellations: the element sets of every satellite of a shell i: T/P/F.
// Plane p (0-based) has RAAN = raanOffset + p * raanSpread / P; slot s (0-based) in plane p has mean
// anomaly (= argument of latitude, circular orbit) s * 360/S + p * F * 360/T. Epoch = scenario epoch.
import type { SatRec } from 'satellite.js';
import type { WalkerShell } from '../scenario/schema';
import { DEG, type UtcMs } from '../units';
import { meanMotionRevPerDayFromAltitude, satrecFromElements, type MeanElements } from './elements';

/** One planned satellite of a Walker shell. */
export interface WalkerSatellite {
  plane: number;
  slot: number;
  elements: MeanElements;
}

/** Element sets of every satellite of `shell` (plane-major: index = plane * satsPerPlane + slot), epoch `epochUtc`. */
export function walkerElements(shell: WalkerShell, epochUtc: UtcMs | number): WalkerSatellite[] {
  const P = shell.planes;
  const S = shell.satsPerPlane;
  const T = P * S;
  const n = meanMotionRevPerDayFromAltitude(shell.altitudeKm, shell.inclinationDeg * DEG, 0);
  const out: WalkerSatellite[] = new Array(T);
  for (let p = 0; p < P; p++) {
    const raanDeg = shell.raanOffsetDeg + (p * shell.raanSpreadDeg) / P;
    for (let s = 0; s < S; s++) {
      out[p * S + s] = {
        plane: p,
        slot: s,
        elements: {
          epochMs: epochUtc,
          meanMotionRevPerDay: n,
          eccentricity: 0,
          inclinationDeg: shell.inclinationDeg,
          raanDeg,
          argPerigeeDeg: 0,
          meanAnomalyDeg: (s * 360) / S + (p * shell.phasingF * 360) / T,
          bstar: 0,
        },
      };
    }
  }
  return out;
}

/** Display name of a Walker satellite, e.g. "K1-P03-S12" (plane and slot 0-based, zero-padded to 2+ digits). */
export function walkerSatelliteName(shellId: string, plane: number, slot: number, planes: number, satsPerPlane: number): string {
  const wp = Math.max(2, String(planes - 1).length);
  const ws = Math.max(2, String(satsPerPlane - 1).length);
  return `${shellId}-P${String(plane).padStart(wp, '0')}-S${String(slot).padStart(ws, '0')}`;
}

/** SatRecs of every satellite of a shell (same order as `walkerElements`); `firstNoradId` numbers them consecutively. */
export function walkerSatrecs(shell: WalkerShell, epochUtc: UtcMs | number, firstNoradId: number): SatRec[] {
  return walkerElements(shell, epochUtc).map((w, i) => satrecFromElements(firstNoradId + i, w.elements));
}
