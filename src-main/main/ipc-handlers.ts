// Registers one ipcMain.handle per LeoApi operation. Each handler checks the sender, then its
// arguments, then runs the operation, and always resolves to a LeoResult: a thrown error would
// reach the renderer as an opaque "Error invoking remote method" string. ipcMain and the
// operations are injected, so tests drive the real dispatch with a fake ipcMain.
import type { IpcMainInvokeEvent } from 'electron';
import type { AppInfo, AutosaveEntry, AutosaveInfo, DocumentState, LeoApi, LeoResult, MenuState, OpenedFile, RecentFile } from '../preload/api';
import { IPC, validateArgs, validateSender, type InvokeChannel, type SenderFrame, type TrustedPage } from './ipc-contract';
import type { ScenarioFiles } from './scenario-files';

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcOperations {
  appInfo(): AppInfo;
  files: Pick<ScenarioFiles, 'open' | 'save' | 'saveAs' | 'openImport'>;
  updateMenuState(state: Partial<MenuState>): void;
  setDocumentState(state: DocumentState): void;
  /** Hardware WebGL failed in the page: relaunch with software rendering, unless already in it. */
  requestSoftwareRendering(reason: string): { relaunching: true } | { relaunching: false; why: string };
  /** The page's answer to a close request; false when none was pending. */
  answerCloseRequest(proceed: boolean): boolean;
  recent: {
    list(): Promise<RecentFile[]>;
    /** Opens a path on the list (refused otherwise); a missing file leaves the list. */
    open(path: string): Promise<LeoResult<{ file: OpenedFile }>>;
    clear(): Promise<RecentFile[]>;
  };
  /** Opens a file the user dropped on the window (path from the preload's webUtils). */
  openDropped(path: string): Promise<LeoResult<{ file: OpenedFile }>>;
  autosave: {
    write(meta: AutosaveInfo, text: string): Promise<void>;
    clear(docId: string): Promise<void>;
    discard(docId: string): Promise<void>;
    list(): Promise<AutosaveEntry[]>;
  };
}

type Ops = {
  [C in InvokeChannel]: (...args: Extract<ReturnType<(typeof validateArgs)[C]>, { ok: true }>['value']) => Promise<LeoResult<object>> | LeoResult<object>;
};

/** The frame as the check needs it; senderFrame is null once the frame navigated or died. */
export function senderOf(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): SenderFrame | null {
  const frame = event.senderFrame;
  if (!frame) return null;
  return { url: frame.url, isTopFrame: frame.parent === null };
}

export function registerIpcHandlers(ipcMain: IpcMainLike, page: TrustedPage, ops: IpcOperations, log: (msg: string) => void = console.warn): () => void {
  const impl: Ops = {
    [IPC.getAppInfo]: () => ({ ok: true, info: ops.appInfo() }),
    [IPC.openScenarioFile]: () => ops.files.open(),
    [IPC.openImportFile]: (title, filters) => ops.files.openImport(title, filters),
    [IPC.saveScenarioFile]: (text, path) => ops.files.save(text, path),
    [IPC.saveScenarioFileAs]: (text, name) => ops.files.saveAs(text, name),
    [IPC.updateMenuState]: (state) => {
      ops.updateMenuState(state);
      return { ok: true };
    },
    [IPC.setDocumentState]: (state) => {
      ops.setDocumentState(state);
      return { ok: true };
    },
    [IPC.requestSoftwareRendering]: (reason) => ({ ok: true, ...ops.requestSoftwareRendering(reason) }),
    [IPC.answerCloseRequest]: (proceed) =>
      ops.answerCloseRequest(proceed) ? { ok: true } : { ok: false, code: 'bad-argument', error: 'answerCloseRequest: no close request is pending' },
    [IPC.getRecentFiles]: async () => ({ ok: true, recent: await ops.recent.list() }),
    [IPC.openRecentScenarioFile]: (path) => ops.recent.open(path),
    [IPC.clearRecentFiles]: async () => ({ ok: true, recent: await ops.recent.clear() }),
    [IPC.openDroppedScenarioFile]: (path) => ops.openDropped(path),
    [IPC.writeAutosave]: async (meta, text) => (await ops.autosave.write(meta, text), { ok: true }),
    [IPC.clearAutosave]: async (docId) => (await ops.autosave.clear(docId), { ok: true }),
    [IPC.discardAutosave]: async (docId) => (await ops.autosave.discard(docId), { ok: true }),
    [IPC.listAutosaves]: async () => ({ ok: true, found: await ops.autosave.list() }),
  };

  const channels = Object.values(IPC);
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, ...args): Promise<LeoResult<object>> => {
      const sender = validateSender(senderOf(event), page);
      if (!sender.ok) {
        log(`[ipc] rejected ${channel}: ${sender.error}`);
        return { ok: false, code: 'forbidden', error: sender.error };
      }
      const parsed = validateArgs[channel](args);
      if (!parsed.ok) {
        log(`[ipc] rejected ${channel}: ${parsed.error}`);
        return { ok: false, code: 'bad-argument', error: parsed.error };
      }
      try {
        const run = impl[channel] as (...a: unknown[]) => Promise<LeoResult<object>> | LeoResult<object>;
        return await run(...parsed.value);
      } catch (err) {
        log(`[ipc] ${channel} failed: ${err instanceof Error ? err.stack : String(err)}`);
        return { ok: false, code: 'internal', error: err instanceof Error ? err.message : String(err) };
      }
    });
  }
  return () => channels.forEach((c) => ipcMain.removeHandler(c));
}

// Compile-time check that every LeoApi invoke operation has a channel (onMenuCommand and
// onCloseRequest are event subscriptions, not invokes).
type _EveryOperationHasAChannel = Exclude<keyof LeoApi, keyof typeof IPC | 'onMenuCommand' | 'onCloseRequest'> extends never ? true : never;
export const _everyOperationHasAChannel: _EveryOperationHasAChannel = true;
