// "Suggest gateways": how many, from which candidates (generated or an imported CSV), how fine in
// time; a progress bar with ETA; the ranked suggestions with their gains in the planner's terms
// (ms of demand-weighted latency, people faster) and the bound ("at most X % better is possible"),
// worded by src-core/planning/explain.ts exactly as `leo-planner optimize` words them; accept all /
// the ticked ones / none (accepting is one undoable command). Served runs: a Gbps column, and a
// divider row where served demand saturated (the sites below it are chosen for latency).
import { Fragment, useMemo, useState } from 'react';
import { parseCandidateCsv, type CsvProblem, type CsvSite } from '../../../src-core/planning/candidate-csv';
import { useApp } from '../../state/store';
import { acceptSuggestions, cancelOptimizer, rejectSuggestions, startOptimizer } from './optimizerRun';
import { optimizerExplanation } from './optimizerText';
import { usePlanning } from './planningStore';
import type { PlacementObjectiveKind } from '../../../src-core/planning/constraints';

function eta(s: number): string {
  if (!Number.isFinite(s)) return 'estimating…';
  if (s < 60) return `${Math.ceil(s)} s left`;
  return `${Math.floor(s / 60)} min ${Math.ceil(s % 60)} s left`;
}

export function OptimizerPanel() {
  const run = usePlanning((s) => s.optimizer);
  const analysis = useApp((s) => s.scenario.analysis);
  const [n, setN] = useState(20);
  const [source, setSource] = useState<'generated' | 'import'>('generated');
  const [imported, setImported] = useState<{ file: string; sites: CsvSite[]; problems: CsvProblem[] } | null>(null);
  const steps = Math.max(1, Math.floor(analysis.durationS / analysis.stepS + 1e-9));
  const [factor, setFactor] = useState(steps > 40 ? 4 : 1);
  const savedObjective = useApp((s) => s.scenario.planning.objective ?? 'latency');
  const [objective, setObjective] = useState<PlacementObjectiveKind>(savedObjective);
  const [stopAtSaturation, setStopAtSaturation] = useState(false);
  const running = run.status === 'running';
  const onFile = (f: File | undefined) => {
    if (!f) return;
    void f.text().then((text) => setImported({ file: f.name, ...parseCandidateCsv(text) }));
  };
  const canRun = !running && n >= 1 && (source === 'generated' || (imported !== null && imported.sites.length > 0));
  const p = run.progress;
  const explained = useMemo(() => optimizerExplanation(run.sites, run.summary, run.objective), [run.sites, run.summary, run.objective]);
  const servedRun = run.objective === 'served';
  const firstLatency = servedRun ? run.sites.findIndex((s) => s.phase === 'latency') : -1;
  return (
    <div className="optimizer">
      <div className="row">
        <label>
          Suggest
          <input type="number" min={1} max={1000} value={n} onChange={(e) => setN(Math.max(1, Math.min(1000, Math.floor(Number(e.target.value) || 1))))} data-testid="optimizer-n" className="num-input" />
          gateways
        </label>
      </div>
      <div className="row">
        <label title="Latency: demand-weighted latency and service (coverage engine). Served demand: Gbps carried to a PoP (capacity model: antennas, backhaul, feeder, laser and user-beam capacities).">
          Maximise
          <select value={objective} onChange={(e) => setObjective(e.target.value as PlacementObjectiveKind)} data-testid="optimizer-objective">
            <option value="latency">latency and service</option>
            <option value="served">served demand (Gbps)</option>
          </select>
        </label>
      </div>
      {objective === 'served' && (
        <div className="row">
          <label title="Once no candidate adds served demand, the remaining sites are chosen for latency (they add no Gbps). Tick to stop there instead.">
            <input type="checkbox" checked={stopAtSaturation} onChange={(e) => setStopAtSaturation(e.target.checked)} data-testid="optimizer-stop-at-saturation" />
            Stop when served demand saturates
          </label>
        </div>
      )}
      <div className="row">
        <label>
          From
          <select value={source} onChange={(e) => setSource(e.target.value as typeof source)} data-testid="optimizer-source">
            <option value="generated">generated candidates</option>
            <option value="import">imported CSV list</option>
          </select>
        </label>
        <label title="The optimizer evaluates every k-th analysis step: faster, slightly less exact">
          Steps
          <select value={factor} onChange={(e) => setFactor(Number(e.target.value))} data-testid="optimizer-steps">
            {[1, 2, 4, 8].map((k) => (
              <option key={k} value={k}>
                {Math.ceil(steps / k)} steps
              </option>
            ))}
          </select>
        </label>
      </div>
      {source === 'import' && (
        <div className="import">
          <input type="file" accept=".csv,text/csv" onChange={(e) => onFile(e.target.files?.[0])} data-testid="optimizer-file" aria-label="Candidate CSV file" />
          {imported && (
            <p className="small">
              {imported.file}: {imported.sites.length} sites{imported.problems.length > 0 ? `, ${imported.problems.length} problem rows` : ''}
            </p>
          )}
          {imported && imported.problems.length > 0 && (
            <ul className="problems small" data-testid="csv-problems">
              {imported.problems.slice(0, 8).map((pr, i) => (
                <li key={i}>
                  line {pr.line}: {pr.message}
                </li>
              ))}
              {imported.problems.length > 8 && <li>… and {imported.problems.length - 8} more</li>}
            </ul>
          )}
        </div>
      )}
      <div className="row panel__actions">
        {!running ? (
          <button type="button" className="btn btn--primary" disabled={!canRun} onClick={() => startOptimizer({ add: n, importedSites: source === 'import' ? (imported?.sites ?? []) : null, stepFactor: factor, objective, stopAtSaturation: objective === 'served' && stopAtSaturation })} data-testid="optimizer-run">
            Suggest next {n}
          </button>
        ) : (
          <button type="button" className="btn" onClick={() => cancelOptimizer()} data-testid="optimizer-cancel">
            Cancel (keep {run.sites.length})
          </button>
        )}
      </div>
      {running && p && (
        <div className="progress" data-testid="optimizer-progress">
          <div className="progress__bar">
            <div style={{ width: `${p.total > 0 ? Math.min(100, (100 * p.done) / p.total) : 0}%` }} />
          </div>
          <span className="small muted">
            {p.phase} · {run.sites.length}/{run.add} chosen · {eta(p.etaS)}
          </span>
        </div>
      )}
      {run.message && (
        <p className={`small ${run.status === 'error' ? 'error-text' : ''}`} data-testid="optimizer-message">
          {run.message}
        </p>
      )}
      {run.sites.length > 0 && (
        <>
          <div className="gw-table-wrap gw-table-wrap--short">
            <table className={`gw-table${servedRun ? ' gw-table--served' : ''}`} data-testid="suggestions">
              <thead>
                <tr>
                  <th />
                  <th>#</th>
                  <th>Site</th>
                  {servedRun && <th title="Served demand this site adds, Gbps (0 for the sites chosen for latency past saturation)">Gbps</th>}
                  <th title="Change of the demand-weighted mean one-way latency when this site is added">Δ latency</th>
                  <th title="People whose window-mean latency drops by at least 1 ms with this site">Faster</th>
                </tr>
              </thead>
              <tbody>
                {run.sites.map((s, i) => (
                  <Fragment key={s.rank}>
                    {i === firstLatency && (
                      <tr className="optimizer__phase" data-testid="optimizer-phase-divider">
                        <td colSpan={6} className="small muted">
                          Served demand saturated after {i} site{i === 1 ? '' : 's'}: the sites below are chosen for latency (0 Gbps).
                        </td>
                      </tr>
                    )}
                    <tr title={explained.sites[i]?.text} data-phase={s.phase}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Keep ${s.gateway.name}`}
                          checked={run.picked.has(s.rank)}
                          onChange={(e) => {
                            const picked = new Set(run.picked);
                            if (e.target.checked) picked.add(s.rank);
                            else picked.delete(s.rank);
                            usePlanning.setState({ optimizer: { ...run, picked } });
                          }}
                        />
                      </td>
                      <td className="num">{s.rank}</td>
                      <td className="site-name" data-testid="suggestion-name" title={`${s.gateway.name} · ${s.countryName ?? 'no country'}${s.nearPop ? ` · next to PoP ${s.nearPop}` : ''}`}>
                        {s.gateway.name}
                      </td>
                      {servedRun && <td className="num">{(s.impact.servedGbps ?? 0).toFixed(1)}</td>}
                      <td className="num">{explained.sites[i]?.latencyShort.replace(' ms', '')}</td>
                      <td className="num">{explained.sites[i]?.peopleShort}</td>
                    </tr>
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
          {explained.headline && (
            <div className="small optimizer__explain" data-testid="optimizer-explanation">
              <p>{explained.headline}</p>
              {explained.saturation && <p data-testid="optimizer-saturation">{explained.saturation}</p>}
              {explained.checked && <p data-testid="optimizer-checked">{explained.checked}</p>}
              <p data-testid="optimizer-bound">
                <strong>{explained.bound}</strong>
              </p>
              <p className="muted">{explained.capacity}</p>
              <p className="muted">{explained.basis}</p>
            </div>
          )}
          {!running && (
            <div className="row">
              <button type="button" className="btn btn--primary btn--small" onClick={() => acceptSuggestions('all')} data-testid="optimizer-accept-all">
                Accept all {run.sites.length}
              </button>
              <button type="button" className="btn btn--small" disabled={run.picked.size === 0} onClick={() => acceptSuggestions('picked')} data-testid="optimizer-accept-picked">
                Accept {run.picked.size} ticked
              </button>
              <button type="button" className="btn btn--small" onClick={rejectSuggestions}>
                None
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
