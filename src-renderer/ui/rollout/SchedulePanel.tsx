// The Rollout tab's "Launch schedule" section (docs/ROLLOUT.md, "Planning the rollout in the app"):
// the scenario's launches, the cadence generator, the deployment model and the milestones, every
// cell an undoable edit of scenario.rollout (state/rolloutCommands.ts). The summary line is the
// schedule the engine builds from them (src-core/rollout buildSchedule), so an edit shows at once
// what it changed: projected launches, full deployment, slots never launched.
import { useMemo, useState } from 'react';
import type { Launch, Scenario } from '../../../src-core/scenario/schema';
import {
  addCadence,
  addLaunch,
  addMilestone,
  parsePlanes,
  removeCadence,
  removeLaunch,
  removeMilestone,
  setRolloutModel,
  updateCadence,
  updateLaunch,
  updateMilestone,
} from '../../state/rolloutCommands';
import { useApp } from '../../state/store';
import { applyRolloutEdit, dayOf, EditCell, isoDayOf, numberOf, type ReportProblem } from './cells';
import { scheduleOf } from './schedule';

const day = (ms: number): string => (Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : 'never');
/** Shell choice: a shell id, or '' for "the first shell with free slots". */
const shellValue = (id: string | null): string => id ?? '';
const shellId = (v: string): string | null => (v === '' ? null : v);

function ShellSelect({ value, onPick, label, testId }: { value: string | null; onPick(id: string | null): void; label: string; testId?: string }) {
  const shells = useApp((s) => s.scenario.constellation.shells);
  return (
    <select aria-label={label} value={shellValue(value)} onChange={(e) => onPick(shellId(e.target.value))} data-testid={testId}>
      <option value="">first free</option>
      {shells.map((sh) => (
        <option key={sh.id} value={sh.id}>
          {sh.id}
        </option>
      ))}
    </select>
  );
}

function RemoveButton({ label, onClick, testId }: { label: string; onClick(): void; testId?: string }) {
  return (
    <button type="button" className="link rollout-remove" aria-label={label} title={label} onClick={onClick} data-testid={testId}>
      ✕
    </button>
  );
}

/** A section's last refused edit (null: none), and the function cells report into. */
function useProblem(): [string | null, ReportProblem] {
  const [problem, setProblem] = useState<string | null>(null);
  return [problem, (m) => setProblem(m === null ? null : m.startsWith('Not changed') ? m : `Not changed: ${m}.`)];
}

function Problem({ text }: { text: string | null }) {
  if (text === null) return null;
  return (
    <p className="rollout-error" role="alert" data-testid="rollout-error">
      {text}
    </p>
  );
}

function Summary({ scenario }: { scenario: Scenario }) {
  const sch = scheduleOf(scenario);
  if (!sch.active) return <p className="muted" data-testid="rollout-summary">No launches and no cadence: every satellite keeps its shell's status.</p>;
  const projected = sch.launches.filter((l) => l.projected).length;
  const placed = sch.launches.reduce((n, l) => n + l.placed, 0);
  return (
    <div data-testid="rollout-summary">
      <p>
        <b>{sch.launches.length - projected}</b> launches + <b>{projected}</b> projected · {placed.toLocaleString('en-US')} of {sch.walkerCount.toLocaleString('en-US')} slots · first {day(sch.firstLaunchMs)} · full deployment{' '}
        <b data-testid="rollout-full-deployment">{day(sch.fullDeploymentMs)}</b>
      </p>
      {sch.problems.map((p) => (
        <p key={p} className="rollout-warning">{p}</p>
      ))}
    </div>
  );
}

