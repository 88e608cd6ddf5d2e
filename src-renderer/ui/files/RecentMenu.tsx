// File › Open Recent in the in-page menu (browser fallback; Electron builds it natively in
// src-main/main/menu-template.ts): the last files, newest first, then Clear Recent. Opens to
// the side on hover or click; ArrowRight/ArrowLeft open and close it from the keyboard.
import { useState } from 'react';
import { emitMenuCommand } from '../../platform/browserBridge';
import { hasFileSystemAccess } from '../../platform/browserFiles';
import { openRecentFile } from '../actions';
import { useFiles } from './filesStore';
import './files.css';

export function RecentSubmenu({ onDone }: { onDone: () => void }) {
  const recent = useFiles((f) => f.recent);
  const [open, setOpen] = useState(false);
  // Without the File System Access API a file name alone cannot be reopened: the list stays empty.
  const emptyText = hasFileSystemAccess() ? 'No recent files' : 'Not available in this browser (no file access)';
  return (
    <div className="menu__sub" onPointerEnter={() => setOpen(true)} onPointerLeave={() => setOpen(false)}>
      <button
        type="button"
        role="menuitem"
        aria-haspopup="menu"
        aria-expanded={open}
        className="menu__item"
        // Hover already opened it; a click (or Enter) opens it too, never toggles it shut under the pointer.
        onClick={() => setOpen(true)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowRight') setOpen(true);
          if (e.key === 'ArrowLeft') setOpen(false);
        }}
      >
        <span className="menu__check" aria-hidden="true" />
        <span className="menu__label">Open Recent</span>
        <span className="menu__shortcut" aria-hidden="true">▸</span>
      </button>
      {open && (
        <div className="menu menu--side" role="menu" aria-label="Open Recent">
          {recent.length === 0 && (
            <button type="button" role="menuitem" className="menu__item" disabled>
              <span className="menu__check" aria-hidden="true" />
              <span className="menu__label">{emptyText}</span>
            </button>
          )}
          {recent.map((r, i) => (
            <button
              type="button"
              role="menuitem"
              key={r.key}
              className="menu__item"
              aria-label={`Open ${r.name}`}
              title={`Last opened ${new Date(r.openedAtMs).toLocaleString()}`}
              onClick={() => {
                onDone();
                void openRecentFile(r.key);
              }}
            >
              <span className="menu__check" aria-hidden="true">{i + 1}</span>
              <span className="menu__label">{r.name}</span>
            </button>
          ))}
          <div className="menu__sep" role="separator" />
          <button
            type="button"
            role="menuitem"
            className="menu__item"
            disabled={recent.length === 0}
            onClick={() => {
              onDone();
              emitMenuCommand('file.clearRecent');
            }}
          >
            <span className="menu__check" aria-hidden="true" />
            <span className="menu__label">Clear Recent</span>
          </button>
        </div>
      )}
    </div>
  );
}
