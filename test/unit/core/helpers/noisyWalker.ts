// Test helper: element sets of a Walker shell as a real catalogue would show them (noise, epochs
// days apart, some satellites still raising), with the truth (plane, slot, raising) of each.
import { meanMotionRevPerDayFromAltitude, satrecFromElements, type MeanElements } from '../../../../src-core/constellation/elements';
import { walkerElements } from '../../../../src-core/constellation/walker';
import type { WalkerShell } from '../../../../src-core/scenario/schema';
import { DEG } from '../../../../src-core/units';

const RAD_TO_DEG = 180 / Math.PI;
const MIN_PER_DAY = 1440;

/** Deterministic PRNG (mulberry32) so the noise is the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export const uniform = (r: () => number, half: number): number => (2 * r() - 1) * half;

export interface NoisySet {
  /** Published elements (epoch up to +-4 days from the scenario epoch). */
  elements: MeanElements;
  truth: { plane: number; slot: number; raising: boolean };
}

/**
 * Element sets of a Walker shell as a real catalogue would show them, in shuffled order: at the
 * scenario epoch each satellite is off its nominal slot (along-track +-0.6 deg, RAAN +-0.15 deg,
 * inclination +-0.03 deg, altitude +-1.5 km); its published epoch is up to +-4 days away, with RAAN
 * and argument of latitude moved there by its own J2 drift; `raisingShare` of the satellites are
 * still raising (450 km to 20 km below the shell, anywhere along their plane).
 */
export function noisyWalkerSets(shell: WalkerShell, epochMs: number, seed: number, raisingShare: number): NoisySet[] {
  const r = rng(seed);
  const sats = walkerElements(shell, epochMs).map((w) => {
    const raising = r() < raisingShare;
    const altKm = raising ? 450 + (shell.altitudeKm - 470) * r() : shell.altitudeKm + uniform(r, 1.5);
    const incDeg = shell.inclinationDeg + uniform(r, 0.03);
    const at0: MeanElements = {
      ...w.elements,
      inclinationDeg: incDeg,
      meanMotionRevPerDay: meanMotionRevPerDayFromAltitude(altKm, incDeg * DEG, 0),
      raanDeg: w.elements.raanDeg + uniform(r, 0.15),
      meanAnomalyDeg: raising ? 360 * r() : w.elements.meanAnomalyDeg + uniform(r, 0.6),
    };
    const rec0 = satrecFromElements(1, at0);
    const dtMin = uniform(r, 4) * MIN_PER_DAY;
    const elements: MeanElements = {
      ...at0,
      epochMs: epochMs + dtMin * 60_000,
      raanDeg: at0.raanDeg + rec0.nodedot * dtMin * RAD_TO_DEG,
      argPerigeeDeg: rec0.argpdot * dtMin * RAD_TO_DEG,
      meanAnomalyDeg: at0.meanAnomalyDeg + rec0.mdot * dtMin * RAD_TO_DEG,
    };
    return { elements, truth: { plane: w.plane, slot: w.slot, raising }, key: r() };
  });
  sats.sort((a, b) => a.key - b.key);
  return sats.map(({ elements, truth }) => ({ elements, truth }));
}
