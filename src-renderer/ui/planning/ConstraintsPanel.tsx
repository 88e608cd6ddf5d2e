// Placement constraints (stored in scenario.planning through undoable commands) and the analysis
// window the live figures are computed over.
import { useApp } from '../../state/store';
import { setAnalysisWindow, setPlanningConstraints } from '../../state/gatewayCommands';

const WINDOWS: [number, number, string][] = [
  [5760, 60, '96 min, 1 min steps (one orbit)'],
  [1440, 60, '24 min, 1 min steps (quick)'],
  [5760, 240, '96 min, 4 min steps (quick)'],
  [86400, 600, '24 h, 10 min steps'],
];

export function ConstraintsPanel() {
  const planning = useApp((s) => s.scenario.planning);
  const analysis = useApp((s) => s.scenario.analysis);
  const execute = useApp((s) => s.execute);
  const windowKey = `${analysis.durationS}/${analysis.stepS}`;
  const known = WINDOWS.some(([d, st]) => `${d}/${st}` === windowKey);
  return (
    <div className="constraints">
      <label>
        Minimum spacing km
        <input
          type="number"
          min={0}
          step={50}
          key={`sp${planning.minSpacingKm}`}
          defaultValue={planning.minSpacingKm}
          onBlur={(e) => {
            const v = Number(e.target.value);
            if (Number.isFinite(v) && v >= 0) execute(setPlanningConstraints({ minSpacingKm: v }));
          }}
          data-testid="constraint-spacing"
        />
      </label>
      <label>
        Excluded countries
        <input
          type="text"
          placeholder="ISO codes, e.g. CN, RU"
          key={`ex${planning.excludedCountries.join()}`}
          defaultValue={planning.excludedCountries.join(', ')}
          onBlur={(e) => execute(setPlanningConstraints({ excludedCountries: e.target.value.split(/[\s,;]+/) }))}
          data-testid="constraint-excluded"
        />
      </label>
      <label>
        Max per country
        <input
          type="number"
          min={1}
          step={1}
          placeholder="no limit"
          key={`mx${planning.maxPerCountry ?? ''}`}
          defaultValue={planning.maxPerCountry ?? ''}
          onBlur={(e) => {
            const raw = e.target.value.trim();
            const v = Number(raw);
            if (raw === '') execute(setPlanningConstraints({ maxPerCountry: null }));
            else if (Number.isInteger(v) && v >= 1) execute(setPlanningConstraints({ maxPerCountry: v }));
          }}
          data-testid="constraint-max"
        />
      </label>
      <label>
        Analysis window
        <select
          value={known ? windowKey : ''}
          onChange={(e) => {
            const [d, st] = e.target.value.split('/').map(Number);
            if (d && st) execute(setAnalysisWindow(d, st));
          }}
          data-testid="analysis-window"
        >
          {!known && <option value="">{`${analysis.durationS} s, ${analysis.stepS} s steps`}</option>}
          {WINDOWS.map(([d, st, label]) => (
            <option key={`${d}/${st}`} value={`${d}/${st}`}>
              {label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
