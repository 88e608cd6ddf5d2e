// The bad-input corpus (test/fixtures/bad-input): every file gets a clear, specific message (what,
// where, how to fix) or loads exactly what is valid; nothing throws, nothing hangs. Hostile large
// inputs are generated here and must parse in time proportional to their size (the vitest timeout
// would catch a quadratic parser: minutes instead of well under a second).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseElementSets } from '../../../src-core/constellation/omm';
import { findJsonSyntaxError } from '../../../src-core/scenario/jsonSyntax';
import { parseScenario } from '../../../src-core/scenario/schema';
import { decodeTextFile } from '../../../src-core/scenario/textEncoding';
import { parseIsoStrict } from '../../../src-core/time/iso';
import { runMain } from '../cli/helpers';

const DIR = fileURLToPath(new URL('../../fixtures/bad-input/', import.meta.url));
const decoder = (enc: string) => new TextDecoder(enc, { fatal: true });

/** What a user would see: the decode problem, or the parse result's messages, one string. */
function open(name: string): { ok: boolean; text: string; sets?: number; warnings?: string } {
  const d = decodeTextFile(new Uint8Array(readFileSync(DIR + name)), decoder);
  if (!d.ok) return { ok: false, text: d.message };
  if (name.includes('.leo.json')) {
    const r = parseScenario(d.text);
    return r.ok ? { ok: true, text: '', warnings: r.warnings.map((p) => `${p.path}: ${p.message}`).join('\n') } : { ok: false, text: r.problems.map((p) => `${p.path}: ${p.message}`).join('\n') };
  }
  const r = parseElementSets(d.text);
  return { ok: r.ok, text: r.problems.map((p) => p.message).join('\n'), sets: r.sets.length };
}

// file -> expected: ok (loads cleanly), or a pattern the message must match, with the usable sets left.
// `warn`: a scenario that loads with this warning (unknown keys: kept, reported, not used).
const EXPECTED: Record<string, { ok?: true; msg?: RegExp; sets?: number; warn?: RegExp }> = {
  'scenario-nan.leo.json': { msg: /line 4, column \d+: NaN is not JSON: write null/ },
  'scenario-infinity.leo.json': { msg: /line \d+, column \d+: Infinity is not JSON/ },
  'scenario-python-true.leo.json': { msg: /line 4, column \d+: True is Python, not JSON: write true/ },
  'scenario-trailing-comma.leo.json': { msg: /line \d+, column \d+: a comma before \} is not allowed/ },
  'scenario-single-quotes.leo.json': { msg: /line 3, column 3: JSON keys and strings use double quotes/ },
  'scenario-truncated.leo.json': { msg: /line \d+, column \d+: .*(cut short|never closed)/ },
  'scenario-empty.leo.json': { msg: /the file is empty/ },
  'scenario-feb30.leo.json': { msg: /analysis\.startUtc: .*2026-02 has no day 30/ },
  'scenario-no-zone.leo.json': { msg: /epochUtc: .*has no time zone.*add Z/ },
  'scenario-10M-satellites.leo.json': { msg: /asks for 10,000,000 satellites.*limit is 100,000/ },
  'scenario-tle-letter.leo.json': { msg: /constellation\.elementSets\[0\]\.line2: .*(checksum|inclination)/ },
  'scenario-bom.leo.json': { ok: true },
  'scenario-utf16.leo.json': { ok: true },
  'scenario-version-99.leo.json': { msg: /format version 99, newer than this app understands/ },
  'scenario-formatversion-last.leo.json': { ok: true },
  'scenario-unknown-key.leo.json': { ok: true, warn: /^gateways\[0\]\.minElevationDegrees: unknown key .*did you mean `minElevationDeg`\?$/ },
  'scenario-array.leo.json': { msg: /must be a JSON object/ },
  'scenario-deep.leo.json': { msg: /must be a JSON object/ },
  'omm-inclination-200.json': { msg: /INCLINATION 200 is outside 0\.\.180/, sets: 1 },
  'omm-epoch-feb30.json': { msg: /EPOCH .*2025-02 has no day 30/, sets: 0 },
  'omm-python-none.json': { msg: /line 1, column \d+: None is Python, not JSON: write null/, sets: 0 },
  'omm-raan-720.xml': { msg: /line \d+: record 2 .*RA_OF_ASC_NODE 720 is outside 0\.\.360/, sets: 1 },
  'omm-doctype.xml': { msg: /line 2: <!DOCTYPE> declarations are not allowed/, sets: 0 },
  'omm-entity-bomb.xml': { msg: /line 2: <!DOCTYPE> declarations are not allowed/, sets: 0 },
  'omm-units-cdata.xml': { ok: true, sets: 1 },
  'omm-unclosed.xml': { msg: /never closed|closes/, sets: 0 },
  'omm-mismatched.xml': { msg: /line \d+: <\/meanelements> closes <meanElements>/, sets: 0 },
  'tle-one-bad-of-three.tle': { msg: /line 3: checksum is \d but the line's digits sum to \d/, sets: 2 },
  'tle-escape-in-name.tle': { ok: true, sets: 1 },
  'tle-crlf-tabs.tle': { ok: true, sets: 1 },
  'tle-utf16.tle': { ok: true, sets: 1 },
  'tle-binary.tle': { msg: /not a text file/ },
  // Parses (the elements are well formed); propagating it fails with the reason (test below).
  'tle-all-decayed.tle': { ok: true, sets: 2 },
};

