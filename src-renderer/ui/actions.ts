// App-level actions behind the menu and the keyboard: one function per menu command, reached
// from the native menu (Electron), the in-page menu bar (browser) and the shortcuts alike.
import { problemsBeforeSave, serializeScenario } from '../../src-core/scenario/save';
import { parseScenario, type Scenario } from '../../src-core/scenario/schema';
import { scenarioView, withScenarioView } from '../../src-core/scenario/view';
import { parseIsoUtc, utcMs } from '../../src-core/units';
import { currentCameraView, goHome, restoreCameraView } from '../globe/camera';
import { useGlobeView, type GlobeLayerName } from '../globe/ground/viewStore';
import { getBridge, type OpenedFile } from '../platform/bridge';
import type { MenuCommand } from '../platform/menu';
import { appStore } from '../state/store';
import { builtinScenario } from '../state/builtinScenario';
import { askUnsaved, isDirty, type DiscardAction } from '../state/unsaved';
import { toggleDemo } from './demo/tour';
import { exportReport } from './report/exportReport';
import { runIoCommand } from './fileio/ioActions';
import { ioStore } from './fileio/ioStore';
import { discardOwnAutosave } from './files/autosave';
import { refreshRecent } from './files/filesStore';
import { modKey } from './format';
import { stepSpeed } from './globe/Timeline';
import { deleteSelectedGateways } from './planning/GatewayPanel';

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

/**
 * Resolves true when the current scenario may be replaced or closed: it has no unsaved changes,
 * the user chose "Don't save", or chose "Save" and the save went through. False (Cancel, or a
 * save that was canceled or failed) leaves the scenario and its undo history untouched.
 */
