// Colour scales of the coverage heatmap and its legend (pure: no Cesium, testable in Node).
// Each metric maps a per-cell value to RGBA bytes; NaN (never served) is a translucent grey.
// Difference mode maps (now - reference) on a diverging scale where BETTER is always blue/green
// and WORSE is always red, whatever the metric's sign convention (lower latency is better).
import type { CoverageSnapshot } from '../../engine/planningProtocol';

export type Metric = 'served' | 'p50' | 'p95' | 'visible';

export interface Scale {
  metric: Metric;
  diff: boolean;
  label: string;
  unit: string;
  min: number;
  max: number;
  /** Colour stops from min to max. */
  stops: readonly [number, number, number][];
  /** Text at the legend's ends. */
  lowText: string;
  highText: string;
}

const GOOD_TO_BAD: [number, number, number][] = [
  [26, 152, 80],
  [166, 217, 106],
  [254, 224, 139],
  [244, 109, 67],
  [165, 0, 38],
];
const BLUES: [number, number, number][] = [
  [8, 29, 88],
  [34, 94, 168],
  [65, 182, 196],
  [199, 233, 180],
  [255, 255, 217],
];
const DIVERGING: [number, number, number][] = [
  [33, 102, 172],
  [103, 169, 207],
  [247, 247, 247],
  [239, 138, 98],
  [178, 24, 43],
];

export const ALPHA = 185;
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
  }
}

export function scaleFor(m: Metric, diff: boolean, maxLatencyMs = 100): Scale {
  if (diff) {
    if (m === 'served') return { metric: m, diff, label: 'Δ served', unit: 'percentage points', min: -10, max: 10, stops: DIVERGING, lowText: '+10 pp better', highText: '−10 pp worse' };
    if (m === 'visible') return { metric: m, diff, label: 'Δ visible satellites', unit: 'satellites', min: -2, max: 2, stops: DIVERGING, lowText: '+2 more', highText: '−2 fewer' };
    return { metric: m, diff, label: `Δ ${m} latency`, unit: 'ms', min: -10, max: 10, stops: DIVERGING, lowText: '−10 ms faster', highText: '+10 ms slower' };
  }
  if (m === 'served') return { metric: m, diff, label: 'Served', unit: '% of time', min: 0, max: 100, stops: [...GOOD_TO_BAD].reverse() as [number, number, number][], lowText: '0 %', highText: '100 %' };
  if (m === 'visible') return { metric: m, diff, label: 'Visible satellites', unit: 'mean count', min: 0, max: 20, stops: BLUES, lowText: '0', highText: '20+' };
  const max = Math.min(maxLatencyMs, m === 'p50' ? 60 : 80);
  return { metric: m, diff, label: `${m} latency`, unit: 'ms one way to the PoP', min: 0, max, stops: GOOD_TO_BAD, lowText: '0 ms', highText: `${max}+ ms` };
}

function ramp(stops: readonly [number, number, number][], x: number): [number, number, number] {
  const t = Math.min(1, Math.max(0, x)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(t));
  const f = t - i;
  const a = stops[i]!, b = stops[i + 1]!;
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/** Signed "worse-ness" of a difference: positive = worse, for the diverging scale. */
function worse(m: Metric, d: number): number {
  return m === 'served' || m === 'visible' ? -d : d;
}

/**
 * RGBA bytes (4 per cell) for a snapshot, optionally as the difference to `reference` (same grid).
 * Cells with no change in difference mode are fully transparent, so the edit's footprint stands out.
 */
export function cellColors(scale: Scale, snap: CoverageSnapshot, reference: CoverageSnapshot | null, out = new Uint8Array(4 * snap.cells.servedPct.length)): Uint8Array {
  const v = valuesOf(snap, scale.metric);
  const ref = reference ? valuesOf(reference, scale.metric) : null;
  const span = scale.max - scale.min;
  for (let c = 0; c < v.length; c++) {
    let x = v[c]!;
    let rgba: [number, number, number, number];
    if (scale.diff && ref) {
      const r = ref[c]!;
      if (Number.isNaN(x) && Number.isNaN(r)) rgba = [0, 0, 0, 0];
      else {
        // Served / unserved flips: saturate (never served before -> served now is the best news).
        const d = Number.isNaN(x) ? Infinity : Number.isNaN(r) ? -Infinity : x - r;
        const w = worse(scale.metric, d);
        if (w === 0 || Math.abs(d) < 1e-9) rgba = [0, 0, 0, 0];
        else {
          const [R, G, B] = ramp(scale.stops, (w - scale.min) / span);
          rgba = [R, G, B, 190];
        }
      }
    } else if (Number.isNaN(x)) rgba = NODATA;
    else {
      x = (x - scale.min) / span;
      const [R, G, B] = ramp(scale.stops, x);
      rgba = [R, G, B, ALPHA];
    }
    out[4 * c] = rgba[0];
    out[4 * c + 1] = rgba[1];
    out[4 * c + 2] = rgba[2];
    out[4 * c + 3] = rgba[3];
  }
  return out;
}

/** CSS linear-gradient for the legend bar. */
export function legendGradient(scale: Scale): string {
  const n = scale.stops.length;
  return `linear-gradient(to right, ${scale.stops.map((s, i) => `rgb(${s[0]},${s[1]},${s[2]}) ${((100 * i) / (n - 1)).toFixed(0)}%`).join(', ')})`;
}
