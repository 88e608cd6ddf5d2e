// The rollout bar along the bottom of the globe (docs/ROLLOUT.md, "In the app"): "Rollout view"
// on/off, a date slider from the first launch to full deployment, the date (ISO, UTC, editable),
// previous/next launch, and the headline figures of that date ("—" while the engine computes).
// It only sets useRollout's date; rolloutSync.ts asks the engine, the globe draws the answer.
import { STATUS_OPERATIONAL, STATUS_RAISING } from '../../../src-core/constellation/status';
import type { RolloutFigures } from '../../../src-core/rollout';
import { cssColor, RAISING_SIZE_SCALE, SATELLITE_SIZE_PX, satelliteColor } from '../../globe/overlay/palette';
import { useApp } from '../../state/store';
import { IsoDateInput } from '../IsoDateInput';
import { useRollout } from './rolloutStore';
import { clampDate, rolloutSpan, stepLaunch, type RolloutSpan } from './span';
import './rollout.css';

const DAY_MS = 86_400_000;
const DASH = '—';

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * The slider's max: full deployment rounded up to a whole day after the first launch (a range
 * input only takes min + k * step); the slider's end means full deployment exactly.
 */
const sliderMaxMs = (span: RolloutSpan): number => span.firstLaunchMs + Math.ceil((span.fullDeploymentMs - span.firstLaunchMs) / DAY_MS) * DAY_MS;

/**
 * The slider's position for a date: always a whole step (a controlled range input sanitises any
 * other value, and React would then report the sanitised value as a change of date).
 */
function sliderValueMs(span: RolloutSpan, dateMs: number): number {
  const max = sliderMaxMs(span);
  if (dateMs >= span.fullDeploymentMs) return max;
  return Math.min(max, span.firstLaunchMs + Math.round((dateMs - span.firstLaunchMs) / DAY_MS) * DAY_MS);
}

/** The date of a slider position: its end is full deployment exactly. */
const sliderDateMs = (span: RolloutSpan, v: number): number => (v >= sliderMaxMs(span) ? span.fullDeploymentMs : clampDate(span, v));

/** One headline figure: label and value, "—" while computing or when not a number. */
function Figure({ label, value, testId, title }: { label: string; value: string | null; testId: string; title: string }) {
  return (
    <div className="rollout-bar__fig" title={title}>
      <span className="rollout-bar__fig-value" data-testid={testId}>
        {value ?? DASH}
      </span>
      <span className="rollout-bar__fig-label">{label}</span>
    </div>
  );
}

const num = (v: number | undefined, digits = 0): string | null => (v === undefined || !Number.isFinite(v) ? null : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));

function Figures({ f }: { f: RolloutFigures | null }) {
  return (
    <div className="rollout-bar__figs" aria-live="polite" aria-busy={f === null} data-testid="rollout-figures" data-date-ms={f ? String(f.dateMs) : ''}>
      <Figure label="in orbit" value={num(f?.inOrbit)} testId="rollout-in-orbit" title="Satellites launched and in orbit on this date (raising + operational)" />
      <Figure label="raising" value={num(f?.raising)} testId="rollout-raising" title="Satellites climbing to their slot: no traffic, no laser links" />
      <Figure label="operational" value={num(f?.operational)} testId="rollout-operational" title="Satellites in their slot: they carry traffic and laser links" />
      <Figure label="gateways" value={num(f?.gatewaysInService)} testId="rollout-gateways" title="Gateways in service on this date (inServiceDate on or before it)" />
      <Figure label="pop. served" value={f ? `${num(f.servedPct, 1) ?? DASH} %` : null} testId="rollout-served-pct" title="Demand-weighted % of time served over the analysis window, over every populated cell of the grid (people beyond the constellation's latitudes count as not served): the Coverage panel's Pop. served. Its Area served leaves those people out." />
      <Figure label="served" value={f ? `${num(f.servedGbps) ?? DASH} Gbps` : null} testId="rollout-served-gbps" title="Mean served Gbps (capacity model) over sampled steps of the analysis window" />
      <Figure label="p95 latency" value={f ? `${num(f.p95LatencyMs, 1) ?? DASH} ms` : null} testId="rollout-p95" title="Demand-weighted p95 one-way latency over served samples" />
    </div>
  );
}

/** How the globe draws the date's satellites (planned ones are not drawn). */
function Legend() {
  const dot = (status: number, scale: number) => {
    const d = SATELLITE_SIZE_PX * scale;
    return <i style={{ width: d, height: d, background: cssColor(satelliteColor(0, status)) }} />;
  };
  return (
    <span className="rollout-bar__legend" data-testid="rollout-legend">
      <span title="In its slot: carries traffic and laser links">{dot(STATUS_OPERATIONAL, 1)}operational</span>
      <span title="Climbing to its slot: no traffic, no laser links">{dot(STATUS_RAISING, RAISING_SIZE_SCALE)}raising</span>
    </span>
  );
}

function Controls({ span, dateMs }: { span: RolloutSpan; dateMs: number }) {
  const setDate = useRollout((s) => s.setDate);
  const figures = useRollout((s) => s.figures);
  const prev = stepLaunch(span, dateMs, -1);
  const next = stepLaunch(span, dateMs, 1);
  return (
    <>
      <button type="button" className="rollout-bar__step" disabled={prev === null} onClick={() => prev !== null && setDate(prev)} aria-label="Previous launch" title={prev === null ? 'No earlier launch' : `Previous launch: ${isoDay(prev)}`} data-testid="rollout-prev">
        ◀
      </button>
      <input
        type="range"
        className="rollout-bar__slider"
        min={span.firstLaunchMs}
        max={sliderMaxMs(span)}
        step={DAY_MS}
        value={sliderValueMs(span, dateMs)}
        aria-label="Rollout date"
        aria-valuetext={`${isoDay(dateMs)} UTC`}
        data-testid="rollout-slider"
        onChange={(e) => setDate(sliderDateMs(span, Number(e.target.value)))}
      />
      <button type="button" className="rollout-bar__step" disabled={next === null} onClick={() => next !== null && setDate(next)} aria-label="Next launch" title={next === null ? 'No later launch' : `Next launch: ${isoDay(next)}`} data-testid="rollout-next">
        ▶
      </button>
      <IsoDateInput label="Rollout date (UTC)" testId="rollout-date" value={new Date(dateMs).toISOString()} onCommit={(iso) => iso && setDate(clampDate(span, Date.parse(iso)))} />
      <span className="rollout-bar__utc">UTC</span>
      <Figures f={figures} />
      <Legend />
    </>
  );
}

export function RolloutBar() {
  const scenario = useApp((s) => s.scenario);
  const dateMs = useRollout((s) => s.dateMs);
  const setDate = useRollout((s) => s.setDate);
  const span = rolloutSpan(scenario);
  const on = dateMs !== null;
  const toggle = () => setDate(on ? null : clampDate(span, useApp.getState().timeUtcMs));
  const why = span.active ? `Show the network as of a date, from the first launch (${isoDay(span.firstLaunchMs)}) to full deployment (${isoDay(span.fullDeploymentMs)})` : 'This scenario has no launch schedule (rollout launches or cadence): every satellite is shown with its own status';
  return (
    <div className={`rollout-bar${on ? ' is-on' : ''}`} role="toolbar" aria-label="Rollout" data-testid="rollout-bar">
      <button type="button" className="rollout-bar__toggle" aria-pressed={on} disabled={!span.active && !on} onClick={toggle} title={why} data-testid="rollout-toggle">
        Rollout view
      </button>
      {on && span.active && <Controls span={span} dateMs={dateMs} />}
    </div>
  );
}
