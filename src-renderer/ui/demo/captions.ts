// The captions of demo mode, shared by the on-screen overlay and the exported frames so both say
// the same: the app's date/time, the operational satellites and the population served (the
// engine's live coverage figures; "—" while they are being computed, never an older figure).
import { getEngine } from '../../engine/instance';
import { appStore } from '../../state/store';
import { formatUtcMinutes } from '../format';
import { planningStore } from '../planning/planningStore';

export const PENDING = '—';
/** STATUS_CODES.operational (src-core/constellation/types.ts). */
const OPERATIONAL = 2;

export interface Captions {
  date: string;
  satellites: string;
  served: string;
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

export function currentCaptions(timeUtcMs = appStore.getState().timeUtcMs): Captions {
  const sats = operationalSatellites();
  const served = populationServedPct();
  return {
    date: formatUtcMinutes(timeUtcMs),
    satellites: sats === null ? PENDING : sats.toLocaleString('en-US'),
    served: served === null ? PENDING : `${served.toFixed(1)} %`,
  };
}

export const CAPTION_LABELS: Record<keyof Captions, string> = {
  date: 'Date',
  satellites: 'Satellites operational',
  served: 'Population served',
};

const ORDER: (keyof Captions)[] = ['date', 'satellites', 'served'];

/**
 * Draws the captions onto an exported frame, bottom left, scaled with the frame's height (a
 * 1080p frame gets 44 px values), white on a dark band so they read on any part of the globe.
 */
export function drawCaptions(ctx: CanvasRenderingContext2D, width: number, height: number, c: Captions): void {
  const unit = height / 1080;
  const pad = Math.round(36 * unit);
  const valuePx = Math.round(44 * unit);
  const labelPx = Math.round(20 * unit);
  const colGap = Math.round(56 * unit);
  ctx.save();
  ctx.font = `600 ${valuePx}px system-ui, sans-serif`;
  const widths = ORDER.map((k) => {
    ctx.font = `600 ${valuePx}px system-ui, sans-serif`;
    const v = ctx.measureText(c[k]).width;
    ctx.font = `500 ${labelPx}px system-ui, sans-serif`;
    return Math.max(v, ctx.measureText(CAPTION_LABELS[k].toUpperCase()).width);
  });
  const bandW = widths.reduce((a, b) => a + b, 0) + colGap * (ORDER.length - 1) + 2 * pad;
  const bandH = valuePx + labelPx + Math.round(2.2 * pad);
  const y0 = height - bandH - pad;
  ctx.fillStyle = 'rgba(8, 12, 18, 0.72)';
  ctx.fillRect(pad, y0, Math.min(bandW, width - 2 * pad), bandH);
  let x = 2 * pad;
  ORDER.forEach((k, i) => {
    ctx.textBaseline = 'top';
    ctx.fillStyle = '#9fb3c8';
    ctx.font = `500 ${labelPx}px system-ui, sans-serif`;
    ctx.fillText(CAPTION_LABELS[k].toUpperCase(), x, y0 + pad);
    ctx.fillStyle = '#ffffff';
    ctx.font = `600 ${valuePx}px system-ui, sans-serif`;
    ctx.fillText(c[k], x, y0 + pad + labelPx + Math.round(0.3 * pad));
    x += widths[i]! + colGap;
  });
  ctx.restore();
}
