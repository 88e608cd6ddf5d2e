// Colour scales of the coverage heatmap and its legend (pure: no Cesium, no DOM, testable in Node).
//
// Absolute view: latency and visible-satellite scales are FITTED to the data (p2..p98 of the
// cells' values, widened to round tick stops), because on a fixed 0-60 ms scale Kuiper's whole
// band sits in the first third and every land cell looks the same green. The fit is made once
// per grid and metric and then kept while gateways are edited, so before/after colours compare.
// Served % keeps its natural 0..100 scale.
//
// Δ view: the change an edit made, as a GAIN (before minus after for latency, after minus before
// for served % and visible satellites), on a diverging scale symmetric about 0 and fitted to the
// changed cells (p95 of |Δ|; any change is tinted at least DIFF_MIN_TINT): better is blue, worse
// is red, unchanged cells are transparent.
import type { CoverageSnapshot } from '../../engine/planningProtocol';
import { servedDemandValues } from './servedDemand';

export type Metric = 'served' | 'p50' | 'p95' | 'visible' | 'demand';
export type Rgb = readonly [number, number, number];

export interface Scale {
  metric: Metric;
  diff: boolean;
  /** What is shown, e.g. "p50 latency" or "Δ p50 latency vs before your last edit". */
  label: string;
  unit: string;
  min: number;
  max: number;
  /** Colour stops spread evenly from min to max. */
  stops: readonly Rgb[];
  /** Round values inside [min, max] to label on the colour bar. */
  ticks: number[];
  /** Text of a tick: the number (signed in the Δ view); the unit is in the title. */
  tickText(v: number): string;
  /** Words at the bar's two ends (Δ view: "slower" / "faster"), or null. */
  lowWord: string | null;
  highWord: string | null;
  /** How the range was chosen, for the legend's small print. */
  note: string;
}

const GOOD_TO_BAD: Rgb[] = [
  [26, 152, 80],
  [166, 217, 106],
  [254, 224, 139],
  [244, 109, 67],
  [165, 0, 38],
];
const BLUES: Rgb[] = [
  [8, 29, 88],
  [34, 94, 168],
  [65, 182, 196],
  [199, 233, 180],
  [255, 255, 217],
];
/** Worse (red, low end) -> no change (white) -> better (blue, high end). */
const DIVERGING: Rgb[] = [
  [178, 24, 43],
  [239, 138, 98],
  [247, 247, 247],
  [103, 169, 207],
  [33, 102, 172],
];

export const ALPHA = 185;
export const DIFF_ALPHA = 200;
export const NODATA: [number, number, number, number] = [90, 90, 90, 90];

export function valuesOf(snap: CoverageSnapshot, m: Metric): Float64Array {
  switch (m) {
    case 'served':
      return snap.cells.servedPct;
    case 'p50':
      return snap.cells.p50LatencyMs;
    case 'p95':
      return snap.cells.p95LatencyMs;
    case 'visible':
      return snap.cells.meanVisible;
    case 'demand':
      return servedDemandValues(snap);
  }
}

/** Linear-interpolated quantile (type 7) of an ascending array. */
function quantile(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const i = Math.floor(h);
  return i + 1 < n ? sorted[i]! + (h - i) * (sorted[i + 1]! - sorted[i]!) : sorted[n - 1]!;
}

/** A round step (1, 2, 2.5 or 5 x 10^k) so that `span` holds about `count` steps. */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
}

const fix = (x: number): number => Math.round(x * 1e9) / 1e9;
const digitsOf = (step: number): number => Math.max(0, Math.min(3, -Math.floor(Math.log10(step) + 1e-9) + (step % 1 === 0.5 || step % 1 === 0.25 ? 1 : 0)));
const num = (v: number, digits: number): string => (Math.abs(v) < 1e-12 ? '0' : v.toFixed(digits));

/**
 * Round stops around [lo, hi] (the data's p2..p98): min and max are multiples of a nice step,
 * with 4-7 ticks. A flat range is widened by one step each way.
 */
export function niceRange(lo: number, hi: number, count = 5): { min: number; max: number; step: number; ticks: number[] } {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { min: 0, max: 1, step: 0.25, ticks: [0, 0.25, 0.5, 0.75, 1] };
  let step = niceStep(hi - lo, count);
  if (hi - lo < 1e-9) step = niceStep(Math.max(Math.abs(hi) * 0.1, 1e-3), 1);
  let min = fix(Math.floor(lo / step) * step);
  let max = fix(Math.ceil(hi / step) * step);
  if (max - min < 1e-9) {
    min = fix(min - step);
    max = fix(max + step);
  }
  const ticks: number[] = [];
  for (let v = min; v <= max + step * 1e-6; v = fix(v + step)) ticks.push(v);
  return { min, max, step, ticks };
}

