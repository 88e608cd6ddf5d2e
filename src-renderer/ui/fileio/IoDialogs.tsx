// The dialogs of File › Import / Export / Compare / Merge: an import summary before anything
// changes (records read, accepted, every rejection with its reason, what will change), the diff
// of Compare, the conflicts of Merge with ours/theirs per conflict, the CZML window, and the
// export in progress. Actions live in ioActions.ts; this file only shows and forwards.
import { useEffect, useState, type ReactNode } from 'react';
import { MAX_CZML_SAMPLES } from '../../../src-core/io';
import { diffScenarios, type ScenarioDiff } from '../../../src-core/scenario/diff';
import type { ScenarioProblem } from '../../../src-core/scenario/schema';
import { useApp } from '../../state/store';
import { useRoute } from '../route/routeStore';
import { formatUtcMinutes, parseUtcInput } from '../format';
import { cancelExport } from './exportClient';
import { chooseSide, confirmCzml, confirmImport, confirmMerge, czmlSamples } from './ioActions';
import { closeIoDialog, ioStore, useIo, type IoDialog } from './ioStore';
import { applyMergeChoices, REJECT_REASON_TEXT, satelliteCount, type ConstellationPlan, type SitesPlan } from './plans';
import './fileio.css';

const n = (x: number) => x.toLocaleString('en-US');
const show = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v).slice(0, 120));

function Modal({ label, testId, wide, children }: { label: string; testId: string; wide?: boolean; children: ReactNode }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      closeIoDialog();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="dialog-backdrop" onPointerDown={(e) => e.target === e.currentTarget && closeIoDialog()}>
      <div className={`dialog${wide ? ' dialog--io' : ''}`} role="dialog" aria-modal="true" aria-label={label} data-testid={testId}>
        {children}
      </div>
    </div>
  );
}

/** A scrollable list of lines (rejections, diff lines, problems). */
function Lines({ items, testId, empty }: { items: readonly { key: string; where?: string; text: string }[]; testId: string; empty?: string }) {
  if (items.length === 0) return empty ? <p className="muted">{empty}</p> : null;
  return (
    <ul className="io-list" data-testid={testId}>
      {items.map((it) => (
        <li key={it.key}>
          {it.where && <span className="io-list__where">{it.where}</span>} {it.text}
        </li>
      ))}
    </ul>
  );
}

const problemItems = (ps: readonly ScenarioProblem[]) => ps.map((p, i) => ({ key: `p${i}`, where: p.path, text: p.message }));

function Actions({ ok, okLabel, onOk }: { ok: boolean; okLabel: string; onOk: () => void }) {
  return (
    <div className="dialog__actions">
      <button type="button" className="btn" onClick={closeIoDialog}>
        Cancel
      </button>
      <button type="button" className="btn btn--primary" disabled={!ok} onClick={onOk} autoFocus={ok}>
        {okLabel}
      </button>
    </div>
  );
}

function ConstellationSummary({ plan }: { plan: ConstellationPlan }) {
  const r = plan.result;
  const accepted = r.sets.length;
  const rejected = r.rejected.map((x, i) => {
    const where = x.line !== null ? `line ${x.line}` : x.record !== null ? `record ${x.record + 1}` : undefined;
    // The importer's sentence may already start with its place ("line 42: ..."): say it once.
    const message = where && x.message.startsWith(`${where}: `) ? x.message.slice(where.length + 2) : x.message;
    return { key: `r${i}`, where, text: `${REJECT_REASON_TEXT[x.reason]}: ${message}` };
  });
  return (
    <>
      <h2>Import constellation from {plan.fileName}</h2>
      <table className="io-counts" data-testid="import-counts">
        <tbody>
          <tr><td>Records read</td><td data-testid="import-read">{n(r.total)}</td><td className="muted">{r.format.toUpperCase()}</td></tr>
          <tr><td>Accepted</td><td data-testid="import-accepted">{n(accepted)}</td><td /></tr>
          <tr><td>Rejected</td><td data-testid="import-rejected">{n(r.rejected.length)}</td><td className="muted">{plan.byReason.map((b) => `${b.count} ${REJECT_REASON_TEXT[b.reason]}`).join(', ')}</td></tr>
        </tbody>
      </table>
      {r.analysisTimeMs !== null && <p className="muted">Checked at the analysis start {formatUtcMinutes(r.analysisTimeMs)} (SGP4 and epoch age).</p>}
      <Lines items={rejected} testId="import-rejections" />
      <p data-testid="import-change">
        {accepted > 0
          ? `${n(accepted)} satellites replace the constellation (now ${n(plan.satellitesBefore)}); planes and slots are inferred from the elements, so laser links follow. One undo step restores the current constellation.`
          : 'Nothing usable to import; the scenario stays as it is.'}
      </p>
      <Lines items={problemItems(plan.problems)} testId="import-problems" />
      <Actions ok={accepted > 0 && plan.problems.length === 0} okLabel="Import" onOk={confirmImport} />
    </>
  );
}

