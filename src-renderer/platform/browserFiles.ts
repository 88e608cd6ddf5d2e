// The browser fallback's file storage: the File System Access API where the browser has it
// (open and save through the browser's own pickers; Save writes back to the same file; Open
// Recent keeps each FileSystemFileHandle in IndexedDB), and the app's autosaves in IndexedDB.
// Without the API, Open is a file input and Save a download, and Open Recent lists nothing
// (a file name alone cannot be reopened).
import type { AutosaveFound, AutosaveMeta } from '../../src-core/scenario/autosave';
import { parseAutosaveMeta } from '../../src-core/scenario/autosave';
import { addRecent, droppedKeys, missingRecentMessage, removeRecent, type RecentEntry } from '../../src-core/scenario/recent';
import type { AutosaveStore, OpenedFile, SavedFile } from './bridge';

// ---- the File System Access API (not in TypeScript's DOM library yet) ----------------------

interface PickerType {
  description: string;
  accept: Record<string, string[]>;
}
type Permission = 'granted' | 'denied' | 'prompt';
export interface FileHandle {
  readonly kind: 'file';
  readonly name: string;
  getFile(): Promise<File>;
  createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void>; abort(): Promise<void> }>;
  queryPermission?(opts: { mode: 'read' | 'readwrite' }): Promise<Permission>;
  requestPermission?(opts: { mode: 'read' | 'readwrite' }): Promise<Permission>;
}
interface FsAccessWindow {
  showOpenFilePicker(opts: { types: PickerType[]; excludeAcceptAllOption?: boolean; multiple?: boolean; id?: string }): Promise<FileHandle[]>;
  showSaveFilePicker(opts: { types: PickerType[]; suggestedName?: string; id?: string }): Promise<FileHandle>;
}

const SCENARIO_TYPES: PickerType[] = [{ description: 'LEO Planner scenario', accept: { 'application/json': ['.json'] } }];
const PICKER_ID = 'leo-scenarios';

function fsAccess(): FsAccessWindow | null {
  const w = window as unknown as Partial<FsAccessWindow>;
  return typeof w.showOpenFilePicker === 'function' && typeof w.showSaveFilePicker === 'function' ? (w as FsAccessWindow) : null;
}

export const hasFileSystemAccess = (): boolean => fsAccess() !== null;

const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

// ---- IndexedDB -------------------------------------------------------------------------------

const DB_NAME = 'leo-planner';
const DB_VERSION = 1;
const STORES = { kv: 'kv', handles: 'handles', autosave: 'autosave' } as const;
const RECENT_KEY = 'recent';
const DISCARDED_KEY = 'autosave.discarded';

let dbPromise: Promise<IDBDatabase> | null = null;

function db(): Promise<IDBDatabase> {
  dbPromise ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      for (const name of Object.values(STORES)) if (!req.result.objectStoreNames.contains(name)) req.result.createObjectStore(name);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new Error(`the browser's storage (IndexedDB) could not be opened: ${req.error?.message ?? 'unknown error'}`));
  });
  return dbPromise;
}

function request<T>(store: string, mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  return db().then(
    (d) =>
      new Promise<T>((resolve, reject) => {
        const tx = d.transaction(store, mode);
        const req = run(tx.objectStore(store));
        let result: T;
        req.onsuccess = () => (result = req.result as T);
        tx.oncomplete = () => resolve(result);
        tx.onerror = () => reject(new Error(`the browser's storage refused: ${tx.error?.message ?? 'unknown error'}`));
        tx.onabort = () => reject(new Error(`the browser's storage refused: ${tx.error?.message ?? 'aborted (full?)'}`));
      }),
  );
}

const idbGet = <T>(store: string, key: string) => request<T | undefined>(store, 'readonly', (s) => s.get(key));
const idbPut = (store: string, key: string, value: unknown) => request<unknown>(store, 'readwrite', (s) => s.put(value, key));
const idbDelete = (store: string, key: string) => request<unknown>(store, 'readwrite', (s) => s.delete(key));

// ---- Open Recent (handles) --------------------------------------------------------------------

async function recentList(): Promise<RecentEntry[]> {
  return (await idbGet<RecentEntry[]>(STORES.kv, RECENT_KEY)) ?? [];
}

async function storeRecent(list: RecentEntry[], before: RecentEntry[]): Promise<void> {
  await idbPut(STORES.kv, RECENT_KEY, list);
  await Promise.all(droppedKeys(before, list).map((k) => idbDelete(STORES.handles, k)));
}

