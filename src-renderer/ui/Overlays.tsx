// Transient UI over the shell: the notice toast, the Help dialogs and the unsaved-changes prompt.
import { useEffect } from 'react';
import { version } from '../../package.json';
import { answerUnsaved } from '../state/unsaved';
import { useApp } from '../state/store';
import type { UnsavedPrompt } from '../state/slices/ui';
import { formatCombo, SHORTCUTS } from './actions';

export function NoticeToast() {
  const notice = useApp((s) => s.notice);
  const dismiss = useApp((s) => s.dismissNotice);
  useEffect(() => {
    if (!notice || notice.kind === 'error') return;
    const t = setTimeout(dismiss, 4000);
    return () => clearTimeout(t);
  }, [notice, dismiss]);
  if (!notice) return null;
  return (
    <div className={`toast toast--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <div className="toast__text">{notice.text}</div>
      {notice.details && (
        <ul className="toast__details">
          {notice.details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
      <button type="button" className="toast__close" aria-label="Dismiss" onClick={dismiss}>
        ×
      </button>
    </div>
  );
}

const ACTION_TEXT: Record<UnsavedPrompt['action'], { question: string; proceed: string }> = {
  new: { question: 'before starting a new scenario', proceed: 'new scenario' },
  open: { question: 'before opening another file', proceed: 'open' },
  close: { question: 'before closing the window', proceed: 'close' },
  quit: { question: 'before quitting', proceed: 'quit' },
};

/** Save / Don't save / Cancel, before anything replaces or closes a scenario with unsaved edits. */
function UnsavedDialog({ prompt }: { prompt: UnsavedPrompt }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      answerUnsaved('cancel');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const text = ACTION_TEXT[prompt.action];
  return (
    <div className="dialog-backdrop" onPointerDown={(e) => e.target === e.currentTarget && answerUnsaved('cancel')}>
      <div className="dialog" role="alertdialog" aria-modal="true" aria-label="Unsaved changes" aria-describedby="unsaved-text" data-testid="unsaved-dialog">
        <h2>Save changes to “{prompt.name}”?</h2>
        <p id="unsaved-text">
          This scenario has unsaved changes. Save them {text.question}? If you don&apos;t save, they are lost; Cancel keeps everything, including the undo
          history.
        </p>
        <div className="dialog__actions dialog__actions--spread">
          <button type="button" className="btn" onClick={() => answerUnsaved('discard')}>
            Don&apos;t save
          </button>
          <span className="dialog__spacer" />
          <button type="button" className="btn" onClick={() => answerUnsaved('cancel')}>
            Cancel
          </button>
          <button type="button" className="btn btn--primary" onClick={() => answerUnsaved('save')} autoFocus>
            Save
          </button>
        </div>
      </div>
    </div>
  );
}

export function Dialogs() {
  const unsaved = useApp((s) => s.unsavedPrompt);
  const dialog = useApp((s) => s.dialog);
  const open = useApp((s) => s.openDialog);
  const renderer = useApp((s) => s.webglRenderer);
  useEffect(() => {
    if (!dialog) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && open(null);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, open]);
  if (unsaved) return <UnsavedDialog prompt={unsaved} />;
  if (!dialog) return null;
  return (
    <div className="dialog-backdrop" onPointerDown={(e) => e.target === e.currentTarget && open(null)}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label={dialog === 'about' ? 'About LEO Planner' : 'Keyboard shortcuts'}>
        {dialog === 'about' ? (
          <>
            <h2>LEO Planner</h2>
            <p>Plan low-Earth-orbit satellite networks: constellation, gateways, routing, coverage and latency.</p>
            <p className="muted">Version {version} · WebGL: {renderer || 'unknown'}</p>
          </>
        ) : (
          <>
            <h2>Keyboard shortcuts</h2>
            <table className="shortcuts" data-testid="shortcuts-table">
              <tbody>
                {SHORTCUTS.map((sc) => (
                  <tr key={sc.label}>
                    <td>
                      {sc.combos.map((c, i) => (
                        <span key={c}>
                          {i > 0 && ' / '}
                          <kbd>{formatCombo(c)}</kbd>
                        </span>
                      ))}
                    </td>
                    <td>{sc.label}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        <div className="dialog__actions">
          <button type="button" className="btn" onClick={() => open(null)} autoFocus>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
