// The IPC contract between preload and main: channel names, argument validators and the
// sender check. Pure (no electron, no node:*) because the sandboxed preload bundles it too.
// Every main-process handler runs validateSender and its channel's validator before acting:
// the renderer shows content we do not fully control (scenario notes, names), so we treat it
// as untrusted input, as the Electron security checklist asks.
import type { AutosaveInfo, CloseReason, DocumentState, FileFilter, MenuCommand, MenuCommandType, MenuState, QualityMode } from '../preload/api';
import { isDocId } from '../../src-core/scenario/autosave';

/** Renderer -> main invoke channels, one per LeoApi operation. */
export const IPC = {
  getAppInfo: 'app:get-info',
  openScenarioFile: 'file:open-scenario',
  openImportFile: 'file:open-import',
  saveScenarioFile: 'file:save-scenario',
  saveScenarioFileAs: 'file:save-scenario-as',
  updateMenuState: 'menu:update-state',
  setDocumentState: 'window:set-document-state',
  requestSoftwareRendering: 'app:request-software-rendering',
  answerCloseRequest: 'window:answer-close-request',
  getRecentFiles: 'file:get-recent',
  openRecentScenarioFile: 'file:open-recent',
  clearRecentFiles: 'file:clear-recent',
  openDroppedScenarioFile: 'file:open-dropped',
  writeAutosave: 'autosave:write',
  clearAutosave: 'autosave:clear',
  discardAutosave: 'autosave:discard',
  listAutosaves: 'autosave:list',
} as const;

/** Main -> renderer: the window wants to close (or the app to quit) with unsaved changes. */
export const CLOSE_REQUEST_EVENT = 'window:close-requested';
export const CLOSE_REASONS: readonly CloseReason[] = ['close', 'quit'];

/** Checks a close request's payload in the preload. */
export function toCloseReason(payload: unknown): CloseReason | null {
  const r = (payload as { reason?: unknown } | null)?.reason;
  return CLOSE_REASONS.includes(r as CloseReason) ? (r as CloseReason) : null;
}

export type InvokeChannel = (typeof IPC)[keyof typeof IPC];

/** Main -> renderer menu events. The preload listens to exactly these. */
export const MENU_EVENTS = [
  'menu:new',
  'menu:open',
  'menu:save',
  'menu:save-as',
  'menu:undo',
  'menu:redo',
  'menu:quality',
  'menu:demo',
  'menu:documentation',
  'menu:export-report',
  'menu:import-constellation',
  'menu:import-sites',
  'menu:export-sites-csv',
  'menu:export-sites-geojson',
  'menu:export-sites-kml',
  'menu:export-czml',
  'menu:export-hypatia',
  'menu:export-report-csv',
  'menu:compare',
  'menu:merge',
  'menu:open-recent',
  'menu:clear-recent',
] as const satisfies readonly MenuCommandType[];

export const QUALITY_MODES: readonly QualityMode[] = ['auto', 'pretty', 'lean'];

/** Scenario files are JSON text; this bounds memory if someone opens a huge file by mistake. */
export const MAX_SCENARIO_BYTES = 256 * 1024 * 1024;
const MAX_TITLE_CHARS = 300;
const MAX_REASON_CHARS = 1000;
const MAX_PATH_CHARS = 4096;
const MAX_FILE_NAME_CHARS = 255;
const MAX_FILTERS = 16;
/** A dialog filter's extension: letters and digits, no dot ("geojson"), or "*". */
const FILTER_EXTENSION = /^(\*|[A-Za-z0-9]{1,16})$/;

export type Validation<T> = { ok: true; value: T } | { ok: false; error: string };

const valid = <T>(value: T): Validation<T> => ({ ok: true, value });
const invalid = (error: string): Validation<never> => ({ ok: false, error });

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `a string of ${v.length} characters`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

function arity(op: string, args: readonly unknown[], min: number, max: number): string | null {
  // Trailing undefined is what an omitted optional argument looks like after structured clone.
  let n = args.length;
  while (n > min && args[n - 1] === undefined) n--;
  if (n < min || n > max) {
    const want = min === max ? `${min}` : `${min} to ${max}`;
    return `${op}: expected ${want} argument(s), got ${args.length}`;
  }
  return null;
}