async function rememberHandle(handle: FileHandle): Promise<void> {
  const before = await recentList();
  // The same file opened again (isSameEntry) keeps one entry.
  let key: string | null = null;
  for (const e of before) {
    const h = await idbGet<FileHandle & { isSameEntry?(o: FileHandle): Promise<boolean> }>(STORES.handles, e.key);
    if (h?.isSameEntry && (await h.isSameEntry(handle))) {
      key = e.key;
      break;
    }
  }
  key ??= `h-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  await idbPut(STORES.handles, key, handle);
  await storeRecent(addRecent(before, { key, name: handle.name, openedAtMs: Date.now() }), before);
}

async function forget(key: string): Promise<void> {
  const before = await recentList();
  await storeRecent(removeRecent(before, key), before);
  await idbDelete(STORES.handles, key);
}

async function permitted(handle: FileHandle, mode: 'read' | 'readwrite'): Promise<boolean> {
  if (!handle.queryPermission) return true;
  if ((await handle.queryPermission({ mode })) === 'granted') return true;
  return (await handle.requestPermission?.({ mode })) === 'granted';
}

/** The file a Save writes back to: the handle the current document came from or went to. */
let current: { key: string; handle: FileHandle } | null = null;

function opened(handle: FileHandle, text: string): OpenedFile {
  current = { key: handle.name, handle };
  return { name: handle.name, path: null, text };
}

export const fsAccessFiles = {
  /** Null when the user canceled the picker. */
  async open(): Promise<OpenedFile | null> {
    let handle: FileHandle | undefined;
    try {
      [handle] = await fsAccess()!.showOpenFilePicker({ types: SCENARIO_TYPES, id: PICKER_ID });
    } catch (e) {
      if (isAbort(e)) return null;
      throw e;
    }
    if (!handle) return null;
    const text = await (await handle.getFile()).text();
    await rememberHandle(handle);
    return opened(handle, text);
  },

  /** Saves in place when `documentKey` is the current handle's file and not Save As; else asks where. */
  async save(text: string, suggestedName: string, documentKey: string | null, saveAs: boolean): Promise<SavedFile | null> {
    let handle = !saveAs && current && documentKey === current.key ? current.handle : null;
    if (handle && !(await permitted(handle, 'readwrite'))) handle = null;
    if (!handle) {
      try {
        handle = await fsAccess()!.showSaveFilePicker({ types: SCENARIO_TYPES, suggestedName, id: PICKER_ID });
      } catch (e) {
        if (isAbort(e)) return null;
        throw e;
      }
    }
    // createWritable writes a swap file and replaces the file on close: the old file or the new one, never half.
    const w = await handle.createWritable();
    try {
      await w.write(text);
      await w.close();
    } catch (e) {
      await w.abort().catch(() => {});
      throw new Error(`Could not save ${handle.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    current = { key: handle.name, handle };
    await rememberHandle(handle);
    return { name: handle.name, path: null, inPlace: true };
  },

  list: (): Promise<RecentEntry[]> => (hasFileSystemAccess() ? recentList() : Promise.resolve([])),

  async openRecent(key: string): Promise<OpenedFile | null> {
    const entry = (await recentList()).find((e) => e.key === key);
    const handle = await idbGet<FileHandle>(STORES.handles, key);
    const name = entry?.name ?? 'the file';
    if (!handle) {
      await forget(key);
      throw new Error(missingRecentMessage(name, 'the browser no longer holds it', 'it is not available'));
    }
    if (!(await permitted(handle, 'read'))) return null;
    let text: string;
    try {
      text = await (await handle.getFile()).text();
    } catch (e) {
      await forget(key);
      const reason = e instanceof DOMException && e.name === 'NotFoundError' ? 'the file does not exist any more' : e instanceof Error ? e.message : String(e);
      throw new Error(missingRecentMessage(name, 'it was moved, renamed or deleted', reason));
    }
    await rememberHandle(handle);
    return opened(handle, text);
  },

  async clear(): Promise<void> {
    const before = await recentList();
    await storeRecent([], before);
  },

  /**
   * A file dropped with its handle (getAsFileSystemHandle): read through the handle, it becomes
   * the file Save writes back to (asking for write permission then) and joins Open Recent.
   */
  async adopt(handle: FileHandle): Promise<OpenedFile> {
    const text = await (await handle.getFile()).text();
    await rememberHandle(handle);
    return opened(handle, text);
  },

  /** The document is no longer the handle's file (New, a dropped file without a handle, an upload). */
  detach(): void {
    current = null;
  },
};

// ---- autosave ---------------------------------------------------------------------------------

interface StoredAutosave {
  meta: AutosaveMeta;
  text: string;
}

function readStored(docId: string, v: unknown): AutosaveFound {
  const r = v as Partial<StoredAutosave> | null;
  const meta = r && typeof r === 'object' ? parseAutosaveMeta(JSON.stringify(r.meta ?? null)) : null;
  if (!meta?.ok || typeof r?.text !== 'string') return { ok: false, docId, message: `The autosave ${docId} in the browser's storage is damaged (${meta && !meta.ok ? meta.message : 'no scenario text'}).` };
  return { ok: true, meta: meta.meta, text: r.text };
}

export const indexedDbAutosave: AutosaveStore = {
  async write(meta, text) {
    await idbPut(STORES.autosave, meta.docId, { meta, text } satisfies StoredAutosave);
    await idbDelete(STORES.kv, DISCARDED_KEY);
  },
  async clear(docId) {
    await idbDelete(STORES.autosave, docId);
  },
  async discard(docId) {
    const v = await idbGet<unknown>(STORES.autosave, docId);
    if (v !== undefined) await idbPut(STORES.kv, DISCARDED_KEY, v);
    await idbDelete(STORES.autosave, docId);
  },
  async list() {
    const keys = await request<IDBValidKey[]>(STORES.autosave, 'readonly', (s) => s.getAllKeys());
    const values = await request<unknown[]>(STORES.autosave, 'readonly', (s) => s.getAll());
    return keys.map((k, i) => readStored(String(k), values[i]));
  },
};
