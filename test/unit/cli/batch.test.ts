// Batch routing: the engine's routeBatch gives, pair by pair and step by step, exactly what the
// single-route functions give; the CLI's --pairs / --cities output (CSV, NDJSON, table) carries
// those numbers and equals `route --from --to` for the same pair within 1e-9 ms.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { cityTable } from '../../../src-core/geo';
import { batchTimes, routeBatch, type BatchPair } from '../../../src-core/network/batch';
import { createRoutingContext, routeGroundToGround, routeToPop, type RouteResult } from '../../../src-core/network/route';
import { parseScenario, type Scenario } from '../../../src-core/scenario/schema';
import { runMain as run } from './helpers';

const SCENARIO = 'assets/scenarios/default.json';
const TOL_MS = 1e-9;

function loadDefault(): Scenario {
  const r = parseScenario(readFileSync(SCENARIO, 'utf8'));
  if (!r.ok) throw new Error('default scenario does not parse');
  return r.scenario;
}

function bandCityPairs(n: number): BatchPair[] {
  const t = cityTable();
  const idx: number[] = [];
  for (let i = 0; i < t.name.length && idx.length < 2 * n; i++) if (Math.abs(t.latDeg[i]!) < 55) idx.push(i);
  return Array.from({ length: n }, (_, k) => {
    const a = idx[k]!, b = idx[(k * 7 + 3) % idx.length]!;
    return { from: { latDeg: t.latDeg[a]!, lonDeg: t.lonDeg[a]! }, to: { latDeg: t.latDeg[b]!, lonDeg: t.lonDeg[b]! } };
  });
}

function expectSame(batch: RouteResult, single: RouteResult, what: string): void {
  expect(batch.ok, what).toBe(single.ok);
  if (!batch.ok || !single.ok) {
    expect(batch.ok ? '' : batch.reason, what).toBe(single.ok ? '' : single.reason);
    return;
  }
  expect(Math.abs(batch.oneWayMs - single.oneWayMs), what).toBeLessThan(TOL_MS);
  expect(Math.abs(batch.rttMs - single.rttMs), what).toBeLessThan(TOL_MS);
  expect(batch.satelliteHops, what).toBe(single.satelliteHops);
  expect(batch.hops.map((h) => `${h.kind}:${h.id}`), what).toEqual(single.hops.map((h) => `${h.kind}:${h.id}`));
  expect(batch.segments.map((s) => s.kind), what).toEqual(single.segments.map((s) => s.kind));
  batch.segments.forEach((s, i) => expect(Math.abs(s.latencyMs - single.segments[i]!.latencyMs), what).toBeLessThan(TOL_MS));
}