function checkText(op: string, v: unknown): string | null {
  if (typeof v !== 'string') return `${op}: argument 1 (text) must be a string, got ${describe(v)}`;
  // UTF-16 length is a lower bound on UTF-8 bytes; precise enough for a memory guard.
  if (v.length > MAX_SCENARIO_BYTES) return `${op}: text is larger than ${MAX_SCENARIO_BYTES / 1024 / 1024} MiB`;
  return null;
}

/** An absolute path in POSIX or Windows form, no NUL, bounded length. */
export function isAbsolutePathString(p: string): boolean {
  if (p.length === 0 || p.length > MAX_PATH_CHARS || p.includes('\0')) return false;
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

const noArgs = (op: string) => (args: readonly unknown[]): Validation<[]> => {
  const e = arity(op, args, 0, 0);
  return e ? invalid(e) : valid([]);
};

function onePath(op: string, args: readonly unknown[]): Validation<[path: string]> {
  const e = arity(op, args, 1, 1);
  if (e) return invalid(e);
  const path = args[0];
  if (typeof path !== 'string' || !isAbsolutePathString(path)) return invalid(`${op}: argument 1 (path) must be an absolute file path, got ${describe(path)}`);
  return valid([path]);
}

function oneDocId(op: string, args: readonly unknown[]): Validation<[docId: string]> {
  const e = arity(op, args, 1, 1);
  if (e) return invalid(e);
  const id = args[0];
  if (typeof id !== 'string' || !isDocId(id)) return invalid(`${op}: argument 1 (docId) must be 1 to 64 letters, digits, '-' or '_', got ${describe(id)}`);
  return valid([id]);
}

function checkAutosaveInfo(op: string, v: unknown): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${op}: argument 1 (meta) must be an object, got ${describe(v)}`;
  const m = v as Record<string, unknown>;
  const extra = Object.keys(m).find((k) => !['docId', 'name', 'filePath', 'autosavedAtMs'].includes(k));
  if (extra) return `${op}: unknown field meta.${extra}`;
  if (typeof m.docId !== 'string' || !isDocId(m.docId)) return `${op}: meta.docId must be 1 to 64 letters, digits, '-' or '_', got ${describe(m.docId)}`;
  if (typeof m.name !== 'string' || m.name.length > MAX_TITLE_CHARS) return `${op}: meta.name must be a string of at most ${MAX_TITLE_CHARS} characters, got ${describe(m.name)}`;
  if (m.filePath !== null && (typeof m.filePath !== 'string' || m.filePath.length > MAX_PATH_CHARS || m.filePath.includes('\0'))) return `${op}: meta.filePath must be null or a path, got ${describe(m.filePath)}`;
  if (typeof m.autosavedAtMs !== 'number' || !Number.isFinite(m.autosavedAtMs)) return `${op}: meta.autosavedAtMs must be a finite number, got ${describe(m.autosavedAtMs)}`;
  return null;
}

export const validateArgs = {
  [IPC.getAppInfo](args: readonly unknown[]): Validation<[]> {
    const e = arity('getAppInfo', args, 0, 0);
    return e ? invalid(e) : valid([]);
  },
  [IPC.openScenarioFile](args: readonly unknown[]): Validation<[]> {
    const e = arity('openScenarioFile', args, 0, 0);
    return e ? invalid(e) : valid([]);
  },
  [IPC.openImportFile](args: readonly unknown[]): Validation<[title: string, filters: FileFilter[]]> {
    const op = 'openImportFile';
    const e = arity(op, args, 2, 2);
    if (e) return invalid(e);
    const [title, filters] = args;
    if (typeof title !== 'string' || title.length > MAX_TITLE_CHARS) return invalid(`${op}: argument 1 (title) must be a string of at most ${MAX_TITLE_CHARS} characters, got ${describe(title)}`);
    if (!Array.isArray(filters) || filters.length === 0 || filters.length > MAX_FILTERS) return invalid(`${op}: argument 2 (filters) must be an array of 1 to ${MAX_FILTERS} filters, got ${describe(filters)}`);
    const out: FileFilter[] = [];
    for (const [i, f] of filters.entries()) {
      const o = f as { name?: unknown; extensions?: unknown } | null;
      const ok = typeof o === 'object' && o !== null && typeof o.name === 'string' && o.name.length <= MAX_TITLE_CHARS &&
        Array.isArray(o.extensions) && o.extensions.length > 0 && o.extensions.length <= MAX_FILTERS && o.extensions.every((x) => typeof x === 'string' && FILTER_EXTENSION.test(x));
      if (!ok) return invalid(`${op}: filters[${i}] must be { name, extensions } with extensions such as "tle" or "*", got ${describe(f)}`);
      out.push({ name: o.name as string, extensions: (o.extensions as string[]).slice() });
    }
    return valid([title, out]);
  },
  [IPC.saveScenarioFile](args: readonly unknown[]): Validation<[text: string, path: string | undefined]> {
    const op = 'saveScenarioFile';
    const e = arity(op, args, 1, 2) ?? checkText(op, args[0]);
    if (e) return invalid(e);
    const path = args[1];
    if (path !== undefined && (typeof path !== 'string' || !isAbsolutePathString(path))) {
      return invalid(`${op}: argument 2 (path) must be an absolute file path or omitted, got ${describe(path)}`);
    }
    return valid([args[0] as string, path]);
  },
  [IPC.saveScenarioFileAs](args: readonly unknown[]): Validation<[text: string, suggestedName: string | undefined]> {
    const op = 'saveScenarioFileAs';
    const e = arity(op, args, 1, 2) ?? checkText(op, args[0]);
    if (e) return invalid(e);
    const name = args[1];
    if (name !== undefined) {
      // A bare name only: the dialog decides the folder, the renderer does not.
      const bad = typeof name !== 'string' || name.length === 0 || name.length > MAX_FILE_NAME_CHARS ||
        /[\\/\0]/.test(name) || name === '.' || name === '..';
      if (bad) return invalid(`${op}: argument 2 (suggestedName) must be a bare file name or omitted, got ${describe(name)}`);
    }
    return valid([args[0] as string, name]);
  },
  [IPC.updateMenuState](args: readonly unknown[]): Validation<[Partial<MenuState>]> {
    const op = 'updateMenuState';
    const e = arity(op, args, 1, 1);
    if (e) return invalid(e);
    const s = args[0];
    if (typeof s !== 'object' || s === null || Array.isArray(s)) {
      return invalid(`${op}: argument 1 (state) must be an object, got ${describe(s)}`);
    }
    const out: Partial<MenuState> = {};
    for (const [key, v] of Object.entries(s)) {
      if (key === 'quality') {
        if (!QUALITY_MODES.includes(v as QualityMode)) return invalid(`${op}: state.quality must be one of ${QUALITY_MODES.join(', ')}, got ${describe(v)}`);
        out.quality = v as QualityMode;
      } else if (key === 'canUndo' || key === 'canRedo') {
        if (typeof v !== 'boolean') return invalid(`${op}: state.${key} must be a boolean, got ${describe(v)}`);
        out[key] = v;
      } else {
        return invalid(`${op}: unknown field state.${key}`);
      }
    }
    return valid([out]);
  },
  [IPC.setDocumentState](args: readonly unknown[]): Validation<[DocumentState]> {
    const op = 'setDocumentState';
    const e = arity(op, args, 1, 1);
    if (e) return invalid(e);
    const s = args[0] as Record<string, unknown> | null;
    if (typeof s !== 'object' || s === null || Array.isArray(s)) {
      return invalid(`${op}: argument 1 (state) must be an object, got ${describe(s)}`);
    }
    const extra = Object.keys(s).find((k) => k !== 'title' && k !== 'dirty');
    if (extra) return invalid(`${op}: unknown field state.${extra}`);
    if (typeof s.title !== 'string' || s.title.length > MAX_TITLE_CHARS) {
      return invalid(`${op}: state.title must be a string of at most ${MAX_TITLE_CHARS} characters, got ${describe(s.title)}`);
    }
    if (typeof s.dirty !== 'boolean') return invalid(`${op}: state.dirty must be a boolean, got ${describe(s.dirty)}`);
    return valid([{ title: s.title, dirty: s.dirty }]);
  },
  [IPC.requestSoftwareRendering](args: readonly unknown[]): Validation<[reason: string]> {
    const op = 'requestSoftwareRendering';
    const e = arity(op, args, 1, 1);
    if (e) return invalid(e);
    const reason = args[0];
    if (typeof reason !== 'string' || reason.length > MAX_REASON_CHARS) return invalid(`${op}: argument 1 (reason) must be a string of at most ${MAX_REASON_CHARS} characters, got ${describe(reason)}`);
    return valid([reason]);
  },
  [IPC.answerCloseRequest](args: readonly unknown[]): Validation<[proceed: boolean]> {
    const op = 'answerCloseRequest';
    const e = arity(op, args, 1, 1);
    if (e) return invalid(e);
    if (typeof args[0] !== 'boolean') return invalid(`${op}: argument 1 (proceed) must be a boolean, got ${describe(args[0])}`);
    return valid([args[0]]);
  },
  [IPC.getRecentFiles]: noArgs('getRecentFiles'),
  [IPC.openRecentScenarioFile]: (args: readonly unknown[]) => onePath('openRecentScenarioFile', args),
  [IPC.clearRecentFiles]: noArgs('clearRecentFiles'),
  [IPC.openDroppedScenarioFile]: (args: readonly unknown[]) => onePath('openDroppedScenarioFile', args),
  [IPC.writeAutosave](args: readonly unknown[]): Validation<[meta: AutosaveInfo, text: string]> {
    const op = 'writeAutosave';
    const e = arity(op, args, 2, 2) ?? checkAutosaveInfo(op, args[0]) ?? checkText(op, args[1]);
    return e ? invalid(e) : valid([args[0] as AutosaveInfo, args[1] as string]);
  },
  [IPC.clearAutosave]: (args: readonly unknown[]) => oneDocId('clearAutosave', args),
  [IPC.discardAutosave]: (args: readonly unknown[]) => oneDocId('discardAutosave', args),
  [IPC.listAutosaves]: noArgs('listAutosaves'),
} satisfies Record<InvokeChannel, (args: readonly unknown[]) => Validation<unknown[]>>;

/** Where the app's own page lives: the built index.html, or the dev server in development. */
export interface TrustedPage {
  /** file:// URL of out/renderer/index.html. */
  indexFileUrl: string;
  /** ELECTRON_RENDERER_URL when running `electron-vite dev`; undefined otherwise. */
  devUrl?: string | undefined;
}

/** The frame that sent an IPC message, as far as the check needs it. */
export interface SenderFrame {
  url: string;
  /** True for the top-level frame; iframes never get to call the API. */
  isTopFrame: boolean;
}

/** True when `url` is the app's own page (any hash or query), per `page`. */
export function isAppPageUrl(url: string, page: TrustedPage): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'file:') {
    const index = new URL(page.indexFileUrl);
    // host must be empty: file://server/share/... would be a network path.
    return u.host === '' && index.host === '' && u.pathname === index.pathname;
  }
  if (page.devUrl && (u.protocol === 'http:' || u.protocol === 'https:')) {
    return u.origin === new URL(page.devUrl).origin;
  }
  return false;
}

export function validateSender(frame: SenderFrame | null | undefined, page: TrustedPage): Validation<true> {
  if (!frame) return invalid('the sending frame is gone');
  if (!frame.isTopFrame) return invalid(`IPC from a sub-frame is not allowed (${frame.url})`);
  if (!isAppPageUrl(frame.url, page)) return invalid(`IPC from a page that is not the app is not allowed (${frame.url})`);
  return valid(true);
}

/**
 * Checks a menu event's payload in the preload, turning it into a MenuCommand. Only main can
 * send on these channels, but the renderer's code relies on the shape, so we still check it.
 */
export function toMenuCommand(channel: string, payload: unknown): MenuCommand | null {
  switch (channel) {
    case 'menu:quality': {
      const q = (payload as { quality?: unknown } | null)?.quality;
      return QUALITY_MODES.includes(q as QualityMode) ? { type: 'menu:quality', quality: q as QualityMode } : null;
    }
    case 'menu:open-recent': {
      const path = (payload as { path?: unknown } | null)?.path;
      return typeof path === 'string' && isAbsolutePathString(path) ? { type: 'menu:open-recent', path } : null;
    }
    case 'menu:clear-recent':
    case 'menu:new':
    case 'menu:open':
    case 'menu:save':
    case 'menu:save-as':
    case 'menu:undo':
    case 'menu:redo':
    case 'menu:demo':
    case 'menu:documentation':
    case 'menu:export-report':
    case 'menu:import-constellation':
    case 'menu:import-sites':
    case 'menu:export-sites-csv':
    case 'menu:export-sites-geojson':
    case 'menu:export-sites-kml':
    case 'menu:export-czml':
    case 'menu:export-hypatia':
    case 'menu:export-report-csv':
    case 'menu:compare':
    case 'menu:merge':
      return { type: channel };
    default:
      return null;
  }
}
