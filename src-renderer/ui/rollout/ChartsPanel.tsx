// The Rollout tab's charts (docs/ROLLOUT.md, "Planning the rollout in the app"): satellites in orbit
// and operational, population served % and served Gbps, and p95 latency vs date, from the engine
// worker's rollout series (rolloutPlanSync.ts). Milestones (the scenario's), today and the app's
// rollout date are marked; a click on a chart sets the app's rollout date (rolloutStore.ts).
import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { RolloutSeriesResult } from '../../engine/rolloutPlanHost';
import { useApp } from '../../state/store';
import { IsoDateInput } from '../IsoDateInput';
import { Chart } from '../planning/Chart';
import { useRollout } from './rolloutStore';
import { scheduleOf, seriesRangeOf } from './schedule';
import { useRolloutPlan } from './rolloutPlanStore';

const CHART_HEIGHT = 130;
const COLORS = { inOrbit: '#8fa3bf', operational: '#4fc3f7', served: '#81c784', gbps: '#ffb74d', p95: '#e57373', milestone: '#ffd54f', today: '#ffffff', date: '#4fc3f7' };
const MARK_FONT = '10px system-ui';

/** A vertical line at `xMs` across the plot, with a label at its top or bottom (canvas px). */
function markLine(u: uPlot, xMs: number, color: string, label: string, dash: number[], labelAt: 'top' | 'bottom' = 'top'): void {
  const x = u.valToPos(xMs / 1000, 'x', true);
  const { top, height, left, width } = u.bbox;
  if (!(x >= left && x <= left + width)) return;
  const ctx = u.ctx;
  ctx.save();
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.setLineDash(dash);
  ctx.lineWidth = devicePixelRatio;
  ctx.beginPath();
  ctx.moveTo(x, top);
  ctx.lineTo(x, top + height);
  ctx.stroke();
  if (label) {
    ctx.font = MARK_FONT.replace('10px', `${10 * devicePixelRatio}px`);
    ctx.textAlign = x > left + width / 2 ? 'right' : 'left';
    const y = labelAt === 'top' ? top + 10 * devicePixelRatio : top + height - 3 * devicePixelRatio;
    ctx.fillText(label, x + (ctx.textAlign === 'left' ? 3 : -3) * devicePixelRatio, y);
  }
  ctx.restore();
}

/** Milestones, today and the rollout date, read when uPlot draws (the data prop changes with them). */
function drawMarks(u: uPlot): void {
  const series = useRolloutPlan.getState().series;
  for (const m of series?.milestones ?? []) markLine(u, m.dateMs, COLORS.milestone, m.label, [4, 3]);
  markLine(u, Date.now(), COLORS.today, 'today', [], 'bottom');
  const d = useRollout.getState().dateMs;
  if (d !== null) markLine(u, d, COLORS.date, '', [2, 2]);
}

/** A click on the plot sets the app's rollout date to the chart's date under the cursor. */
function clickSetsDate(u: uPlot): void {
  u.over.addEventListener('click', () => {
    const i = u.cursor.idx;
    const x = i === null || i === undefined ? null : u.data[0][i];
    if (x !== null && x !== undefined) useRollout.getState().setDate(x * 1000);
  });
}

function options(series: uPlot.Series[], axes: uPlot.Axis[], scales?: uPlot.Scales): Omit<uPlot.Options, 'width'> {
  return {
    height: CHART_HEIGHT,
    series: [{}, ...series],
    axes,
    ...(scales ? { scales } : {}),
    cursor: { drag: { x: false, y: false } },
    legend: { show: true, live: true },
    hooks: { draw: [drawMarks], ready: [clickSetsDate] },
  };
}

