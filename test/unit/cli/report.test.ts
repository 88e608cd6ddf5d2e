import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain } from './helpers';
import { embeddedFontNames, pdfStrings } from '../report/pdfText';

const dir = mkdtempSync(join(tmpdir(), 'leo-report-'));
const base = 'assets/scenarios/default.json';
// A short, coarse window keeps the full Kuiper evaluation quick (5 steps, H3 res 1).
const WINDOW = ['--duration', '300', '--grid-res', '1'];

describe('leo-planner report', () => {
  it('writes the PDF and the CSV from the figures analyze prints; the PDF says it has no snapshot', async () => {
    const pdf = join(dir, 'r.pdf');
    const csv = join(dir, 'r.csv');
    const r = await runMain('report', base, '-o', pdf, '--csv', csv, ...WINDOW);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const a = await runMain('analyze', base, ...WINDOW, '--json');
    const h = (JSON.parse(a.out) as { headline: { servedPct: number; p50LatencyMs: number; p95LatencyMs: number } }).headline;
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { doc, pages } = await pdfStrings(bytes);
    expect(doc.getPageCount()).toBe(3);
    const title = pages[0]!.join('\n');
    expect(title).toContain(`${h.servedPct.toFixed(2)} %`);
    expect(title).toContain(`${h.p50LatencyMs.toFixed(2)} ms`);
    expect(title).toContain(`${h.p95LatencyMs.toFixed(2)} ms`);
    expect(title).toContain('No globe snapshot: the CLI has no globe.');
    expect(readFileSync(csv, 'utf8')).toContain(`served,${h.servedPct.toFixed(2)},%`);
    // Same file, same bytes (dates from the scenario epoch).
    const again = join(dir, 'r2.pdf');
    expect((await runMain('report', base, '-o', again, ...WINDOW)).code).toBe(0);
    expect(readFileSync(again).equals(bytes)).toBe(true);
  }, 120_000);

  it('embeds DejaVu Sans: gateway names in Cyrillic, Greek and Latin Extended are in the PDF as written', async () => {
    const names = ['São Paulo', 'Łódź', 'Москва', 'Αθήνα'];
    const scenario = JSON.parse(readFileSync(base, 'utf8')) as { name: string; gateways: { name: string }[] };
    scenario.gateways.slice(0, names.length).forEach((g, i) => (g.name = names[i]!));
    scenario.name = 'Сеть Αθήνα';
    const file = join(dir, 'unicode.leo.json');
    writeFileSync(file, JSON.stringify(scenario));
    const pdf = join(dir, 'u.pdf');
    const r = await runMain('report', file, '-o', pdf, ...WINDOW);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const { doc, pages } = await pdfStrings(readFileSync(pdf));
    expect(embeddedFontNames(doc).join(' ')).toMatch(/DejaVuSans.*DejaVuSans-Bold|DejaVuSans-Bold.*DejaVuSans/);
    for (const n of names) expect(pages[2]).toContain(n);
    expect(pages[0]).toContain('Сеть Αθήνα');
  }, 120_000);

  it('usage errors exit 2 with the fix: no -o, a CSV path as -o, an element-set file', async () => {
    const noOut = await runMain('report', base);
    expect(noOut.code).toBe(2);
    expect(noOut.err).toMatch(/report needs -o <path>/);
    const csvOut = await runMain('report', base, '-o', join(dir, 'x.csv'));
    expect(csvOut.code).toBe(2);
    expect(csvOut.err).toMatch(/write the CSV with --csv/);
    const tle = await runMain('report', 'assets/examples/kuiper-k1.tle', '-o', join(dir, 'x.pdf'));
    expect(tle.code).toBe(2);
    expect(tle.err).toMatch(/not a scenario file/);
  });
});
