// "Coverage & latency": the gateway tools, the live window figures with their change since the
// last edit and since the saved baseline, the heatmap choice (its legend is on the globe:
// globe/heatmap/legend.ts), and the charts
// (demand-weighted latency CDF, served % over the window, load per gateway). While the rollout view
// is on, figures, charts and heatmap are the network as of the rollout date (planningStore.dated,
// shownCoverage), labelled "as of <date> (rollout view)"; off, the scenario as written.
import { useMemo } from 'react';
import uPlot from 'uplot';
import { useShallow } from 'zustand/react/shallow';
import type { CoverageSnapshot } from '../../engine/planningProtocol';
import { selectedGatewayIds } from '../../state/slices/selection';
import { useApp } from '../../state/store';
import { formatDuration, isoDayUtc } from '../format';
import './planning.css';
import { Chart } from './Chart';
import { shownCoverage, usePlanning, type DatedCoverage, type HeatmapCompare, type HeatmapMetric } from './planningStore';

interface FigureDef {
  key: string;
  label: string;
  /** Full name (tooltip). */
  title: string;
  unit: string;
  digits: number;
  /** +1: larger is better; -1: smaller is better. */
  better: 1 | -1;
  get(s: CoverageSnapshot, selected: string[]): number;
}

const share = (s: CoverageSnapshot, ids: string[]): number => {
  if (ids.length === 0) return NaN;
  let sum = 0;
  for (const id of ids) {
    const i = s.gatewayIds.indexOf(id);
    if (i >= 0) sum += s.gatewayShare[i]!;
  }
  return 100 * sum;
};

const FIGURES: FigureDef[] = [
  { key: 'served', title: 'Area served: demand-weighted % of time served, over the service area only (people in cells a satellite covers at some time in the window; those beyond its latitudes are left out)', label: 'Area served', unit: '%', digits: 3, better: 1, get: (s) => s.headline.serviceArea.servedPct },
  { key: 'pop', title: "Population served: demand-weighted % of time served, over every populated cell of the grid (people beyond the constellation's latitudes count as not served). The rollout bar's \"pop. served\" is this figure.", label: 'Pop. served', unit: '%', digits: 3, better: 1, get: (s) => s.headline.servedPct },
  { key: 'p50', title: 'Demand-weighted median one-way latency to the PoP', label: 'p50', unit: 'ms', digits: 2, better: -1, get: (s) => s.headline.p50LatencyMs },
  { key: 'p95', title: 'Demand-weighted 95th percentile one-way latency', label: 'p95', unit: 'ms', digits: 2, better: -1, get: (s) => s.headline.p95LatencyMs },
  { key: 'mean', title: 'Demand-weighted mean one-way latency', label: 'Mean', unit: 'ms', digits: 2, better: -1, get: (s) => s.headline.meanLatencyMs },
  { key: 'outage', title: 'Longest outage of a populated cell in the service area (coverage gaps included)', label: 'Outage', unit: 's', digits: 0, better: -1, get: (s) => s.headline.serviceArea.longestOutageS },
  { key: 'top', title: 'Largest share of served demand through one gateway', label: 'Top gw', unit: '%', digits: 2, better: -1, get: (s) => 100 * s.gatewayShare.reduce((m, x) => Math.max(m, x), 0) },
  { key: 'share', title: 'Share of served demand through the selected gateway(s)', label: 'Sel. gw', unit: '%', digits: 2, better: 1, get: (s, sel) => share(s, sel) },
];

function fmt(v: number, digits: number): string {
  return Number.isFinite(v) ? v.toFixed(digits) : '–';
}

function Delta({ now, then, def, selected }: { now: CoverageSnapshot; then: CoverageSnapshot | null; def: FigureDef; selected: string[] }) {
  if (!then) return <td className="delta muted">–</td>;
  const d = def.get(now, selected) - def.get(then, selected);
  if (!Number.isFinite(d)) return <td className="delta muted">–</td>;
  const eps = 0.5 * 10 ** -def.digits;
  if (Math.abs(d) < eps) return <td className="delta muted">0</td>;
  const good = d * def.better > 0;
  return <td className={`delta ${good ? 'delta--good' : 'delta--bad'}`}>{`${d > 0 ? '+' : '−'}${Math.abs(d).toFixed(def.digits)}`}</td>;
}

const millions = (people: number): string => `${(people / 1e6).toLocaleString('en-US', { maximumFractionDigits: people < 1e7 ? 1 : 0 })} M`;

