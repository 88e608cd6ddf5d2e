import { describe, expect, it } from 'vitest';
import { twoline2satrec } from 'satellite.js';
import { defaultScenario } from '../../../src-core/scenario/default';
import type { Scenario } from '../../../src-core/scenario/schema';
import { buildCatalog } from '../../../src-core/constellation';
import { buildPlusGrid } from '../../../src-core/network/isl';
import { exportCzml, exportHypatia, importConstellation, reportCsv } from '../../../src-core/io';
import { parseIsoUtc } from '../../../src-core/units';

// One small Kuiper-like shell keeps the tests quick: 6 planes x 8 satellites.
function small(): Scenario {
  const s = defaultScenario();
  const shell = { ...s.constellation.shells[0]!, planes: 6, satsPerPlane: 8 };
  return { ...s, constellation: { shells: [shell], elementSets: [] } };
}

describe('Hypatia state files (satgenpy format)', () => {
  const s = small();
  const h = exportHypatia(s);
  it('tles.txt: "orbits sats" header, "<name> <id>" with ids 0..N-1, valid TLEs of one epoch that SGP4 reads back to the same orbits', () => {
    expect(h.problems).toEqual([]);
    const lines = h.files['tles.txt']!.trimEnd().split('\n');
    expect(lines[0]).toBe('6 8');
    expect(lines.length).toBe(1 + 3 * 48);
    const back = importConstellation(lines.slice(1).join('\n'), { analysisTimeMs: parseIsoUtc(s.epochUtc) });
    expect(back.rejected).toEqual([]);
    const { satrecs } = buildCatalog(s);
    for (let i = 0; i < 48; i++) {
      expect(lines[1 + 3 * i]!.split(/\s+/)[1]).toBe(String(i));
      const r = twoline2satrec(lines[2 + 3 * i]!, lines[3 + 3 * i]!);
      // TLE fields keep 4 decimals of a degree and 8 of rev/day.
      expect(Math.abs(r.inclo - satrecs[i]!.inclo)).toBeLessThan(1e-5 * Math.PI / 180 * 10);
      expect(Math.abs(r.nodeo - satrecs[i]!.nodeo)).toBeLessThan(1e-4 * Math.PI / 180);
      expect(Math.abs(r.mo - satrecs[i]!.mo)).toBeLessThan(1e-4 * Math.PI / 180);
    }
  });
  it('isls.txt: the engine +Grid links, "a b" with a < b and no duplicates', () => {
    const isls = h.files['isls.txt']!.trimEnd().split('\n');
    const topo = buildPlusGrid(buildCatalog(s).catalog, s.isl, s.constellation.shells);
    expect(isls.length).toBe(topo.count);
    expect(isls.length).toBe(96);
    const seen = new Set(isls);
    expect(seen.size).toBe(isls.length);
    for (const l of isls) {
      const [a, b] = l.split(' ').map(Number);
      expect(a!).toBeLessThan(b!);
      expect(b!).toBeLessThan(48);
    }
  });
  it('ground_stations.txt: 8 comma-separated columns, gid from 0, ECEF metres on the ellipsoid', () => {
    const gs = h.files['ground_stations.txt']!.trimEnd().split('\n');
    expect(gs.length).toBe(s.gateways.length);
    gs.forEach((l, i) => {
      const c = l.split(',');
      expect(c).toHaveLength(8);
      expect(c[0]).toBe(String(i));
      const r = Math.hypot(Number(c[5]), Number(c[6]), Number(c[7]));
      expect(r).toBeGreaterThan(6_356_000);
      expect(r).toBeLessThan(6_379_000);
    });
  });
  it('refuses element sets of different epochs, saying why', () => {
    const tle = exportHypatia(small()).files['tles.txt']!.split('\n');
    const sets = [0, 1].map((i) => ({ format: 'tle' as const, name: `S${i}`, line1: tle[2 + 3 * i]!, line2: tle[3 + 3 * i]!, status: 'operational' as const }));
    const l1 = sets[1]!.line1;
    const shifted = `${l1.slice(0, 18)}26002${l1.slice(23, 68)}`;
    const sum = [...shifted].reduce((n, ch) => n + (ch >= '0' && ch <= '9' ? Number(ch) : ch === '-' ? 1 : 0), 0) % 10;
    sets[1]!.line1 = shifted + String(sum);
    const r = exportHypatia({ ...s, constellation: { shells: [], elementSets: sets } });
    expect(r.files).toEqual({});
    expect(r.problems[0]).toMatch(/Hypatia needs one epoch for every satellite; this constellation has 2/);
  });
});

