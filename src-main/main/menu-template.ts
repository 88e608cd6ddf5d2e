// The application menu as data: buildMenuTemplate(state, actions) returns the template that
// index.ts hands to Menu.buildFromTemplate. Only a type import from electron, so tests build
// and inspect it without Electron. Items that act on the scenario send named events to the
// renderer (which owns the scenario and its undo stack); window and clipboard items use
// Electron's roles so they behave natively.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommandType, MenuState, QualityMode, RecentFile } from '../preload/api';

export interface MenuTemplateState extends MenuState {
  isDev: boolean;
  isMac: boolean;
  appName: string;
  /** File › Open Recent, newest first. */
  recent?: readonly RecentFile[];
}

export interface MenuActions {
  /** Sends a menu event to the app window's renderer. */
  send(event: MenuCommandType, payload?: { quality: QualityMode } | { path: string }): void;
  showAbout(): void;
}

/** File › Open Recent: one item per file (number, name, full path as a tooltip where supported), then Clear Recent. */
function openRecentMenu(recent: readonly RecentFile[], actions: MenuActions): MenuItemConstructorOptions {
  const files: MenuItemConstructorOptions[] = recent.map((r, i) => ({
    id: `recent-${i}`,
    // & would start a mnemonic; the number is the mnemonic instead.
    label: `${i < 9 ? `&${i + 1}` : '1&0'}  ${r.name.replace(/&/g, '&&')}`,
    toolTip: r.key,
    click: () => actions.send('menu:open-recent', { path: r.key }),
  }));
  return {
    id: 'file-open-recent',
    label: 'Open &Recent',
    submenu: [
      ...(files.length ? files : [{ id: 'recent-none', label: 'No recent files', enabled: false }]),
      { type: 'separator' },
      { id: 'recent-clear', label: '&Clear Recent', enabled: files.length > 0, click: () => actions.send('menu:clear-recent') },
    ],
  };
}

const QUALITY_LABELS: Record<QualityMode, string> = {
  auto: 'Auto (by GPU)',
  pretty: 'Pretty',
  lean: 'Lean (fast)',
};

export function buildMenuTemplate(state: MenuTemplateState, actions: MenuActions): MenuItemConstructorOptions[] {
  const send = (event: MenuCommandType) => () => actions.send(event);

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { id: 'file-new', label: '&New Scenario', accelerator: 'CmdOrCtrl+N', click: send('menu:new') },
      { id: 'file-open', label: '&Open…', accelerator: 'CmdOrCtrl+O', click: send('menu:open') },
      openRecentMenu(state.recent ?? [], actions),
      { type: 'separator' },
      { id: 'file-save', label: '&Save', accelerator: 'CmdOrCtrl+S', click: send('menu:save') },
      { id: 'file-save-as', label: 'Save &As…', accelerator: 'CmdOrCtrl+Shift+S', click: send('menu:save-as') },
      { type: 'separator' },
      {
        id: 'file-import',
        label: '&Import',
        submenu: [
          { id: 'import-tle', label: 'Constellation (TLE/OMM)…', click: send('menu:import-constellation') },
          { id: 'import-gateways', label: 'Gateways/PoPs (CSV, GeoJSON, KML)…', click: send('menu:import-sites') },
        ],
      },
      {
        id: 'file-export',
        label: '&Export',
        submenu: [
          { id: 'export-sites-csv', label: 'Gateways (CSV)…', click: send('menu:export-sites-csv') },
          { id: 'export-sites-geojson', label: 'Gateways (GeoJSON)…', click: send('menu:export-sites-geojson') },
          { id: 'export-sites-kml', label: 'Gateways (KML)…', click: send('menu:export-sites-kml') },
          { type: 'separator' },
          { id: 'export-czml', label: 'CZML (Cesium/STK)…', click: send('menu:export-czml') },
          { id: 'export-hypatia', label: 'Hypatia/ns-3 State (zip)…', click: send('menu:export-hypatia') },
          { id: 'export-report-csv', label: 'Report (CSV)…', click: send('menu:export-report-csv') },
          { id: 'export-report', label: 'Report (PDF)…', click: send('menu:export-report') },
        ],
      },
      { type: 'separator' },
      { id: 'file-compare', label: '&Compare with…', click: send('menu:compare') },
      { id: 'file-merge', label: '&Merge…', click: send('menu:merge') },
      ...(state.isMac ? [] : [{ type: 'separator' } as const, { id: 'file-quit', label: 'E&xit', role: 'quit' } as const]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      // Scenario undo lives in the renderer. When a text field has focus the renderer runs the
      // field's own undo instead; a disabled item lets the key reach the page untouched.
      { id: 'edit-undo', label: '&Undo', accelerator: 'CmdOrCtrl+Z', enabled: state.canUndo, click: send('menu:undo') },
      { id: 'edit-redo', label: '&Redo', accelerator: state.isMac ? 'Cmd+Shift+Z' : 'Ctrl+Y', enabled: state.canRedo, click: send('menu:redo') },
      { type: 'separator' },
      { id: 'edit-cut', role: 'cut' },
      { id: 'edit-copy', role: 'copy' },
      { id: 'edit-paste', role: 'paste' },
      { id: 'edit-select-all', role: 'selectAll' },
    ],
  };

  const quality: MenuItemConstructorOptions = {
    id: 'view-quality',
    label: '&Quality',
    submenu: (Object.keys(QUALITY_LABELS) as QualityMode[]).map((q) => ({
      id: `quality-${q}`,
      label: QUALITY_LABELS[q],
      type: 'radio' as const,
      checked: state.quality === q,
      click: () => actions.send('menu:quality', { quality: q }),
    })),
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(state.isDev
        ? [{ id: 'view-reload', role: 'reload' } as const, { id: 'view-force-reload', role: 'forceReload' } as const]
        : []),
      { id: 'view-devtools', role: 'toggleDevTools' },
      { type: 'separator' },
      { id: 'view-zoom-reset', role: 'resetZoom' },
      { id: 'view-zoom-in', role: 'zoomIn' },
      { id: 'view-zoom-out', role: 'zoomOut' },
      { type: 'separator' },
      { id: 'view-fullscreen', role: 'togglefullscreen' },
      // No accelerator: the page answers D itself (a native accelerator would also fire in text fields).
      { id: 'view-demo', label: '&Demo Mode (D)', click: send('menu:demo') },
      { type: 'separator' },
      quality,
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [
      { id: 'help-docs', label: '&Documentation', accelerator: 'F1', click: send('menu:documentation') },
      ...(state.isMac ? [] : [{ type: 'separator' } as const, { id: 'help-about', label: `&About ${state.appName}`, click: () => actions.showAbout() }]),
    ],
  };

  const template: MenuItemConstructorOptions[] = [file, edit, view, help];
  if (state.isMac) {
    // macOS keeps About and Quit in the app menu, and the Window menu is expected.
    template.unshift({
      label: state.appName,
      submenu: [
        { id: 'help-about', label: `About ${state.appName}`, click: () => actions.showAbout() },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { id: 'file-quit', role: 'quit' },
      ],
    });
    template.splice(4, 0, { role: 'windowMenu' });
  }
  return template;
}

/** Finds an item by id anywhere in a template (used by tests and by index.ts for lookups). */
export function findMenuItem(template: readonly MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions | undefined {
  for (const item of template) {
    if (item.id === id) return item;
    if (Array.isArray(item.submenu)) {
      const found = findMenuItem(item.submenu, id);
      if (found) return found;
    }
  }
  return undefined;
}
