// The file system handle of a dropped file, where the browser gives one (Chromium's
// DataTransferItem.getAsFileSystemHandle(), File System Access API), so that Save can write back
// to the dropped file. The handle must be asked for in the drop event's own tick (no await before
// the call); it resolves later. Everywhere else (no such method, a directory, a denied or failed
// request, a string item) the answer is null: the file opens as before and Save downloads a copy.
import type { FileHandle } from '../../platform/browserFiles';

/** The slice of a DataTransferItem this reads (typed here: the method is not in lib.dom yet). */
export interface DroppedItem {
  readonly kind: string;
  getAsFileSystemHandle?(): Promise<{ readonly kind: string } | null>;
}

const isFileHandle = (h: { readonly kind: string } | null): h is FileHandle => h?.kind === 'file' && typeof (h as Partial<FileHandle>).createWritable === 'function';

/** Call synchronously in the drop handler; the promise never rejects. */
export function droppedFileHandle(items: ArrayLike<DroppedItem> | undefined): Promise<FileHandle | null> {
  const first = items && items.length > 0 ? items[0] : undefined;
  if (first?.kind !== 'file' || typeof first.getAsFileSystemHandle !== 'function') return Promise.resolve(null);
  let pending: Promise<{ readonly kind: string } | null>;
  try {
    pending = first.getAsFileSystemHandle();
  } catch {
    return Promise.resolve(null);
  }
  return pending.then((h) => (isFileHandle(h) ? h : null), () => null);
}
