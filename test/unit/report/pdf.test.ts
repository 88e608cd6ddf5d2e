import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src-core/constellation';
import { createCoverageEvaluator, latencyHistogram } from '../../../src-core/coverage';
import { Propagator } from '../../../src-core/orbit';
import { buildReportContent, pdfSafe, charsetOf, TABLE_ROWS_PER_PAGE, writeReportPdf, type ReportInput } from '../../../src-core/report';
import { defaultScenario } from '../../../src-core/scenario/default';
import type { Scenario } from '../../../src-core/scenario/schema';
import { loadReportFonts } from '../../../src-main/cli/reportFonts';
import { embeddedFontNames, pdfStrings } from './pdfText';

// A small Kuiper-like shell and a short window keep the evaluation quick (6 x 8 satellites, 10 steps, H3 res 1).
function small(): Scenario {
  const s = defaultScenario();
  const shell = { ...s.constellation.shells[0]!, planes: 6, satsPerPlane: 8 };
  return { ...s, constellation: { shells: [shell], elementSets: [] }, analysis: { ...s.analysis, durationS: 600, stepS: 60, h3Resolution: 1 } };
}

function evaluated(s: Scenario): ReportInput {
  const { catalog, satrecs } = buildCatalog(s);
  const ev = createCoverageEvaluator(s, catalog, new Propagator(satrecs));
  const r = ev.result();
  return {
    scenario: s,
    figures: { satellites: catalog.count, stepCount: r.stepCount, cellCount: r.cellCount, headline: r.headline },
    latencyHist: latencyHistogram(ev),
    servedPctByStep: r.servedPctByStep,
    producer: 'unit test',
    snapshotNote: 'No snapshot in this test',
  };
}

function synthetic(gateways: number, name = 'Gateway'): ReportInput {
  const s = defaultScenario();
  const gws = Array.from({ length: gateways }, (_, i) => ({ ...s.gateways[0]!, id: `gw-${i}`, name: `${name} ${i}` }));
  return {
    scenario: { ...s, gateways: gws },
    figures: { satellites: 3236, stepCount: 96, cellCount: 5000, headline: { servedPct: 97.125, coveredPct: 99.5, p50LatencyMs: 31.5, p95LatencyMs: 48.5, meanLatencyMs: 33.25, longestOutageS: 120, meanVisibleSatellites: 4.5, gatewayShare: gws.map(() => 1 / gateways) } },
    producer: 'unit test',
  };
}

const flat = (pages: string[][]): string => pages.map((p) => p.join('\n')).join('\n');