export async function confirmDiscard(action: DiscardAction): Promise<boolean> {
  if (!isDirty(appStore.getState())) return true;
  const choice = await askUnsaved(action);
  if (choice === 'cancel') return false;
  if (choice === 'discard') return true;
  try {
    return (await saveScenario(false)) && !isDirty(appStore.getState());
  } catch (e) {
    appStore.getState().notify('error', `Not saved: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
}

/** The scenario as saved: the globe's current camera and layer switches go into its view section. */
function withLiveView(sc: Scenario): Scenario {
  return withScenarioView(sc, { camera: currentCameraView() ?? scenarioView(sc).camera, layers: { ...useGlobeView.getState().layers } });
}

/** After open: the camera and layer switches the file saved (layers it does not name keep their state). */
function applySavedView(sc: Scenario): void {
  const { camera, layers } = scenarioView(sc);
  if (camera) restoreCameraView(camera);
  const saved = Object.fromEntries(Object.entries(layers).filter(([, on]) => typeof on === 'boolean')) as Partial<Record<GlobeLayerName, boolean>>;
  useGlobeView.setState((g) => ({ layers: { ...g.layers, ...saved }, footprintsChosen: g.footprintsChosen || saved.footprints !== undefined }));
}

async function newScenario(): Promise<void> {
  if (!(await confirmDiscard('new'))) return;
  appStore.getState().loadScenario(builtinScenario(), null);
}

async function openScenario(): Promise<void> {
  if (!(await confirmDiscard('open'))) return;
  const file = await getBridge().openScenario();
  if (file) loadOpenedFile(file);
  void refreshRecent();
}

/** File › Open Recent: the same question and the same checks as Open; a file that is gone is reported. */
export async function openRecentFile(key: string): Promise<void> {
  try {
    if (!(await confirmDiscard('open'))) return;
    const file = await getBridge().openRecent(key);
    if (file) loadOpenedFile(file);
  } catch (e) {
    appStore.getState().notify('error', e instanceof Error ? e.message : String(e));
  } finally {
    void refreshRecent();
  }
}

async function clearRecent(): Promise<void> {
  await getBridge().clearRecent();
  await refreshRecent();
}

/**
 * Replaces the scenario with an opened file's (Open, Open Recent, a dropped file, a recovered
 * autosave with `filePath` its document's, null when untitled). A file that does not parse
 * leaves the current scenario untouched, says why, and returns false.
 */
export function loadOpenedFile(file: OpenedFile, filePath: string | null = file.path ?? file.name): boolean {
  const s = appStore.getState();
  const r = parseScenario(file.text);
  if (!r.ok) {
    s.notify('error', `Could not open ${file.name}`, r.problems.slice(0, 8).map((p) => `${p.path}: ${p.message}`));
    return false;
  }
  s.loadScenario(r.scenario, filePath);
  applySavedView(r.scenario);
  // Unknown keys are shown once, here: kept in the scenario and written back on save.
  if (r.warnings.length === 0) s.notify('info', `Opened ${file.name}`);
  else s.notify('info', `Opened ${file.name}; ${r.warnings.length} unknown key${r.warnings.length > 1 ? 's are' : ' is'} kept but not used`, r.warnings.slice(0, 8).map((p) => `${p.path}: ${p.message}`));
  return true;
}

/** True once the scenario is saved (or downloaded); false when the user canceled the dialog. */
async function saveScenario(saveAs: boolean): Promise<boolean> {
  const s = appStore.getState();
  // Validated first (the main process checks again): an invalid scenario is never written.
  const text = serializeScenario(withLiveView(s.scenario));
  const problems = problemsBeforeSave(text);
  if (problems.length) {
    s.notify('error', 'Not saved: the scenario is invalid; the file on disk was not changed', problems.slice(0, 8).map((p) => `${p.path}: ${p.message}`));
    return false;
  }
  const saved = await getBridge().saveScenario({
    text,
    suggestedName: fileNameFor(s.scenario.name),
    path: s.filePath,
    saveAs,
  });
  if (!saved) return false;
  // What was written is `s.scenario`: an edit made while the dialog was open stays unsaved.
  appStore.getState().markSaved(saved.path ?? saved.name, s.scenario);
  s.notify('info', saved.inPlace ? `Saved ${saved.name}` : `Downloaded ${saved.name}`);
  void refreshRecent();
  return true;
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
      newScenario().catch(fail);
      return;
    case 'file.open':
      openScenario().catch(fail);
      return;
    case 'file.clearRecent':
      clearRecent().catch(fail);
      return;
    case 'file.save':
      saveScenario(false).catch(fail);
      return;
    case 'file.saveAs':
      saveScenario(true).catch(fail);
      return;
    case 'file.exportReport':
      void exportReport();
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
    case 'view.demo':
      toggleDemo();
      return;
    case 'help.shortcuts':
      s.openDialog('shortcuts');
      return;
    case 'help.about':
      s.openDialog('about');
      return;
    default:
      runIoCommand(command, fail);
  }
}

// ---- keyboard shortcuts -------------------------------------------------------------------
// The one table of every key the app answers to: the window-level handler below dispatches from
// it and the Help › Keyboard shortcuts dialog is generated from it, so the two cannot disagree.

export interface Shortcut {
  /** Key combinations, e.g. "Mod+Shift+Z" (Mod = Ctrl, or Cmd on macOS), "Shift+ArrowLeft", "?". */
  readonly combos: readonly string[];
  readonly label: string;
  /** The menu command it runs, when it has one (the native menu may carry the same accelerator). */
  readonly command?: MenuCommand;
  /** Runs the shortcut; false when there was nothing to do (the key then keeps its default). */
  run(): boolean;
}

const LETTER = /^[a-z]$/i;

interface Combo {
  mod: boolean;
  shift: boolean;
  key: string;
}

function parseCombo(spec: string): Combo {
  const parts = spec === '+' ? ['+'] : spec.split('+');
  const key = parts.pop()!;
  return { mod: parts.includes('Mod'), shift: parts.includes('Shift'), key: key === 'Space' ? ' ' : key };
}

function comboMatches(c: Combo, e: KeyboardEvent): boolean {
  if (e.altKey || (e.ctrlKey || e.metaKey) !== c.mod) return false;
  if (LETTER.test(c.key)) return e.key.toLowerCase() === c.key.toLowerCase() && e.shiftKey === c.shift;
  // Punctuation ('?', '[') already says whether Shift was needed on this keyboard layout.
  if (c.key.length === 1 && c.key !== ' ') return e.key === c.key;
  return e.key === c.key && e.shiftKey === c.shift;
}

const KEY_NAMES: Record<string, string> = { ' ': 'Space', ArrowLeft: '←', ArrowRight: '→', Escape: 'Esc' };

/** "Mod+Shift+Z" as the user's platform writes it: "Ctrl+Shift+Z" or "⌘Shift+Z". */
export function formatCombo(spec: string): string {
  const c = parseCombo(spec);
  const key = KEY_NAMES[c.key] ?? (LETTER.test(c.key) ? c.key.toUpperCase() : c.key);
  return `${c.mod ? modKey : ''}${c.shift ? 'Shift+' : ''}${key}`;
}

const menu = (combos: string[], label: string, command: MenuCommand): Shortcut => ({
  combos,
  label,
  command,
  run: () => {
    runMenuCommand(command);
    return true;
  },
});

const timeWindow = (): { start: number; end: number } => {
  const a = appStore.getState().scenario.analysis;
  const start = parseIsoUtc(a.startUtc);
  return { start, end: start + a.durationS * 1000 };
};
const shiftTime = (minutes: number) => () => {
  const s = appStore.getState();
  s.setTime(utcMs(s.timeUtcMs + minutes * 60_000));
  return true;
};

export const SHORTCUTS: readonly Shortcut[] = [
  menu(['Mod+Z'], 'Undo', 'edit.undo'),
  menu(['Mod+Shift+Z', 'Mod+Y'], 'Redo', 'edit.redo'),
  menu(['Mod+O'], 'Open scenario…', 'file.open'),
  menu(['Mod+S'], 'Save scenario', 'file.save'),
  menu(['Mod+Shift+S'], 'Save scenario as…', 'file.saveAs'),
  { combos: ['Space'], label: 'Play / pause', run: () => (appStore.getState().togglePlaying(), true) },
  { combos: ['['], label: 'Slower playback (down to reverse ×1000)', run: () => (appStore.getState().setSpeed(stepSpeed(appStore.getState().speed, -1)), true) },
  { combos: [']'], label: 'Faster playback (up to ×1000)', run: () => (appStore.getState().setSpeed(stepSpeed(appStore.getState().speed, 1)), true) },
  { combos: ['ArrowLeft'], label: 'Time back 1 minute', run: shiftTime(-1) },
  { combos: ['ArrowRight'], label: 'Time forward 1 minute', run: shiftTime(1) },
  { combos: ['Shift+ArrowLeft'], label: 'Time back 10 minutes', run: shiftTime(-10) },
  { combos: ['Shift+ArrowRight'], label: 'Time forward 10 minutes', run: shiftTime(10) },
  { combos: ['Home'], label: 'Start of the analysis window', run: () => (appStore.getState().setTime(utcMs(timeWindow().start)), true) },
  { combos: ['End'], label: 'End of the analysis window', run: () => (appStore.getState().setTime(utcMs(timeWindow().end)), true) },
  { combos: ['H'], label: 'Home view (reset the camera)', run: goHome },
  menu(['D'], 'Demo mode (in it: Space pause, ←/→ stops, Esc leave)', 'view.demo'),
  { combos: ['Delete', 'Backspace'], label: 'Delete the selected gateways', run: deleteSelectedGateways },
  {
    combos: ['Escape'],
    label: 'Leave the add-gateway or first-served tool',
    run: () => {
      const s = appStore.getState();
      if (s.globeTool === 'select') return false;
      s.setGlobeTool('select');
      return true;
    },
  },
  { combos: ['?'], label: 'This list of shortcuts', run: () => (appStore.getState().openDialog('shortcuts'), true) },
];

const MATCHERS = SHORTCUTS.map((sc) => ({ sc, combos: sc.combos.map(parseCombo) }));

/** The shortcut a key event triggers, or null. */
export function shortcutFor(e: KeyboardEvent): Shortcut | null {
  return MATCHERS.find((m) => m.combos.some((c) => comboMatches(c, e)))?.sc ?? null;
}

/** Fields whose own keys win: text (and number) inputs, text areas, selects and sliders. */
function ownsKeys(target: EventTarget | null): boolean {
  if (isTextEditing(target)) return true;
  return target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && target.type === 'range');
}

/**
 * Window-level shortcuts. In Electron the native menu may also carry these accelerators; a menu
 * command arriving right after the same shortcut was handled here is dropped (see `fromMenu`).
 */
let lastShortcut: { command: MenuCommand; at: number } | null = null;

export function installShortcuts(): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented) return;
    const sc = shortcutFor(e);
    if (!sc) return;
    const s = appStore.getState();
    // A modal dialog owns the keyboard (its own Escape / Enter handling).
    if (s.dialog !== null || s.unsavedPrompt !== null || ioStore.getState().dialog !== null) return;
    const withMod = e.ctrlKey || e.metaKey;
    // Plain keys type into fields; undo/redo inside a text field stays the field's own history.
    if (!withMod && ownsKeys(e.target)) return;
    if ((sc.command === 'edit.undo' || sc.command === 'edit.redo') && isTextEditing(e.target)) return;
    if (!sc.run()) return;
    e.preventDefault();
    if (sc.command) lastShortcut = { command: sc.command, at: performance.now() };
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}

/**
 * Answers the host's close requests (Electron: closing the window or quitting with unsaved
 * changes) with the same prompt as File › New and Open.
 */
export function installCloseGuard(): () => void {
  const bridge = getBridge();
  return bridge.onCloseRequest((reason) => {
    confirmDiscard(reason)
      // Closing without saving is an explicit discard: the autosave must not come back as a crash.
      .then(async (ok) => {
        if (ok) await discardOwnAutosave().catch(() => {});
        return ok;
      })
      .then(
        (ok) => bridge.answerCloseRequest(ok),
        () => bridge.answerCloseRequest(false),
      );
  });
}

/** Entry for commands from the bridge (native or in-page menu). */
export function fromMenu(command: MenuCommand): void {
  if (lastShortcut && lastShortcut.command === command && performance.now() - lastShortcut.at < 150) return;
  runMenuCommand(command);
}
