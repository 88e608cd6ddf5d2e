// Browser fallback: open and save through the File System Access API where the browser has it
// (platform/browserFiles.ts), else a file input and a download. The menu is drawn in the
// page (ui/MenuBar.tsx) and dispatches through emitMenuCommand, so a click reaches the app by
// the same onMenuCommand subscription as a native Electron menu click.
import type { OpenedFile, OpenFileRequest, PlatformBridge } from './bridge';
import type { MenuCommand } from './menu';
import { windowTitle } from '../state/unsaved';
import { fsAccessFiles, hasFileSystemAccess, indexedDbAutosave } from './browserFiles';

const listeners = new Set<(command: MenuCommand) => void>();

/** Must equal SOFTWARE_RENDERING_PATH in scripts/serve.mjs (relative: the app may live under a path). */
export const SOFTWARE_RENDERING_PATH = '__leo/software-rendering';

/** Dispatches a menu command to the bridge's listeners (the in-page menu bar uses this). */
export function emitMenuCommand(command: MenuCommand): void {
  for (const l of listeners) l(command);
}

/** Saves bytes as a download (Electron, without a will-download handler, asks where with its Save dialog). */
export function downloadBlob(blob: Blob, suggestedName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = suggestedName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: the download reads the blob asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    let settled = false;
    const finish = (f: File | null) => {
      if (settled) return;
      settled = true;
      input.remove();
      resolve(f);
    };
    input.addEventListener('change', () => finish(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => finish(null));
    document.body.append(input);
    input.click();
  });
}

/** The file input's `accept` for a request's filters (".tle,.txt"; "*" filters add nothing). */
export function acceptFor(request: OpenFileRequest): string {
  return [...new Set(request.filters.flatMap((f) => f.extensions).filter((e) => e !== '*').map((e) => `.${e}`))].join(',');
}

/**
 * The browser's own "Leave site?" prompt, armed only while there are unsaved changes: a page
 * with a beforeunload listener is also kept out of the back/forward cache, so it is not left
 * registered when there is nothing to lose.
 */
function onBeforeUnload(e: BeforeUnloadEvent): void {
  e.preventDefault();
  // Older Chromium builds show the prompt only when returnValue is set.
  e.returnValue = '';
}

let unloadGuard = false;

/** True while the beforeunload prompt is armed (tests read it through window.__leo). */
export function unloadGuardArmed(): boolean {
  return unloadGuard;
}

function armUnloadGuard(on: boolean): void {
  if (on === unloadGuard) return;
  unloadGuard = on;
  if (on) window.addEventListener('beforeunload', onBeforeUnload);
  else window.removeEventListener('beforeunload', onBeforeUnload);
}

export function createBrowserBridge(): PlatformBridge {
  return {
    kind: 'browser',
    hasNativeMenu: false,
    async openScenario(): Promise<OpenedFile | null> {
      if (hasFileSystemAccess()) return fsAccessFiles.open();
      const file = await pickFile('.json,application/json');
      if (!file) return null;
      return { name: file.name, path: null, text: await file.text() };
    },
    async openFile(request) {
      const file = await pickFile(acceptFor(request));
      if (!file) return null;
      return { name: file.name, path: null, text: await file.text() };
    },
    async saveScenario(request) {
      if (hasFileSystemAccess()) return fsAccessFiles.save(request.text, request.suggestedName, request.path, request.saveAs);
      downloadBlob(new Blob([request.text], { type: 'application/json' }), request.suggestedName);
      return { name: request.suggestedName, path: null, inPlace: false };
    },
    recentFiles: () => fsAccessFiles.list(),
    openRecent: (key) => fsAccessFiles.openRecent(key),
    clearRecent: () => fsAccessFiles.clear(),
    // The in-page menu runs the action itself.
    onOpenRecent: () => () => {},
    async openDropped(file, handle) {
      if (handle && hasFileSystemAccess()) return fsAccessFiles.adopt(handle);
      fsAccessFiles.detach();
      return { name: file.name, path: null, text: await file.text() };
    },
    autosave: indexedDbAutosave,
    async saveExport({ blob, suggestedName }) {
      downloadBlob(blob, suggestedName);
      return { name: suggestedName, path: null };
    },
    onMenuCommand(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    // The in-page menu reads the store directly.
    syncMenuState() {},
    setDocumentState({ title, dirty }) {
      document.title = windowTitle(title, dirty);
      armUnloadGuard(dirty);
    },
    // scripts/serve.mjs answers this; when scripts/start.mjs opened the window it reopens it
    // with SwiftShader. Any other server (the e2e tests', a dev server) cannot.
    async requestSoftwareRendering(reason) {
      try {
        const r = await fetch(new URL(SOFTWARE_RENDERING_PATH, window.location.href), { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: reason.slice(0, 1000) });
        const body = r.ok ? ((await r.json()) as { relaunching?: unknown; why?: unknown }) : null;
        if (body?.relaunching === true) return { relaunching: true };
        return { relaunching: false, why: typeof body?.why === 'string' ? body.why : `the page's server cannot restart the browser (HTTP ${r.status})` };
      } catch (e) {
        return { relaunching: false, why: `the page's server did not answer (${e instanceof Error ? e.message : String(e)})` };
      }
    },
    // The browser asks through beforeunload; it never hands the decision to the page.
    onCloseRequest: () => () => {},
    answerCloseRequest() {},
  };
}