describe('planning report PDF', () => {
  it('parses back: A4 landscape pages, the headline figures the engine computed are in the text', async () => {
    const input = evaluated(small());
    const bytes = await writeReportPdf(input);
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const { doc, pages } = await pdfStrings(bytes);
    expect(doc.getPageCount()).toBe(3); // title, charts, one table page (the default's gateways)
    for (const p of doc.getPages()) {
      // A4 landscape in points, to 0.01 pt.
      expect(p.getWidth()).toBeCloseTo(841.89, 2);
      expect(p.getHeight()).toBeCloseTo(595.28, 2);
    }
    const h = input.figures.headline;
    const title = pages[0]!.join('\n');
    expect(title).toContain(input.scenario.name);
    expect(title).toContain(`${h.servedPct.toFixed(2)} %`);
    expect(title).toContain(`${h.p50LatencyMs.toFixed(2)} ms`);
    expect(title).toContain(`${h.p95LatencyMs.toFixed(2)} ms`);
    expect(title).toContain('No snapshot in this test');
    expect(pages[1]).toContain('Latency CDF (demand-weighted)');
    // Every gateway's share is in the table, with analyze's 2 decimals.
    const table = pages[2]!;
    input.scenario.gateways.forEach((g, i) => {
      expect(table).toContain(g.id);
      expect(table).toContain((100 * h.gatewayShare[i]!).toFixed(2));
    });
    expect(pages.at(-1)!.at(-1)).toBe('page 3 of 3');
  }, 60_000);

  it('is deterministic: the same input gives the same bytes, dated from the scenario epoch', async () => {
    const input = synthetic(12);
    const a = await writeReportPdf(input);
    const b = await writeReportPdf(input);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const { doc } = await pdfStrings(a);
    expect(doc.getCreationDate()?.toISOString()).toBe(new Date(input.scenario.epochUtc).toISOString());
    expect(doc.getModificationDate()?.toISOString()).toBe(new Date(input.scenario.epochUtc).toISOString());
    const dated = await writeReportPdf({ ...input, dateMs: Date.UTC(2027, 0, 2) });
    expect((await PDFDocumentDate(dated))).toBe('2027-01-02T00:00:00.000Z');
  });

  it('paginates 500 gateways: every gateway once, in order, headers on each page', async () => {
    const input = synthetic(500);
    const { doc, pages } = await pdfStrings(await writeReportPdf(input));
    const tablePages = Math.ceil(500 / TABLE_ROWS_PER_PAGE);
    expect(doc.getPageCount()).toBe(2 + tablePages);
    const ids = pages.slice(2).flatMap((p) => p.filter((t) => /^gw-\d+$/.test(t)));
    expect(ids).toEqual(Array.from({ length: 500 }, (_, i) => `gw-${i}`));
    for (const p of pages.slice(2)) expect(p).toContain('Share %');
    expect(pages[2]).toContain(`Gateways (500), part 1 of ${tablePages}`);
  });

  it('capacity figures add a summary and two table columns', async () => {
    const input = synthetic(3);
    const bytes = await writeReportPdf({ ...input, capacity: { scope: 'mean over the analysis window', demandGbps: 1234.5, servedGbps: 1000, servedGbpsMin: 900, unroutableGbps: 12.5, bottleneck: 'feeder', gatewayGbps: [10, 20, 30], gatewayUtilisation: [0.1, 0.5, 0.987] } });
    const { pages } = await pdfStrings(bytes);
    expect(pages[0]).toContain('Capacity (mean over the analysis window)');
    expect(pages[0]).toContain('1000.0 Gbps (81.00 %)');
    expect(pages[0]).toContain('feeder');
    expect(pages[2]).toContain('Utilisation %');
    expect(pages[2]).toContain('99');
  });

  it('user text with control characters, emoji, RTL and accents never throws; what Helvetica lacks is replaced', async () => {
    const nasty = 'Gw \u001b[31mred\u001b[0m 🚀 مرحبا שלום \u202Eevil\u202C Ősz Zürich\u0000';
    const base = synthetic(2, nasty);
    const input = { ...base, scenario: { ...base.scenario, name: nasty, notes: `${nasty}\nline two\ttabbed` } };
    const { pages } = await pdfStrings(await writeReportPdf(input));
    const text = flat(pages);
    expect(text).toContain('Zürich'); // WinAnsi has ü: kept as written
    expect(text).toContain('Osz'); // Ő is not in WinAnsi: its base letter
    const drawn = [...text].map((c) => c.codePointAt(0)!);
    expect(drawn.filter((cp) => cp === 0 || cp === 0x1b || cp === 0x202e)).toEqual([]);
    const can = charsetOf([...'abc '].map((c) => c.codePointAt(0)!));
    expect(pdfSafe('a\u0007b\nc🚀', can)).toBe('ab c?');
    expect(pdfSafe('a\u202Ec', can)).toBe('ac');
  });

  it('any Unicode text as names and notes gives a PDF that parses (fast-check, 25 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 400 }), async (name, notes) => {
        const base = synthetic(3, name);
        const { doc } = await pdfStrings(await writeReportPdf({ ...base, scenario: { ...base.scenario, name, notes } }));
        expect(doc.getPageCount()).toBe(3);
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it('a snapshot PNG is drawn as an image; a broken one is a RangeError that says so', async () => {
    // 1x1 opaque red PNG.
    const png = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64'));
    const input = synthetic(2);
    const withPng = await writeReportPdf({ ...input, snapshotPng: png });
    // Still deterministic with an image (pdf-lib names resources from a seeded generator).
    expect(Buffer.from(withPng).equals(Buffer.from(await writeReportPdf({ ...input, snapshotPng: png })))).toBe(true);
    const { doc } = await pdfStrings(withPng);
    const xobjects = doc.getPages()[0]!.node.Resources()?.toString() ?? '';
    expect(xobjects).toMatch(/\/XObject <<\s*\/Image-\d+/);
    await expect(writeReportPdf({ ...input, snapshotPng: new Uint8Array([1, 2, 3]) })).rejects.toThrow(/globe snapshot is not a readable PNG/);
  });

  it('content: no gateways and no series still gives a complete report', async () => {
    const input = synthetic(0);
    expect(buildReportContent(input).gateways).toEqual([]);
    const { pages } = await pdfStrings(await writeReportPdf(input));
    expect(pages).toHaveLength(3);
    expect(flat(pages)).toContain('The scenario has no gateways.');
    expect(pages[1]).toContain('No latency histogram given');
  });
});

describe('planning report PDF with DejaVu Sans embedded', () => {
  const loaded = loadReportFonts();
  if (!('fonts' in loaded)) throw new Error(loaded.error);
  const fonts = loaded.fonts;
  const NAMES = ['São Paulo', 'Łódź', 'Москва', 'Αθήνα', 'Zürich', 'İstanbul', 'Hà Nội'];

  function named(): ReportInput {
    const base = synthetic(NAMES.length);
    const gateways = base.scenario.gateways.map((g, i) => ({ ...g, name: NAMES[i]! }));
    return { ...base, fonts, scenario: { ...base.scenario, name: 'Сеть Łódź–Αθήνα', notes: 'Станции: São Paulo, Москва', gateways } };
  }

  it('names in Latin Extended, Cyrillic and Greek come out as written (read back through the ToUnicode map)', async () => {
    const bytes = await writeReportPdf(named());
    const { doc, pages } = await pdfStrings(bytes);
    expect(doc.getPageCount()).toBe(3);
    // Each name in the gateway table (page 3) exactly, and the title and notes on page 1.
    for (const n of NAMES) expect(pages[2]).toContain(n);
    expect(pages[0]).toContain('Сеть Łódź–Αθήνα');
    expect(pages[0]).toContain('Станции: São Paulo, Москва');
    expect(flat(pages)).not.toContain('?');
    // Two subset fonts embedded (a six-letter subset tag + the PostScript name), nothing else.
    expect(embeddedFontNames(doc).map((n) => n.replace(/^[A-Z]{6}\+/, '').replace(/-\d+$/, ''))).toEqual(['DejaVuSans', 'DejaVuSans-Bold']);
    // Subset: far below the 1.4 MB of the two font files.
    expect(bytes.length).toBeLessThan(200_000);
  });

  it('same input, same bytes (subset and names from a seeded generator)', async () => {
    const a = await writeReportPdf(named());
    const b = await writeReportPdf(named());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('characters DejaVu Sans lacks (CJK) become "?" like with Helvetica; emoji and controls never throw', async () => {
    const base = named();
    const input = { ...base, scenario: { ...base.scenario, name: '東京 Tōkyō \u001b[31m🚀 Москва' } };
    const { pages } = await pdfStrings(await writeReportPdf(input));
    expect(pages[0]).toContain('?? Tōkyō [31m? Москва');
  });

  it('unreadable font bytes are a RangeError naming the font', async () => {
    await expect(writeReportPdf({ ...named(), fonts: { ...fonts, bold: new Uint8Array([0, 1, 2, 3]) } })).rejects.toThrow(/report's bold font is not a readable TrueType/);
  });
});

async function PDFDocumentDate(bytes: Uint8Array): Promise<string | undefined> {
  const { doc } = await pdfStrings(bytes);
  return doc.getCreationDate()?.toISOString();
}