function LaunchRow({ l, placed, report }: { l: Launch; placed: number | undefined; report: ReportProblem }) {
  const [open, setOpen] = useState(false);
  const id = l.id;
  return (
    <>
      <tr data-launch={id}>
        <td>
          <button type="button" className="link" aria-expanded={open} title={`${l.name}: shell and planes`} onClick={() => setOpen(!open)}>
            {open ? '▾' : '▸'} {id}
          </button>
        </td>
        <td><EditCell value={dayOf(l.dateUtc)} label={`launch ${id} date`} report={report} toEdit={(t) => updateLaunch(id, { dateUtc: isoDayOf('date', t) })} className="rollout-date" /></td>
        <td><EditCell value={l.vehicle} label={`launch ${id} vehicle`} report={report} toEdit={(t) => updateLaunch(id, { vehicle: t })} className="rollout-text" /></td>
        <td title={placed !== undefined && placed < l.satellites ? `${placed} placed: the shells are full` : undefined}>
          <EditCell value={String(l.satellites)} numeric label={`launch ${id} satellites`} report={report} toEdit={(t) => updateLaunch(id, { satellites: numberOf('satellites', t) })} className="rollout-num" testId={`launch-satellites-${id}`} />
        </td>
        <td><RemoveButton label={`Remove launch ${id}`} onClick={() => report(applyRolloutEdit(`Remove launch ${id}`, removeLaunch(id)))} /></td>
      </tr>
      {open && (
        <tr className="rollout-details">
          <td colSpan={5}>
            {l.name !== id && <span className="muted">{l.name} · </span>}
            <label>shell <ShellSelect value={l.shellId} label={`launch ${id} shell`} onPick={(v) => report(applyRolloutEdit(`Edit launch ${id} shell`, updateLaunch(id, { shellId: v })))} /></label>
            <label>planes <EditCell value={l.planes.join(', ')} label={`launch ${id} planes`} report={report} toEdit={(t) => updateLaunch(id, { planes: parsePlanes(t) })} className="rollout-text" /></label>
            {placed !== undefined && <span className="muted"> {placed} placed</span>}
          </td>
        </tr>
      )}
    </>
  );
}

function Launches({ scenario }: { scenario: Scenario }) {
  const [problem, report] = useProblem();
  const launches = scenario.rollout.launches;
  const placedById = new Map(scheduleOf(scenario).launches.filter((l) => !l.projected).map((l) => [l.id, l.placed]));
  return (
    <>
      <h3 className="list-title">Launches <span className="count">{launches.length}</span></h3>
      <table className="rollout-table" data-testid="rollout-launches">
        <colgroup>
          <col className="rollout-col-id" /><col className="rollout-col-date" /><col /><col className="rollout-col-num" /><col className="rollout-col-x" />
        </colgroup>
        <thead>
          <tr><th>id</th><th>date</th><th>vehicle</th><th>sats</th><th /></tr>
        </thead>
        <tbody>
          {launches.map((l) => (
            <LaunchRow key={l.id} l={l} placed={placedById.get(l.id)} report={report} />
          ))}
        </tbody>
      </table>
      <Problem text={problem} />
      <button type="button" className="btn" onClick={() => report(applyRolloutEdit('Add launch', addLaunch()))} data-testid="rollout-add-launch">
        + Launch
      </button>
    </>
  );
}

