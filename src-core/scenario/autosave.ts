// Autosave and crash recovery, the pure part: when to write, when to clear, what is stored beside
// the scenario, and which autosave to offer at the next start. Storage and timers are injected:
// the Electron main process writes userData/autosave/<doc>.leo.json, the browser IndexedDB, and
// the unit tests a map and a fake clock.
//
// Rules: AUTOSAVE_DELAY_MS after the last change of a document with unsaved changes, its scenario
// is written (the same text a Save would write, so the autosave opens like any scenario file).
// When the document becomes clean (saved, reverted by undo, replaced after "Don't save") its
// autosave is cleared. So an autosave present at start-up is work that was never saved or
// discarded: the app crashed, was killed, or the page was reloaded.

export const AUTOSAVE_DELAY_MS = 3000;

export interface AutosaveMeta {
  /** One id per window (document session); names the autosave file. */
  readonly docId: string;
  /** The document's display name (file name, or the scenario's name before a first save). */
  readonly name: string;
  /** Where the scenario was opened from or saved to (a path in Electron, a file name in the browser). */
  readonly filePath: string | null;
  readonly autosavedAtMs: number;
}

export interface AutosaveStorage {
  write(meta: AutosaveMeta, text: string): Promise<void>;
  clear(docId: string): Promise<void>;
}

export interface AutosaveTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/** What the app shows about the document when asked (called only when a write is due). */
export interface AutosaveDocument {
  readonly dirty: boolean;
  readonly name: string;
  readonly filePath: string | null;
  /** The scenario as Save would write it; null when it cannot be written (invalid). */
  serialize(): string | null;
}

export type AutosaveEvent =
  | { type: 'written'; docId: string; atMs: number; bytes: number }
  | { type: 'cleared'; docId: string }
  | { type: 'skipped'; docId: string; reason: string }
  | { type: 'failed'; docId: string; message: string };

export interface Autosaver {
  /** The document changed (any edit, undo, save, open). */
  changed(doc: AutosaveDocument): void;
  /** Writes a due autosave now (before a reload in tests, on page hide). */
  flush(): Promise<void>;
  /** Resolves when every write and clear started so far has finished. */
  idle(): Promise<void>;
  dispose(): void;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function createAutosaver(opts: {
  docId: string;
  storage: AutosaveStorage;
  timers: AutosaveTimers;
  delayMs?: number;
  onEvent?: (e: AutosaveEvent) => void;
}): Autosaver {
  const { docId, storage, timers } = opts;
  const delayMs = opts.delayMs ?? AUTOSAVE_DELAY_MS;
  const emit = opts.onEvent ?? (() => {});
  let timer: unknown = null;
  let due: AutosaveDocument | null = null;
  // Whether storage may hold an autosave of this document (so a clean document clears it once).
  let stored = false;
  // Writes and clears run one after the other, in the order they were asked for.
  let queue: Promise<void> = Promise.resolve();
  let disposed = false;

  const enqueue = (job: () => Promise<void>) => {
    queue = queue.then(job, job);
    return queue;
  };

  const cancelTimer = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };

  const write = (): Promise<void> => {
    cancelTimer();
    const doc = due;
    due = null;
    if (!doc || disposed) return queue;
    const text = doc.serialize();
    if (text === null) {
      emit({ type: 'skipped', docId, reason: 'the scenario is invalid, so it cannot be written' });
      return queue;
    }
    const meta: AutosaveMeta = { docId, name: doc.name, filePath: doc.filePath, autosavedAtMs: timers.now() };
    stored = true;
    return enqueue(async () => {
      try {
        await storage.write(meta, text);
        emit({ type: 'written', docId, atMs: meta.autosavedAtMs, bytes: text.length });
      } catch (e) {
        emit({ type: 'failed', docId, message: `Autosave failed: ${errorText(e)}` });
      }
    });
  };

  return {
    changed(doc) {
      if (disposed) return;
      if (doc.dirty) {
        due = doc;
        cancelTimer();
        timer = timers.setTimeout(() => void write(), delayMs);
        return;
      }
      cancelTimer();
      due = null;
      if (!stored) return;
      stored = false;
      void enqueue(async () => {
        try {
          await storage.clear(docId);
          emit({ type: 'cleared', docId });
        } catch (e) {
          emit({ type: 'failed', docId, message: `Could not remove the autosave: ${errorText(e)}` });
        }
      });
    },
    flush: () => write(),
    idle: () => queue,
    dispose() {
      disposed = true;
      cancelTimer();
    },
  };
}

// ---- recovery at start-up ---------------------------------------------------------------

/** An autosave found at start-up, as the storage read it. */
export type AutosaveFound =
  | { ok: true; meta: AutosaveMeta; text: string; /** The source file changed on disk after the autosave (Electron). */ fileChangedSince?: boolean }
  | { ok: false; docId: string; message: string };

const isMeta = (v: unknown): v is AutosaveMeta => {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  return typeof m.docId === 'string' && isDocId(m.docId) && typeof m.name === 'string' && (m.filePath === null || typeof m.filePath === 'string') &&
    typeof m.autosavedAtMs === 'number' && Number.isFinite(m.autosavedAtMs);
};

/** Doc ids name files: letters, digits, '-' and '_' only. */
export function isDocId(v: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(v);
}

export function newDocId(nowMs: number, random: () => number): string {
  return `doc-${nowMs.toString(36)}-${Math.floor(random() * 36 ** 6).toString(36)}`;
}

/** Reads the metadata stored beside an autosave; a clear sentence when it is broken. */
export function parseAutosaveMeta(text: string): { ok: true; meta: AutosaveMeta } | { ok: false; message: string } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `its description is not valid JSON (${errorText(e)})` };
  }
  return isMeta(v) ? { ok: true, meta: { docId: v.docId, name: v.name, filePath: v.filePath, autosavedAtMs: v.autosavedAtMs } } : { ok: false, message: 'its description lacks the document name or time' };
}

export function serializeAutosaveMeta(meta: AutosaveMeta): string {
  return `${JSON.stringify(meta, null, 2)}\n`;
}

/**
 * Which autosave to offer: the newest readable one not held by a live window (`liveDocIds`:
 * another browser tab of the app still working on it). Broken ones are returned apart, to be
 * reported once; they never block the start.
 */
export function chooseRecovery(found: readonly AutosaveFound[], liveDocIds: ReadonlySet<string>): { offer: Extract<AutosaveFound, { ok: true }> | null; broken: Extract<AutosaveFound, { ok: false }>[] } {
  const orphans = found.filter((f) => !liveDocIds.has(f.ok ? f.meta.docId : f.docId));
  const readable = orphans.filter((f): f is Extract<AutosaveFound, { ok: true }> => f.ok);
  const broken = orphans.filter((f): f is Extract<AutosaveFound, { ok: false }> => !f.ok);
  const offer = readable.reduce<(typeof readable)[number] | null>((best, f) => (!best || f.meta.autosavedAtMs > best.meta.autosavedAtMs ? f : best), null);
  return { offer, broken };
}

/** "2026-12-05 21:50:07 UTC" */
export function formatAutosaveTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