describe('bad-input corpus', () => {
  const files = readdirSync(DIR).filter((f) => !f.endsWith('.md') && !f.endsWith('.py') && !f.endsWith('.ts'));
  it('every corpus file has an expected outcome, and every expectation a file', () => {
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });
  it.each(Object.entries(EXPECTED))('%s', (name, want) => {
    const r = open(name);
    if (want.ok) expect(r.text).toBe('');
    else expect(r.text).toMatch(want.msg!);
    expect(r.ok).toBe(!!want.ok);
    if (want.sets !== undefined) expect(r.sets).toBe(want.sets);
    if (r.warnings !== undefined) expect(r.warnings).toMatch(want.warn ?? /^$/);
  });
});

const REC = { OBJECT_NAME: 'SAT', EPOCH: '2025-01-01T12:00:00.000000', MEAN_MOTION: 14.8, ECCENTRICITY: 0.0001, INCLINATION: 51.9, RA_OF_ASC_NODE: 100, ARG_OF_PERICENTER: 90, MEAN_ANOMALY: 10, NORAD_CAT_ID: 1, BSTAR: 0.0001, MEAN_MOTION_DOT: 0, MEAN_MOTION_DDOT: 0 };
const xmlRecord = (i: number): string => `<omm><body><segment><data><meanElements>${Object.entries({ ...REC, NORAD_CAT_ID: i + 1 }).map(([k, v]) => `<${k}>${v}</${k}>`).join('')}</meanElements></data></segment></body></omm>\n`;
const TLE = ['1 00005U 58002B   00179.78495062  .00000023  00000-0  28098-4 0  4753', '2 00005  34.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667'];

describe('hostile sizes stay linear', () => {
  it('20,000-record OMM XML parses with a line number for a bad last record', () => {
    const body = Array.from({ length: 20_000 }, (_, i) => xmlRecord(i)).join('');
    const r = parseElementSets(`<ndm>\n${body}<omm><body><INCLINATION>900</INCLINATION></body></omm>\n</ndm>`);
    expect(r.sets).toHaveLength(20_000);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.message).toMatch(/^line 20002: record 20001/);
  });
  it('an <omm> that is never closed is reported once, without rescanning', () => {
    const r = parseElementSets(`<ndm>${'<omm><x>1</x>'.repeat(50_000)}`);
    expect(r.sets).toHaveLength(0);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.message).toMatch(/never closed/);
  });
  it('a TLE file with megabyte whitespace runs parses (no backtracking regex)', () => {
    const ws = ' \t'.repeat(500_000);
    const r = parseElementSets(`SAT${ws}x\n${TLE[0]}\n${TLE[1]}${ws}\n${ws}\n`);
    expect(r.sets).toHaveLength(1);
  });
  it('a JSON file nested 100,000 deep gets a message, not a stack overflow', () => {
    const err = findJsonSyntaxError('['.repeat(100_000));
    expect(err?.message).toMatch(/cut short/);
  });
});

