// The shell's own panels: scenario overview and edit history (left), the inspector (right) and
// the timeline (bottom). Capabilities add theirs with registerPanel.
import { useShallow } from 'zustand/react/shallow';
import { parseIsoUtc, utcMs } from '../../../src-core/units';
import { SPEEDS } from '../../state/slices/time';
import { useApp } from '../../state/store';
import { formatDuration, formatLatLon, formatUtc } from '../format';
import { registerPanel } from './registry';

function ScenarioPanel() {
  const s = useApp((st) => st.scenario);
  const filePath = useApp((st) => st.filePath);
  const selection = useApp((st) => st.selection);
  const select = useApp((st) => st.select);
  const satellites = s.constellation.shells.reduce((n, sh) => n + sh.planes * sh.satsPerPlane, 0) + s.constellation.elementSets.length;
  const isSel = (kind: string, id: string) => selection !== null && selection.kind === kind && 'id' in selection && selection.id === id;
  return (
    <div className="scenario-panel">
      <dl className="kv">
        <dt>File</dt>
        <dd title={filePath ?? undefined}>{filePath ?? 'not saved yet'}</dd>
        <dt>Satellites</dt>
        <dd>{satellites.toLocaleString('en-US')}</dd>
        <dt>Analysis</dt>
        <dd>{formatDuration(s.analysis.durationS)}</dd>
      </dl>
      <h3 className="list-title">Shells <span className="count">{s.constellation.shells.length}</span></h3>
      <ul className="list">
        {s.constellation.shells.map((sh) => (
          <li key={sh.id}>
            <button type="button" className={isSel('shell', sh.id) ? 'is-selected' : ''} onClick={() => select({ kind: 'shell', id: sh.id })}>
              {sh.name}
              <span className="muted"> {sh.planes}×{sh.satsPerPlane}</span>
            </button>
          </li>
        ))}
      </ul>
      <h3 className="list-title">Gateways <span className="count">{s.gateways.length}</span></h3>
      <ul className="list">
        {s.gateways.map((g) => (
          <li key={g.id}>
            <button type="button" className={isSel('gateway', g.id) ? 'is-selected' : ''} onClick={() => select({ kind: 'gateway', id: g.id })}>
              {g.name}
            </button>
          </li>
        ))}
      </ul>
      <h3 className="list-title">PoPs <span className="count">{s.pops.length}</span></h3>
      <ul className="list">
        {s.pops.map((p) => (
          <li key={p.id}>
            <button type="button" className={isSel('pop', p.id) ? 'is-selected' : ''} onClick={() => select({ kind: 'pop', id: p.id })}>
              {p.name}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function HistoryPanel() {
  const { past, future } = useApp(useShallow((st) => ({ past: st.past, future: st.future })));
  if (past.length === 0 && future.length === 0) return <p className="empty">No edits yet.</p>;
  return (
    <ol className="history" data-testid="history">
      {past.map((e, i) => (
        <li key={`p${i}`}>{e.label}</li>
      ))}
      {future.map((e, i) => (
        <li key={`f${i}`} className="history__undone">
          {e.label}
        </li>
      ))}
    </ol>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

function InspectorPanel() {
  const selection = useApp((st) => st.selection);
  const s = useApp((st) => st.scenario);
  if (!selection) return <p className="empty">Select a shell, gateway or PoP to inspect it.</p>;
  if (selection.kind === 'gateway') {
    const g = s.gateways.find((x) => x.id === selection.id);
    if (!g) return <p className="empty">Gateway not found.</p>;
    return (
      <dl className="kv">
        <Field label="Gateway" value={g.name} />
        <Field label="Position" value={formatLatLon(g.latDeg, g.lonDeg)} />
        <Field label="Min. elevation" value={`${g.minElevationDeg}°`} />
        <Field label="Antennas" value={String(g.antennas)} />
        <Field label="Capacity" value={`${g.capacityGbps} Gbps`} />
        <Field label="PoP" value={g.popId === null ? 'nearest' : (s.pops.find((p) => p.id === g.popId)?.name ?? g.popId)} />
        <Field label="Status" value={g.status} />
      </dl>
    );
  }
  if (selection.kind === 'pop') {
    const p = s.pops.find((x) => x.id === selection.id);
    if (!p) return <p className="empty">PoP not found.</p>;
    return (
      <dl className="kv">
        <Field label="PoP" value={p.name} />
        <Field label="Position" value={formatLatLon(p.latDeg, p.lonDeg)} />
        <Field label="Kind" value={p.kind} />
      </dl>
    );
  }
  if (selection.kind === 'shell') {
    const sh = s.constellation.shells.find((x) => x.id === selection.id);
    if (!sh) return <p className="empty">Shell not found.</p>;
    return (
      <dl className="kv">
        <Field label="Shell" value={sh.name} />
        <Field label="Altitude" value={`${sh.altitudeKm} km`} />
        <Field label="Inclination" value={`${sh.inclinationDeg}°`} />
        <Field label="Walker" value={`${sh.planes * sh.satsPerPlane}/${sh.planes}/${sh.phasingF}`} />
        <Field label="Status" value={sh.status} />
        <Field label="Laser links" value={sh.islEnabled ? 'on' : 'off'} />
      </dl>
    );
  }
  if (selection.kind === 'gateways') return <p className="empty">{selection.ids.length} gateways selected</p>;
  if (selection.kind === 'ground') return <p className="empty">Ground point {selection.latDeg.toFixed(2)}, {selection.lonDeg.toFixed(2)}</p>;
  if (selection.kind === 'route') return <p className="empty">Route</p>;
  return <p className="empty">Satellite {selection.index}</p>;
}

function TimelinePanel() {
  const t = useApp((st) => st.timeUtcMs);
  const playing = useApp((st) => st.playing);
  const speed = useApp((st) => st.speed);
  const analysis = useApp((st) => st.scenario.analysis);
  const { togglePlaying, setSpeed, setTime } = useApp(useShallow((st) => ({ togglePlaying: st.togglePlaying, setSpeed: st.setSpeed, setTime: st.setTime })));
  const start = parseIsoUtc(analysis.startUtc);
  const end = start + analysis.durationS * 1000;
  return (
    <div className="timeline">
      <button type="button" className="btn timeline__play" onClick={togglePlaying} aria-label={playing ? 'Pause' : 'Play'}>
        {playing ? '❚❚' : '▶'}
      </button>
      <output className="timeline__time" data-testid="sim-time">{formatUtc(t)}</output>
      <input
        className="timeline__range"
        type="range"
        aria-label="Simulation time"
        min={start}
        max={end}
        step={1000}
        value={Math.min(Math.max(t, start), end)}
        onChange={(e) => setTime(utcMs(Number(e.target.value)))}
      />
      <label className="timeline__speed">
        Speed
        <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
          {SPEEDS.map((v) => (
            <option key={v} value={v}>
              {v}×
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

export function registerBuiltinPanels(): void {
  registerPanel({ id: 'scenario', area: 'left', title: 'Scenario', component: ScenarioPanel, order: 10, tab: 'scenario' });
  registerPanel({ id: 'history', area: 'left', title: 'Edit history', component: HistoryPanel, order: 90, tab: 'scenario' });
  registerPanel({ id: 'inspector', area: 'right', title: 'Inspector', component: InspectorPanel, order: 10 });
  registerPanel({ id: 'timeline', area: 'bottom', title: 'Timeline', component: TimelinePanel, order: 10 });
}
