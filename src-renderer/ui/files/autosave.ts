// Autosave and recovery in the app: feeds the store's changes to the autosaver
// (src-core/scenario/autosave.ts), writes through the platform bridge (Electron userData, the
// browser's IndexedDB), and at start-up offers to recover work an earlier run left unsaved.
// Each window holds a Web Lock named after its document while it lives, so another tab of the
// app still working on its document is never offered as a crash to recover.
import { chooseRecovery, createAutosaver, newDocId, type AutosaveDocument, type Autosaver } from '../../../src-core/scenario/autosave';
import { problemsBeforeSave, serializeScenario } from '../../../src-core/scenario/save';
import { parseScenario } from '../../../src-core/scenario/schema';
import { getBridge } from '../../platform/bridge';
import { appStore, type AppState } from '../../state/store';
import { documentName, isDirty } from '../../state/unsaved';
import { confirmDiscard, loadOpenedFile } from '../actions';
import { installFilesHooks, logFilesEvent, useFiles, type RecoveryOffer } from './filesStore';

const LOCK_PREFIX = 'leo-document-';

/** This window's document: one id for its lifetime (StrictMode's double effects keep it). */
const DOC_ID = newDocId(Date.now(), Math.random);

let saver: Autosaver | null = null;
let recoveryChecked = false;

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

function documentOf(s: AppState): AutosaveDocument {
  return {
    dirty: isDirty(s),
    name: documentName(s),
    filePath: s.filePath,
    serialize() {
      const text = serializeScenario(s.scenario);
      return problemsBeforeSave(text).length === 0 ? text : null;
    },
  };
}

function holdDocumentLock(): void {
  // Released by the browser when the page goes (closed, reloaded, crashed).
  void navigator.locks?.request(`${LOCK_PREFIX}${DOC_ID}`, () => new Promise<never>(() => {})).catch(() => {});
}

async function liveDocIds(): Promise<Set<string>> {
  const live = new Set([DOC_ID]);
  try {
    const q = await navigator.locks?.query();
    for (const l of q?.held ?? []) if (l.name?.startsWith(LOCK_PREFIX)) live.add(l.name.slice(LOCK_PREFIX.length));
  } catch {
    // No Web Locks (Electron's single window has no other tab to protect).
  }
  return live;
}

/** Starts autosaving this window's document; returns the uninstaller. */
export function installAutosave(): () => void {
  const bridge = getBridge();
  holdDocumentLock();
  const s = appStore.getState();
  const autosaver = createAutosaver({
    docId: DOC_ID,
    storage: bridge.autosave,
    timers: { setTimeout: (fn, ms) => window.setTimeout(fn, ms), clearTimeout: (h) => window.clearTimeout(h as number), now: () => Date.now() },
    onEvent(e) {
      logFilesEvent(e);
      if (e.type === 'failed') appStore.getState().notify('error', e.message);
    },
  });
  saver = autosaver;
  installFilesHooks(DOC_ID, () => autosaver.flush());
  const unsubscribe = appStore.subscribe((next, prev) => {
    if (next.scenario !== prev.scenario || next.savedScenario !== prev.savedScenario || next.filePath !== prev.filePath) autosaver.changed(documentOf(next));
  });
  autosaver.changed(documentOf(s));
  // A reload or a closed tab writes a change made in the last seconds before it goes.
  const onHide = () => void autosaver.flush();
  window.addEventListener('pagehide', onHide);
  void checkRecovery();
  return () => {
    window.removeEventListener('pagehide', onHide);
    unsubscribe();
    autosaver.dispose();
    if (saver === autosaver) saver = null;
  };
}

/** The user chose not to keep the unsaved work (Don't save on close): its autosave goes too. */
export async function discardOwnAutosave(): Promise<void> {
  if (!saver) return;
  saver.changed({ dirty: false, name: '', filePath: null, serialize: () => null });
  await saver.idle();
}

async function checkRecovery(): Promise<void> {
  if (recoveryChecked) return;
  recoveryChecked = true;
  const bridge = getBridge();
  const notify = appStore.getState().notify;
  let offered = false;
  try {
    const { offer, broken } = chooseRecovery(await bridge.autosave.list(), await liveDocIds());
    if (broken.length > 0) {
      notify('error', `${broken.length === 1 ? 'An autosave' : `${broken.length} autosaves`} from an earlier session could not be read and ${broken.length === 1 ? 'was' : 'were'} set aside`, broken.map((b) => b.message));
      await Promise.all(broken.map((b) => bridge.autosave.discard(b.docId).catch(() => {})));
    }
    if (offer) {
      useFiles.setState({ recovery: offer });
      logFilesEvent({ type: 'recovery-offered', docId: offer.meta.docId });
      offered = true;
    }
  } catch (e) {
    notify('error', `Could not look for autosaved work: ${errorText(e)}`);
  }
  logFilesEvent({ type: 'recovery-checked', offered });
}

/**
 * Recover: the autosaved scenario replaces the current one (after the usual question if this
 * window has unsaved edits of its own), marked unsaved, named as before. The old autosave goes
 * once this window's own autosave holds the work.
 */
export async function recoverAutosave(offer: RecoveryOffer): Promise<void> {
  if (!parseScenario(offer.text).ok) {
    useFiles.setState({ recovery: null });
    // loadOpenedFile names the problems; the broken autosave is set aside, never offered again.
    loadOpenedFile({ name: `the autosave of ${offer.meta.name}`, path: null, text: offer.text });
    await getBridge().autosave.discard(offer.meta.docId);
    return;
  }
  if (!(await confirmDiscard('open'))) return;
  useFiles.setState({ recovery: null });
  if (!loadOpenedFile({ name: offer.meta.name, path: offer.meta.filePath, text: offer.text }, offer.meta.filePath)) return;
  // Unsaved: it was never saved. A distinct reference is all the dirty check compares.
  appStore.setState((s) => ({ savedScenario: { ...s.scenario } }));
  appStore.getState().notify('info', `Recovered ${offer.meta.name}; it has not been saved yet`);
  await saver?.flush();
  await saver?.idle();
  await getBridge().autosave.clear(offer.meta.docId);
}

/** Discard: asks nothing more; the autosave is kept aside (.discarded) until the next autosave. */
export async function discardRecovery(offer: RecoveryOffer): Promise<void> {
  useFiles.setState({ recovery: null });
  try {
    await getBridge().autosave.discard(offer.meta.docId);
  } catch (e) {
    appStore.getState().notify('error', `Could not set the autosave aside: ${errorText(e)}`);
  }
}