describe('routeBatch (engine)', () => {
  it('equals routeToPop / routeGroundToGround for every pair and step, with shared origins, repeats, failures', () => {
    const base = loadDefault();
    const pairs: BatchPair[] = [
      { from: { latDeg: 51.5, lonDeg: -0.13 }, to: { latDeg: 40.71, lonDeg: -74.01 } },
      { from: { latDeg: 51.5, lonDeg: -0.13 }, to: { latDeg: 35.69, lonDeg: 139.69 } }, // same origin, far destination
      { from: { latDeg: 51.5, lonDeg: -0.13 }, to: 'pop' },
      { from: { latDeg: -33.87, lonDeg: 151.21 }, to: { latDeg: -36.85, lonDeg: 174.76 } },
      { from: { latDeg: -33.87, lonDeg: 151.21 }, to: 'pop' },
      { from: { latDeg: 47.6, lonDeg: -122.3 }, to: { latDeg: 47.6, lonDeg: -122.3 } }, // to itself
      { from: { latDeg: 80, lonDeg: 0 }, to: 'pop' }, // beyond the service band: no satellite in view
      { from: { latDeg: 1.35, lonDeg: 103.8 }, to: { latDeg: 80, lonDeg: 10 } }, // destination out of view
      { from: { latDeg: 95, lonDeg: 0 }, to: 'pop' }, // invalid latitude
      // One origin with 5 destinations: these share one full Dijkstra (the others get a guided search each).
      ...[[48.86, 2.35], [55.75, 37.62], [30.04, 31.24], [-1.29, 36.82], [19.08, 72.88]].map(([lat, lon]) => ({ from: { latDeg: 40.42, lonDeg: -3.7 }, to: { latDeg: lat!, lonDeg: lon! } })),
      // 30 more between the most populous cities inside the service band.
      ...bandCityPairs(30),
    ];
    for (const scenario of [base, { ...base, routing: { ...base.routing, allowGatewayRelay: false } }]) {
      const ctx = createRoutingContext(scenario);
      const times = batchTimes(Date.parse('2026-01-01T00:00:00Z'), 600, 300);
      const got: RouteResult[][] = [];
      routeBatch(ctx, pairs, times, ({ step, t, results }) => {
        expect(t).toBe(times[step]);
        got.push(results);
      });
      expect(got).toHaveLength(3);
      let oks = 0;
      got.forEach((results, step) => {
        results.forEach((r, i) => {
          const p = pairs[i]!;
          const single = p.to === 'pop' ? routeToPop(ctx, times[step]!, p.from) : routeGroundToGround(ctx, times[step]!, p.from, p.to);
          expectSame(r, single, `pair ${i} step ${step} relay ${scenario.routing.allowGatewayRelay}`);
          if (r.ok) oks++;
        });
      });
      expect(oks).toBeGreaterThanOrEqual(40 * 3); // the in-band pairs route
      expect(got[0]![6]).toEqual({ ok: false, reason: 'no satellite in view above 35 deg' });
      expect(got[0]![8]).toEqual({ ok: false, reason: 'latitude 95 is outside -90..90 degrees' });
    }
  });
});

