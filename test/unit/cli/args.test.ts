// Argument parsing: negative numbers as option values (with and without "="), clear messages for
// bad values, places (lat,lon or city names), help. The CLI runs in-process (main) on real files.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeArgs } from '../../../src-main/cli/index';
import { clean } from '../../../src-main/cli/io';
import { parsePlace } from '../../../src-main/cli/places';
import { runMain as run } from './helpers';

const SCENARIO = 'assets/scenarios/default.json';

describe('normalizeArgs', () => {
  it('joins a value option with a following negative number, leaves everything else alone', () => {
    expect(normalizeArgs(['--from', '-33.9,151.2', '--to', 'pop'])).toEqual(['--from=-33.9,151.2', '--to', 'pop']);
    expect(normalizeArgs(['--min-elevation', '-5', '--json'])).toEqual(['--min-elevation=-5', '--json']);
    expect(normalizeArgs(['--to', '-.5,3'])).toEqual(['--to=-.5,3']);
    expect(normalizeArgs(['--from=-33.9,151.2'])).toEqual(['--from=-33.9,151.2']);
    // A boolean flag never takes a value; "--" ends options.
    expect(normalizeArgs(['--json', '-5'])).toEqual(['--json', '-5']);
    expect(normalizeArgs(['--', '--from', '-1,2'])).toEqual(['--', '--from', '-1,2']);
    // A value that is another option, or none at all: a clear error.
    expect(() => normalizeArgs(['--from', '--to', 'pop'])).toThrow(/--from needs a value, but the next argument is the option "--to"/);
    expect(() => normalizeArgs(['--to'])).toThrow(/--to needs a value/);
  });
});

describe('negative numbers on the command line', () => {
  it('--from -33.9,151.2 and --from=-33.9,151.2 route the same point (Sydney)', async () => {
    const a = await run('route', SCENARIO, '--from', '-33.9,151.2', '--to', 'pop', '--json');
    const b = await run('route', SCENARIO, '--from=-33.9,151.2', '--to', 'pop', '--json');
    expect(a.err).toBe('');
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const ja = JSON.parse(a.out) as { samples: { ok: boolean; oneWayMs: number; hops: { kind: string; latDeg: number; lonDeg: number }[] }[] };
    const jb = JSON.parse(b.out) as typeof ja;
    expect(ja.samples[0]!.ok).toBe(true);
    expect(ja.samples[0]!.hops[0]).toMatchObject({ kind: 'ground', latDeg: -33.9, lonDeg: 151.2 });
    expect(jb.samples[0]!.oneWayMs).toBe(ja.samples[0]!.oneWayMs);
  });

  it('a negative --to point and a negative numeric option value parse too', async () => {
    const r = await run('route', SCENARIO, '--from', '-33.87,151.21', '--to', '-36.85,174.76', '--start', '2026-01-01T00:10:00Z', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { samples: { hops: { kind: string; latDeg: number }[] }[] };
    const hops = j.samples[0]!.hops;
    expect(hops[hops.length - 1]).toMatchObject({ kind: 'ground', latDeg: -36.85 });
    // -5 is a number, and the message says what the range is.
    const neg = await run('route', SCENARIO, '--from', '1,2', '--to', 'pop', '--min-elevation', '-5');
    expect(neg.code).toBe(2);
    expect(neg.err).toMatch(/--min-elevation must be at least 0, got -5/);
    const negEq = await run('route', SCENARIO, '--from', '1,2', '--to', 'pop', '--min-elevation=-5');
    expect(negEq.err).toBe(neg.err);
  });

  it('bad values: what is wrong and how to fix it, exit 2, no stack trace', async () => {
    const cases: [string[], RegExp][] = [
      [['route', SCENARIO, '--from', '-95,10', '--to', 'pop'], /--from "-95,10" is not a valid lat,lon: latitude must be within ±90/],
      [['route', SCENARIO, '--from', '10,10', '--to', 'pop', '--duration', 'abc'], /--duration "abc" is not a number/],
      [['route', SCENARIO, '--from', '10,10', '--to', 'pop', '--step', '-60'], /--step must be at least 0.001, got -60/],
      [['propagate', SCENARIO, '--at', '2026-01-01T00:00:00Z', '--limit', '-3'], /--limit must be at least 1, got -3/],
      [['route', SCENARIO, '--from', '--to', 'pop'], /--from needs a value, but the next argument is the option "--to"/],
      [['route', SCENARIO, '--from', 'Atlantis City', '--to', 'pop'], /"Atlantis City" is neither "lat,lon", a city name, nor a known gateway id/],
      [['route', SCENARIO, '--frobnicate'], /Unknown option '--frobnicate'/],
      [['route', SCENARIO, '--cities', 'London,Pariss'], /"Pariss" is neither "lat,lon" nor a city name .*did you mean Paris FR/],
      [['route', SCENARIO, '--cities', 'London,Paris', '--format', 'xml'], /--format must be csv, ndjson or table, got "xml"/],
    ];
    for (const [argv, re] of cases) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(re);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('--help anywhere prints the usage and exits 0; no command prints it and exits 2', async () => {
    const h = await run('route', '--help');
    expect(h.code).toBe(0);
    expect(h.out).toMatch(/^usage: leo-planner <command>/);
    expect(h.out).toMatch(/--pairs pairs\.csv/);
    const none = await run();
    expect(none.code).toBe(2);
    expect(none.out).toMatch(/^usage:/);
  });
});

describe('places', () => {
  it('city names ignore case and accents, take an optional country code, and pick the most populous', () => {
    const sp = parsePlace('sao paulo');
    expect(sp.label).toBe('São Paulo BR');
    expect(sp.point.latDeg).toBeCloseTo(-23.55, 1);
    expect(parsePlace('São Paulo').point).toEqual(sp.point);
    const paris = parsePlace('Paris');
    expect(paris.label).toBe('Paris FR');
    expect(parsePlace('Paris, FR').point).toEqual(paris.point);
    expect(parsePlace('Paris (FR)').point).toEqual(paris.point);
    expect(parsePlace('  -33.9 , 151.2 ').point).toEqual({ latDeg: -33.9, lonDeg: 151.2 });
    expect(() => parsePlace('Londn')).toThrow(/did you mean London GB/);
  });

  it('control characters in names are shown as escapes, never sent to the terminal', () => {
    expect(clean('evil\x1b]0;pwned\x07name')).toBe('evil\\x1b]0;pwnedx07name'.replace('x07', '\\x07'));
    expect(clean('a\tb\nc\r\u009bd\u202ee')).toBe('a b c\\x0d\\x9bd\\u202ee');
    expect(clean('Zürich — São Paulo')).toBe('Zürich — São Paulo');
  });

  it('a satellite name with escape sequences from a TLE file prints as visible text in tables', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leo-esc-'));
    const lines = readFileSync('assets/examples/kuiper-k1.tle', 'utf8').split('\n').slice(0, 3);
    lines[0] = 'EVIL\x1b[2J\x1b]0;owned\x07SAT';
    const file = join(dir, 'evil.tle');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = await run('propagate', file, '--at', '2026-01-01T00:00:00Z');
    expect(r.code).toBe(0);
    expect(r.out).toContain('EVIL\\x1b[2J\\x1b]0;owned\\x07SAT');
    // eslint-disable-next-line no-control-regex
    expect(r.out).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
    // JSON keeps the name exactly (JSON.stringify escapes control characters itself).
    const j = await run('propagate', file, '--at', '2026-01-01T00:00:00Z', '--json');
    expect((JSON.parse(j.out) as { satellites: { name: string }[] }).satellites[0]!.name).toBe(lines[0]);
  });
});