const SATELLITES = options(
  [
    { label: 'in orbit', stroke: COLORS.inOrbit, width: 1.5 },
    { label: 'operational', stroke: COLORS.operational, width: 2 },
  ],
  [{}, { label: 'satellites' }],
);
const SERVICE = options(
  [
    { label: 'served %', stroke: COLORS.served, width: 2, scale: '%' },
    { label: 'served Gbps', stroke: COLORS.gbps, width: 1.5, scale: 'gbps' },
  ],
  [{}, { label: '% served', scale: '%' }, { label: 'Gbps', scale: 'gbps', side: 1, grid: { show: false } }],
  { '%': { range: [0, 100] } },
);
const LATENCY = options([{ label: 'p95 ms', stroke: COLORS.p95, width: 2 }], [{}, { label: 'p95 ms' }]);

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

function chartData(s: RolloutSeriesResult) {
  const x = s.rows.map((r) => r.dateMs / 1000);
  return {
    satellites: [x, s.rows.map((r) => r.inOrbit), s.rows.map((r) => r.operational)] as uPlot.AlignedData,
    service: [x, s.rows.map((r) => finiteOrNull(r.servedPct)), s.rows.map((r) => finiteOrNull(r.servedGbps))] as uPlot.AlignedData,
    latency: [x, s.rows.map((r) => finiteOrNull(r.p95LatencyMs))] as uPlot.AlignedData,
  };
}

function RangeControls() {
  const range = useRolloutPlan((s) => s.range);
  const setRange = useRolloutPlan((s) => s.setRange);
  const scenario = useApp((s) => s.scenario);
  const resolved = seriesRangeOf(scheduleOf(scenario), range);
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  const shown = (ms: number | null, fallback: number | undefined): string | null => iso(ms ?? (fallback !== undefined && Number.isFinite(fallback) ? fallback : null));
  return (
    <div className="rollout-range">
      <label>
        from <IsoDateInput value={shown(range.fromMs, resolved.ok ? resolved.fromMs : undefined)} label="charts from (empty: first launch)" onCommit={(v) => setRange({ fromMs: v === null ? null : Date.parse(v) })} testId="rollout-from" />
      </label>
      <label>
        to <IsoDateInput value={shown(range.toMs, resolved.ok ? resolved.toMs : undefined)} label="charts to (empty: full deployment)" onCommit={(v) => setRange({ toMs: v === null ? null : Date.parse(v) })} testId="rollout-to" />
      </label>
      <label>
        every
        <select value={range.stepDays} onChange={(e) => setRange({ stepDays: Number(e.target.value) })} aria-label="step between dates" data-testid="rollout-step">
          {[7, 14, 30, 60, 91].map((d) => (
            <option key={d} value={d}>
              {d} days
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function StatusLine() {
  const { status, progress, series, message } = useRolloutPlan();
  const revision = useApp((s) => s.revision);
  let text: string;
  if (message) text = message;
  else if (status === 'computing') text = progress ? `Computing date ${progress.done} of ${progress.total}…` : 'Computing the network over the analysis window…';
  else if (series) text = `${series.rows.length} dates, ${(series.computeMs / 1000).toFixed(1)} s (${series.networkRecomputes} networks)${series.revision === revision ? '' : ' · updating…'}. Click a chart to show that date.`;
  else text = 'Open this tab to compute the series.';
  return (
    <p className={status === 'error' ? 'rollout-error' : 'muted'} data-testid="rollout-status" data-status={status}>
      {text}
    </p>
  );
}

export function ChartsPanel() {
  const series = useRolloutPlan((s) => s.series);
  const dateMs = useRollout((s) => s.dateMs);
  // A new data object when the rollout date moves too: uPlot redraws, and drawMarks reads the date.
  const data = useMemo(() => (series ? chartData(series) : null), [series, dateMs]);
  return (
    <div className="rollout rollout-charts" data-testid="rollout-charts">
      <RangeControls />
      <StatusLine />
      {data && (
        <>
          <Chart options={SATELLITES} data={data.satellites} testId="rollout-chart-satellites" />
          <Chart options={SERVICE} data={data.service} testId="rollout-chart-service" />
          <Chart options={LATENCY} data={data.latency} testId="rollout-chart-latency" />
        </>
      )}
      {series && series.problems.length > 0 && <p className="rollout-warning">{series.problems.join(' · ')}</p>}
    </div>
  );
}
