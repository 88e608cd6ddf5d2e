// The generated bad-input corpus (test/fixtures/bad-input/generate.ts, several hundred files) run
// through the CLI's code paths: `validate` and `propagate` for scenario and element-set files,
// `import --into` for gateway/PoP files (and `validate` for those too: a user will try it). Every run
// must end in either a success that accounts for every record, or a non-zero exit with a message
// that says what is wrong and where (line, column, record, row or JSON path; or a whole-file
// reason). Never an uncaught exception or stack trace, never raw control characters on the
// terminal, never a hang: each run well under PER_RUN_MS. A sample is also run through the real
// CLI entry (a spawned node process) for the same checks.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, type CorpusCase } from '../../fixtures/bad-input/generate';
import fc from 'fast-check';
import { decodeTextFile, firstInvalidUtf8 } from '../../../src-core/scenario/textEncoding';
import { runMain, spawnCli } from '../cli/helpers';

/** Tolerance per CLI run (in-process). Linear parsers take milliseconds here; a quadratic one takes minutes. */
const PER_RUN_MS = 2000;
/**
 * Files at the stated limits (10^5 element sets, 2*10^4 sites, 10^5-deep nesting) get more: they are
 * parsed in full before the limit refuses them. Linear, but seconds on this shared machine.
 */
const HUGE_RUN_MS = 15_000;
const AT = '2025-01-01T12:00:00Z';
const CORPUS = generateCorpus();
const MIN_CASES = 700;

// What a terminal must never receive raw: C0 (except newline), DEL, C1, bidi overrides/isolates.
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const STACK = /internal error|\n\s+at .+:\d+:\d+\)?|TypeError|RangeError|SyntaxError: |ReferenceError|Maximum call stack/;
// Where the problem is: a line/column/record/row/feature/placemark, a JSON path, or a whole-file reason.
const WHERE = /line \d+|column \d+|record \d+|row \d+|feature \d+|placemark \d+|^ {2}[\w$]+(\[\d+\])?(\.[\w$]+(\[\d+\])?)*: |\(file\)|\(root\)|the file|not a text file|is empty|no usable element sets|no satellites|nothing usable/m;

interface Run {
  code: number;
  out: string;
  err: string;
  ms: number;
}

async function timed(argv: string[]): Promise<Run> {
  const t0 = performance.now();
  try {
    const r = await runMain(...argv);
    return { ...r, ms: performance.now() - t0 };
  } catch (e) {
    // What the real entry (runCli) would print for an exception main() does not turn into a message.
    return { code: 70, out: '', err: `internal error: ${(e as Error).stack ?? String(e)}`, ms: performance.now() - t0 };
  }
}

/** Records in an element-set text, counted independently of the parsers (for "accounts for every record"). */
function elementRecords(name: string, text: string): number | null {
  if (/\.tle$/.test(name)) return text.split(/\r\n|\r|\n/).filter((l) => /^1 [\dA-Z ]{5}/.test(l)).length;
  if (/\.kvn$/.test(name)) return (text.match(/CCSDS_OMM_VERS/g) ?? []).length;
  return null;
}

/** Every rule a run must keep; the list of broken ones (empty when the run is fine). */
function violations(k: CorpusCase, cmd: string, r: Run, text: string | null): string[] {
  const bad: string[] = [];
  const all = `${r.out}\n${r.err}`;
  if (![0, 1, 2].includes(r.code)) bad.push(`exit code ${r.code}`);
  if (STACK.test(all)) bad.push(`stack trace or internal error: ${all.slice(0, 300)}`);
  if (RAW_CONTROL.test(all)) bad.push(`raw control character in output: ${JSON.stringify(all.match(RAW_CONTROL)![0])}`);
  if (r.ms > (k.cls === 'huge-counts' ? HUGE_RUN_MS : PER_RUN_MS)) bad.push(`took ${Math.round(r.ms)} ms`);
  if (r.code !== 0) {
    if (!/^error: \S/.test(r.err)) bad.push(`exit ${r.code} without an "error:" message: ${r.err.slice(0, 200)}`);
    else if (!WHERE.test(r.err)) bad.push(`message does not say where: ${r.err.slice(0, 300)}`);
  } else if (cmd === 'validate' && k.kind === 'elements' && text !== null) {
    const want = elementRecords(k.name, text);
    const got = /— (\d+) element sets/.exec(r.out)?.[1];
    if (want !== null && got !== undefined && Number(got) !== want) bad.push(`validate ok with ${got} element sets, the file has ${want}`);
  }
  return bad;
}

