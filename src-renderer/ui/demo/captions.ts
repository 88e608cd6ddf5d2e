// The captions of demo mode, shared by the on-screen overlay and the exported frames so both say
// the same. Two sets:
//   - rollout view on (useRollout.dateMs set: the tour's rollout option, or the rollout bar): the
//     rollout date, the satellites in orbit / operational and the population served at that date
//     (useRollout's figures), and the launch that just happened on the tour's dates;
//   - otherwise: the app's date/time, the operational satellites and the population served (the
//     engine's live coverage figures).
// "—" while a figure is being computed, never an older figure.
import { getEngine } from '../../engine/instance';
import { appStore } from '../../state/store';
import { formatUtcMinutes } from '../format';
import { planningStore } from '../planning/planningStore';
import { useRollout } from '../rollout/rolloutStore';
import { demoStore } from './demoStore';
import { launchCaption } from './rolloutTour';

export const PENDING = '—';
/** STATUS_CODES.operational (src-core/constellation/types.ts). */
const OPERATIONAL = 2;

export type CaptionKey = 'date' | 'satellites' | 'served';

export interface Captions extends Record<CaptionKey, string> {
  /** Labels of the three values (rollout view or not). */
  labels: Record<CaptionKey, string>;
  /** The launch that just happened on the tour's rollout date ("Launch 7: Atlas V, 27 satellites"), or null. */
  launch: string | null;
}

/** Operational satellites of the scenario the engine holds now, or null while it loads. */
export function operationalSatellites(): number | null {
  const client = getEngine();
  const info = client.scenarioInfo;
  if (!info || info.revision !== client.revision) return null;
  let n = 0;
  for (const st of info.topology.status) if (st === OPERATIONAL) n++;
  return n;
}

/** Demand-weighted % of the population served over the analysis window, or null while computing. */
export function populationServedPct(): number | null {
  const p = planningStore.getState();
  if (p.status !== 'ready' || !p.current || p.current.revision !== appStore.getState().revision) return null;
  return p.current.headline.servedPct;
}

export const CAPTION_LABELS: Record<CaptionKey, string> = {
  date: 'Date',
  satellites: 'Satellites operational',
  served: 'Population served',
};

export const ROLLOUT_CAPTION_LABELS: Record<CaptionKey, string> = {
  date: 'Rollout date',
  satellites: 'Satellites in orbit / operational',
  served: 'Population served',
};

export const CAPTION_ORDER: readonly CaptionKey[] = ['date', 'satellites', 'served'];

const servedText = (pct: number | null): string => (pct === null || !Number.isFinite(pct) ? PENDING : `${pct.toFixed(1)} %`);

/** "2027-03-14" (UTC). */
export function formatUtcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Captions of the rollout date `dateMs`: its figures once the engine has answered for that very date. */
function rolloutCaptions(dateMs: number): Captions {
  const { figures } = useRollout.getState();
  const f = figures && figures.dateMs === dateMs ? figures : null;
  const d = demoStore.getState();
  return {
    labels: ROLLOUT_CAPTION_LABELS,
    date: formatUtcDate(dateMs),
    satellites: f ? `${f.inOrbit.toLocaleString('en-US')} / ${f.operational.toLocaleString('en-US')}` : PENDING,
    served: servedText(f ? f.servedPct : null),
    launch: d.active && d.rollout ? launchCaption(d.rollout, d.rolloutSettings, dateMs) : null,
  };
}

export function currentCaptions(timeUtcMs = appStore.getState().timeUtcMs): Captions {
  const rolloutDate = useRollout.getState().dateMs;
  if (rolloutDate !== null) return rolloutCaptions(rolloutDate);
  const sats = operationalSatellites();
  return {
    labels: CAPTION_LABELS,
    date: formatUtcMinutes(timeUtcMs),
    satellites: sats === null ? PENDING : sats.toLocaleString('en-US'),
    served: servedText(populationServedPct()),
    launch: null,
  };
}

const ORDER = CAPTION_ORDER;

const BAND_FILL = 'rgba(8, 12, 18, 0.72)';

/**
 * Draws the captions onto an exported frame, bottom left, scaled with the frame's height (a
 * 1080p frame gets 44 px values), white on a dark band so they read on any part of the globe;
 * the launch that just happened, if any, on a band of its own above.
 */
export function drawCaptions(ctx: CanvasRenderingContext2D, width: number, height: number, c: Captions): void {
  const unit = height / 1080;
  const pad = Math.round(36 * unit);
  const valuePx = Math.round(44 * unit);
  const labelPx = Math.round(20 * unit);
  const launchPx = Math.round(30 * unit);
  const colGap = Math.round(56 * unit);
  const valueFont = `600 ${valuePx}px system-ui, sans-serif`;
  const labelFont = `500 ${labelPx}px system-ui, sans-serif`;
  ctx.save();
  const widths = ORDER.map((k) => {
    ctx.font = valueFont;
    const v = ctx.measureText(c[k]).width;
    ctx.font = labelFont;
    return Math.max(v, ctx.measureText(c.labels[k].toUpperCase()).width);
  });
  const bandW = widths.reduce((a, b) => a + b, 0) + colGap * (ORDER.length - 1) + 2 * pad;
  const bandH = valuePx + labelPx + Math.round(2.2 * pad);
  const y0 = height - bandH - pad;
  ctx.fillStyle = BAND_FILL;
  ctx.fillRect(pad, y0, Math.min(bandW, width - 2 * pad), bandH);
  ctx.textBaseline = 'top';
  let x = 2 * pad;
  ORDER.forEach((k, i) => {
    ctx.fillStyle = '#9fb3c8';
    ctx.font = labelFont;
    ctx.fillText(c.labels[k].toUpperCase(), x, y0 + pad);
    ctx.fillStyle = '#ffffff';
    ctx.font = valueFont;
    ctx.fillText(c[k], x, y0 + pad + labelPx + Math.round(0.3 * pad));
    x += widths[i]! + colGap;
  });
  if (c.launch) {
    ctx.font = `600 ${launchPx}px system-ui, sans-serif`;
    const launchH = launchPx + pad;
    const launchY = y0 - launchH - Math.round(pad / 3);
    ctx.fillStyle = BAND_FILL;
    ctx.fillRect(pad, launchY, Math.min(ctx.measureText(c.launch).width + 2 * pad, width - 2 * pad), launchH);
    ctx.fillStyle = '#ffd27a';
    ctx.fillText(c.launch, 2 * pad, launchY + Math.round(pad / 2));
  }
  ctx.restore();
}
