// The planning report as PDF (pdf-lib, pure: runs in the CLI, the app and the tests). A4
// landscape: a title page (headline figures, capacity, assumptions, notes, the globe snapshot),
// a page of vector charts (latency CDF, served % over the window, share per gateway, rollout)
// and the per-gateway table over as many pages as it needs. DejaVu Sans (embedded as a subset, its
// bytes given by the caller) or Helvetica, and fixed dates, make the bytes depend on the input only.
import { PDFDocument, type PDFImage, type PDFPage } from 'pdf-lib';
import { buildReportContent, type ReportContent, type ReportInput } from './content';
import { drawBarChart, drawFigureTable, drawLineChart, drawText, fitText, MUTED, niceTicks, RULE, tickLabel, wrapText, type Box, type Fonts, type LineChart } from './draw';
import { embedReportFonts } from './fonts';

/** A4 landscape, pt. */
export const PAGE_W = 841.89;
export const PAGE_H = 595.28;
const MARGIN = 36;
const FOOTER_Y = 20;
/** Gateway table: rows per page and text size. */
export const TABLE_ROWS_PER_PAGE = 34;
const TABLE_SIZE = 7.5;
const TABLE_ROW_H = 13.5;
/** Bars in the share chart (the largest shares). */
export const SHARE_BARS = 20;
const NOTES_LINES = 9;
/** The assumptions' values are long sentences: their labels get less room. */
const ASSUMPTION_LABEL_FRAC = 0.3;

const CONTENT_W = PAGE_W - 2 * MARGIN;

function titlePage(doc: PDFDocument, f: Fonts, c: ReportContent, input: ReportInput, img: PDFImage | null): PDFPage {
  const page = doc.addPage([PAGE_W, PAGE_H]);
  let y = PAGE_H - MARGIN - 18;
  drawText(page, f, 'Planning report', MARGIN, y + 20, { size: 9, color: MUTED });
  drawText(page, f, c.title, MARGIN, y - 4, { size: 20, bold: true, maxWidth: CONTENT_W });
  y -= 22;
  for (const line of c.subtitle) drawText(page, f, line, MARGIN, (y -= 13), { size: 9, color: MUTED, maxWidth: CONTENT_W });
  const colW = 370;
  let left = drawFigureTable(page, f, 'Headline figures', c.headline, { x: MARGIN, y: y - 24, w: colW }, 9);
  if (c.capacity) left = drawFigureTable(page, f, `Capacity (${c.capacityScope ?? ''})`, c.capacity, { x: MARGIN, y: left - 4, w: colW }, 9);
  drawFigureTable(page, f, 'Assumptions', c.assumptions, { x: MARGIN, y: left - 4, w: colW }, 7, ASSUMPTION_LABEL_FRAC);
  snapshot(page, f, img, input.snapshotNote, { x: MARGIN + colW + 30, y: PAGE_H / 2 - 60, w: CONTENT_W - colW - 30, h: 235 });
  notes(page, f, c.notes, { x: MARGIN + colW + 30, y: MARGIN, w: CONTENT_W - colW - 30, h: PAGE_H / 2 - 60 - MARGIN - 14 });
  return page;
}

function snapshot(page: PDFPage, f: Fonts, img: PDFImage | null, note: string | undefined, b: Box): void {
  page.drawRectangle({ x: b.x, y: b.y, width: b.w, height: b.h, borderColor: RULE, borderWidth: 0.6 });
  if (!img) {
    const lines = wrapText(note ?? 'No globe snapshot', f.regular, 9, f.can, b.w - 20, 4);
    lines.forEach((l, i) => drawText(page, f, l, b.x + b.w / 2, b.y + b.h / 2 + 6 * (lines.length - 1) - 12 * i, { size: 9, color: MUTED, align: 'center' }));
    return;
  }
  const k = Math.min(b.w / img.width, b.h / img.height);
  page.drawImage(img, { x: b.x + (b.w - img.width * k) / 2, y: b.y + (b.h - img.height * k) / 2, width: img.width * k, height: img.height * k });
}

function notes(page: PDFPage, f: Fonts, text: string, b: Box): void {
  drawText(page, f, 'Notes', b.x, b.y + b.h, { size: 11, bold: true });
  const lines = text.trim() === '' ? ['(none)'] : wrapText(text, f.regular, 8.5, f.can, b.w, NOTES_LINES);
  lines.forEach((l, i) => drawText(page, f, l, b.x, b.y + b.h - 16 - 11 * i, { size: 8.5, color: text.trim() === '' ? MUTED : undefined }));
}

