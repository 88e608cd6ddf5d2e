// Two-line element sets written from mean elements, in the fixed-column TLE format SGP4 readers
// expect (checksums included). Used for the shipped example and the Hypatia export.
import { tleChecksum } from '../constellation/tle';
import type { MeanElements } from '../constellation/elements';

const f = (x: number, width: number, decimals: number) => x.toFixed(decimals).padStart(width, ' ');
const wrap = (d: number): number => ((d % 360) + 360) % 360;

/** TLE epoch field "YYDDD.DDDDDDDD" (day of year 1-based, fraction of day to 1e-8). */
function epochField(ms: number): string {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const dayOfYear = (ms - Date.UTC(y, 0, 1)) / 86400e3 + 1;
  return `${String(y % 100).padStart(2, '0')}${dayOfYear.toFixed(8).padStart(12, '0')}`;
}

/** TLE exponent field " 12345-3" (0.12345e-3) for B*; " 00000-0" for zero. */
export function tleExpField(x: number): string {
  if (x === 0) return ' 00000-0';
  let e = Math.floor(Math.log10(Math.abs(x))) + 1;
  let m = Math.round((Math.abs(x) / 10 ** e) * 1e5);
  if (m >= 1e5) { m = Math.round(m / 10); e += 1; }
  if (e < -9 || e > 9) throw new RangeError(`B* ${x} does not fit a TLE exponent field`);
  return `${x < 0 ? '-' : ' '}${String(m).padStart(5, '0')}${e < 0 ? '-' : '+'}${Math.abs(e)}`.replace(/\+0$/, '-0');
}

/** "name\nline1\nline2" for one satellite (NORAD id 1..99999; eccentricity < 1). */
export function formatTle(name: string, noradId: number, el: MeanElements, elementSetNo = 999): string {
  if (!(noradId >= 1 && noradId <= 99999)) throw new RangeError(`NORAD id ${noradId} does not fit a TLE (1..99999)`);
  const id = String(noradId).padStart(5, '0');
  const l1 = `1 ${id}U          ${epochField(el.epochMs)}  .00000000  00000-0 ${tleExpField(el.bstar)} 0 ${String(elementSetNo).padStart(4, ' ')}`;
  const ecc = Math.round(el.eccentricity * 1e7).toString().padStart(7, '0');
  const l2 = `2 ${id} ${f(el.inclinationDeg, 8, 4)} ${f(wrap(el.raanDeg), 8, 4)} ${ecc} ${f(wrap(el.argPerigeeDeg), 8, 4)} ${f(wrap(el.meanAnomalyDeg), 8, 4)} ${f(el.meanMotionRevPerDay, 11, 8)}    0`;
  return `${name}\n${l1}${tleChecksum(l1)}\n${l2}${tleChecksum(l2)}`;
}
