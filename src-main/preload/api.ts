// The contract of `window.leo`, the only door from the renderer to the Electron main process.
// Types only: the renderer imports this file with `import type`, and it is also compiled under
// the renderer's DOM tsconfig, so it must never gain a runtime import (least of all electron).
// In a plain browser `window.leo` is absent; the renderer's platform/ bridge supplies a fallback.

/** Why a call failed, so the renderer can branch without parsing sentences. */
export type LeoErrorCode =
  | 'canceled' // the user closed a dialog: not an error worth showing
  | 'forbidden' // the call came from a frame that is not the app's own page
  | 'bad-argument' // an argument failed validation (see `error` for which and why)
  | 'too-large' // a file or text over the size limit
  | 'io' // the file system said no (message from the OS)
  | 'internal';

export interface LeoFailure {
  ok: false;
  code: LeoErrorCode;
  /** One human sentence, safe to show in the UI. */
  error: string;
}

/** Every invoke resolves (never rejects) to `{ ok: true, ...T }` or a failure. */
export type LeoResult<T extends object = object> = ({ ok: true } & T) | LeoFailure;

export type QualityMode = 'auto' | 'pretty' | 'lean';

export interface AppInfo {
  name: string;
  version: string;
  /** 'electron' here; the browser fallback reports 'browser'. */
  shell: 'electron' | 'browser';
  electronVersion: string;
  chromeVersion: string;
  nodeVersion: string;
  /** process.platform of the host: 'linux', 'darwin', 'win32'. */
  os: string;
  isDev: boolean;
}

export interface OpenedFile {
  /** Absolute path; pass it back to saveScenarioFile to save in place. */
  path: string;
  /** File name without directories, for titles. */
  name: string;
  text: string;
}

export interface SavedFile {
  path: string;
  name: string;
  /** Path of the previous version kept beside the file, or null when there was none. */
  backupPath: string | null;
}

/** A file type offered by an Open dialog: extensions without the dot ("tle"), "*" for all files. */
export interface FileFilter {
  name: string;
  extensions: string[];
}

/** What the renderer tells the menu so that it mirrors the app (radio, enabled items). */
export interface MenuState {
  quality: QualityMode;
  canUndo: boolean;
  canRedo: boolean;
}

export interface DocumentState {
  /** Shown in the window title, e.g. the scenario's file name. */
  title: string;
  /** Unsaved changes: closing the window asks before discarding them. */
  dirty: boolean;
}

/** Named events the application menu sends to the renderer (one IPC channel each). */
export type MenuCommand =
  | { type: 'menu:new' }
  | { type: 'menu:open' }
  | { type: 'menu:save' }
  | { type: 'menu:save-as' }
  | { type: 'menu:undo' }
  | { type: 'menu:redo' }
  | { type: 'menu:quality'; quality: QualityMode }
  | { type: 'menu:demo' }
  | { type: 'menu:documentation' }
  | { type: 'menu:export-report' }
  // File › Import / Export / Compare / Merge.
  | { type: 'menu:import-constellation' }
  | { type: 'menu:import-sites' }
  | { type: 'menu:export-sites-csv' }
  | { type: 'menu:export-sites-geojson' }
  | { type: 'menu:export-sites-kml' }
  | { type: 'menu:export-czml' }
  | { type: 'menu:export-hypatia' }
  | { type: 'menu:export-report-csv' }
  | { type: 'menu:compare' }
  | { type: 'menu:merge' }
  | { type: 'menu:open-recent'; path: string }
  | { type: 'menu:clear-recent' };

export type MenuCommandType = MenuCommand['type'];

/** One Open Recent entry (src-core/scenario/recent.ts RecentEntry; key is the absolute path). */
export interface RecentFile {
  key: string;
  name: string;
  openedAtMs: number;
}

/** An autosave's description (src-core/scenario/autosave.ts AutosaveMeta). */
export interface AutosaveInfo {
  docId: string;
  name: string;
  filePath: string | null;
  autosavedAtMs: number;
}

