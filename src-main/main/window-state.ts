// Remembers the main window's size, position and maximized flag between runs
// (userData/window-state.json). Pure logic: file access and the display list are passed in, so
// the rules (validation, clamping onto a visible display, atomic save) are tested without
// Electron. A bad or missing file is never an error worth telling the user about: we fall back
// to defaults.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Undefined position: let the OS place the window (centred). */
  x?: number | undefined;
  y?: number | undefined;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: Readonly<WindowState> = Object.freeze({ width: 1440, height: 900, maximized: false });
export const MIN_WINDOW_SIZE = Object.freeze({ width: 800, height: 560 });

/** Synchronous file functions (node:fs shaped); sync because we read before the window exists and write while it closes. */
export interface WindowStateFs {
  readFileSync(path: string, encoding: 'utf8'): string;
  writeFileSync(path: string, data: string): void;
  renameSync(from: string, to: string): void;
  mkdirSync(path: string, options: { recursive: true }): unknown;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e6;

/** Parses the stored JSON; anything malformed yields the defaults (field by field where possible). */
export function parseWindowState(text: string | undefined): WindowState {
  if (text === undefined) return { ...DEFAULT_WINDOW_STATE };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ...DEFAULT_WINDOW_STATE };
  const r = raw as Record<string, unknown>;
  const sizeOk = isInt(r.width) && isInt(r.height) && r.width > 0 && r.height > 0;
  const state: WindowState = {
    width: sizeOk ? Math.round(r.width as number) : DEFAULT_WINDOW_STATE.width,
    height: sizeOk ? Math.round(r.height as number) : DEFAULT_WINDOW_STATE.height,
    maximized: r.maximized === true,
  };
  // Position only as a pair: half a position is no position.
  if (isInt(r.x) && isInt(r.y)) {
    state.x = Math.round(r.x);
    state.y = Math.round(r.y);
  }
  return state;
}

function intersectionArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

/**
 * Puts the window back onto a display: monitors get unplugged and resolutions change between
 * runs, and a window restored off-screen looks like an app that did not start.
 * `workAreas` are the displays' work areas (screen.getAllDisplays()[i].workArea); `primary` is
 * the primary display's work area.
 */
export function clampToDisplays(state: WindowState, workAreas: readonly Rect[], primary: Rect): WindowState {
  const areas = workAreas.length > 0 ? workAreas : [primary];
  const hasPos = state.x !== undefined && state.y !== undefined;
  let target = primary;
  if (hasPos) {
    const win: Rect = { x: state.x!, y: state.y!, width: state.width, height: state.height };
    let best = 0;
    for (const a of areas) {
      const area = intersectionArea(win, a);
      if (area > best) {
        best = area;
        target = a;
      }
    }
    if (best === 0) target = primary;
  }
  // Fit inside the display, but never below the minimum unless the display itself is smaller.
  const width = Math.min(Math.max(state.width, Math.min(MIN_WINDOW_SIZE.width, target.width)), target.width);
  const height = Math.min(Math.max(state.height, Math.min(MIN_WINDOW_SIZE.height, target.height)), target.height);
  const out: WindowState = { width, height, maximized: state.maximized };
  if (hasPos) {
    const fullyOff = areas.every((a) => intersectionArea({ x: state.x!, y: state.y!, width: state.width, height: state.height }, a) === 0);
    if (fullyOff) {
      out.x = Math.round(target.x + (target.width - width) / 2);
      out.y = Math.round(target.y + (target.height - height) / 2);
    } else {
      out.x = clamp(state.x!, target.x, target.x + target.width - width);
      out.y = clamp(state.y!, target.y, target.y + target.height - height);
    }
  }
  return out;
}

/** Reads, validates and clamps the saved state; a missing or unreadable file gives defaults. */
export function loadWindowState(file: string, fs: Pick<WindowStateFs, 'readFileSync'>, workAreas: readonly Rect[], primary: Rect): WindowState {
  let text: string | undefined;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    text = undefined;
  }
  return clampToDisplays(parseWindowState(text), workAreas, primary);
}

/**
 * Writes the state atomically (temp file, then rename over the old one), so a crash while
 * quitting leaves either the old or the new file, never half of one. Failures are returned,
 * not thrown: losing the window position must not stop the app from quitting.
 */
export function saveWindowState(file: string, state: WindowState, fs: WindowStateFs, dir: string): Error | null {
  const data: WindowState = { width: state.width, height: state.height, maximized: state.maximized };
  if (state.x !== undefined && state.y !== undefined) {
    data.x = state.x;
    data.y = state.y;
  }
  const tmp = `${file}.${Date.now().toString(36)}.tmp`;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`);
    fs.renameSync(tmp, file);
    return null;
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}
