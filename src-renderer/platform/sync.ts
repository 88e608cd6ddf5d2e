// Keeps the host in step with the store: menu state (quality radio, Undo/Redo enabled) and the
// document state (window title, unsaved changes). Installed once by the App.
import { appStore, type AppState } from '../state/store';
import { documentName, isDirty } from '../state/unsaved';
import { getBridge } from './bridge';

export function installPlatformSync(): () => void {
  const bridge = getBridge();
  const menuKey = (s: AppState) => `${s.qualitySetting}|${s.canUndo}|${s.canRedo}`;
  const docKey = (s: AppState) => `${documentName(s)}|${isDirty(s)}`;
  const pushMenu = (s: AppState) => bridge.syncMenuState({ quality: s.qualitySetting, canUndo: s.canUndo, canRedo: s.canRedo });
  const pushDoc = (s: AppState) => bridge.setDocumentState({ title: documentName(s), dirty: isDirty(s) });
  const s0 = appStore.getState();
  pushMenu(s0);
  pushDoc(s0);
  return appStore.subscribe((s, prev) => {
    if (menuKey(s) !== menuKey(prev)) pushMenu(s);
    if (docKey(s) !== docKey(prev)) pushDoc(s);
  });
}