function SitesSummary({ plan }: { plan: SitesPlan }) {
  const r = plan.result;
  const added = r.gateways.length + r.pops.length;
  const rejected = r.rejected.map((x, i) => ({ key: `r${i}`, where: x.where, text: x.message }));
  const near = plan.nearDuplicates.map((d) => ({ key: d.id, where: d.name, text: `is ${d.km.toFixed(2)} km from the existing gateway ${d.existing} (added all the same)` }));
  return (
    <>
      <h2>Import gateways and PoPs from {plan.fileName}</h2>
      <table className="io-counts" data-testid="import-counts">
        <tbody>
          <tr><td>Records read</td><td data-testid="import-read">{n(added + r.rejected.length)}</td><td className="muted">{r.format.toUpperCase()}</td></tr>
          <tr><td>Accepted</td><td data-testid="import-accepted">{n(added)}</td><td className="muted">{r.gateways.length} gateways, {r.pops.length} PoPs</td></tr>
          <tr><td>Rejected</td><td data-testid="import-rejected">{n(r.rejected.length)}</td><td className="muted">{plan.duplicateIds.length > 0 ? `${plan.duplicateIds.length} with an id already in the scenario` : ''}</td></tr>
        </tbody>
      </table>
      <Lines items={rejected} testId="import-rejections" />
      {near.length > 0 && <p>Possible duplicates:</p>}
      <Lines items={near} testId="import-duplicates" />
      <p data-testid="import-change">{added > 0 ? `${r.gateways.length} gateways and ${r.pops.length} PoPs will be added (one undo step).` : 'Nothing usable to import; the scenario stays as it is.'}</p>
      <Lines items={problemItems(plan.problems)} testId="import-problems" />
      <Actions ok={added > 0 && plan.problems.length === 0} okLabel="Import" onOk={confirmImport} />
    </>
  );
}

/** A diff as two lists: sites (added / removed / moved km / fields) and assumptions (path: old → new). */
function DiffLists({ diff, testId }: { diff: ScenarioDiff; testId: string }) {
  const sites = diff.sites.map((s) => ({
    key: `${s.kind}:${s.id}`,
    where: `${s.kind} ${s.name}`,
    text: s.change !== 'edited' ? s.change : [s.movedKm !== undefined ? `moved ${s.movedKm.toFixed(1)} km` : null, ...s.fields.filter((f) => f.path !== 'latDeg' && f.path !== 'lonDeg').map((f) => `${f.path}: ${show(f.before)} → ${show(f.after)}`)].filter(Boolean).join('; '),
  }));
  const assumptions = diff.assumptions.map((f) => ({ key: f.path, where: f.path, text: `${show(f.before)} → ${show(f.after)}` }));
  return (
    <>
      {sites.length > 0 && <h3>Gateways and PoPs ({sites.length})</h3>}
      <Lines items={sites} testId={`${testId}-sites`} />
      {assumptions.length > 0 && <h3>Assumptions ({assumptions.length})</h3>}
      <Lines items={assumptions} testId={`${testId}-assumptions`} />
    </>
  );
}

function CompareDialog({ d }: { d: Extract<IoDialog, { kind: 'compare' }> }) {
  const { diff, fileName } = d.plan;
  return (
    <Modal label="Compare scenarios" testId="compare-dialog" wide>
      <h2>Compare with {fileName}</h2>
      <p className="muted">From the open scenario to {fileName}.</p>
      {diff.identical && <p data-testid="compare-identical">No differences.</p>}
      <DiffLists diff={diff} testId="compare" />
      <div className="dialog__actions">
        <button type="button" className="btn" onClick={closeIoDialog} autoFocus>
          Close
        </button>
      </div>
    </Modal>
  );
}

