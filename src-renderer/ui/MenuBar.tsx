// In-page menu bar for the browser fallback (Electron shows its native menu instead). Clicks
// go through the platform bridge (emitMenuCommand), the same path as native menu clicks.
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { emitMenuCommand } from '../platform/browserBridge';
import type { MenuCommand } from '../platform/menu';
import { useApp } from '../state/store';
import { modKey } from './format';
import { RecentSubmenu } from './files/RecentMenu';

type Item =
  | { kind: 'command'; command: MenuCommand; label: string; shortcut?: string; disabled?: boolean; checked?: boolean }
  | { kind: 'separator' }
  | { kind: 'recent' };

interface Menu {
  title: string;
  items: Item[];
}

function useMenus(): Menu[] {
  const s = useApp(
    useShallow((st) => ({
      canUndo: st.canUndo,
      canRedo: st.canRedo,
      undoLabel: st.past[st.past.length - 1]?.label,
      redoLabel: st.future[0]?.label,
      qualitySetting: st.qualitySetting,
      panels: st.panels,
    })),
  );
  return [
    {
      title: 'File',
      items: [
        { kind: 'command', command: 'file.new', label: 'New scenario' },
        { kind: 'command', command: 'file.open', label: 'Open…', shortcut: `${modKey}O` },
        { kind: 'recent' },
        { kind: 'separator' },
        { kind: 'command', command: 'file.save', label: 'Save', shortcut: `${modKey}S` },
        { kind: 'command', command: 'file.saveAs', label: 'Save as…', shortcut: `${modKey}Shift+S` },
        { kind: 'separator' },
        { kind: 'command', command: 'file.import.constellation', label: 'Import constellation (TLE/OMM)…' },
        { kind: 'command', command: 'file.import.sites', label: 'Import gateways/PoPs (CSV, GeoJSON, KML)…' },
        { kind: 'separator' },
        { kind: 'command', command: 'file.export.sitesCsv', label: 'Export gateways (CSV)…' },
        { kind: 'command', command: 'file.export.sitesGeoJson', label: 'Export gateways (GeoJSON)…' },
        { kind: 'command', command: 'file.export.sitesKml', label: 'Export gateways (KML)…' },
        { kind: 'command', command: 'file.export.czml', label: 'Export CZML (Cesium/STK)…' },
        { kind: 'command', command: 'file.export.hypatia', label: 'Export Hypatia/ns-3 state (zip)…' },
        { kind: 'command', command: 'file.export.reportCsv', label: 'Export report (CSV)…' },
        { kind: 'command', command: 'file.exportReport', label: 'Export report (PDF)…' },
        { kind: 'separator' },
        { kind: 'command', command: 'file.compare', label: 'Compare with…' },
        { kind: 'command', command: 'file.merge', label: 'Merge…' },
      ],
    },
    {
      title: 'Edit',
      items: [
        { kind: 'command', command: 'edit.undo', label: s.undoLabel ? `Undo ${s.undoLabel}` : 'Undo', shortcut: `${modKey}Z`, disabled: !s.canUndo },
        { kind: 'command', command: 'edit.redo', label: s.redoLabel ? `Redo ${s.redoLabel}` : 'Redo', shortcut: `${modKey}Shift+Z`, disabled: !s.canRedo },
      ],
    },
    {
      title: 'View',
      items: [
        { kind: 'command', command: 'view.quality.auto', label: 'Quality: automatic', checked: s.qualitySetting === 'auto' },
        { kind: 'command', command: 'view.quality.lean', label: 'Quality: lean', checked: s.qualitySetting === 'lean' },
        { kind: 'command', command: 'view.quality.pretty', label: 'Quality: pretty', checked: s.qualitySetting === 'pretty' },
        { kind: 'separator' },
        { kind: 'command', command: 'view.toggle.left', label: 'Left panel', checked: s.panels.left },
        { kind: 'command', command: 'view.toggle.right', label: 'Inspector', checked: s.panels.right },
        { kind: 'command', command: 'view.toggle.bottom', label: 'Timeline', checked: s.panels.bottom },
        { kind: 'separator' },
        { kind: 'command', command: 'view.demo', label: 'Demo mode', shortcut: 'D' },
      ],
    },
    {
      title: 'Help',
      items: [
        { kind: 'command', command: 'help.shortcuts', label: 'Keyboard shortcuts' },
        { kind: 'command', command: 'help.about', label: 'About LEO Planner' },
      ],
    },
  ];
}

export function MenuBar() {
  const menus = useMenus();
  const [open, setOpen] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(null);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(null);
    };
    window.addEventListener('pointerdown', onDown, true);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointerdown', onDown, true);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="menubar" role="menubar" aria-label="Application menu" ref={ref}>
      {menus.map((m) => (
        <div className="menubar__menu" key={m.title}>
          <button
            type="button"
            role="menuitem"
            aria-haspopup="menu"
            aria-expanded={open === m.title}
            className={`menubar__title${open === m.title ? ' is-open' : ''}`}
            onClick={() => setOpen(open === m.title ? null : m.title)}
            onPointerEnter={() => open && open !== m.title && setOpen(m.title)}
          >
            {m.title}
          </button>
          {open === m.title && (
            <div className="menu" role="menu" aria-label={m.title}>
              {m.items.map((it, i) =>
                it.kind === 'separator' ? (
                  <div className="menu__sep" role="separator" key={`sep${i}`} />
                ) : it.kind === 'recent' ? (
                  <RecentSubmenu key="recent" onDone={() => setOpen(null)} />
                ) : (
                  <button
                    type="button"
                    key={it.command}
                    role={it.checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
                    aria-checked={it.checked}
                    aria-label={it.label}
                    disabled={it.disabled}
                    className="menu__item"
                    onClick={() => {
                      setOpen(null);
                      emitMenuCommand(it.command);
                    }}
                  >
                    <span className="menu__check" aria-hidden="true">{it.checked ? '✓' : ''}</span>
                    <span className="menu__label">{it.label}</span>
                    {it.shortcut && <span className="menu__shortcut">{it.shortcut}</span>}
                  </button>
                ),
              )}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