describe('CZML', () => {
  const s = small();
  const start = parseIsoUtc(s.analysis.startUtc);
  const doc = exportCzml(s, { startMs: start, durationS: 600, stepS: 60 });
  // The full default constellation has a route Seattle -> New York at every step.
  const full = defaultScenario();
  const pathDoc = exportCzml(full, { startMs: start, durationS: 120, stepS: 60, path: { from: { latDeg: 47.6, lonDeg: -122.3 }, to: { latDeg: 40.7, lonDeg: -74 } } });
  it('has the document packet, one sampled satellite per catalogue entry, lasers, gateways and a path', () => {
    expect(doc[0]).toMatchObject({ id: 'document', version: '1.0' });
    const ids = doc.map((p) => String(p.id));
    expect(ids.filter((x) => x.startsWith('sat-'))).toHaveLength(48);
    expect(ids.filter((x) => x.startsWith('laser-'))).toHaveLength(96);
    expect(ids.filter((x) => x.startsWith('gateway-'))).toHaveLength(s.gateways.length);
    const sat = doc.find((p) => p.id === 'sat-0') as { position: { cartesian: number[] } };
    expect(sat.position.cartesian).toHaveLength(11 * 4);
    const r = Math.hypot(sat.position.cartesian[1]!, sat.position.cartesian[2]!, sat.position.cartesian[3]!);
    expect(Math.abs(r - (6378e3 + s.constellation.shells[0]!.altitudeKm * 1e3))).toBeLessThan(30e3);
  });
  it('loads into a Cesium CzmlDataSource: satellites move, lasers and gateways resolve, the path is shown at its step', async () => {
    // CzmlDataSource's property switch names the browser's Image constructor (`case Image:`);
    // Node has none, so a bare class stands in (no image is loaded: the document has none).
    const g = globalThis as { Image?: unknown };
    g.Image ??= class {};
    const { CzmlDataSource, JulianDate } = await import('@cesium/engine');
    const ds = await CzmlDataSource.load(JSON.parse(JSON.stringify(doc)) as object[]);
    const t = JulianDate.fromDate(new Date(start + 90_000));
    const sat = ds.entities.getById('sat-0')!;
    const p = sat.position!.getValue(t)!;
    // Interpolated between samples: still on the shell (+-30 km of 6378 + altitude).
    expect(Math.abs(Math.hypot(p.x, p.y, p.z) - (6378e3 + s.constellation.shells[0]!.altitudeKm * 1e3))).toBeLessThan(30e3);
    const laser = ds.entities.getById('laser-0')!;
    const ends = laser.polyline!.positions!.getValue(t) as { x: number }[];
    expect(ends).toHaveLength(2);
    expect(ds.entities.getById(`gateway-${s.gateways[0]!.id}`)!.position!.getValue(t)).toBeDefined();
    const withPath = await CzmlDataSource.load(JSON.parse(JSON.stringify(pathDoc)) as object[]);
    const paths = withPath.entities.values.filter((e) => e.id.startsWith('path-'));
    expect(paths).toHaveLength(3);
    const tp = JulianDate.fromDate(new Date(start + 30_000));
    expect(paths.filter((e) => e.isAvailable(tp)).map((e) => e.id)).toEqual(['path-0']);
    const pts = paths[0]!.polyline!.positions!.getValue(tp) as unknown[];
    expect(pts.length).toBeGreaterThanOrEqual(4); // ground, >= 1 satellite, gateway, ..., ground
  }, 60_000);
  it('refuses a window over the sample limit with the numbers', () => {
    expect(() => exportCzml(s, { startMs: start, durationS: 30 * 86400, stepS: 0.01 })).toThrow(/over the 5,000,000 position samples/);
  });
});

describe('report CSV', () => {
  it('headline rows then a per-gateway table', () => {
    const s = small();
    const csv = reportCsv(s, { satellites: 48, stepCount: 10, cellCount: 100, headline: { servedPct: 12.345, coveredPct: 50, p50LatencyMs: 30, p95LatencyMs: 60, meanLatencyMs: 35, longestOutageS: 120, meanVisibleSatellites: 1.5, gatewayShare: s.gateways.map(() => 1 / s.gateways.length) } });
    const [head, table] = csv.split('\n\n');
    expect(head!.split('\n')).toContain('served,12.35,%');
    const rows = table!.trimEnd().split('\n');
    expect(rows).toHaveLength(1 + s.gateways.length);
    expect(rows[0]).toBe('gateway id,name,lat deg,lon deg,status,antennas,capacity gbps,share of served traffic %');
  });
});