function Cadence({ scenario }: { scenario: Scenario }) {
  const [problem, report] = useProblem();
  const rows = scenario.rollout.cadence;
  return (
    <>
      <h3 className="list-title">Cadence (projected launches) <span className="count">{rows.length}</span></h3>
      <table className="rollout-table" data-testid="rollout-cadence">
        <colgroup>
          <col /><col className="rollout-col-date" /><col className="rollout-col-num" /><col className="rollout-col-num" /><col className="rollout-col-shell" /><col className="rollout-col-x" />
        </colgroup>
        <thead>
          <tr><th>vehicle</th><th>from</th><th title="launches per month">/month</th><th title="satellites per launch">sats</th><th>shell</th><th /></tr>
        </thead>
        <tbody>
          {rows.map((c, i) => (
            <tr key={i}>
              <td><EditCell value={c.vehicle} label={`cadence ${i + 1} vehicle`} report={report} toEdit={(t) => updateCadence(i, { vehicle: t })} className="rollout-text" /></td>
              <td><EditCell value={dayOf(c.fromUtc)} label={`cadence ${i + 1} from`} report={report} toEdit={(t) => updateCadence(i, { fromUtc: isoDayOf('from', t) })} className="rollout-date" /></td>
              <td><EditCell value={String(c.launchesPerMonth)} numeric label={`cadence ${i + 1} launches per month`} report={report} toEdit={(t) => updateCadence(i, { launchesPerMonth: numberOf('launches per month', t) })} className="rollout-num" testId={`cadence-per-month-${i}`} /></td>
              <td><EditCell value={String(c.satellitesPerLaunch)} numeric label={`cadence ${i + 1} satellites per launch`} report={report} toEdit={(t) => updateCadence(i, { satellitesPerLaunch: numberOf('satellites per launch', t) })} className="rollout-num" /></td>
              <td><ShellSelect value={c.shellId} label={`cadence ${i + 1} shell`} onPick={(v) => report(applyRolloutEdit(`Edit cadence ${c.vehicle} shell`, updateCadence(i, { shellId: v })))} /></td>
              <td><RemoveButton label={`Remove cadence row ${i + 1} (${c.vehicle})`} onClick={() => report(applyRolloutEdit(`Remove cadence ${c.vehicle}`, removeCadence(i)))} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <Problem text={problem} />
      <button type="button" className="btn" onClick={() => report(applyRolloutEdit('Add cadence row', addCadence()))}>
        + Cadence row
      </button>
    </>
  );
}

function Model({ scenario }: { scenario: Scenario }) {
  const [problem, report] = useProblem();
  const r = scenario.rollout;
  return (
    <fieldset className="rollout-model">
      <legend>Deployment</legend>
      <label>
        Plane fill
        <select value={r.planeFill} onChange={(e) => report(applyRolloutEdit('Edit plane fill', setRolloutModel({ planeFill: e.target.value as typeof r.planeFill })))} data-testid="rollout-plane-fill">
          <option value="plane-by-plane">plane by plane (0, 1, 2, …)</option>
          <option value="spread">spread around the RAAN circle</option>
        </select>
      </label>
      <label>
        Insertion altitude <span className="muted">km</span>
        <EditCell value={String(r.insertionAltitudeKm)} numeric label="insertion altitude" report={report} toEdit={(t) => setRolloutModel({ insertionAltitudeKm: numberOf('insertion altitude', t) })} className="rollout-num" />
      </label>
      <label>
        Raising to the slot <span className="muted">weeks</span>
        <EditCell value={String(r.raisingWeeks)} numeric label="raising weeks" report={report} toEdit={(t) => setRolloutModel({ raisingWeeks: numberOf('raising weeks', t) })} className="rollout-num" testId="rollout-raising-weeks" />
      </label>
      <Problem text={problem} />
    </fieldset>
  );
}

function Milestones({ scenario }: { scenario: Scenario }) {
  const [problem, report] = useProblem();
  const rows = scenario.rollout.milestones;
  return (
    <>
      <h3 className="list-title">Milestones <span className="count">{rows.length}</span></h3>
      <table className="rollout-table" data-testid="rollout-milestones">
        <colgroup>
          <col /><col className="rollout-col-date" /><col className="rollout-col-num" /><col className="rollout-col-x" />
        </colgroup>
        <thead>
          <tr><th>milestone</th><th>date</th><th title="satellites the milestone asks for (empty: none)">sats</th><th /></tr>
        </thead>
        <tbody>
          {rows.map((m, i) => (
              <tr key={i}>
                <td><EditCell value={m.label} label={`milestone ${i + 1} label`} report={report} toEdit={(t) => updateMilestone(i, { label: t })} className="rollout-text rollout-wide" /></td>
                <td><EditCell value={dayOf(m.dateUtc)} label={`milestone ${i + 1} date`} report={report} toEdit={(t) => updateMilestone(i, { dateUtc: isoDayOf('date', t) })} className="rollout-date" /></td>
                <td><EditCell value={m.satellites === null ? '' : String(m.satellites)} numeric label={`milestone ${i + 1} satellites`} report={report} toEdit={(t) => updateMilestone(i, { satellites: t === '' ? null : numberOf('satellites', t) })} className="rollout-num" /></td>
                <td><RemoveButton label={`Remove milestone ${m.label}`} onClick={() => report(applyRolloutEdit(`Remove milestone ${m.label}`, removeMilestone(i)))} /></td>
              </tr>
          ))}
        </tbody>
      </table>
      <Problem text={problem} />
      <button type="button" className="btn" onClick={() => report(applyRolloutEdit('Add milestone', addMilestone()))}>
        + Milestone
      </button>
    </>
  );
}

/**
 * The scenario the sections render from: the store's, taken anew only when its rollout or
 * constellation section changes. The sections read nothing else (buildSchedule neither), so a
 * gateway edit no longer re-renders this tab while it is hidden (a CPU profile of three adds had
 * ~5 ms of every add in its rows).
 */
function useScheduleScenario(): Scenario {
  const rollout = useApp((s) => s.scenario.rollout);
  const constellation = useApp((s) => s.scenario.constellation);
  // The store read when one of the two changed (they are the memo's only inputs on purpose).
  return useMemo(() => useApp.getState().scenario, [rollout, constellation]);
}

export function SchedulePanel() {
  const scenario = useScheduleScenario();
  return (
    <div className="rollout" data-testid="rollout-schedule">
      <Summary scenario={scenario} />
      <Launches scenario={scenario} />
      <Cadence scenario={scenario} />
      <Model scenario={scenario} />
      <Milestones scenario={scenario} />
    </div>
  );
}
