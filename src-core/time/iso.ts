// Strict ISO 8601 UTC times for files and command lines. Date.parse is too forgiving for shared
// files: it rolls 30 February over to 2 March and reads a time without a zone in the machine's
// local time, so the same file would mean different instants on different machines. Here a time
// must name its zone (Z or +hh:mm), and every field must exist on the calendar.

export type IsoParse = { ok: true; utcMs: number } | { ok: false; message: string };

const RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?(Z|z|[+-]\d{2}:?\d{2})?$/;

const daysIn = (y: number, m: number): number => (m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

/**
 * Parse `text` as an ISO 8601 time. A date alone (YYYY-MM-DD) means midnight UTC. A time of day
 * needs a zone unless `assumeUtc` (CCSDS OMM epochs are UTC by definition and carry no zone).
 */
export function parseIsoStrict(text: string, opts: { assumeUtc?: boolean } = {}): IsoParse {
  const s = text.trim();
  const m = RE.exec(s);
  const shown = s.length > 40 ? `${s.slice(0, 40)}…` : s;
  if (!m) return { ok: false, message: `"${shown}" is not an ISO 8601 time; write it like 2026-01-01T00:00:00Z` };
  const [, ys, mos, ds, hs, mis, ss, frac, zone] = m;
  const y = Number(ys), mo = Number(mos), d = Number(ds);
  const h = hs === undefined ? 0 : Number(hs), mi = mis === undefined ? 0 : Number(mis), sec = ss === undefined ? 0 : Number(ss);
  if (mo < 1 || mo > 12) return { ok: false, message: `"${shown}": month ${mos} does not exist (01-12)` };
  if (d < 1 || d > daysIn(y, mo)) return { ok: false, message: `"${shown}": ${ys}-${mos} has no day ${ds} (it has ${daysIn(y, mo)} days)` };
  if (h > 23 || mi > 59 || sec > 59) return { ok: false, message: `"${shown}": ${hs}:${mis}${ss !== undefined ? `:${ss}` : ''} is not a time of day (00:00:00-23:59:59)` };
  if (hs !== undefined && zone === undefined && !opts.assumeUtc) {
    return { ok: false, message: `"${shown}" has no time zone, so it would mean a different instant on each machine; add Z for UTC (${s}Z)` };
  }
  let offsetMin = 0;
  if (zone && zone !== 'Z' && zone !== 'z') {
    const zm = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    const zh = Number(zm[2]), zmin = Number(zm[3]);
    if (zh > 14 || zmin > 59) return { ok: false, message: `"${shown}": zone offset ${zone} does not exist` };
    offsetMin = (zm[1] === '-' ? -1 : 1) * (zh * 60 + zmin);
  }
  const ms = frac ? Math.round(Number(`0${frac}`) * 1000) : 0;
  const utcMs = Date.UTC(y, mo - 1, d, h, mi, sec, 0) + ms - offsetMin * 60_000;
  return { ok: true, utcMs };
}
