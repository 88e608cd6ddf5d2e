// App-level actions behind the menu and the keyboard: one function per menu command, reached
// from the native menu (Electron), the in-page menu bar (browser) and the shortcuts alike.
import { parseScenario } from '../../src-core/scenario/schema';
import { getBridge } from '../platform/bridge';
import type { MenuCommand } from '../platform/menu';
import { appStore } from '../state/store';
import { builtinScenario } from '../state/builtinScenario';

function fileNameFor(name: string): string {
  const slug = name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${slug || 'scenario'}.json`;
}

function isTextEditing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'range', 'file'].includes(target.type);
}

async function openScenario(): Promise<void> {
  const s = appStore.getState();
  const file = await getBridge().openScenario();
  if (!file) return;
  const r = parseScenario(file.text);
  if (!r.ok) {
    s.notify('error', `Could not open ${file.name}`, r.problems.slice(0, 8).map((p) => `${p.path}: ${p.message}`));
    return;
  }
  s.loadScenario(r.scenario, file.path ?? file.name);
  s.notify('info', `Opened ${file.name}`);
}

async function saveScenario(saveAs: boolean): Promise<void> {
  const s = appStore.getState();
  const isPath = getBridge().kind === 'electron';
  const saved = await getBridge().saveScenario({
    text: `${JSON.stringify(s.scenario, null, 2)}\n`,
    suggestedName: fileNameFor(s.scenario.name),
    path: isPath ? s.filePath : null,
    saveAs,
  });
  if (!saved) return;
  appStore.getState().markSaved(saved.path ?? saved.name);
  s.notify('info', isPath ? `Saved ${saved.name}` : `Downloaded ${saved.name}`);
}

function undoOrRedo(which: 'undo' | 'redo'): void {
  // With a text field focused, the Edit menu acts on the field (native text undo), as users expect.
  if (isTextEditing(document.activeElement)) {
    document.execCommand(which);
    return;
  }
  appStore.getState()[which]();
}

export function runMenuCommand(command: MenuCommand): void {
  const s = appStore.getState();
  const fail = (e: unknown) => s.notify('error', e instanceof Error ? e.message : String(e));
  switch (command) {
    case 'file.new':
      s.loadScenario(builtinScenario(), null);
      return;
    case 'file.open':
      openScenario().catch(fail);
      return;
    case 'file.save':
      saveScenario(false).catch(fail);
      return;
    case 'file.saveAs':
      saveScenario(true).catch(fail);
      return;
    case 'edit.undo':
      undoOrRedo('undo');
      return;
    case 'edit.redo':
      undoOrRedo('redo');
      return;
    case 'view.quality.auto':
      s.setQualitySetting('auto');
      return;
    case 'view.quality.lean':
      s.setQualitySetting('lean');
      return;
    case 'view.quality.pretty':
      s.setQualitySetting('pretty');
      return;
    case 'view.toggle.left':
      s.togglePanel('left');
      return;
    case 'view.toggle.right':
      s.togglePanel('right');
      return;
    case 'view.toggle.bottom':
      s.togglePanel('bottom');
      return;
    case 'help.shortcuts':
      s.openDialog('shortcuts');
      return;
    case 'help.about':
      s.openDialog('about');
      return;
  }
}

/** Keyboard shortcut -> menu command, or null. Mod = Ctrl, or Cmd on macOS. */
export function shortcutFor(e: KeyboardEvent): MenuCommand | null {
  const mod = e.ctrlKey || e.metaKey;
  if (!mod || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'edit.redo' : 'edit.undo';
  if (key === 'y' && !e.shiftKey) return 'edit.redo';
  if (key === 's') return e.shiftKey ? 'file.saveAs' : 'file.save';
  if (key === 'o' && !e.shiftKey) return 'file.open';
  return null;
}

/**
 * Window-level shortcuts. In Electron the native menu may also carry these accelerators; a menu
 * command arriving right after the same shortcut was handled here is dropped (see `fromMenu`).
 */
let lastShortcut: { command: MenuCommand; at: number } | null = null;

export function installShortcuts(): () => void {
  const onKey = (e: KeyboardEvent) => {
    const command = shortcutFor(e);
    if (!command) return;
    // Undo/redo inside a text field stays native (the field's own history).
    if ((command === 'edit.undo' || command === 'edit.redo') && isTextEditing(e.target)) return;
    e.preventDefault();
    lastShortcut = { command, at: performance.now() };
    runMenuCommand(command);
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}

/** Entry for commands from the bridge (native or in-page menu). */
export function fromMenu(command: MenuCommand): void {
  if (lastShortcut && lastShortcut.command === command && performance.now() - lastShortcut.at < 150) return;
  runMenuCommand(command);
}
