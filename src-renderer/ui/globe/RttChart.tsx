// RTT from a ground point to its PoP over the next N minutes (engine routeTimeSeries, a
// cancellable long task), drawn with uPlot. Gaps (no route) are left as gaps.
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { getEngine } from '../../engine/instance';
import { isDroppedResult, type RouteTimeSeriesResponse } from '../../engine/protocol';
import { useApp } from '../../state/store';
import { chartHeight, exposeTicks, readableAxes } from '../planning/Chart';

export const RTT_DEFAULT_MINUTES = 30;
export const RTT_STEP_S = 30;

export function RttChart({ latDeg, lonDeg }: { latDeg: number; lonDeg: number }) {
  const revision = useApp((s) => s.revision);
  const [startMs, setStartMs] = useState(() => useApp.getState().timeUtcMs);
  const [minutes, setMinutes] = useState(RTT_DEFAULT_MINUTES);
  const [data, setData] = useState<RouteTimeSeriesResponse | null>(null);
  const [progress, setProgress] = useState<string>('');
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);

  // A new point restarts from the current time.
  useEffect(() => setStartMs(useApp.getState().timeUtcMs), [latDeg, lonDeg]);

  useEffect(() => {
    const ac = new AbortController();
    setData(null);
    setError(null);
    setProgress('computing…');
    getEngine()
      .request('routeTimeSeries', { revision, query: { kind: 'pop', from: { latDeg, lonDeg } }, startUtcMs: startMs, durationS: minutes * 60, stepS: RTT_STEP_S }, { signal: ac.signal, onProgress: (p) => setProgress(`computing… ${p.done}/${p.total}`) })
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
  }, [latDeg, lonDeg, startMs, minutes, revision]);

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
          RTT, next{' '}
          <select aria-label="Chart duration" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
            {[10, 30, 60, 120].map((m) => (
              <option key={m} value={m}>
                {m} min
              </option>
            ))}
          </select>{' '}
          <span className="muted">({RTT_STEP_S} s step)</span>
        </span>
        <button type="button" className="btn btn--small" onClick={() => setStartMs(useApp.getState().timeUtcMs)} title="Recompute from the current time">
          ↻ now
        </button>
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
