// The CLI runs in-process here (main(argv) with console captured), on real files.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain } from './helpers';
import { defaultScenario } from '../../../src-core/scenario/default';
import { buildCatalog, tleChecksum } from '../../../src-core/constellation';
import { Propagator } from '../../../src-core/orbit';

const run = runMain;

const dir = mkdtempSync(join(tmpdir(), 'leo-cli-'));
const small = { ...defaultScenario(), name: 'small' };
small.constellation = { shells: [{ ...small.constellation.shells[2]!, planes: 6, satsPerPlane: 6 }], elementSets: [] };
const smallPath = join(dir, 'small.json');
writeFileSync(smallPath, JSON.stringify(small));
const badPath = join(dir, 'bad.json');
writeFileSync(badPath, JSON.stringify({ ...small, gateways: [{ ...small.gateways[0]!, latDeg: 123 }] }));
const tlePath = join(dir, 'iss.tle');
// An ISS-like element set at the 2026 epoch; checksums computed, so the file is a valid TLE.
const withSum = (l: string) => l + String(tleChecksum(l + '0'));
writeFileSync(tlePath, `ISS (ZARYA)\n${withSum('1 25544U 98067A   26001.50000000  .00016717  00000-0  10270-3 0  900')}\n${withSum('2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.5012539156353')}\n`);

describe('leo-planner CLI', () => {
  it('validate: ok for a good scenario, every problem with its JSON path for a bad one', async () => {
    const ok = await run('validate', smallPath);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/36 satellites/);
    const bad = await run('validate', badPath, '--json');
    expect(bad.code).toBe(1);
    const j = JSON.parse(bad.out) as { ok: boolean; problems: { path: string; message: string }[] };
    expect(j.ok).toBe(false);
    expect(j.problems).toContainEqual({ path: 'gateways[0].latDeg', message: expect.stringMatching(/between -90 and 90/) as unknown as string });
  });

  it('propagate --json gives the engine positions (ECEF, km) for every satellite', async () => {
    const at = '2026-01-01T01:00:00Z';
    const r = await run('propagate', smallPath, '--at', at, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { count: number; satellites: { xKm: number; yKm: number; zKm: number; altitudeKm: number }[] };
    expect(j.count).toBe(36);
    const built = buildCatalog(small);
    const pos = new Propagator(built.satrecs).positionsEcefKm(Date.parse(at));
    j.satellites.forEach((s, i) => {
      expect(s.xKm).toBeCloseTo(pos[3 * i]!, 9);
      expect(s.zKm).toBeCloseTo(pos[3 * i + 2]!, 9);
      expect(s.altitudeKm).toBeGreaterThan(570);
      expect(s.altitudeKm).toBeLessThan(615);
    });
  });

  it('propagate reads a TLE file directly', async () => {
    const r = await run('propagate', tlePath, '--at', '2026-01-01T12:00:00Z', '--frame', 'teme', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { satellites: { name: string; altitudeKm: number }[] };
    expect(j.satellites[0]!.name).toBe('ISS (ZARYA)');
    expect(j.satellites[0]!.altitudeKm).toBeGreaterThan(380);
    expect(j.satellites[0]!.altitudeKm).toBeLessThan(450);
  });

  it('route: per-step latency that matches the sum of its segments; RTT = 2 x one-way', async () => {
    const r = await run('route', 'assets/scenarios/default.json', '--from', '47.6,-122.3', '--to', 'pop', '--duration', '120', '--step', '60', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { samples: { ok: boolean; oneWayMs: number; rttMs: number; segments: { latencyMs: number }[] }[] };
    expect(j.samples).toHaveLength(3);
    for (const s of j.samples) {
      expect(s.ok).toBe(true);
      expect(Math.abs(s.segments.reduce((a, x) => a + x.latencyMs, 0) - s.oneWayMs)).toBeLessThan(1e-9);
      expect(s.rttMs).toBeCloseTo(2 * s.oneWayMs, 12);
      expect(s.oneWayMs).toBeGreaterThan(2);
      expect(s.oneWayMs).toBeLessThan(50);
    }
  });

  it('bad input: clear message and non-zero exit, no stack trace', async () => {
    const missing = await run('validate', join(dir, 'nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no such file/);
    // ("Atlantis" is a real place now that city names work: Atlantis, South Africa.)
    const badTo = await run('route', smallPath, '--from', '1,2', '--to', 'el-dorado-9');
    expect(badTo.code).toBe(2);
    expect(badTo.err).toMatch(/"el-dorado-9" is neither "lat,lon", a city name, nor a known gateway or PoP id/);
    const badTime = await run('propagate', smallPath, '--at', 'yesterday');
    expect(badTime.code).toBe(2);
    expect(badTime.err).toMatch(/not an ISO 8601 time/);
    const unknown = await run('frobnicate');
    expect(unknown.code).toBe(2);
    expect(`${missing.err}${badTo.err}${badTime.err}`).not.toMatch(/\n\s+at /);
  });

  it('analyze --json reports headline figures within their ranges', async () => {
    const r = await run('analyze', smallPath, '--duration', '600', '--step', '300', '--grid-res', '1', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { headline: { servedPct: number; coveredPct: number }; window: { steps: number } };
    expect(j.window.steps).toBe(2); // [start, start + duration) every 300 s
    expect(j.headline.servedPct).toBeGreaterThanOrEqual(0);
    expect(j.headline.servedPct).toBeLessThanOrEqual(j.headline.coveredPct);
    expect(j.headline.coveredPct).toBeLessThanOrEqual(100);
  });

  it('analyze --capacity: served Gbps within demand, a named bottleneck, gateways within their backhaul; more backhaul serves at least as much', async () => {
    const r = await run('analyze', smallPath, '--duration', '600', '--step', '300', '--grid-res', '1', '--capacity', '--json');
    expect(r.code).toBe(0);
    type Cap = { demandGbps: number; servedGbpsMean: number; servedPct: number; bottleneck: string; gateways: { gbpsMean: number; backhaulGbps: number }[]; unservedByRegion: { region: string; unservedGbps: number }[] };
    const c = (JSON.parse(r.out) as { capacity: Cap }).capacity;
    expect(c.demandGbps).toBeGreaterThan(0);
    expect(c.servedGbpsMean).toBeLessThanOrEqual(c.demandGbps);
    expect(c.servedPct).toBeCloseTo((100 * c.servedGbpsMean) / c.demandGbps, 9);
    expect(['none', 'user-beam', 'laser', 'feeder', 'backhaul', 'no-route']).toContain(c.bottleneck);
    for (const g of c.gateways) expect(g.gbpsMean).toBeLessThanOrEqual(g.backhaulGbps * (1 + 1e-12));
    const sorted = c.unservedByRegion.map((x) => x.unservedGbps);
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a));
    const text = await run('analyze', smallPath, '--duration', '600', '--step', '300', '--grid-res', '1', '--capacity');
    expect(text.out).toMatch(/served, mean over steps\s+[\d.]+ Gbps/);
    expect(text.out).toMatch(/unserved demand by country/);
  });
});
