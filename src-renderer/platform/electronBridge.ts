// Bridge over the Electron preload API (window.leo, contract in src-main/preload/api.ts).
// Translates LeoResult failures into null (canceled) or thrown Errors with the main process's
// human sentence, and main's menu events into the renderer's MenuCommand ids.
import type { LeoApi, LeoResult, MenuCommand as LeoMenuCommand } from '../../src-main/preload/api';
import type { PlatformBridge } from './bridge';
import { downloadBlob } from './browserBridge';
import type { MenuCommand } from './menu';

export function isLeoApi(v: unknown): v is LeoApi {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return ['openScenarioFile', 'saveScenarioFile', 'saveScenarioFileAs', 'onMenuCommand', 'updateMenuState', 'setDocumentState', 'onCloseRequest', 'answerCloseRequest', 'getRecentFiles', 'listAutosaves'].every((k) => typeof o[k] === 'function');
}

/** Unwraps a result: the value, null when the user canceled, or throws the failure's sentence. */
function unwrap<T extends object>(r: LeoResult<T>): T | null {
  if (r.ok) return r;
  if (r.code === 'canceled') return null;
  throw new Error(r.error);
}

/** Main's File › Import / Export / Compare / Merge events and the renderer's command ids. */
const IO_COMMANDS: Partial<Record<LeoMenuCommand['type'], MenuCommand>> = {
  'menu:import-constellation': 'file.import.constellation',
  'menu:import-sites': 'file.import.sites',
  'menu:export-sites-csv': 'file.export.sitesCsv',
  'menu:export-sites-geojson': 'file.export.sitesGeoJson',
  'menu:export-sites-kml': 'file.export.sitesKml',
  'menu:export-czml': 'file.export.czml',
  'menu:export-hypatia': 'file.export.hypatia',
  'menu:export-report-csv': 'file.export.reportCsv',
  'menu:compare': 'file.compare',
  'menu:merge': 'file.merge',
};
/** Unwraps a result that cannot be canceled. */
function must<T extends object>(r: LeoResult<T>): T {
  const v = unwrap(r);
  if (!v) throw new Error('Canceled.');
  return v;
}

function toCommand(c: LeoMenuCommand): MenuCommand | null {
  switch (c.type) {
    case 'menu:new':
      return 'file.new';
    case 'menu:open':
      return 'file.open';
    case 'menu:save':
      return 'file.save';
    case 'menu:save-as':
      return 'file.saveAs';
    case 'menu:undo':
      return 'edit.undo';
    case 'menu:redo':
      return 'edit.redo';
    case 'menu:quality':
      return `view.quality.${c.quality}`;
    case 'menu:demo':
      return 'view.demo';
    case 'menu:export-report':
      return 'file.exportReport';
    case 'menu:clear-recent':
      return 'file.clearRecent';
    case 'menu:documentation':
      // No documentation viewer yet; the shortcuts sheet is the in-app help there is.
      return 'help.shortcuts';
    default:
      return IO_COMMANDS[c.type] ?? null;
  }
}

export function createElectronBridge(api: LeoApi): PlatformBridge {
  const report = (what: string) => (r: LeoResult) => {
    if (!r.ok) console.warn(`${what}: ${r.error}`);
  };
  return {
    kind: 'electron',
    hasNativeMenu: true,
    async openScenario() {
      const r = unwrap(await api.openScenarioFile());
      return r && { name: r.file.name, path: r.file.path, text: r.file.text };
    },
    async openFile({ title, filters }) {
      const r = unwrap(await api.openImportFile(title, filters));
      return r && { name: r.file.name, path: r.file.path, text: r.file.text };
    },
    async saveScenario({ text, suggestedName, path, saveAs }) {
      const r = unwrap(saveAs || path === null ? await api.saveScenarioFileAs(text, suggestedName) : await api.saveScenarioFile(text, path));
      return r && { name: r.file.name, path: r.file.path, inPlace: true };
    },
    async recentFiles() {
      return must(await api.getRecentFiles()).recent;
    },
    async openRecent(key) {
      const r = unwrap(await api.openRecentScenarioFile(key));
      return r && { name: r.file.name, path: r.file.path, text: r.file.text };
    },
    async clearRecent() {
      must(await api.clearRecentFiles());
    },
    onOpenRecent: (listener) =>
      api.onMenuCommand((c) => {
        if (c.type === 'menu:open-recent') listener(c.path);
      }),
    async openDropped(file) {
      const r = must(await api.openDroppedScenarioFile(file));
      return { name: r.file.name, path: r.file.path, text: r.file.text };
    },
    autosave: {
      write: async (meta, text) => void must(await api.writeAutosave(meta, text)),
      clear: async (docId) => void must(await api.clearAutosave(docId)),
      discard: async (docId) => void must(await api.discardAutosave(docId)),
      list: async () => must(await api.listAutosaves()).found,
    },
    // The download goes through Electron's own Save dialog (no will-download handler in main).
    async saveExport({ blob, suggestedName }) {
      downloadBlob(blob, suggestedName);
      return { name: suggestedName, path: null };
    },
    onMenuCommand(listener) {
      return api.onMenuCommand((c) => {
        const command = toCommand(c);
        if (command) listener(command);
      });
    },
    syncMenuState(state) {
      api.updateMenuState(state).then(report('updateMenuState'), report('updateMenuState'));
    },
    setDocumentState(state) {
      api.setDocumentState(state).then(report('setDocumentState'), report('setDocumentState'));
    },
    async requestSoftwareRendering(reason) {
      const r = await api.requestSoftwareRendering(reason);
      if (!r.ok) return { relaunching: false, why: r.error };
      return r.relaunching ? { relaunching: true } : { relaunching: false, why: r.why };
    },
    onCloseRequest: (listener) => api.onCloseRequest(listener),
    answerCloseRequest(proceed) {
      api.answerCloseRequest(proceed).then(report('answerCloseRequest'), report('answerCloseRequest'));
    },
  };
}
