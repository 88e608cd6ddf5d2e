// Display formatting for the edges of the UI (degrees, times, durations).
export function formatLatLon(latDeg: number, lonDeg: number, digits = 2): string {
  const lat = `${Math.abs(latDeg).toFixed(digits)}°${latDeg >= 0 ? 'N' : 'S'}`;
  const lon = `${Math.abs(lonDeg).toFixed(digits)}°${lonDeg >= 0 ? 'E' : 'W'}`;
  return `${lat} ${lon}`;
}

/** "2026-01-01 00:00:00 UTC" */
export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Seconds as "1 h 36 min" / "42 min" / "30 s". */
export function formatDuration(s: number): string {
  if (s < 60) return `${Math.round(s)} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
}

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const modKey = isMac ? '⌘' : 'Ctrl+';

/** "2026-01-01 00:00 UTC": the one date-time format of the UI (ISO 8601 order, always UTC). */
export function formatUtcMinutes(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(?:Z|UTC)?$/i;

export type ParsedUtc = { ok: true; utcMs: number } | { ok: false; error: string };

/**
 * Parses a UTC date typed by a user: YYYY-MM-DD, optionally with HH:MM[:SS] after a space or
 * a T, optionally ending in Z or UTC. Impossible dates (2026-02-30, 24:00) are refused with a
 * sentence naming the input and the accepted forms, never silently rolled over.
 */
export function parseUtcInput(text: string): ParsedUtc {
  const t = text.trim();
  const fail: ParsedUtc = { ok: false, error: `'${t}' is not a valid date: use YYYY-MM-DD or YYYY-MM-DDTHH:MMZ` };
  const m = DATE_TIME.exec(t);
  if (!m) return fail;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1, 7).map((v) => (v === undefined ? undefined : Number(v))) as number[];
  const ms = Date.UTC(y!, mo! - 1, d!, h, mi, s);
  const back = new Date(ms);
  const same =
    back.getUTCFullYear() === y && back.getUTCMonth() === mo! - 1 && back.getUTCDate() === d && back.getUTCHours() === h && back.getUTCMinutes() === mi && back.getUTCSeconds() === s;
  return same ? { ok: true, utcMs: ms } : fail;
}

/** A UTC date as its ISO day, e.g. "2025-12-01". */
export const isoDayUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
