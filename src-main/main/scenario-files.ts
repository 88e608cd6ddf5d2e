// Opening and saving scenario files for the renderer. Dialogs are injected (the electron
// boundary); file work is real node:fs. Saving is atomic (write-file-atomic: temp file, fsync,
// rename) and keeps the previous version as `<file>.bak`, so neither a crash nor a bad save
// loses the last good scenario. The text is validated first: an invalid scenario is never written.
// The renderer may only write where the user pointed a dialog during this session: a page
// that got compromised must not be able to overwrite arbitrary files by naming a path.
import { copyFile, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { problemsBeforeSave, saveRefusal } from '../../src-core/scenario/save';
import type { FileFilter, LeoResult, OpenedFile, SavedFile } from '../preload/api';
import { MAX_SCENARIO_BYTES } from './ipc-contract';

export interface FileDialogs {
  /** Resolves to the chosen path, or undefined when the user cancels. Without options: the scenario Open dialog. */
  showOpenDialog(options?: { title: string; filters: FileFilter[] }): Promise<string | undefined>;
  showSaveDialog(defaultPath: string): Promise<string | undefined>;
}

const canceled = { ok: false, code: 'canceled', error: 'Canceled.' } as const;

function ioFailure(action: string, path: string, err: unknown): LeoResult<never> {
  const e = err as NodeJS.ErrnoException;
  const reason = e?.code === 'ENOENT' ? 'the file does not exist'
    : e?.code === 'EACCES' || e?.code === 'EPERM' ? 'permission denied'
      : e?.code === 'EISDIR' ? 'it is a folder'
        : e?.code === 'ENOSPC' ? 'the disk is full'
          : (e?.message ?? String(err));
  return { ok: false, code: 'io', error: `Could not ${action} ${path}: ${reason}.` };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Saves `text` to `path`, keeping the old content as `path.bak`. The backup is itself written
 * by copy-to-temp + rename so it is never half a file either.
 */
export async function writeWithBackup(path: string, text: string): Promise<{ backupPath: string | null }> {
  let backupPath: string | null = null;
  if (await exists(path)) {
    backupPath = `${path}.bak`;
    const tmp = `${backupPath}.${process.pid}.tmp`;
    try {
      await copyFile(path, tmp);
      await rename(tmp, backupPath);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }
  await writeFileAtomic(path, text, { encoding: 'utf8', fsync: true });
  return { backupPath };
}

export class ScenarioFiles {
  /** Paths the user chose in a dialog this session; saving in place is limited to these. */
  private readonly granted = new Set<string>();

  /** `onFileUsed`: a file was opened or saved (the Open Recent list records it). */
  constructor(private readonly dialogs: FileDialogs, private readonly defaultDir: string, private readonly onFileUsed: (path: string) => void = () => {}) {}

  isGranted(path: string): boolean {
    return this.granted.has(path);
  }

  async open(): Promise<LeoResult<{ file: OpenedFile }>> {
    const path = await this.dialogs.showOpenDialog();
    if (!path) return canceled;
    return this.openPath(path);
  }

  /**
   * Opens a file the user named outside a dialog: an Open Recent entry or a file dropped on the
   * window (the caller checks which). Saving back in place is then allowed, as after Open.
   */
  openPath(path: string): Promise<LeoResult<{ file: OpenedFile }>> {
    return this.read(path, true);
  }

  /** A file to import, compare or merge: read only, never granted for saving in place. */
  async openImport(title: string, filters: FileFilter[]): Promise<LeoResult<{ file: OpenedFile }>> {
    const path = await this.dialogs.showOpenDialog({ title, filters });
    if (!path) return canceled;
    return this.read(path, false);
  }

  private async read(path: string, grant: boolean): Promise<LeoResult<{ file: OpenedFile }>> {
    try {
      const info = await stat(path);
      if (info.size > MAX_SCENARIO_BYTES) {
        return { ok: false, code: 'too-large', error: `${basename(path)} is ${(info.size / 1048576).toFixed(0)} MiB; files are limited to ${MAX_SCENARIO_BYTES / 1048576} MiB.` };
      }
      const text = await readFile(path, 'utf8');
      if (grant) {
        this.granted.add(path);
        this.onFileUsed(path);
      }
      return { ok: true, file: { path, name: basename(path), text } };
    } catch (err) {
      return ioFailure('open', path, err);
    }
  }

  /** Saves in place when `path` was granted; otherwise asks where, starting from `path`'s name. */
  async save(text: string, path?: string): Promise<LeoResult<{ file: SavedFile }>> {
    if (path && this.granted.has(path)) return this.write(path, text);
    return this.saveAs(text, path ? basename(path) : undefined);
  }

  async saveAs(text: string, suggestedName?: string): Promise<LeoResult<{ file: SavedFile }>> {
    const path = await this.dialogs.showSaveDialog(join(this.defaultDir, suggestedName ?? 'scenario.leo.json'));
    if (!path) return canceled;
    this.granted.add(path);
    return this.write(path, text);
  }

  private async write(path: string, text: string): Promise<LeoResult<{ file: SavedFile }>> {
    const problems = problemsBeforeSave(text);
    if (problems.length > 0) return { ok: false, code: 'bad-argument', error: saveRefusal(basename(path), problems) };
    try {
      const { backupPath } = await writeWithBackup(path, text);
      this.onFileUsed(path);
      return { ok: true, file: { path, name: basename(path), backupPath } };
    } catch (err) {
      return ioFailure(`save to ${basename(path)} in`, dirname(path), err);
    }
  }
}