describe('properties (fast-check)', () => {
  it('findJsonSyntaxError is null exactly when JSON.parse accepts the text', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', 'NaN', 'True', ' ', ':', '{', '['), fc.boolean(), (json, at, insert, cut) => {
        const k = json.length ? at % json.length : 0;
        const text = cut ? json.slice(0, k) : json.slice(0, k) + insert + json.slice(k);
        let valid = true;
        try { JSON.parse(text); } catch { valid = false; }
        const err = findJsonSyntaxError(text);
        expect(err === null).toBe(valid);
        if (err) expect(err.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 2000, seed: 15 },
    );
  });
  it('mutated scenario, OMM and TLE text never throws and never loads a record it reports as bad', () => {
    const base = [JSON.stringify({ formatVersion: 1, constellation: { elementSets: [{ format: 'tle', name: 'A', line1: TLE[0], line2: TLE[1] }] } }), xmlRecord(0), `${TLE[0]}\n${TLE[1]}\n`, JSON.stringify([REC])];
    fc.assert(
      fc.property(fc.constantFrom(...base), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.string({ maxLength: 3 })), { maxLength: 4 }), (src, edits) => {
        let text = src;
        for (const [a, b, s] of edits) {
          const i = a % (text.length + 1), j = Math.min(text.length, i + (b % 4));
          text = text.slice(0, i) + s + text.slice(j);
        }
        const sc = parseScenario(text);
        if (!sc.ok) expect(sc.problems.length).toBeGreaterThan(0);
        const el = parseElementSets(text);
        // Every set either loads or is reported; a file with problems is not ok.
        expect(el.ok).toBe(el.problems.length === 0);
      }),
      { numRuns: 1500, seed: 16 },
    );
  });
  it('strict ISO times agree with Date.parse wherever both accept a zoned time', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString();
        const r = parseIsoStrict(iso);
        expect(r.ok && r.utcMs).toBe(d.getTime());
      }),
      { numRuns: 500, seed: 17 },
    );
    expect(parseIsoStrict('2024-02-29T00:00:00Z').ok).toBe(true);
    expect(parseIsoStrict('2025-02-29T00:00:00Z').ok).toBe(false);
    expect(parseIsoStrict('2026-01-01T00:00:00+02:00')).toEqual({ ok: true, utcMs: Date.parse('2025-12-31T22:00:00Z') });
  });
});

describe('format detection (detectFileKind)', () => {
  it('looks at the parsed structure, not at where a key sits in the text', async () => {
    const { detectFileKind } = await import('../../../src-core/scenario/detect');
    const filler = Array.from({ length: 2000 }, (_, i) => `"k${i}": ${i}`).join(', ');
    expect(detectFileKind(`{"constellation": {}, "notes": "x", ${filler}, "formatVersion": 1}`, 'a.json')).toBe('scenario');
    expect(detectFileKind(`[{"OBJECT_NAME": "formatVersion 1", "MEAN_MOTION": 15, "NORAD_CAT_ID": 1}]`, 'a.json')).toBe('omm-json');
    expect(detectFileKind(`{"OBJECT_NAME": "has \\"formatVersion\\": 1", "MEAN_MOTION": 15}`, 'b.json')).toBe('omm-json');
    expect(detectFileKind('\ufeff  <?xml version="1.0"?><ndm/>')).toBe('omm-xml');
    expect(detectFileKind('{"formatVersion": 1, NaN}', 'x.leo.json')).toBe('scenario');
    expect(detectFileKind(`ISS\n${TLE[0]}\n${TLE[1]}`, 'x.txt')).toBe('tle');
  });
});

describe('corpus through the CLI', () => {
  it('propagate on a file whose satellites have all decayed exits 1 and says why for each', async () => {
    const r = await runMain('propagate', `${DIR}tle-all-decayed.tle`, '--at', '2026-01-02T00:00:00Z');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no usable element sets/);
    expect(r.err).toMatch(/DECAYED 1\): SGP4 cannot initialise these elements \(satellite has decayed\)/);
    expect(r.err).toMatch(/DECAYED 2\): SGP4 cannot initialise/);
  });
  it('validate lists unknown keys with a did-you-mean and exits 0', async () => {
    const r = await runMain('validate', `${DIR}scenario-unknown-key.leo.json`);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/gateways\[0\]\.minElevationDegrees: .*did you mean `minElevationDeg`\?/);
  });
});
