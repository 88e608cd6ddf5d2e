// The app's own files in its data folder (app.getPath('userData')): the Open Recent list
// (recent.json) and the autosaves (autosave/<doc>.leo.json, the scenario as Save writes it, with
// autosave/<doc>.meta.json naming the document and the time). Real node:fs, written atomically;
// the folder is injected so the unit tests run against a temporary one. Rules live in
// src-core/scenario/recent.ts and autosave.ts.
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import {
  isDocId,
  parseAutosaveMeta,
  serializeAutosaveMeta,
  type AutosaveFound,
  type AutosaveMeta,
} from '../../src-core/scenario/autosave';
import type { LeoResult, OpenedFile } from '../preload/api';
import { addRecent, parseRecentList, removeRecent, serializeRecentList, type RecentEntry } from '../../src-core/scenario/recent';

const writeAtomic = (path: string, text: string) => writeFileAtomic(path, text, { encoding: 'utf8', fsync: true });

export class RecentFiles {
  private list: RecentEntry[] = [];
  private loaded = false;

  constructor(private readonly file: string, private readonly log: (msg: string) => void = console.warn) {}

  async entries(): Promise<RecentEntry[]> {
    if (!this.loaded) {
      this.loaded = true;
      try {
        const r = parseRecentList(await readFile(this.file, 'utf8'));
        if (r.problem) this.log(`[recent] ${this.file}: ${r.problem}`);
        this.list = r.list;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`[recent] could not read ${this.file}: ${(e as Error).message}`);
      }
    }
    return this.list;
  }

  has(path: string): boolean {
    return this.list.some((e) => e.key === path);
  }

  async add(path: string, nowMs = Date.now()): Promise<RecentEntry[]> {
    await this.entries();
    return this.store(addRecent(this.list, { key: path, name: basename(path), openedAtMs: nowMs }));
  }

  async remove(path: string): Promise<RecentEntry[]> {
    await this.entries();
    return this.store(removeRecent(this.list, path));
  }

  async clear(): Promise<RecentEntry[]> {
    return this.store([]);
  }

  private async store(list: RecentEntry[]): Promise<RecentEntry[]> {
    this.list = list;
    this.loaded = true;
    try {
      await mkdir(join(this.file, '..'), { recursive: true });
      await writeAtomic(this.file, serializeRecentList(list));
    } catch (e) {
      // The menu still shows the list for this session; only its persistence failed.
      this.log(`[recent] could not write ${this.file}: ${(e as Error).message}`);
    }
    return list;
  }
}

const SCENARIO_SUFFIX = '.leo.json';
const META_SUFFIX = '.meta.json';
const DISCARDED_SUFFIX = '.discarded';

export class AutosaveFiles {
  constructor(private readonly dir: string) {}

  private paths(docId: string) {
    if (!isDocId(docId)) throw new Error(`bad autosave id "${docId}"`);
    const scenario = join(this.dir, `${docId}${SCENARIO_SUFFIX}`);
    return { scenario, meta: join(this.dir, `${docId}${META_SUFFIX}`) };
  }

  /** Scenario first, then its description; a discarded autosave kept from before goes now. */
  async write(meta: AutosaveMeta, text: string): Promise<void> {
    const p = this.paths(meta.docId);
    await mkdir(this.dir, { recursive: true });
    await writeAtomic(p.scenario, text);
    await writeAtomic(p.meta, serializeAutosaveMeta(meta));
    await this.removeDiscarded();
  }

  async clear(docId: string): Promise<void> {
    const p = this.paths(docId);
    await rm(p.scenario, { force: true });
    await rm(p.meta, { force: true });
  }

  /** Discard at recovery: kept as <doc>.leo.json.discarded (and .meta.json.discarded) until the next autosave. */
  async discard(docId: string): Promise<void> {
    const p = this.paths(docId);
    await this.removeDiscarded();
    for (const path of [p.scenario, p.meta]) {
      try {
        await rename(path, `${path}${DISCARDED_SUFFIX}`);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
  }

  /** Every autosave in the folder, readable or not; a missing folder is none. */
  async list(): Promise<AutosaveFound[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const ids = names.filter((n) => n.endsWith(SCENARIO_SUFFIX)).map((n) => n.slice(0, -SCENARIO_SUFFIX.length)).filter(isDocId);
    return Promise.all(ids.map((id) => this.read(id)));
  }

  private async read(docId: string): Promise<AutosaveFound> {
    const p = this.paths(docId);
    let text: string;
    let mtimeMs: number;
    try {
      text = await readFile(p.scenario, 'utf8');
      mtimeMs = (await stat(p.scenario)).mtimeMs;
    } catch (e) {
      return { ok: false, docId, message: `The autosave ${basename(p.scenario)} could not be read: ${(e as Error).message}` };
    }
    let meta: AutosaveMeta = { docId, name: 'Untitled', filePath: null, autosavedAtMs: mtimeMs };
    try {
      const m = parseAutosaveMeta(await readFile(p.meta, 'utf8'));
      if (m.ok && m.meta.docId === docId) meta = m.meta;
    } catch {
      // No description: the scenario alone is still worth offering, named by its file time.
    }
    const fileChangedSince = meta.filePath ? await modifiedAfter(meta.filePath, meta.autosavedAtMs) : false;
    return { ok: true, meta, text, fileChangedSince };
  }

  private async removeDiscarded(): Promise<void> {
    let names: string[] = [];
    try {
      names = await readdir(this.dir);
    } catch {
      return;
    }
    await Promise.all(names.filter((n) => n.endsWith(DISCARDED_SUFFIX)).map((n) => rm(join(this.dir, n), { force: true })));
  }
}

async function modifiedAfter(path: string, ms: number): Promise<boolean> {
  try {
    return (await stat(path)).mtimeMs > ms;
  } catch {
    return false;
  }
}

/**
 * The Open Recent operations behind the IPC handlers: only paths on the list open (the page
 * cannot name arbitrary files), and a file that cannot be read any more leaves the list.
 * `onChange` gets every new list (index.ts rebuilds the native menu with it).
 */
export function recentOperations(
  recent: RecentFiles,
  files: { openPath(path: string): Promise<LeoResult<{ file: OpenedFile }>> },
  onChange: (list: RecentEntry[]) => void,
  clearOs: () => void = () => {},
) {
  return {
    list: () => recent.entries(),
    async open(path: string): Promise<LeoResult<{ file: OpenedFile }>> {
      await recent.entries();
      if (!recent.has(path)) return { ok: false, code: 'bad-argument', error: `${path} is not on the Open Recent list.` };
      const r = await files.openPath(path);
      if (!r.ok && r.code === 'io') {
        onChange(await recent.remove(path));
        return { ...r, error: `${r.error} It was removed from Open Recent.` };
      }
      return r;
    },
    async clear(): Promise<RecentEntry[]> {
      clearOs();
      const list = await recent.clear();
      onChange(list);
      return list;
    },
  };
}