/** p2 and p98 of the finite values (NaN when there are none). */
export function percentileRange(values: ArrayLike<number>, loQ = 0.02, hiQ = 0.98): [number, number] {
  const f: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) f.push(values[i]!);
  const s = Float64Array.from(f).sort();
  return [quantile(s, loQ), quantile(s, hiQ)];
}

const METRIC_LABEL: Record<Metric, string> = { served: 'Served', p50: 'p50 latency', p95: 'p95 latency', visible: 'Visible satellites', demand: 'Served demand' };
const METRIC_UNIT: Record<Metric, string> = { served: '% of time', p50: 'ms one way to the PoP', p95: 'ms one way to the PoP', visible: 'mean count', demand: '% of busy-hour demand, step shown' };

/** The absolute scale of a metric, fitted to a snapshot's cell values (served %: fixed 0..100). */
export function fitScale(m: Metric, snap: CoverageSnapshot): Scale {
  const label = METRIC_LABEL[m];
  const unit = METRIC_UNIT[m];
  if (m === 'served' || m === 'demand') {
    return { metric: m, diff: false, label, unit, min: 0, max: 100, stops: [...GOOD_TO_BAD].reverse(), ticks: [0, 25, 50, 75, 100], tickText: (v) => num(v, 0), lowWord: null, highWord: null, note: 'fixed 0–100 %' };
  }
  const [lo, hi] = percentileRange(valuesOf(snap, m));
  const r = niceRange(lo, hi);
  const d = digitsOf(r.step);
  const suffix = m === 'visible' ? '' : ' ms';
  const tickText = (v: number): string => num(v, d);
  return {
    metric: m,
    diff: false,
    label,
    unit,
    min: r.min,
    max: r.max,
    stops: m === 'visible' ? BLUES : GOOD_TO_BAD,
    ticks: r.ticks,
    tickText,
    lowWord: null,
    highWord: null,
    note: `fitted to p2–p98 of the cells (${num(lo, 1)}–${num(hi, 1)}${suffix})`,
  };
}

/** Per-cell gain of `now` over `before` (positive = better): latency before - after, served/visible after - before. */
export function gainOf(m: Metric, now: number, before: number): number {
  if (Number.isNaN(now) && Number.isNaN(before)) return 0;
  // Served demand exists only for the capacity view shown: no data on either side is no change.
  if (m === 'demand' && (Number.isNaN(now) || Number.isNaN(before))) return 0;
  // Served / unserved flips saturate (never served before -> served now is the best news).
  if (Number.isNaN(now)) return -Infinity;
  if (Number.isNaN(before)) return Infinity;
  return m === 'served' || m === 'visible' || m === 'demand' ? now - before : before - now;
}

/** The Δ scale: symmetric about 0, fitted to p95 of |gain| over the cells the edit changed. */
export function diffScale(m: Metric, snap: CoverageSnapshot, reference: CoverageSnapshot, against: 'previous' | 'baseline' = 'previous'): Scale {
  const v = valuesOf(snap, m);
  const r = valuesOf(reference, m);
  const mags: number[] = [];
  for (let c = 0; c < v.length; c++) {
    const g = Math.abs(gainOf(m, v[c]!, r[c]!));
    if (g > 1e-9 && Number.isFinite(g)) mags.push(g);
  }
  const [, p98] = percentileRange(mags, 0, 0.95);
  const top = Number.isFinite(p98) && p98 > 0 ? p98 : m === 'served' ? 1 : 0.1;
  const half = niceRange(0, top, 2);
  const max = half.max;
  const step = max / 2;
  const d = digitsOf(step);
  const unit = m === 'served' ? 'percentage points' : m === 'visible' ? 'satellites' : 'ms';
  const short = m === 'served' ? ' pp' : m === 'visible' ? '' : ' ms';
  const [worse, better] = m === 'served' ? ['less served', 'more served'] : m === 'visible' ? ['fewer', 'more'] : ['slower', 'faster'];
  return {
    metric: m,
    diff: true,
    label: `Δ ${METRIC_LABEL[m]} vs ${against === 'previous' ? 'before your last edit' : 'the baseline'}`,
    unit,
    min: -max,
    max,
    stops: DIVERGING,
    ticks: [-max, -step, 0, step, max].map(fix),
    tickText: (x) => (Math.abs(x) < 1e-12 ? '0' : `${x > 0 ? '+' : '−'}${num(Math.abs(x), d)}`),
    lowWord: worse,
    highWord: better,
    note: mags.length === 0 ? 'no cell changed' : `${mags.length.toLocaleString('en-US')} cells changed; range fitted to p95 of |Δ| (${num(p98, 2)}${short})`,
  };
}