/** An autosave found at start-up (src-core/scenario/autosave.ts AutosaveFound). */
export type AutosaveEntry = { ok: true; meta: AutosaveInfo; text: string; fileChangedSince?: boolean } | { ok: false; docId: string; message: string };

/** Why main asks the page before closing: the window's close button, or quitting the app. */
export type CloseReason = 'close' | 'quit';

export interface LeoApi {
  getAppInfo(): Promise<LeoResult<{ info: AppInfo }>>;
  /** Shows the Open dialog; `code: 'canceled'` when the user backs out. */
  openScenarioFile(): Promise<LeoResult<{ file: OpenedFile }>>;
  /**
   * Saves atomically, keeping the previous version as `<path>.bak`. With the path of a file
   * the user opened or saved in this session it saves in place; otherwise (or with no path)
   * it shows the Save dialog first.
   */
  saveScenarioFile(text: string, path?: string): Promise<LeoResult<{ file: SavedFile }>>;
  /**
   * Shows an Open dialog with `title` and `filters` and reads the chosen file (File › Import,
   * Compare, Merge). The file is only read: it is not granted for saving in place.
   */
  openImportFile(title: string, filters: FileFilter[]): Promise<LeoResult<{ file: OpenedFile }>>;
  /** Always shows the Save dialog; `suggestedName` is a bare file name. */
  saveScenarioFileAs(text: string, suggestedName?: string): Promise<LeoResult<{ file: SavedFile }>>;
  /** The Open Recent list, newest first (at most 10). */
  getRecentFiles(): Promise<LeoResult<{ recent: RecentFile[] }>>;
  /**
   * Opens an Open Recent entry by its path (main only opens paths on its own list). A missing
   * file fails with code 'io' and a sentence naming it, and is removed from the list.
   */
  openRecentScenarioFile(path: string): Promise<LeoResult<{ file: OpenedFile }>>;
  clearRecentFiles(): Promise<LeoResult<{ recent: RecentFile[] }>>;
  /**
   * Opens a file dropped on the window. The preload takes the path from the File itself
   * (webUtils.getPathForFile), so the page can only name files the user dropped.
   */
  openDroppedScenarioFile(file: File): Promise<LeoResult<{ file: OpenedFile }>>;
  /** Writes the autosave of document `meta.docId` (userData/autosave, atomically). */
  writeAutosave(meta: AutosaveInfo, text: string): Promise<LeoResult>;
  clearAutosave(docId: string): Promise<LeoResult>;
  /** Recovery declined: the autosave is kept as .discarded until the next autosave. */
  discardAutosave(docId: string): Promise<LeoResult>;
  /** Every autosave left from earlier runs (read at start-up). */
  listAutosaves(): Promise<LeoResult<{ found: AutosaveEntry[] }>>;
  /** Partial update; fields left out keep their value. */
  updateMenuState(state: Partial<MenuState>): Promise<LeoResult>;
  setDocumentState(state: DocumentState): Promise<LeoResult>;
  /**
   * Hardware WebGL failed (`reason`, for the log): relaunch the app with software rendering
   * (SwiftShader). `relaunching: false` with `why` when it already runs in software rendering.
   */
  requestSoftwareRendering(reason: string): Promise<LeoResult<{ relaunching: true } | { relaunching: false; why: string }>>;
  /** Subscribes to menu commands; returns the unsubscribe function. */
  onMenuCommand(callback: (command: MenuCommand) => void): () => void;
  /**
   * Subscribes to close requests: main sends one when the window is closing (or the app
   * quitting) while the document has unsaved changes, and waits for answerCloseRequest.
   */
  onCloseRequest(callback: (reason: CloseReason) => void): () => void;
  /**
   * The page's answer to the pending close request: true closes the window (or quits) after the
   * page saved or the user chose not to; false keeps it open. Fails with 'bad-argument' when no
   * request is pending.
   */
  answerCloseRequest(proceed: boolean): Promise<LeoResult>;
}
