// RTT over the next N minutes or over the scenario's analysis window, drawn with uPlot: from a
// ground point to its PoP (engine routeTimeSeries) or between the route panel's two ends (engine
// routeEndsTimeSeries), both cancellable long tasks. Gaps (no route) are left as gaps.
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { getEngine } from '../../engine/instance';
import type { RouteEnd } from '../../../src-core/network/endpoints';
import { isDroppedResult, type RouteTimeSeriesResponse } from '../../engine/protocol';
import { useApp } from '../../state/store';
import { chartHeight, exposeTicks, readableAxes } from '../planning/Chart';

export const RTT_DEFAULT_MINUTES = 30;
export const RTT_STEP_S = 30;
/** The "minutes" value of the analysis-window choice. */
const ANALYSIS_WINDOW = -1;

/** What the chart plots: a ground point's path to its PoP, or the route between two ends. */
export type RttQuery = { kind: 'pop'; latDeg: number; lonDeg: number } | { kind: 'ends'; from: RouteEnd; to: RouteEnd };

export function RttChart(props: { latDeg: number; lonDeg: number } | { query: RttQuery }) {
  const query: RttQuery = 'query' in props ? props.query : { kind: 'pop', latDeg: props.latDeg, lonDeg: props.lonDeg };
  const queryKey = JSON.stringify(query);
  const revision = useApp((s) => s.revision);
  const analysis = useApp((s) => s.scenario.analysis);
  const [startMs, setStartMs] = useState(() => useApp.getState().timeUtcMs);
  const [minutes, setMinutes] = useState(RTT_DEFAULT_MINUTES);
  const [data, setData] = useState<RouteTimeSeriesResponse | null>(null);
  const [progress, setProgress] = useState<string>('');
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);

  // A new point restarts from the current time.
  useEffect(() => setStartMs(useApp.getState().timeUtcMs), [queryKey]);

  const wholeWindow = minutes === ANALYSIS_WINDOW;
  const windowStartMs = wholeWindow ? Date.parse(analysis.startUtc) : startMs;
  const durationS = wholeWindow ? analysis.durationS : minutes * 60;
  const stepS = wholeWindow ? Math.max(RTT_STEP_S, analysis.stepS) : RTT_STEP_S;

  useEffect(() => {
    const ac = new AbortController();
    setData(null);
    setError(null);
    setProgress('computing…');
    const q = JSON.parse(queryKey) as RttQuery;
    const opts = { signal: ac.signal, onProgress: (p: { done: number; total: number }) => setProgress(`computing… ${p.done}/${p.total}`) };
    const engine = getEngine();
    (q.kind === 'pop'
      ? engine.request('routeTimeSeries', { revision, query: { kind: 'pop', from: { latDeg: q.latDeg, lonDeg: q.lonDeg } }, startUtcMs: windowStartMs, durationS, stepS }, opts)
      : engine.request('routeEndsTimeSeries', { revision, from: q.from, to: q.to, startUtcMs: windowStartMs, durationS, stepS }, opts)
    )
      .then((r) => {
        setData(r);
        setProgress('');
      })
      .catch((e: unknown) => {
        if (isDroppedResult(e)) return;
        setError(e instanceof Error ? e.message : String(e));
        setProgress('');
      });
    return () => ac.abort();
  }, [queryKey, windowStartMs, durationS, stepS, revision]);

  useEffect(() => {
    const el = box.current;
    if (!el || !data) return;
    const s = data.series;
    const xs = Array.from(s.tUtcMs, (t) => t / 1000);
    const ys = Array.from(s.rttMs, (v) => (Number.isFinite(v) ? v : null));
    const axis = { stroke: '#8b96a5', grid: { stroke: 'rgba(255,255,255,0.07)' }, ticks: { stroke: 'rgba(255,255,255,0.15)' }, font: '11px system-ui' };
    const height = chartHeight(150);
    const plot = new uPlot(
      {
        width: Math.max(200, el.clientWidth),
        height,
        legend: { show: false },
        cursor: { y: false },
        hooks: { draw: [exposeTicks] },
        scales: { x: { time: true } },
        axes: readableAxes([
          { ...axis, values: (_u, v) => v.map((x) => new Date(x * 1000).toISOString().slice(11, 16)) },
          { ...axis, size: 44, label: 'RTT ms', labelSize: 14, labelFont: '11px system-ui' },
        ]),
        series: [{}, { stroke: '#ffee58', width: 1.5, spanGaps: false, points: { show: false } }],
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
      },
      [xs, ys],
      el,
    );
    // Follow the panel's width (the inspector can be resized with the window).
    const ro = new ResizeObserver(() => {
      if (el.clientWidth > 0) plot.setSize({ width: Math.max(200, el.clientWidth), height });
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [data]);

  const finite = data ? Array.from(data.series.rttMs).filter(Number.isFinite) : [];
  const changes = data ? data.series.pathChanged.reduce((a, b) => a + b, 0) : 0;
  return (
    <div className="rtt" data-testid="rtt-chart">
      <div className="rtt__head">
        <span>
          RTT,{' '}
          <select aria-label="Chart duration" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
            {[10, 30, 60, 120].map((m) => (
              <option key={m} value={m}>
                next {m} min
              </option>
            ))}
            <option value={ANALYSIS_WINDOW}>analysis window</option>
          </select>{' '}
          <span className="muted">({stepS} s step)</span>
        </span>
        {!wholeWindow && (
          <button type="button" className="btn btn--small" onClick={() => setStartMs(useApp.getState().timeUtcMs)} title="Recompute from the current time">
            ↻ now
          </button>
        )}
      </div>
      <div ref={box} className="rtt__plot" />
      {progress && <p className="muted">{progress}</p>}
      {error && <p className="error-text">{error}</p>}
      {data && finite.length > 0 && (
        <p className="muted rtt__summary">
          min {Math.min(...finite).toFixed(1)} · max {Math.max(...finite).toFixed(1)} ms · {changes} path changes{finite.length < data.series.rttMs.length ? ` · ${data.series.rttMs.length - finite.length} samples without a route` : ''}
        </p>
      )}
      {data && finite.length === 0 && <p className="muted">No route during this interval.</p>}
    </div>
  );
}
