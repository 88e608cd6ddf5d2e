// Drawing primitives of the planning report on a pdf-lib page: text that is always encodable and
// fits its width, figure tables, and vector charts (line and bar) with axes and ticks. PDF user
// space: points (1/72 in), origin at the bottom left of the page.
import { rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { pdfSafe, type Encodable } from './text';

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  can: Encodable;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const INK = rgb(0.1, 0.1, 0.12);
export const MUTED = rgb(0.42, 0.44, 0.48);
export const RULE = rgb(0.8, 0.82, 0.85);
export const SERIES = [rgb(0.12, 0.42, 0.75), rgb(0.85, 0.4, 0.1), rgb(0.2, 0.6, 0.3)] as const;
const ELLIPSIS = '…';

export interface TextOpts {
  size: number;
  bold?: boolean;
  color?: RGB;
  /** Truncated with an ellipsis to this width, pt. */
  maxWidth?: number;
  align?: 'left' | 'right' | 'center';
}

/** `s` made encodable and cut to `maxWidth` (binary search on the character count). */
export function fitText(s: string, font: PDFFont, size: number, can: Encodable, maxWidth = Infinity): string {
  const safe = pdfSafe(s, can);
  if (font.widthOfTextAtSize(safe, size) <= maxWidth) return safe;
  const chars = [...safe];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (font.widthOfTextAtSize(chars.slice(0, mid).join('') + ELLIPSIS, size) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('') + ELLIPSIS;
}

export function drawText(page: PDFPage, f: Fonts, s: string, x: number, y: number, o: TextOpts): void {
  const font = o.bold ? f.bold : f.regular;
  const t = fitText(s, font, o.size, f.can, o.maxWidth);
  const w = font.widthOfTextAtSize(t, o.size);
  const dx = o.align === 'right' ? -w : o.align === 'center' ? -w / 2 : 0;
  page.drawText(t, { x: x + dx, y, size: o.size, font, color: o.color ?? INK });
}

/** Greedy word wrap of user text (paragraphs kept), at most `maxLines` lines (the last one ends in an ellipsis when cut). */
export function wrapText(s: string, font: PDFFont, size: number, can: Encodable, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  for (const para of s.split(/\r?\n/)) {
    let line = '';
    for (const word of pdfSafe(para, can).split(/ +/)) {
      const next = line === '' ? word : `${line} ${word}`;
      if (font.widthOfTextAtSize(next, size) <= width || line === '') line = next;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  if (lines.length <= maxLines) return lines.map((l) => fitText(l, font, size, can, width));
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = fitText(`${kept[maxLines - 1]!}${ELLIPSIS}`, font, size, can, width);
  return kept.map((l) => fitText(l, font, size, can, width));
}

/** Label/value rows under a heading (labels take `labelFrac` of the width); returns the y below the table. */
export function drawFigureTable(page: PDFPage, f: Fonts, heading: string, rows: { label: string; value: string }[], b: { x: number; y: number; w: number }, size: number, labelFrac = 0.58): number {
  const { x, y, w } = b;
  drawText(page, f, heading, x, y, { size: size + 2, bold: true, maxWidth: w });
  let yy = y - (size + 8);
  const valueX = x + w * labelFrac;
  for (const r of rows) {
    drawText(page, f, r.label, x, yy, { size, color: MUTED, maxWidth: w * labelFrac - 6 });
    drawText(page, f, r.value, valueX, yy, { size, bold: true, maxWidth: w - (valueX - x) });
    page.drawLine({ start: { x, y: yy - 3 }, end: { x: x + w, y: yy - 3 }, thickness: 0.3, color: RULE });
    yy -= size + 6;
  }
  return yy - 6;
}

/** About `n` round tick values covering [min, max]. */
/** A tick label with as many decimals as the tick step needs (0, 2.5, 5 -> "2.5"; 0, 25, 50 -> "25"). */
export function tickLabel(v: number): string {
  return String(Number(v.toFixed(2)));
}

export function niceTicks(min: number, max: number, n = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((k) => k * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

export interface Axis {
  min: number;
  max: number;
  label: string;
  ticks: number[];
  format(v: number): string;
}

export interface LineSeries {
  label: string;
  /** x, y pairs in axis units; non-finite points break the line. */
  points: [number, number][];
}

export interface LineChart {
  title: string;
  x: Axis;
  y: Axis;
  series: LineSeries[];
  /** Vertical dashed markers (e.g. p50, p95). */
  markers?: { x: number; label: string }[];
  /** Shown instead of the plot when there is nothing to draw. */
  empty?: string;
}

const PLOT_PAD = { left: 42, right: 10, top: 22, bottom: 30 } as const;

function plotArea(b: Box): Box {
  return { x: b.x + PLOT_PAD.left, y: b.y + PLOT_PAD.bottom, w: b.w - PLOT_PAD.left - PLOT_PAD.right, h: b.h - PLOT_PAD.top - PLOT_PAD.bottom };
}

function drawAxes(page: PDFPage, f: Fonts, p: Box, c: LineChart): void {
  const sx = (v: number) => p.x + ((v - c.x.min) / (c.x.max - c.x.min)) * p.w;
  const sy = (v: number) => p.y + ((v - c.y.min) / (c.y.max - c.y.min)) * p.h;
  for (const t of c.y.ticks) {
    page.drawLine({ start: { x: p.x, y: sy(t) }, end: { x: p.x + p.w, y: sy(t) }, thickness: 0.3, color: RULE });
    drawText(page, f, c.y.format(t), p.x - 4, sy(t) - 2.5, { size: 7, color: MUTED, align: 'right' });
  }
  for (const t of c.x.ticks) drawText(page, f, c.x.format(t), sx(t), p.y - 10, { size: 7, color: MUTED, align: 'center' });
  page.drawRectangle({ x: p.x, y: p.y, width: p.w, height: p.h, borderColor: MUTED, borderWidth: 0.6 });
  drawText(page, f, c.x.label, p.x + p.w / 2, p.y - 21, { size: 7.5, align: 'center', maxWidth: p.w });
  drawText(page, f, c.y.label, p.x, p.y + p.h + 4, { size: 7.5, maxWidth: p.w / 2 });
}

/** An SVG path (y down from the plot's top left, as pdf-lib's drawSvgPath wants) of one series. */
function seriesPath(p: Box, c: LineChart, pts: [number, number][]): string {
  let d = '';
  let pen = false;
  for (const [x, y] of pts) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    const px = ((x - c.x.min) / (c.x.max - c.x.min)) * p.w;
    const py = p.h - ((Math.min(Math.max(y, c.y.min), c.y.max) - c.y.min) / (c.y.max - c.y.min)) * p.h;
    d += `${pen ? 'L' : 'M'}${px.toFixed(2)} ${py.toFixed(2)} `;
    pen = true;
  }
  return d.trim();
}

export function drawLineChart(page: PDFPage, f: Fonts, b: Box, c: LineChart): void {
  drawText(page, f, c.title, b.x, b.y + b.h - 10, { size: 10, bold: true, maxWidth: b.w });
  const p = plotArea(b);
  if (c.empty !== undefined || !(c.x.max > c.x.min) || !(c.y.max > c.y.min)) {
    page.drawRectangle({ x: p.x, y: p.y, width: p.w, height: p.h, borderColor: RULE, borderWidth: 0.6 });
    drawText(page, f, c.empty ?? 'Nothing to plot', p.x + p.w / 2, p.y + p.h / 2, { size: 9, color: MUTED, align: 'center', maxWidth: p.w - 8 });
    return;
  }
  drawAxes(page, f, p, c);
  for (const m of c.markers ?? []) {
    if (!(m.x >= c.x.min && m.x <= c.x.max)) continue;
    const x = p.x + ((m.x - c.x.min) / (c.x.max - c.x.min)) * p.w;
    page.drawLine({ start: { x, y: p.y }, end: { x, y: p.y + p.h }, thickness: 0.6, color: MUTED, dashArray: [2, 2] });
    drawText(page, f, m.label, x + 2, p.y + p.h - 9, { size: 6.5, color: MUTED });
  }
  c.series.forEach((s, i) => {
    const d = seriesPath(p, c, s.points);
    const color = SERIES[i % SERIES.length]!;
    if (d !== '') page.drawSvgPath(d, { x: p.x, y: p.y + p.h, borderColor: color, borderWidth: 1.2 });
    if (c.series.length > 1) {
      const lx = p.x + p.w - 120;
      const ly = p.y + 10 + 10 * i;
      page.drawLine({ start: { x: lx, y: ly + 2.5 }, end: { x: lx + 12, y: ly + 2.5 }, thickness: 1.2, color });
      drawText(page, f, s.label, lx + 15, ly, { size: 6.5, maxWidth: 100 });
    }
  });
}

export interface BarChart {
  title: string;
  bars: { label: string; value: number }[];
  max: number;
  format(v: number): string;
  note?: string;
}

/** Horizontal bars, one per row, labels on the left. */
export function drawBarChart(page: PDFPage, f: Fonts, b: Box, c: BarChart): void {
  drawText(page, f, c.title, b.x, b.y + b.h - 10, { size: 10, bold: true, maxWidth: b.w });
  const top = b.y + b.h - 22;
  const bottom = b.y + (c.note ? 14 : 4);
  if (c.bars.length === 0 || !(c.max > 0)) {
    drawText(page, f, c.note ?? 'Nothing to plot', b.x + b.w / 2, (top + bottom) / 2, { size: 9, color: MUTED, align: 'center', maxWidth: b.w });
    return;
  }
  const rowH = Math.min(12, (top - bottom) / c.bars.length);
  const size = Math.min(7, rowH - 1.5);
  const labelW = b.w * 0.3;
  const barX = b.x + labelW + 4;
  const barW = b.w - labelW - 44;
  c.bars.forEach((bar, i) => {
    const y = top - (i + 1) * rowH;
    drawText(page, f, bar.label, barX - 4, y + (rowH - size) / 2, { size, align: 'right', maxWidth: labelW });
    const w = Math.max(0, (bar.value / c.max) * barW);
    page.drawRectangle({ x: barX, y: y + 1, width: w, height: rowH - 2, color: SERIES[0] });
    drawText(page, f, c.format(bar.value), barX + w + 3, y + (rowH - size) / 2, { size, color: MUTED });
  });
  if (c.note) drawText(page, f, c.note, b.x, b.y + 2, { size: 7, color: MUTED, maxWidth: b.w });
}
