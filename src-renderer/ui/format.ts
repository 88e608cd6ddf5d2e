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
