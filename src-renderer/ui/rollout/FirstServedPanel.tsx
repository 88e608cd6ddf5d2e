// The Rollout tab's "When does service reach a point?" section: a button arms the globe's
// 'first-served' tool; the next click on the globe is answered with the first date the point is
// served and for what % of the analysis window, with "go to that date" (the app's rollout date).
import { useApp } from '../../state/store';
import { formatLatLon } from '../format';
import { FIRST_SERVED_TOOL } from './firstServed';
import { useRollout } from './rolloutStore';
import { useRolloutPlan, type FirstServedQuery } from './rolloutPlanStore';

function Answer({ q }: { q: FirstServedQuery }) {
  const where = formatLatLon(q.latDeg, q.lonDeg);
  if (q.status === 'computing') return <p className="muted">{where}: searching the launch dates…</p>;
  if (q.status === 'error' || !q.result) return <p className="rollout-error">{where}: {q.message}</p>;
  const r = q.result;
  if (r.dateUtc === null) return <p data-testid="first-served-answer">{where}: <b>not served by full deployment</b> (no satellite and gateway of the schedule reach it).</p>;
  return (
    <div data-testid="first-served-answer" data-date={r.dateUtc}>
      <p>
        {where}: first served <b>{r.dateUtc.slice(0, 10)}</b>, {r.servedPct.toFixed(1)}% of the analysis window that day.
      </p>
      <button type="button" className="btn btn--small" onClick={() => useRollout.getState().setDate(r.dateMs)} data-testid="first-served-go">
        Go to that date
      </button>
    </div>
  );
}

export function FirstServedPanel() {
  const tool = useApp((s) => s.globeTool);
  const setTool = useApp((s) => s.setGlobeTool);
  const q = useRolloutPlan((s) => s.firstServed);
  const armed = tool === FIRST_SERVED_TOOL;
  return (
    <div className="rollout">
      <button type="button" className={`btn btn--small${armed ? ' is-on' : ''}`} aria-pressed={armed} onClick={() => setTool(armed ? 'select' : FIRST_SERVED_TOOL)} data-testid="tool-first-served">
        {armed ? 'Click a point on the globe… (Esc: cancel)' : 'Pick a point on the globe'}
      </button>
      {q ? <Answer q={q} /> : <p className="muted">The first date a place is served, and for what % of the time.</p>}
    </div>
  );
}