/** What Served and Outage measure, and whether gateways can move them (from the snapshot's own numbers). */
export function serviceAreaNote(s: CoverageSnapshot): string {
  const a = s.headline.serviceArea;
  const scope = `Area served and Outage cover the ${millions(a.population)} people in cells a satellite sees during the window${a.outsidePopulation > 0 ? `; ${millions(a.outsidePopulation)} outside coverage (beyond ${a.maxAbsLatDeg.toFixed(0)}° latitude) are left out` : ''}. Pop. served counts every person in the grid (those outside coverage as not served): it is the rollout bar's "pop. served".`;
  const routed =
    a.routedPctOfCovered >= 100
      ? ` Every covered minute already reaches a PoP within ${s.maxLatencyMs} ms, so gateway edits change latency, not Served; outages are coverage gaps.`
      : ` ${(100 - a.routedPctOfCovered).toFixed(3)} % of covered time has no route within ${s.maxLatencyMs} ms (longest ${formatDuration(a.longestRoutingOutageS)}): gateways can fix that.`;
  return scope + routed;
}

/** The rollout view's label over the figures ("as of 2025-12-01 (rollout view)"), or null when the view is off. */
function AsOf({ dated }: { dated: DatedCoverage | null }) {
  if (!dated) return null;
  const asked = isoDayUtc(dated.askedMs);
  const text =
    dated.dateMs === null
      ? `Computing the network as of ${asked} (rollout view)…`
      : `as of ${isoDayUtc(dated.dateMs)} (rollout view)${dated.dateMs !== dated.askedMs ? `, updating to ${asked}…` : ''}`;
  return (
    <p className="figures__asof" data-testid="coverage-asof" data-date-ms={dated.dateMs === null ? '' : String(dated.dateMs)} title="Operational satellites and gateways in service at the rollout date only. Turn the rollout view off for the scenario as written.">
      {text}
    </p>
  );
}

function statusLine(current: CoverageSnapshot, dated: boolean, status: string, phase: string | undefined, roundTripMs: number | null): string {
  if (dated) return `Rollout engine ${current.computeMs.toFixed(0)} ms in its worker`;
  if (status === 'evaluating') return `Re-evaluating… ${phase ?? ''}`;
  return `${current.mode === 'full' ? 'Full evaluation' : 'Incremental'} ${current.computeMs.toFixed(0)} ms in the worker${roundTripMs !== null ? `, ${roundTripMs.toFixed(0)} ms to screen` : ''}`;
}

function Figures() {
  const { written, writtenPrevious, dated, baseline, baselineLabel, status, progress, error, roundTripMs } = usePlanning(
    useShallow((s) => ({ written: s.current, writtenPrevious: s.previous, dated: s.dated, baseline: s.baseline, baselineLabel: s.baselineLabel, status: s.status, progress: s.progress, error: s.error, roundTripMs: s.roundTripMs })),
  );
  const { current, previous } = shownCoverage({ current: written, previous: writtenPrevious, dated });
  const selection = useApp((s) => s.selection);
  const selected = selectedGatewayIds(selection);
  const setBaseline = usePlanning((s) => s.setBaseline);
  const clearBaseline = usePlanning((s) => s.clearBaseline);
  const revision = useApp((s) => s.revision);
  if (!current) {
    return (
      <>
        <AsOf dated={dated} />
        {!dated && (
          <p className="empty" data-testid="coverage-status">
            {status === 'error' ? `Coverage failed: ${error}` : `Computing coverage… ${progress?.phase ?? ''} (${progress ? `${progress.done}/${progress.total}` : ''})`}
          </p>
        )}
      </>
    );
  }
  return (
    <>
      <AsOf dated={dated} />
      <table className="figures" data-testid="figures" data-as-of-ms={current.asOfDateMs ?? ''}>
        <thead>
          <tr>
            <th />
            <th>{dated ? 'date' : 'now'}</th>
            <th title={dated ? 'Change since the date shown before' : 'Change caused by the last edit'}>{dated ? 'Δ date' : 'Δ edit'}</th>
            <th title={baselineLabel ? `Change since the baseline: ${baselineLabel}` : 'Set a baseline to compare against'}>Δ base</th>
          </tr>
        </thead>
        <tbody>
          {FIGURES.map((f) => (
            <tr key={f.key} data-figure={f.key}>
              <th scope="row" title={f.title}>
                {f.label} <span className="muted">{f.unit}</span>
              </th>
              <td className="num" data-testid={`fig-${f.key}`}>
                {fmt(f.get(current, selected), f.digits)}
              </td>
              <Delta now={current} then={previous} def={f} selected={selected} />
              <Delta now={current} then={baseline} def={f} selected={selected} />
            </tr>
          ))}
        </tbody>
      </table>
      {/* Folded by default: the Plan tab's sections share one screen height (daily.spec). */}
      <details className="figures__meta muted small" data-testid="service-area-note">
        <summary>What Area served, Pop. served and Outage measure</summary>
        {serviceAreaNote(current)}
      </details>
      <p className="figures__meta muted" data-testid="coverage-status">
        {statusLine(current, dated !== null, status, progress?.phase, roundTripMs)}
        {' · '}
        {current.servedPctByStep.length} steps × {formatDuration(current.stepS)}
      </p>
      {/* Not a sticky action row: in a short share it would cover the figures, which matter more. */}
      <div className="row">
        <button type="button" className="btn btn--small" data-testid="set-baseline" onClick={() => setBaseline(current.asOfDateMs === undefined ? `revision ${revision}` : `revision ${revision} as of ${isoDayUtc(current.asOfDateMs)}`)}>
          Set baseline
        </button>
        {baseline && (
          <button type="button" className="btn btn--small" onClick={clearBaseline}>
            Clear baseline
          </button>
        )}
        {baselineLabel && <span className="muted">baseline: {baselineLabel}</span>}
      </div>
    </>
  );
}

