// Transient UI over the shell: the notice toast and the Help dialogs.
import { useEffect } from 'react';
import { version } from '../../package.json';
import { useApp } from '../state/store';
import { modKey } from './format';

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

const SHORTCUTS: [string, string][] = [
  [`${modKey}Z`, 'Undo'],
  [`${modKey}Shift+Z / ${modKey}Y`, 'Redo'],
  [`${modKey}O`, 'Open scenario'],
  [`${modKey}S`, 'Save scenario'],
  [`${modKey}Shift+S`, 'Save as'],
];

export function Dialogs() {
  const dialog = useApp((s) => s.dialog);
  const open = useApp((s) => s.openDialog);
  const renderer = useApp((s) => s.webglRenderer);
  useEffect(() => {
    if (!dialog) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && open(null);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, open]);
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
            <table className="shortcuts">
              <tbody>
                {SHORTCUTS.map(([k, v]) => (
                  <tr key={v}>
                    <td>
                      <kbd>{k}</kbd>
                    </td>
                    <td>{v}</td>
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