let dir = '';
let into = '';
const paths = new Map<string, string>();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'leo-bad-input-'));
  for (const k of CORPUS) {
    const p = join(dir, k.name);
    writeFileSync(p, k.bytes);
    paths.set(k.name, p);
  }
  into = paths.get('scenario-v2-valid.leo.json')!;
});
// Each command's first run loads its modules (seconds under load): done once here, outside the timings.
beforeAll(async () => {
  await runMain('validate', paths.get('sites-csv-valid.csv')!);
  await runMain('import', paths.get('sites-csv-valid.csv')!, '--into', into, '-o', join(dir, 'warm.leo.json'));
  await runMain('propagate', into, '--at', AT, '--limit', '1');
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The text as the CLI decodes it (BOMs, UTF-16), for counting records independently; null when it is not text. */
const decode = (b: Uint8Array): string | null => {
  const d = decodeTextFile(b, (enc) => new TextDecoder(enc, { fatal: true }));
  return d.ok ? d.text.replace(/^\uFEFF+/, '') : null;
};

async function runCase(k: CorpusCase): Promise<string[]> {
  const p = paths.get(k.name)!;
  const text = decode(k.bytes);
  const bad: string[] = [];
  const check = (cmd: string, r: Run) => bad.push(...violations(k, cmd, r, text).map((v) => `${k.name} [${cmd}]: ${v}`));
  check('validate', await timed(['validate', p]));
  if (k.kind === 'sites') check('import', await timed(['import', p, '--into', into, '-o', join(dir, `out-${k.name}.leo.json`)]));
  else check('propagate', await timed(['propagate', p, '--at', AT, '--limit', '3']));
  return bad;
}

describe('generated bad-input corpus', () => {
  it(`has several hundred cases (at least ${MIN_CASES}), deterministic, across every class`, () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(MIN_CASES);
    const again = generateCorpus();
    expect(again.map((k) => k.name)).toEqual(CORPUS.map((k) => k.name));
    expect(again.every((k, i) => Buffer.from(k.bytes).equals(Buffer.from(CORPUS[i]!.bytes)))).toBe(true);
    const classes = new Set(CORPUS.map((k) => k.cls));
    for (const cls of ['truncated', 'encoding-utf16le', 'encoding-invalid-utf8', 'encoding-latin1', 'zip-renamed', 'binary', 'empty', 'whitespace-run', 'long-line', 'deep-nesting', 'huge-counts', 'duplicates', 'dates', 'control-chars-in-names', 'xml', 'scenario-wrong-type-or-range', 'scenario-raw-number-token', 'tle-field', 'omm-field', 'sites-field']) {
      expect(classes, cls).toContain(cls);
    }
  });

  // Split in slices so one slow file shows where it is, and each slice gets its own timeout.
  const SLICES = 8;
  const per = Math.ceil(CORPUS.length / SLICES);
  for (let s = 0; s < SLICES; s++) {
    const slice = CORPUS.slice(s * per, (s + 1) * per);
    it(`cases ${s * per + 1}..${s * per + slice.length}: a clear message or a full load, never a crash, hang or raw control character`, async () => {
      const bad: string[] = [];
      for (const k of slice) bad.push(...(await runCase(k)));
      expect(bad).toEqual([]);
    }, 60_000);
  }

  it('the valid bases load in full', async () => {
    for (const k of CORPUS.filter((c) => c.cls === 'valid')) {
      const r = await timed(k.kind === 'sites' ? ['import', paths.get(k.name)!, '--into', into, '-o', join(dir, 'valid-out.leo.json')] : ['validate', paths.get(k.name)!]);
      expect(r.code, `${k.name}: ${r.err}`).toBe(0);
      expect(r.err, k.name).toBe(''); // nothing rejected
    }
  });
});

// The classes that failed before the fixes that came with this corpus: each with the message it gets now.
const FIXED: [name: string, argv: 'validate' | 'propagate', code: number, message: RegExp][] = [
  ['sites-csv-valid.csv', 'validate', 0, /ok: .* 2 gateways and 1 PoPs \(csv\)/],
  ['sites-kml-valid.kml', 'validate', 0, /ok: .* 2 gateways and 1 PoPs \(kml\)/],
  ['sites-geojson-valid.geojson', 'validate', 0, /ok: .* 2 gateways and 1 PoPs \(geojson\)/],
  ['sites-lat_deg-letters.csv', 'validate', 1, /row 3: .*lat/i],
  ['sites-header-only.csv', 'validate', 1, /\(file\): no gateway or PoP records found/],
  ['sites-csv-valid.csv', 'propagate', 1, /is a gateway\/PoP file .*leo-planner import/],
  ['sites-csv-mixed-eol.csv', 'validate', 0, /ok: .* 2 gateways and 1 PoPs/],
  ['tle-100001-records-3line.tle', 'validate', 1, /holds 100,001 element sets; the limit is 100,000 satellites/],
  ['omm-100001.json', 'propagate', 1, /holds 100,001 element sets; the limit is 100,000/],
  ['omm-kvn-wrong-units.kvn', 'validate', 1, /line \d+: INCLINATION is given in \[rad\], but OMM INCLINATION is in \[deg\]/],
  ['omm-kvn-units.kvn', 'validate', 0, /1 element sets/],
  ['omm-BSTAR-huge.json', 'validate', 1, /record 2 .*BSTAR 1e\+308 is outside \(-1, 1\)/],
  ['omm-MEAN_MOTION_DOT-out-of-range.xml', 'validate', 1, /line \d+: record 2 .*MEAN_MOTION_DOT 720 is outside/],
  ['tle-eccentricity-blank.tle', 'validate', 1, /line 3: eccentricity is blank/],
  ['scenario-analysis.stepS-tiny.leo.json', 'validate', 1, /analysis\.stepS: .*time step must be at least 1 s/],
  ['scenario-analysis.durationS-huge.leo.json', 'validate', 1, /analysis\.durationS/],
  ['scenario-v2-latin1.leo.json', 'validate', 1, /not valid UTF-8 text at line 3 \(byte [\d,]+ is 0xE9, perhaps Latin-1/],
  ['tle-3line-invalid-utf8.tle', 'propagate', 1, /not valid UTF-8 text at line 2 \(byte 21 is 0xFF/],
];

describe('classes fixed with this corpus', () => {
  it.each(FIXED)('%s [%s]: exit %i, %s', async (name, cmd, code, message) => {
    const p = paths.get(name);
    expect(p, name).toBeDefined();
    const r = await runMain(...(cmd === 'validate' ? ['validate', p!] : ['propagate', p!, '--at', AT]));
    expect(r.code, r.err).toBe(code);
    expect(`${r.out}\n${r.err}`).toMatch(message);
  }, 30_000);
  it('an OMM XML units attribute other than CCSDS\'s refuses the record; the same unit spelt differently does not', async () => {
    const { parseElementSets } = await import('../../../src-core/constellation/omm');
    const k = CORPUS.find((c) => c.name === 'omm-xml-valid.xml')!;
    const xml = new TextDecoder().decode(k.bytes);
    const rad = parseElementSets(xml.replace('<INCLINATION>', '<INCLINATION units="rad">'));
    expect(rad.sets).toHaveLength(1);
    expect(rad.problems[0]!.message).toMatch(/^line \d+: record 1 \(KUIPER-P1\): line \d+: INCLINATION is given in \[rad\]/);
    expect(parseElementSets(xml.replace(/<MEAN_MOTION>/g, '<MEAN_MOTION units="rev/DAY">')).sets).toHaveLength(2);
  });
});

describe('firstInvalidUtf8 (where a UTF-8 decode failed)', () => {
  it('finds a bad byte exactly when TextDecoder refuses the bytes (fast-check)', () => {
    const dec = new TextDecoder('utf-8', { fatal: true });
    const tricky = [0x41, 0x0a, 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xa0, 0x90, 0x8f, 0x9f];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tricky), { maxLength: 8 }), (arr) => {
        const b = Uint8Array.from(arr);
        let ok = true;
        try {
          dec.decode(b);
        } catch {
          ok = false;
        }
        expect(firstInvalidUtf8(b) < 0).toBe(ok);
      }),
      { numRuns: 5000, seed: 15 },
    );
  });
});

describe('generated corpus through the real CLI process (a sample)', () => {
  const SAMPLE = ['scenario-v2-utf16be.leo.json', 'zip-as-leojson.leo.json', 'tle-name-ansi-colour.tle', 'omm-xml-doctype-file-entity.xml', 'scenario-deep-array.leo.json', 'scenario-huge-walker-10M.leo.json', 'tle-3line-invalid-utf8.tle', 'omm-kvn-cut-77.kvn'];
  it.each(SAMPLE)('%s: a message or a full load, no stack trace, no raw control characters', async (name) => {
    const k = CORPUS.find((c) => c.name === name);
    expect(k, name).toBeDefined();
    for (const argv of [['validate', paths.get(name)!], ['propagate', paths.get(name)!, '--at', AT]]) {
      const t0 = performance.now();
      const r = await spawnCli(argv).done;
      const run: Run = { code: r.code ?? -1, out: r.stdout.toString('utf8'), err: r.stderr, ms: 0 };
      expect(violations(k!, argv[0]!, run, null)).toEqual([]);
      expect(r.signal).toBeNull();
      // The process starts Node and loads the CLI's modules first: a few seconds under load.
      expect(performance.now() - t0).toBeLessThan(15_000);
    }
  }, 40_000);
});