const METRICS: [HeatmapMetric, string][] = [
  ['off', 'Off'],
  ['served', 'Served %'],
  ['p50', 'p50 latency'],
  ['p95', 'p95 latency'],
  ['visible', 'Visible satellites'],
  ['demand', 'Served demand (capacity)'],
];
const COMPARES: [HeatmapCompare, string][] = [
  ['none', 'Absolute'],
  ['previous', 'Δ last edit'],
  ['baseline', 'Δ baseline'],
];

function HeatmapControls() {
  const { metric, compare, setMetric, setCompare } = usePlanning(useShallow((s) => ({ metric: s.metric, compare: s.compare, setMetric: s.setMetric, setCompare: s.setCompare })));
  return (
    <div className="heatmap-controls">
      <label>
        Heatmap
        <select value={metric} onChange={(e) => setMetric(e.target.value as HeatmapMetric)} data-testid="heatmap-metric">
          {METRICS.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <select value={compare} onChange={(e) => setCompare(e.target.value as HeatmapCompare)} aria-label="Heatmap comparison" data-testid="heatmap-compare">
        {COMPARES.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A gateway's name as a tick label: its place without the qualifier ("Miami, FL (Homestead)" -> "Miami"), at most 9 characters ("Johannes…"). */
function tickName(name: string): string {
  const place = name.split(/[,(]/)[0]!.trim() || name;
  return place.length > 9 ? `${place.slice(0, 8)}…` : place;
}

const AXIS = { stroke: '#8b96a5', grid: { stroke: '#262f3a', width: 1 }, ticks: { stroke: '#262f3a' }, font: '10px system-ui' };

export function Charts() {
  const { written, dated, baseline } = usePlanning(useShallow((s) => ({ written: s.current, dated: s.dated, baseline: s.baseline })));
  const current = dated ? dated.snapshot : written;
  const names = useApp((s) => s.scenario.gateways);
  const cdf = useMemo(() => {
    if (!current) return null;
    const toCdf = (snap: CoverageSnapshot): Float64Array => {
      const w = snap.latencyHist.weights;
      const total = w.reduce((a, b) => a + b, 0);
      const out = new Float64Array(w.length);
      let acc = 0;
      for (let i = 0; i < w.length; i++) out[i] = total > 0 ? (100 * (acc += w[i]!)) / total : NaN;
      return out;
    };
    const { binMs, weights } = current.latencyHist;
    const curves = [toCdf(current)];
    if (baseline && baseline.latencyHist.weights.length === weights.length) curves.push(toCdf(baseline));
    // The histogram spans the whole latency budget (100 ms by default) while the served samples end
    // near 30 ms: draw up to where every curve has reached 99.9 %, then to the next 5 ms and 5 ms
    // more, so the curve fills the chart instead of its left third.
    const reached = curves.map((c) => c.findIndex((v) => v >= 99.9));
    const per5 = Math.max(1, Math.round(5 / binMs));
    const end = reached.some((k) => k < 0) ? weights.length : Math.min(weights.length, (Math.ceil((Math.max(...reached) + 1) / per5) + 1) * per5);
    const x = Float64Array.from({ length: end }, (_, i) => (i + 1) * binMs);
    return [x, ...curves.map((c) => c.subarray(0, end))] as uPlotData;
  }, [current, baseline]);
  const served = useMemo(() => (current ? ([Float64Array.from(current.servedPctByStep, (_, i) => (i * current.stepS) / 60), current.servedPctByStep] as uPlotData) : null), [current]);
  const load = useMemo(() => {
    if (!current) return null;
    const servedPeople = (current.headline.servedPct / 100) * current.headline.totalWeight;
    return [Float64Array.from(current.gatewayShare, (_, i) => i), Float64Array.from(current.gatewayShare, (s) => (s * servedPeople) / 1e6)] as uPlotData;
  }, [current]);
  if (!current || !cdf || !served || !load) return <p className="empty">Waiting for the coverage analysis…</p>;
  const gwName = (i: number): string => names.find((g) => g.id === current.gatewayIds[i])?.name ?? current.gatewayIds[i] ?? '';
  return (
    <div className="charts">
      <h3 className="list-title">Latency CDF (demand-weighted)</h3>
      <Chart
        testId="chart-cdf"
        data={cdf}
        options={{
          height: 120,
          legend: { show: false },
          scales: { x: { time: false }, y: { range: [0, 100] } },
          // space: ticks 24 px apart at least, so 5 ms steps on the trimmed axis above (10 ms gave 3 labels).
          axes: [{ ...AXIS, space: 24, label: 'one-way ms', labelSize: 14, labelFont: '10px system-ui' }, { ...AXIS, size: 34 }],
          series: [{ label: 'ms' }, { label: 'now', stroke: '#4ea1ff', width: 1.5 }, ...(cdf.length > 2 ? [{ label: 'baseline', stroke: '#e5b454', width: 1, dash: [4, 3] }] : [])],
        }}
      />
      <h3 className="list-title">Served % over the window</h3>
      <Chart
        testId="chart-served"
        data={served}
        options={{
          height: 90,
          legend: { show: false },
          scales: { x: { time: false } },
          axes: [{ ...AXIS, label: 'minutes', labelSize: 14, labelFont: '10px system-ui' }, { ...AXIS, size: 40 }],
          series: [{ label: 'min' }, { label: 'served %', stroke: '#4cc38a', width: 1.5 }],
        }}
      />
      <h3 className="list-title">Load per gateway (M people served)</h3>
      <Chart
        testId="chart-load"
        data={load}
        options={{
          height: 100,
          legend: { show: false },
          scales: { x: { time: false } },
          axes: [{ ...AXIS, values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? tickName(gwName(t)) : '')) }, { ...AXIS, size: 34 }],
          series: [{ label: 'gateway' }, { label: 'M people', stroke: '#4ea1ff', fill: 'rgba(78,161,255,0.45)', paths: barPaths, points: { show: false } }],
        }}
      />
    </div>
  );
}

type uPlotData = uPlot.AlignedData;
// uPlot ships bar path builders on its constructor.
const barPaths = uPlot.paths.bars!({ size: [0.7, 40] });

function Tools() {
  const tool = useApp((s) => s.globeTool);
  const setTool = useApp((s) => s.setGlobeTool);
  const { allowSea, setAllowSea } = usePlanning(useShallow((s) => ({ allowSea: s.allowSea, setAllowSea: s.setAllowSea })));
  return (
    <div className="row tools" role="toolbar" aria-label="Globe tools">
      <button type="button" className={`btn btn--small${tool === 'select' ? ' is-on' : ''}`} aria-pressed={tool === 'select'} onClick={() => setTool('select')} data-testid="tool-select">
        Select / move
      </button>
      <button type="button" className={`btn btn--small${tool === 'add-gateway' ? ' is-on' : ''}`} aria-pressed={tool === 'add-gateway'} onClick={() => setTool(tool === 'add-gateway' ? 'select' : 'add-gateway')} data-testid="tool-add-gateway">
        + Add gateway
      </button>
      <label className="small" title="Allow gateways on sea points (platforms, ships)">
        <input type="checkbox" checked={allowSea} onChange={(e) => setAllowSea(e.target.checked)} /> allow sea
      </label>
    </div>
  );
}

export function CoveragePanel() {
  return (
    <div className="planning">
      <Tools />
      <Figures />
      <HeatmapControls />
    </div>
  );
}
