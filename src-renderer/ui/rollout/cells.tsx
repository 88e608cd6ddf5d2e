// Editable cells of the launch schedule: each holds what is typed until Enter or blur, then turns
// it into a rollout edit and applies it as one undoable command. A value the schedule refuses is
// not applied: the cell stays marked and the message (row, field, why) shows under the table.
import { useState } from 'react';
import { editRollout, rolloutEditProblem, type RolloutEdit } from '../../state/rolloutCommands';
import { appStore } from '../../state/store';
import { parseUtcInput } from '../format';

/** Applies `edit` as one undoable command; returns why it was refused (null when applied or unchanged). */
export function applyRolloutEdit(label: string, edit: RolloutEdit): string | null {
  const s = appStore.getState();
  const why = rolloutEditProblem(s.scenario, edit);
  if (why) return why;
  s.execute(editRollout(label, edit));
  return null;
}

/** Where a refused edit's message goes (the table's error line). */
export type ReportProblem = (message: string | null) => void;

interface CellProps {
  value: string;
  /** Typed text -> the edit (throws an Error naming the field when the text is not a value). */
  toEdit(text: string): RolloutEdit;
  label: string;
  report: ReportProblem;
  testId?: string;
  className?: string;
  numeric?: boolean;
}

export function EditCell({ value, toEdit, label, report, testId, className, numeric }: CellProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [bad, setBad] = useState(false);
  const commit = (): void => {
    if (draft === null) return;
    if (draft.trim() === value) {
      setDraft(null); // unchanged text (e.g. a launch's day, whose time of day is kept)
      return;
    }
    let why: string | null;
    try {
      why = applyRolloutEdit(`Edit ${label}`, toEdit(draft.trim()));
    } catch (e) {
      why = e instanceof Error ? e.message : String(e);
    }
    setBad(why !== null);
    report(why === null ? null : `Not changed: ${why}.`);
    if (why === null) setDraft(null);
  };
  return (
    <input
      type="text"
      inputMode={numeric ? 'decimal' : undefined}
      spellCheck={false}
      aria-label={label}
      aria-invalid={bad}
      className={`${className ?? ''}${bad ? ' is-invalid' : ''}`}
      data-testid={testId}
      value={draft ?? value}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') {
          setDraft(null);
          setBad(false);
          report(null);
        }
      }}
    />
  );
}

/** A number typed in a cell (an Error naming the field when it is not one). */
export function numberOf(field: string, text: string): number {
  const v = Number(text);
  if (text === '' || !Number.isFinite(v)) throw new Error(`${field}: "${text}" is not a number`);
  return v;
}

/** A day typed as YYYY-MM-DD (or a full ISO time), as the scenario stores it (midnight UTC for a day). */
export function isoDayOf(field: string, text: string): string {
  const r = parseUtcInput(text);
  if (!r.ok) throw new Error(`${field}: ${r.error}`);
  return new Date(r.utcMs).toISOString().replace('.000Z', 'Z');
}

export const dayOf = (iso: string): string => iso.slice(0, 10);
