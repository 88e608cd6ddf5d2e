// SGP4 against the Vallado et al. (2006) verification vectors (test/fixtures/sgp4, see README).
// Tolerance: 1e-3 km (1 m) in position and 1e-6 km/s (1 mm/s) in velocity per component, for both
// satellite.js sgp4() directly and our Propagator (which must reproduce it). The reference output
// has 8 decimals; satellite.js agrees far below these tolerances for near-Earth cases.
import { readFileSync } from 'node:fs';
import { sgp4 } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { resolveElementSet } from '../../../src-core/constellation/elements';
import { parseTle } from '../../../src-core/constellation/tle';
import { Propagator } from '../../../src-core/orbit/propagator';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/sgp4/${name}`, import.meta.url), 'utf8');

// The verification TLE file appends start/stop/step after column 69 and uses '#' comments.
const tleText = fixture('SGP4-VER.subset.TLE')
  .split('\n')
  .filter((l) => !l.startsWith('#'))
  .map((l) => l.slice(0, 69))
  .join('\n');

interface Row { t: number; r: [number, number, number]; v: [number, number, number] }
function parseOut(text: string): Map<number, Row[]> {
  const out = new Map<number, Row[]>();
  let cur: Row[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)\s+xx/.exec(line);
    if (m) {
      cur = [];
      out.set(Number(m[1]), cur);
      continue;
    }
    const f = line.trim().split(/\s+/).map(Number);
    if (f.length >= 7) cur.push({ t: f[0]!, r: [f[1]!, f[2]!, f[3]!], v: [f[4]!, f[5]!, f[6]!] });
  }
  return out;
}
const expected = parseOut(fixture('tcppver.subset.out'));
const imported = parseTle(tleText);

const POS_TOL_KM = 1e-3;
const VEL_TOL_KM_S = 1e-6;

describe('SGP4 verification vectors (Vallado 2006), |dr| < 1 m, |dv| < 1 mm/s per component', () => {
  it('imports the 5 verification TLEs without problems', () => {
    expect(imported.problems).toEqual([]);
    expect(imported.sets).toHaveLength(5);
  });

  for (const set of imported.sets) {
    if (set.format !== 'tle') continue;
    const satnum = Number(set.line1.substring(2, 7));
    const rows = expected.get(satnum)!;
    const deep = Number(set.line2.substring(52, 63)) < 6.4; // period > 225 min -> SDP4 (deep space)
    it(`${String(satnum).padStart(5, '0')} (${deep ? 'deep space' : 'near Earth'}): ${rows.length} epochs`, () => {
      const { satrec } = resolveElementSet(set);
      expect(satrec.method).toBe(deep ? 'd' : 'n');
      for (const row of rows) {
        const r = sgp4(satrec, row.t)!;
        expect(r, `t=${row.t}`).not.toBeNull();
        const p = [r.position.x, r.position.y, r.position.z];
        const v = [r.velocity.x, r.velocity.y, r.velocity.z];
        for (let k = 0; k < 3; k++) {
          expect(Math.abs(p[k]! - row.r[k]!), `t=${row.t} r[${k}]`).toBeLessThan(POS_TOL_KM);
          expect(Math.abs(v[k]! - row.v[k]!), `t=${row.t} v[${k}]`).toBeLessThan(VEL_TOL_KM_S);
        }
      }
    });
  }

  it('the bulk Propagator reproduces the vectors in TEME (|dr| < 3.4 m, |dv| < 1e-5 km/s)', () => {
    const recs = imported.sets.map((s) => resolveElementSet(s).satrec);
    const prop = new Propagator(recs);
    const pos = new Float64Array(3 * recs.length);
    const vel = new Float64Array(3 * recs.length);
    recs.forEach((rec, i) => {
      for (const row of expected.get(Number(rec.satnum))!) {
        // Times relative to each satellite's own epoch, through the bulk API (UtcMs).
        const epochMs = (rec.jdsatepoch - 2440587.5) * 86400000;
        expect(prop.propagateTeme(epochMs + row.t * 60000, pos, vel)).toBe(0);
        for (let k = 0; k < 3; k++) {
          // The epoch's ms round trip through a Julian date costs up to ~40 us: 1 m + 8 km/s * 0.3 ms margin.
          expect(Math.abs(pos[3 * i + k]! - row.r[k]!)).toBeLessThan(POS_TOL_KM + 2.4e-3);
          expect(Math.abs(vel[3 * i + k]! - row.v[k]!)).toBeLessThan(1e-5);
        }
      }
    });
  });
});
