// Two-line element sets written from mean elements, in the fixed-column TLE format SGP4 readers
// expect (checksums included). Used to generate the shipped example (assets/examples/).
import { tleChecksum } from '../../src-core/constellation/tle';
import type { MeanElements } from '../../src-core/constellation/elements';

const f = (x: number, width: number, decimals: number) => x.toFixed(decimals).padStart(width, ' ');

/** TLE epoch field "YYDDD.DDDDDDDD" (day of year 1-based, fraction of day to 1e-8). */
function epochField(ms: number): string {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const dayOfYear = (ms - Date.UTC(y, 0, 1)) / 86400e3 + 1;
  return `${String(y % 100).padStart(2, '0')}${dayOfYear.toFixed(8).padStart(12, '0')}`;
}

/** "name\nline1\nline2" for one satellite (NORAD id 1..99999; eccentricity < 1; B* must be 0 or representable). */
export function formatTle(name: string, noradId: number, el: MeanElements, elementSetNo = 999): string {
  if (!(noradId >= 1 && noradId <= 99999)) throw new RangeError(`NORAD id ${noradId} does not fit a TLE (1..99999)`);
  if (el.bstar !== 0) throw new RangeError('formatTle writes B* = 0 only (planned satellites)');
  const id = String(noradId).padStart(5, '0');
  const l1 = `1 ${id}U          ${epochField(el.epochMs)}  .00000000  00000-0  00000-0 0 ${String(elementSetNo).padStart(4, ' ')}`;
  const ecc = Math.round(el.eccentricity * 1e7).toString().padStart(7, '0');
  const l2 = `2 ${id} ${f(el.inclinationDeg, 8, 4)} ${f(((el.raanDeg % 360) + 360) % 360, 8, 4)} ${ecc} ${f(((el.argPerigeeDeg % 360) + 360) % 360, 8, 4)} ${f(((el.meanAnomalyDeg % 360) + 360) % 360, 8, 4)} ${f(el.meanMotionRevPerDay, 11, 8)}    0`;
  return `${name}\n${l1}${tleChecksum(l1)}\n${l2}${tleChecksum(l2)}`;
}