function latencyCdf(input: ReportInput): LineChart {
  const h = input.latencyHist;
  const x = { min: 0, max: 1, label: 'one-way latency to the PoP, ms', ticks: [] as number[], format: tickLabel };
  const y = { min: 0, max: 100, label: '% of served demand x time', ticks: niceTicks(0, 100, 4), format: tickLabel };
  let total = 0;
  for (let i = 0; i < (h?.weights.length ?? 0); i++) total += h!.weights[i]!;
  if (!h || !(total > 0)) return { title: 'Latency CDF', x, y, series: [], empty: h ? 'No served demand in the window' : 'No latency histogram given' };
  let last = 0;
  for (let i = 0; i < h.weights.length; i++) if (h.weights[i]! > 0) last = i;
  x.max = Math.max(h.binMs, (last + 1) * h.binMs);
  x.ticks = niceTicks(0, x.max, 6);
  const points: [number, number][] = [[0, 0]];
  let cum = 0;
  for (let i = 0; i <= last; i++) {
    cum += h.weights[i]!;
    points.push([(i + 1) * h.binMs, (100 * cum) / total]);
  }
  const hd = input.figures.headline;
  return { title: 'Latency CDF (demand-weighted)', x, y, series: [{ label: 'served latency', points }], markers: [{ x: hd.p50LatencyMs, label: 'p50' }, { x: hd.p95LatencyMs, label: 'p95' }] };
}

function servedOverWindow(input: ReportInput): LineChart {
  const v = input.servedPctByStep;
  const stepMin = input.scenario.analysis.stepS / 60;
  const n = v?.length ?? 0;
  const maxMin = Math.max(0, (n - 1) * stepMin);
  const points: [number, number][] = [];
  for (let i = 0; i < n; i++) points.push([i * stepMin, v![i]!]);
  const finite = points.map((p) => p[1]).filter(Number.isFinite);
  const yMin = finite.length > 0 ? Math.max(0, Math.floor(Math.min(...finite) / 5) * 5 - 5) : 0;
  return {
    title: 'Served % over the analysis window',
    x: { min: 0, max: maxMin, label: 'minutes from the window start', ticks: niceTicks(0, maxMin, 6), format: tickLabel },
    y: { min: yMin, max: 100, label: 'served, % of demand', ticks: niceTicks(yMin, 100, 4), format: tickLabel },
    series: [{ label: 'served %', points }],
    ...(n < 2 ? { empty: n === 0 ? 'No per-step figures given' : 'One analysis step: no curve' } : {}),
  };
}

const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function rolloutChart(input: ReportInput): LineChart {
  const r = input.rollout ?? [];
  const x0 = r[0]?.dateMs ?? 0;
  const x1 = r[r.length - 1]?.dateMs ?? 0;
  const full = Math.max(1, ...r.map((p) => p.operational));
  const dayMs = 86_400_000;
  const ticks = niceTicks(x0 / dayMs, x1 / dayMs, 4).map((d) => d * dayMs);
  return {
    title: 'Rollout: service as satellites become operational',
    x: { min: x0, max: x1, label: 'date (UTC)', ticks, format: isoDate },
    y: { min: 0, max: 100, label: '%', ticks: niceTicks(0, 100, 4), format: tickLabel },
    series: [
      { label: 'served % of demand', points: r.map((p) => [p.dateMs, p.servedPct]) },
      { label: `operational, % of ${full.toLocaleString('en-US')}`, points: r.map((p) => [p.dateMs, (100 * p.operational) / full]) },
    ],
    ...(r.length < 2 ? { empty: 'No rollout series in this report (leo-planner report --rollout adds one)' } : {}),
  };
}

function chartsPage(doc: PDFDocument, f: Fonts, c: ReportContent, input: ReportInput): void {
  const page = doc.addPage([PAGE_W, PAGE_H]);
  const gap = 24;
  const w = (CONTENT_W - gap) / 2;
  const h = (PAGE_H - 2 * MARGIN - gap - 10) / 2;
  const top = PAGE_H - MARGIN - h;
  const bottom = MARGIN + 10;
  drawLineChart(page, f, { x: MARGIN, y: top, w, h }, latencyCdf(input));
  drawLineChart(page, f, { x: MARGIN + w + gap, y: top, w, h }, servedOverWindow(input));
  const ranked = c.gateways.map((g, i) => ({ label: `${g.cells[1]!} ${g.name}`, value: 100 * g.share, i })).sort((a, b) => b.value - a.value || a.i - b.i);
  const bars = ranked.slice(0, SHARE_BARS);
  drawBarChart(page, f, { x: MARGIN, y: bottom, w, h }, {
    title: 'Share of served demand per gateway',
    bars,
    max: Math.max(0, ...bars.map((b) => b.value)),
    format: (v) => `${v.toFixed(1)} %`,
    note: c.gateways.length === 0 ? 'No gateways in the scenario' : ranked.length > SHARE_BARS ? `The ${SHARE_BARS} largest of ${ranked.length} gateways; all are in the table that follows.` : undefined,
  });
  drawLineChart(page, f, { x: MARGIN + w + gap, y: bottom, w, h }, rolloutChart(input));
}