describe('route --pairs / --cities (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'leo-batch-'));
  const pairsPath = join(dir, 'pairs.csv');
  writeFileSync(pairsPath, 'From,To\nLondon,New York City\n"-33.9,151.2",Auckland\nSeattle,pop\n');
  const window = ['--start', '2026-01-01T00:00:00Z', '--duration', '120', '--step', '60'];

  async function single(from: string, to: string): Promise<{ ok: boolean; oneWayMs?: number; rttMs?: number; satelliteHops?: number }[]> {
    const r = await run('route', SCENARIO, '--from', from, '--to', to, ...window, '--json');
    expect(r.code, r.err).toBe(0);
    return (JSON.parse(r.out) as { samples: { ok: boolean; oneWayMs?: number }[] }).samples;
  }

  it('CSV: one row per pair and step, numbers equal to single routes within 1e-9 ms', async () => {
    const r = await run('route', SCENARIO, '--pairs', pairsPath, ...window, '--format', 'csv');
    expect(r.code, r.err).toBe(0);
    const rows = Papa.parse<Record<string, string>>(r.out, { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(3 * 3);
    expect(rows.map((x) => x.t)).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-01T00:01:00.000Z', '2026-01-01T00:01:00.000Z', '2026-01-01T00:01:00.000Z', '2026-01-01T00:02:00.000Z', '2026-01-01T00:02:00.000Z', '2026-01-01T00:02:00.000Z']);
    expect(rows[0]).toMatchObject({ pair: '0', from: 'London GB', to: 'New York City US' });
    expect(rows[1]).toMatchObject({ from: '-33.9, 151.2', to: 'Auckland NZ', fromLatDeg: '-33.9', fromLonDeg: '151.2' });
    expect(rows[2]).toMatchObject({ from: 'Seattle US', to: 'pop', toLatDeg: '' });
    const refs = [await single('London', 'New York City'), await single('-33.9,151.2', 'Auckland'), await single('Seattle', 'pop')];
    rows.forEach((row, k) => {
      const ref = refs[Number(row.pair)]![Math.floor(k / 3)]!;
      expect(row.ok).toBe(String(ref.ok));
      expect(ref.ok).toBe(true);
      expect(Math.abs(Number(row.oneWayMs) - ref.oneWayMs!)).toBeLessThan(TOL_MS);
      expect(Math.abs(Number(row.rttMs) - ref.rttMs!)).toBeLessThan(TOL_MS);
      expect(Number(row.satelliteHops)).toBe(ref.satelliteHops);
      expect(row.path!.split(' > ')[0]).toBe(row.from);
    });
  });

  it('NDJSON from a city list: every ordered pair (a matrix), equal to single routes', async () => {
    const r = await run('route', SCENARIO, '--cities', 'London;Frankfurt am Main;-33.9,151.2', ...window, '--format', 'ndjson');
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as { pair: number; from: string; to: string; t: string; ok: boolean; oneWayMs?: number; path?: string[]; reason?: string });
    expect(lines).toHaveLength(6 * 3);
    expect(lines.slice(0, 6).map((l) => `${l.from} -> ${l.to}`)).toEqual([
      'London GB -> Frankfurt am Main DE', 'London GB -> -33.9, 151.2',
      'Frankfurt am Main DE -> London GB', 'Frankfurt am Main DE -> -33.9, 151.2',
      '-33.9, 151.2 -> London GB', '-33.9, 151.2 -> Frankfurt am Main DE',
    ]);
    const ref = await single('Frankfurt am Main', '-33.9,151.2');
    const mine = lines.filter((l) => l.pair === 3);
    expect(mine).toHaveLength(3);
    mine.forEach((l, step) => {
      expect(l.ok).toBe(ref[step]!.ok);
      expect(Math.abs(l.oneWayMs! - ref[step]!.oneWayMs!)).toBeLessThan(TOL_MS);
      expect(l.path![0]).toBe('Frankfurt am Main DE');
      expect(l.path![l.path!.length - 1]).toBe('-33.9, 151.2');
    });
  });

  it('--cities with --to pop routes each place to the Internet; the table summarises per pair', async () => {
    const r = await run('route', SCENARIO, '--cities', 'Seattle,Tokyo', '--to', 'pop', ...window);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/2 pair\(s\) x 3 step\(s\)/);
    expect(r.out).toMatch(/Seattle US\s+pop\s+3\/3/);
    const ref = await single('Seattle', 'pop');
    const min = Math.min(...ref.map((s) => s.rttMs!));
    expect(r.out).toContain(min.toFixed(2));
  });

  it('bad pairs files: every unusable row with its line, and what the header must be', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'from,to\nLondon,Pariss\n"95,0",Tokyo\nLondon,New York City\n');
    const r = await run('route', SCENARIO, '--pairs', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.csv: 2 unusable rows/);
    expect(r.err).toMatch(/line 2: "Pariss" is neither/);
    expect(r.err).toMatch(/line 3: "95,0" is not a valid lat,lon/);
    const noHeader = join(dir, 'noheader.csv');
    writeFileSync(noHeader, 'London,Paris\n');
    const h = await run('route', SCENARIO, '--pairs', noHeader);
    expect(h.code).toBe(2);
    expect(h.err).toMatch(/no "from" column; the first line must be a header such as "from,to"/);
    const both = await run('route', SCENARIO, '--pairs', noHeader, '--from', '1,2');
    expect(both.err).toMatch(/--from is for a single route/);
  });

  it('the shipped examples run (README): pairs.csv, cities.txt and the K1 TLE file', async () => {
    const p = await run('route', SCENARIO, '--pairs', 'assets/examples/pairs.csv', '--format', 'csv');
    expect(p.code, p.err).toBe(0);
    const rows = Papa.parse<Record<string, string>>(p.out, { header: true, skipEmptyLines: true }).data;
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.every((x) => x.ok === 'true')).toBe(true);
    const c = await run('route', SCENARIO, '--cities', 'assets/examples/cities.txt', '--format', 'ndjson');
    expect(c.code, c.err).toBe(0);
    expect(c.out.trim().split('\n')).toHaveLength(5 * 4);
    const t = await run('route', 'assets/examples/kuiper-k1.tle', '--from', '51.5,-0.1', '--to', 'pop', '--duration', '600', '--step', '60', '--json');
    expect(t.code, t.err).toBe(0);
    const samples = (JSON.parse(t.out) as { samples: { ok: boolean; hops: { kind: string; id: string }[] }[] }).samples;
    expect(samples).toHaveLength(11);
    expect(samples.every((s) => s.ok && s.hops[1]!.kind === 'satellite' && /^K1-P\d\d-S\d\d$/.test(s.hops[1]!.id))).toBe(true);
  });
});
