// Preload (sandboxed, built as CommonJS): exposes `window.leo`, one named function per
// operation of LeoApi. Never a generic send/invoke, and never the IPC event object, which
// would hand the page a route to ipcRenderer. Main validates everything again anyway.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { CloseReason, LeoApi, MenuCommand } from './api';
import { CLOSE_REQUEST_EVENT, IPC, MENU_EVENTS, toCloseReason, toMenuCommand } from '../main/ipc-contract';

const api: LeoApi = {
  getAppInfo: () => ipcRenderer.invoke(IPC.getAppInfo),
  openScenarioFile: () => ipcRenderer.invoke(IPC.openScenarioFile),
  openImportFile: (title, filters) => ipcRenderer.invoke(IPC.openImportFile, title, filters),
  saveScenarioFile: (text, path) => ipcRenderer.invoke(IPC.saveScenarioFile, text, path),
  saveScenarioFileAs: (text, suggestedName) => ipcRenderer.invoke(IPC.saveScenarioFileAs, text, suggestedName),
  updateMenuState: (state) => ipcRenderer.invoke(IPC.updateMenuState, state),
  setDocumentState: (state) => ipcRenderer.invoke(IPC.setDocumentState, state),
  requestSoftwareRendering: (reason) => ipcRenderer.invoke(IPC.requestSoftwareRendering, reason),
  answerCloseRequest: (proceed) => ipcRenderer.invoke(IPC.answerCloseRequest, proceed),
  getRecentFiles: () => ipcRenderer.invoke(IPC.getRecentFiles),
  openRecentScenarioFile: (path) => ipcRenderer.invoke(IPC.openRecentScenarioFile, path),
  clearRecentFiles: () => ipcRenderer.invoke(IPC.clearRecentFiles),
  // The path comes from the File object (empty for a File the page made itself), never from the page.
  async openDroppedScenarioFile(file) {
    const path = file instanceof File ? webUtils.getPathForFile(file) : '';
    if (!path) return { ok: false, code: 'bad-argument', error: 'This file has no path on disk (was it dragged from another application?); save it first and drop or open the saved file.' };
    return ipcRenderer.invoke(IPC.openDroppedScenarioFile, path);
  },
  writeAutosave: (meta, text) => ipcRenderer.invoke(IPC.writeAutosave, meta, text),
  clearAutosave: (docId) => ipcRenderer.invoke(IPC.clearAutosave, docId),
  discardAutosave: (docId) => ipcRenderer.invoke(IPC.discardAutosave, docId),
  listAutosaves: () => ipcRenderer.invoke(IPC.listAutosaves),
  onCloseRequest(callback: (reason: CloseReason) => void): () => void {
    if (typeof callback !== 'function') throw new TypeError('onCloseRequest: callback must be a function');
    const listener = (_event: IpcRendererEvent, payload: unknown): void => {
      const reason = toCloseReason(payload);
      if (reason) callback(reason);
    };
    ipcRenderer.on(CLOSE_REQUEST_EVENT, listener);
    return () => ipcRenderer.removeListener(CLOSE_REQUEST_EVENT, listener);
  },
  onMenuCommand(callback: (command: MenuCommand) => void): () => void {
    if (typeof callback !== 'function') throw new TypeError('onMenuCommand: callback must be a function');
    const subscriptions = MENU_EVENTS.map((channel) => {
      const listener = (_event: IpcRendererEvent, payload: unknown): void => {
        const command = toMenuCommand(channel, payload);
        if (command) callback(command);
      };
      ipcRenderer.on(channel, listener);
      return () => ipcRenderer.removeListener(channel, listener);
    });
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      subscriptions.forEach((unsubscribe) => unsubscribe());
    };
  },
};

contextBridge.exposeInMainWorld('leo', Object.freeze(api));