/** Column widths (pt) of the gateway table: names take what the numbers leave. */
function columnWidths(c: ReportContent): number[] {
  const fixedW: Record<string, number> = { '#': 30, 'Gateway id': 90, 'Lat deg': 52, 'Lon deg': 56, Status: 44, Antennas: 48, 'Backhaul Gbps': 66, 'Share %': 50, 'Carried Gbps': 62, 'Utilisation %': 62 };
  const used = c.gatewayHeader.reduce((s, h) => s + (fixedW[h] ?? 0), 0);
  return c.gatewayHeader.map((h) => fixedW[h] ?? CONTENT_W - used);
}

function tablePages(doc: PDFDocument, f: Fonts, c: ReportContent): void {
  const widths = columnWidths(c);
  const pages = Math.max(1, Math.ceil(c.gateways.length / TABLE_ROWS_PER_PAGE));
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([PAGE_W, PAGE_H]);
    const rows = c.gateways.slice(p * TABLE_ROWS_PER_PAGE, (p + 1) * TABLE_ROWS_PER_PAGE);
    let y = PAGE_H - MARGIN - 12;
    drawText(page, f, `Gateways (${c.gateways.length})${pages > 1 ? `, part ${p + 1} of ${pages}` : ''}`, MARGIN, y, { size: 12, bold: true });
    y -= 22;
    tableRow(page, f, c.gatewayHeader, widths, c.gatewayNumeric, y, true);
    page.drawLine({ start: { x: MARGIN, y: y - 4 }, end: { x: MARGIN + CONTENT_W, y: y - 4 }, thickness: 0.8, color: MUTED });
    for (const r of rows) {
      y -= TABLE_ROW_H;
      tableRow(page, f, r.cells, widths, c.gatewayNumeric, y, false);
      page.drawLine({ start: { x: MARGIN, y: y - 4 }, end: { x: MARGIN + CONTENT_W, y: y - 4 }, thickness: 0.25, color: RULE });
    }
    if (c.gateways.length === 0) drawText(page, f, 'The scenario has no gateways.', MARGIN, y - 20, { size: 9, color: MUTED });
  }
}

function tableRow(page: PDFPage, f: Fonts, cells: string[], widths: number[], numeric: boolean[], y: number, header: boolean): void {
  let x = MARGIN;
  cells.forEach((cell, i) => {
    const w = widths[i]!;
    const right = numeric[i]!;
    drawText(page, f, cell, right ? x + w - 6 : x, y, { size: TABLE_SIZE, bold: header, align: right ? 'right' : 'left', maxWidth: w - 8, color: header ? MUTED : undefined });
    x += w;
  });
}

function footers(doc: PDFDocument, f: Fonts, c: ReportContent, producer: string): void {
  const pages = doc.getPages();
  const title = fitText(c.title, f.regular, 7, f.can, 300);
  pages.forEach((page, i) => {
    drawText(page, f, `${title}  ·  ${producer}`, MARGIN, FOOTER_Y, { size: 7, color: MUTED, maxWidth: CONTENT_W - 80 });
    drawText(page, f, `page ${i + 1} of ${pages.length}`, PAGE_W - MARGIN, FOOTER_Y, { size: 7, color: MUTED, align: 'right' });
  });
}

async function embedSnapshot(doc: PDFDocument, png: Uint8Array | undefined): Promise<PDFImage | null> {
  if (!png) return null;
  try {
    return await doc.embedPng(png);
  } catch (e) {
    throw new RangeError(`the globe snapshot is not a readable PNG (${(e as Error).message})`);
  }
}

/**
 * The report as PDF bytes. Deterministic: same input, same bytes (dates from `input.dateMs`,
 * else the scenario's epoch; no random document id). Throws only on an unreadable snapshot PNG
 * or font (a RangeError naming it); every text is drawable (see text.ts).
 */
export async function writeReportPdf(input: ReportInput): Promise<Uint8Array> {
  const c = buildReportContent(input);
  const doc = await PDFDocument.create({ updateMetadata: false });
  const f: Fonts = await embedReportFonts(doc, input.fonts);
  titlePage(doc, f, c, input, await embedSnapshot(doc, input.snapshotPng));
  chartsPage(doc, f, c, input);
  tablePages(doc, f, c);
  footers(doc, f, c, input.producer);
  const date = new Date(input.dateMs ?? Date.parse(input.scenario.epochUtc));
  doc.setTitle(fitText(`Planning report: ${c.title}`, f.regular, 10, f.can));
  doc.setSubject('LEO Planner planning report');
  doc.setCreator('LEO Planner');
  doc.setProducer(`LEO Planner (pdf-lib)`);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  return doc.save({ useObjectStreams: false });
}
