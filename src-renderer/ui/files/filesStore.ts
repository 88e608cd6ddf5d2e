// App-level file state outside the scenario: the Open Recent list as the in-page menu shows it,
// the recovery question at start-up, and a log of autosave events that tests wait on
// (window.__leo.files).
import { create } from 'zustand';
import type { AutosaveEvent, AutosaveFound } from '../../../src-core/scenario/autosave';
import type { RecentEntry } from '../../../src-core/scenario/recent';
import { getBridge } from '../../platform/bridge';
import { installLeoHooks } from '../../globe/hooks';

export type RecoveryOffer = Extract<AutosaveFound, { ok: true }>;

interface FilesState {
  recent: readonly RecentEntry[];
  /** The autosave offered for recovery, until the user answers. */
  recovery: RecoveryOffer | null;
}

export const useFiles = create<FilesState>(() => ({ recent: [], recovery: null }));

/** Re-reads the Open Recent list from the host (after an open, a save, a clear). */
export async function refreshRecent(): Promise<void> {
  try {
    useFiles.setState({ recent: await getBridge().recentFiles() });
  } catch (e) {
    console.warn(`Open Recent: ${e instanceof Error ? e.message : String(e)}`);
  }
}

// ---- window.__leo.files -----------------------------------------------------------------------

export type FilesEvent = AutosaveEvent | { type: 'recovery-offered'; docId: string } | { type: 'recovery-checked'; offered: boolean };
export type LoggedFilesEvent = FilesEvent & { seq: number };

export interface FilesHooks {
  readonly seq: number;
  log(sinceSeq?: number): LoggedFilesEvent[];
  /** This window's document id (names its autosave). */
  readonly docId: string;
  /** Writes a due autosave now. */
  flushAutosave(): Promise<void>;
}

declare module '../../globe/hooks' {
  interface LeoHooks {
    files?: FilesHooks;
  }
}

const LOG_LIMIT = 500;
const log: LoggedFilesEvent[] = [];
let seq = 0;

export function logFilesEvent(e: FilesEvent): void {
  log.push({ ...e, seq: ++seq });
  if (log.length > LOG_LIMIT) log.splice(0, log.length - LOG_LIMIT);
}

export function installFilesHooks(docId: string, flushAutosave: () => Promise<void>): void {
  installLeoHooks().files = {
    get seq() {
      return seq;
    },
    log: (since = 0) => log.filter((e) => e.seq > since),
    docId,
    flushAutosave,
  };
}