function MergeDialog({ d }: { d: Extract<IoDialog, { kind: 'merge' }> }) {
  const ours = useApp((s) => s.scenario);
  const { plan, choices } = d;
  const preview = applyMergeChoices(ours, plan, choices);
  // What the merge changes in the open scenario, as Compare would list it.
  const changes = preview.ok ? diffScenarios(ours, preview.scenario) : null;
  return (
    <Modal label="Merge scenarios" testId="merge-dialog" wide>
      <h2>Merge {plan.theirsName} into the open scenario</h2>
      <p className="muted">Base (common ancestor): {plan.baseName}. Ours: the open scenario. Changes made on one side only are taken as they are.</p>
      {plan.conflicts.length === 0 ? (
        <p data-testid="merge-no-conflicts">No conflicts.</p>
      ) : (
        <table className="io-conflicts" data-testid="merge-conflicts">
          <thead>
            <tr><th>Path</th><th>Base</th><th>Ours</th><th>Theirs</th></tr>
          </thead>
          <tbody>
            {plan.conflicts.map((c) => {
              const side = choices[c.path] ?? 'ours';
              return (
                <tr key={c.path}>
                  <td className="io-list__where">{c.path}</td>
                  <td className="muted">{show(c.base)}</td>
                  {(['ours', 'theirs'] as const).map((s) => (
                    <td key={s}>
                      <label>
                        <input type="radio" name={c.path} checked={side === s} onChange={() => chooseSide(c.path, s)} aria-label={`${c.path}: ${s}`} /> {show(c[s])}
                      </label>
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h3>What changes in the open scenario{changes?.identical ? ': nothing' : ''}</h3>
      <div data-testid="merge-changes">{changes && <DiffLists diff={changes} testId="merge-changes" />}</div>
      <Lines items={problemItems(preview.ok ? d.problems : preview.problems)} testId="merge-problems" />
      <Actions ok={preview.ok} okLabel="Merge" onOk={confirmMerge} />
    </Modal>
  );
}

function CzmlDialog({ d }: { d: Extract<IoDialog, { kind: 'czml' }> }) {
  const satellites = useApp((s) => satelliteCount(s.scenario));
  const route = useRoute((r) => (r.from && r.to ? `${r.from.label} → ${r.to.label}` : null));
  const [start, setStart] = useState(() => new Date(d.startUtcMs).toISOString().slice(0, 16).replace('T', ' '));
  const parsed = parseUtcInput(start);
  const samples = czmlSamples(satellites, d.durationMin, d.stepS);
  const valid = parsed.ok && d.durationMin > 0 && d.stepS > 0;
  const set = (patch: Partial<typeof d>) => ioStore.setState({ dialog: { ...d, ...patch } });
  return (
    <Modal label="Export CZML" testId="czml-dialog">
      <h2>Export CZML</h2>
      <div className="io-form">
        <label>Start (UTC) <input value={start} onChange={(e) => { setStart(e.target.value); const p = parseUtcInput(e.target.value); if (p.ok) set({ startUtcMs: p.utcMs }); }} aria-label="CZML start (UTC)" /></label>
        {!parsed.ok && <p className="io-error">{parsed.error}</p>}
        <label>Duration (min) <input type="number" min={1} value={d.durationMin} onChange={(e) => set({ durationMin: Number(e.target.value) })} aria-label="CZML duration (min)" /></label>
        <label>Step (s) <input type="number" min={1} value={d.stepS} onChange={(e) => set({ stepS: Number(e.target.value) })} aria-label="CZML step (s)" /></label>
        <label>
          <input type="checkbox" checked={d.withRoute && route !== null} disabled={route === null} onChange={(e) => set({ withRoute: e.target.checked })} /> Highlight the route {route ?? '(none shown: pick two ends in the Route panel)'}
        </label>
      </div>
      <p className={samples > MAX_CZML_SAMPLES ? 'io-error' : 'muted'}>
        {n(satellites)} satellites × {n(Math.floor((d.durationMin * 60) / Math.max(d.stepS, 1e-9)) + 1)} steps = {n(samples)} position samples{samples > MAX_CZML_SAMPLES ? `: over the limit of ${n(MAX_CZML_SAMPLES)}; shorten the window or lengthen the step` : ''}.
      </p>
      <Actions ok={valid && samples <= MAX_CZML_SAMPLES} okLabel="Export" onOk={() => void confirmCzml()} />
    </Modal>
  );
}

function ExportBusy({ text }: { text: string }) {
  return (
    <div className="io-busy" role="status" data-testid="export-busy">
      <span>{text}</span>
      <button type="button" className="btn" onClick={cancelExport}>
        Cancel
      </button>
    </div>
  );
}

export function IoDialogs() {
  const dialog = useIo((s) => s.dialog);
  const busy = useIo((s) => s.busy);
  return (
    <>
      {busy && <ExportBusy text={busy} />}
      {dialog?.kind === 'import' && (
        <Modal label="Import summary" testId="import-dialog" wide>
          {dialog.plan.kind === 'constellation' ? <ConstellationSummary plan={dialog.plan} /> : <SitesSummary plan={dialog.plan} />}
        </Modal>
      )}
      {dialog?.kind === 'compare' && <CompareDialog d={dialog} />}
      {dialog?.kind === 'merge' && <MergeDialog d={dialog} />}
      {dialog?.kind === 'czml' && <CzmlDialog d={dialog} />}
    </>
  );
}