/** In the Δ view even the smallest change is tinted this far from white (0..1 of the half ramp). */
export const DIFF_MIN_TINT = 0.25;

function ramp(stops: readonly Rgb[], x: number): [number, number, number] {
  const t = Math.min(1, Math.max(0, x)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(t));
  const f = t - i;
  const a = stops[i]!, b = stops[i + 1]!;
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/** Position (0..1) on the colour ramp of a value (a gain in the Δ view: any change is tinted). */
export function rampPosition(scale: Scale, v: number): number {
  if (!scale.diff) return (v - scale.min) / (scale.max - scale.min || 1);
  if (v === 0) return 0.5;
  const m = Math.min(1, Math.abs(v) / (scale.max || 1));
  return 0.5 + Math.sign(v) * 0.5 * (DIFF_MIN_TINT + (1 - DIFF_MIN_TINT) * m);
}

/**
 * RGBA bytes (4 per cell) for a snapshot, or (Δ scale) for its change from `reference` (same grid).
 * Cells with no change in the Δ view are fully transparent, so the edit's footprint stands out.
 */
export function cellColors(scale: Scale, snap: CoverageSnapshot, reference: CoverageSnapshot | null, out = new Uint8Array(4 * snap.cells.servedPct.length)): Uint8Array {
  const v = valuesOf(snap, scale.metric);
  const ref = reference ? valuesOf(reference, scale.metric) : null;
  for (let c = 0; c < v.length; c++) {
    const x = v[c]!;
    let rgba: [number, number, number, number];
    if (scale.diff && ref) {
      const g = gainOf(scale.metric, x, ref[c]!);
      if (Math.abs(g) < 1e-9) rgba = [0, 0, 0, 0];
      else {
        const [R, G, B] = ramp(scale.stops, rampPosition(scale, g));
        rgba = [R, G, B, DIFF_ALPHA];
      }
    } else if (Number.isNaN(x)) rgba = NODATA;
    else {
      const [R, G, B] = ramp(scale.stops, rampPosition(scale, x));
      rgba = [R, G, B, ALPHA];
    }
    out[4 * c] = rgba[0];
    out[4 * c + 1] = rgba[1];
    out[4 * c + 2] = rgba[2];
    out[4 * c + 3] = rgba[3];
  }
  return out;
}

/** CSS linear-gradient for the legend bar, sampled from the same mapping the cells use. */
export function legendGradient(scale: Scale): string {
  const n = 24;
  const parts: string[] = [];
  for (let i = 0; i <= n; i++) {
    const v = scale.min + ((scale.max - scale.min) * i) / n;
    const [R, G, B] = ramp(scale.stops, rampPosition(scale, v));
    parts.push(`rgb(${R},${G},${B}) ${((100 * i) / n).toFixed(1)}%`);
  }
  return `linear-gradient(to right, ${parts.join(', ')})`;
}

/** Position (0..1) of a value on the legend bar. */
export function tickPosition(scale: Scale, v: number): number {
  return (v - scale.min) / (scale.max - scale.min || 1);
}

// The absolute scale is fitted once per (grid, metric) and kept while gateways change, so a
// colour means the same number before and after an edit; the Δ scale is fitted per pair.
const fitted = new Map<string, Scale>();
const diffs = new WeakMap<CoverageSnapshot, Map<string, { reference: CoverageSnapshot; scale: Scale }>>();

/** The scale the heatmap and its legend use for this state (shared so both always agree). */
export function scaleForState(m: Metric, current: CoverageSnapshot, reference: CoverageSnapshot | null, against: 'previous' | 'baseline'): Scale {
  if (reference) {
    let per = diffs.get(current);
    if (!per) diffs.set(current, (per = new Map()));
    const key = `${m}:${against}`;
    const hit = per.get(key);
    if (hit && hit.reference === reference) return hit.scale;
    const scale = diffScale(m, current, reference, against);
    per.set(key, { reference, scale });
    return scale;
  }
  const key = `${current.gridGeneration}:${current.cells.servedPct.length}:${m}`;
  let s = fitted.get(key);
  if (!s) fitted.set(key, (s = fitScale(m, current)));
  return s;
}

/** Forget the fitted absolute scales (the next call refits to the data shown then). */
export function refitScales(): void {
  fitted.clear();
}
