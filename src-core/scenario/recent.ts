// The Open Recent list: the last RECENT_LIMIT files, newest first, one entry per file. Pure, so
// the Electron main process (userData/recent.json, keyed by absolute path) and the browser
// fallback (IndexedDB, keyed by an id whose FileSystemFileHandle is stored beside it) keep the
// same rules, and the unit tests check them without either.

export const RECENT_LIMIT = 10;

export interface RecentEntry {
  /** What reopens the file: an absolute path (Electron) or a stored handle's id (browser). */
  readonly key: string;
  /** File name as shown in the menu. */
  readonly name: string;
  /** When the file was last opened or saved (UTC ms). */
  readonly openedAtMs: number;
}

/** `entry` first; an older entry with the same key goes; the list keeps at most `limit` entries. */
export function addRecent(list: readonly RecentEntry[], entry: RecentEntry, limit = RECENT_LIMIT): RecentEntry[] {
  return [entry, ...list.filter((e) => e.key !== entry.key)].slice(0, limit);
}

export function removeRecent(list: readonly RecentEntry[], key: string): RecentEntry[] {
  return list.filter((e) => e.key !== key);
}

/** The entries that `add` pushed past the limit (their stored handles can be deleted). */
export function droppedKeys(before: readonly RecentEntry[], after: readonly RecentEntry[]): string[] {
  const kept = new Set(after.map((e) => e.key));
  return before.filter((e) => !kept.has(e.key)).map((e) => e.key);
}

const isEntry = (v: unknown): v is RecentEntry => {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return typeof e.key === 'string' && e.key.length > 0 && typeof e.name === 'string' && typeof e.openedAtMs === 'number' && Number.isFinite(e.openedAtMs);
};

/**
 * Reads a stored list (`{ "recent": [...] }`). Never throws: a broken or foreign file gives an
 * empty list and says why, so a damaged recent.json never stops the app from starting.
 */
export function parseRecentList(text: string): { list: RecentEntry[]; problem: string | null } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { list: [], problem: `the recent-files list is not valid JSON (${e instanceof Error ? e.message : String(e)}); starting a new one` };
  }
  const raw = (value as { recent?: unknown } | null)?.recent;
  if (!Array.isArray(raw)) return { list: [], problem: 'the recent-files list has no "recent" array; starting a new one' };
  const list = raw.filter(isEntry).map((e) => ({ key: e.key, name: e.name, openedAtMs: e.openedAtMs }));
  // Deduplicate and cap as if the entries were added oldest first.
  const normal = [...list].reverse().reduce<RecentEntry[]>((acc, e) => addRecent(acc, e), []);
  const skipped = raw.length - list.length;
  return { list: normal, problem: skipped > 0 ? `${skipped} unreadable entr${skipped === 1 ? 'y was' : 'ies were'} left out of the recent-files list` : null };
}

export function serializeRecentList(list: readonly RecentEntry[]): string {
  return `${JSON.stringify({ recent: list }, null, 2)}\n`;
}

/** The sentence shown when a recent file is gone; the entry is then removed from the list. */
export function missingRecentMessage(name: string, where: string, reason: string): string {
  return `Could not open ${name} from Open Recent: ${reason} (${where}). It was removed from the list.`;
}
