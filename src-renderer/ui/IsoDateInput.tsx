// A date field that always reads and writes YYYY-MM-DD (UTC), whatever the browser's locale:
// <input type="date"> shows mm/dd/yyyy or dd.mm.yyyy depending on the machine, while every
// other date in the app is ISO. Commits on Enter or blur; an impossible date says why and
// leaves the value as it was.
import { useState } from 'react';
import { parseUtcInput } from './format';

export function IsoDateInput({ value, onCommit, label, testId }: { value: string | null; onCommit(isoUtc: string | null): void; label: string; testId?: string }) {
  const shown = value ? value.slice(0, 10) : '';
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commit = (): boolean => {
    if (draft === null) return true;
    const text = draft.trim();
    if (text === '') {
      setError(null);
      setDraft(null);
      if (value !== null) onCommit(null);
      return true;
    }
    const r = parseUtcInput(text);
    if (!r.ok) {
      setError(r.error);
      return false;
    }
    // A day: midnight UTC, as the scenario stores it.
    const iso = `${new Date(r.utcMs).toISOString().slice(0, 10)}T00:00:00Z`;
    setError(null);
    setDraft(null);
    if (iso !== value) onCommit(iso);
    return true;
  };
  return (
    <span className="iso-date">
      <input
        type="text"
        inputMode="numeric"
        spellCheck={false}
        placeholder="YYYY-MM-DD"
        aria-label={label}
        aria-invalid={error !== null}
        data-testid={testId}
        className={error ? 'is-invalid' : undefined}
        value={draft ?? shown}
        onChange={(e) => {
          setDraft(e.target.value);
          setError(null);
        }}
        onBlur={() => {
          if (!commit()) setDraft(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(null);
            setError(null);
          }
        }}
      />
      {error && (
        <span className="iso-date__error error-text" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
