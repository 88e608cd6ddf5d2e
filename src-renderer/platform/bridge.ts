// The platform bridge: everything the renderer needs from its host (files, menu). Two
// implementations: Electron (the preload's window.leo) and a plain-browser fallback (file
// input, download link, in-page menu bar), which is also what the e2e tests drive.
import type { AutosaveFound, AutosaveStorage } from '../../src-core/scenario/autosave';
import type { FileHandle } from './browserFiles';
import type { RecentEntry } from '../../src-core/scenario/recent';
import type { QualitySetting } from '../state/slices/ui';
import type { MenuCommand } from './menu';
import { createElectronBridge, isLeoApi } from './electronBridge';
import { createBrowserBridge } from './browserBridge';

export interface OpenedFile {
  /** Display name (file name). */
  name: string;
  /** Path to save back to; null in the browser (saving downloads a copy). */
  path: string | null;
  text: string;
}

/** A file to read for File › Import, Compare or Merge (never saved back). */
export interface OpenFileRequest {
  /** Dialog title, e.g. "Import constellation (TLE/OMM)". */
  title: string;
  /** Offered file types; extensions without the dot ("tle", "json"). */
  filters: { name: string; extensions: string[] }[];
}

export interface SaveRequest {
  text: string;
  /** File name offered in the save dialog / used for the download. */
  suggestedName: string;
  /** Where the scenario came from; null for a new scenario. */
  path: string | null;
  saveAs: boolean;
}

export interface SavedFile {
  name: string;
  path: string | null;
  /** Written to the file itself (Electron, the File System Access API); false for a download. */
  inPlace?: boolean;
}

/** Where autosaves live: Electron userData/autosave, the browser's IndexedDB. */
export interface AutosaveStore extends AutosaveStorage {
  /** Recovery declined: kept aside (as .discarded) until the next autosave. */
  discard(docId: string): Promise<void>;
  /** Every autosave left from earlier runs, readable or not. */
  list(): Promise<AutosaveFound[]>;
}

export interface ExportRequest {
  /** The file's bytes (PNG still, WebM video, exports: CSV, GeoJSON, KML, CZML, zip). */
  blob: Blob;
  suggestedName: string;
}

export interface PlatformBridge {
  readonly kind: 'electron' | 'browser';
  /** True when the host draws the menu (Electron); false means the page shows its own. */
  readonly hasNativeMenu: boolean;
  openScenario(): Promise<OpenedFile | null>;
  saveScenario(request: SaveRequest): Promise<SavedFile | null>;
  /** Picks a file to read (Electron: native dialog with filters; browser: file input with `accept`). Null when canceled. */
  openFile(request: OpenFileRequest): Promise<OpenedFile | null>;
  /** Saves an exported file (browser: a download; Electron: the download's Save dialog). Null when canceled. */
  saveExport(request: ExportRequest): Promise<SavedFile | null>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /**
   * File › Open Recent, newest first. Empty where an entry could not reopen (a browser without
   * the File System Access API keeps no list rather than entries that fail).
   */
  recentFiles(): Promise<RecentEntry[]>;
  /**
   * Reopens a recent file. A file that is gone throws a sentence naming it and leaves the list;
   * null when the user refused access.
   */
  openRecent(key: string): Promise<OpenedFile | null>;
  clearRecent(): Promise<void>;
  /** The host's Open Recent menu picked `key` (Electron; the in-page menu calls the action itself). */
  onOpenRecent(listener: (key: string) => void): () => void;
  /**
   * Reads a file dropped on the window. Saving back to it: Electron by its path; the browser when
   * `handle` (DataTransferItem.getAsFileSystemHandle(), Chromium) is given, else Save downloads.
   */
  openDropped(file: File, handle?: FileHandle | null): Promise<OpenedFile>;
  readonly autosave: AutosaveStore;
  /** Mirrors app state into the host menu (radio items, enabled Undo/Redo). */
  syncMenuState(state: { quality: QualitySetting; canUndo: boolean; canRedo: boolean }): void;
  /**
   * Window title and unsaved-changes flag. While dirty, closing the window asks first: Electron's
   * main process sends a close request (below), the browser shows its own beforeunload prompt.
   */
  setDocumentState(state: { title: string; dirty: boolean }): void;
  /**
   * Hardware WebGL failed (`reason`): asks the host to restart the app with software rendering
   * (SwiftShader). `relaunching`: this page is about to close; otherwise `why` says why not.
   */
  requestSoftwareRendering(reason: string): Promise<{ relaunching: true } | { relaunching: false; why: string }>;
  /** The host wants to close the window or quit while there are unsaved changes (Electron only). */
  onCloseRequest(listener: (reason: 'close' | 'quit') => void): () => void;
  /** The answer to the last close request: true closes (or quits), false keeps the window. */
  answerCloseRequest(proceed: boolean): void;
}

let bridge: PlatformBridge | null = null;

export function getBridge(): PlatformBridge {
  if (!bridge) {
    const leo = (window as Window & { leo?: unknown }).leo;
    bridge = isLeoApi(leo) ? createElectronBridge(leo) : createBrowserBridge();
  }
  return bridge;
}
