// Drag and drop onto the window: a scenario file opens as with File › Open (the same unsaved-
// changes question first); element sets (TLE/OMM) and site files (CSV, GeoJSON, KML) go to the
// importer registered with setDropImportHandler (File › Import), or the user is told to use it.
import { getBridge } from '../../platform/bridge';
import { appStore } from '../../state/store';
import { confirmDiscard, loadOpenedFile } from '../actions';
import type { FileHandle } from '../../platform/browserFiles';
import { classifyDroppedFile, SNIFF_BYTES } from './classify';
import { droppedFileHandle } from './dropHandle';
import { refreshRecent } from './filesStore';

/**
 * The hook File › Import plugs into: receives a dropped element-set or sites file. Until one is
 * registered, such a drop says to use File › Import.
 */
export type DropImportHandler = (file: File, kind: 'element-sets' | 'sites') => Promise<void>;
let importHandler: DropImportHandler | null = null;

export function setDropImportHandler(handler: DropImportHandler | null): void {
  importHandler = handler;
}

const KIND_TEXT = { 'element-sets': 'an element-set file (TLE/OMM)', sites: 'a sites file (CSV, GeoJSON or KML)' } as const;

/** `handle`: the dropped file's handle where the browser gives one (Save then writes back to it). */
export async function openDroppedFile(file: File, handle: Promise<FileHandle | null> = Promise.resolve(null)): Promise<void> {
  const s = appStore.getState();
  const kind = classifyDroppedFile(file.name, await file.slice(0, SNIFF_BYTES).text());
  if (kind === 'element-sets' || kind === 'sites') {
    if (importHandler) return importHandler(file, kind);
    s.notify('info', `${file.name} looks like ${KIND_TEXT[kind]}: use File › Import to add it to the scenario`);
    return;
  }
  if (kind === 'unknown') {
    s.notify('error', `Could not open ${file.name}: it is not a scenario (.leo.json), element-set or sites file`);
    return;
  }
  if (!(await confirmDiscard('open'))) return;
  loadOpenedFile(await getBridge().openDropped(file, await handle));
  void refreshRecent();
}

const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;

/** Window-wide drop target; returns the uninstaller. */
export function installFileDrop(): () => void {
  const onOver = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length === 0) return;
    // In this tick, before any await: the handle is only given during the drop event.
    const handle = droppedFileHandle(e.dataTransfer?.items);
    const s = appStore.getState();
    if (files.length > 1) s.notify('info', `${files.length} files dropped; opening ${files[0]!.name} only (drop one file at a time)`);
    openDroppedFile(files[0]!, handle).catch((err: unknown) => s.notify('error', err instanceof Error ? err.message : String(err)));
  };
  window.addEventListener('dragover', onOver);
  window.addEventListener('drop', onDrop);
  return () => {
    window.removeEventListener('dragover', onOver);
    window.removeEventListener('drop', onDrop);
  };
}
