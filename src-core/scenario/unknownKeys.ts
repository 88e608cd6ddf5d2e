// Keys the schema does not know: kept (copied back into the validated scenario so a save writes
// them unchanged) and reported with their JSON path and, when one is close, the key that was
// probably meant ("did you mean `minElevationDeg`?"). A misspelt key must not silently become the
// default and vanish on the next save.
import type { ScenarioProblem } from './schema';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Levenshtein distance (insert, delete, substitute all cost 1). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The known key closest to `key`, if it is close enough to be a likely typo. */
export function closestKey(key: string, known: readonly string[]): string | null {
  const lower = key.toLowerCase();
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    const kl = k.toLowerCase();
    // Case slips and extra/missing suffixes ("minElevationDegrees") count as close.
    const d = kl === lower ? 0 : kl.startsWith(lower) || lower.startsWith(kl) ? 1 : editDistance(lower, kl);
    if (d < bestD) [best, bestD] = [k, d];
  }
  const limit = Math.max(2, Math.floor(key.length / 3));
  return bestD <= limit ? best : null;
}

function pathOf(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/**
 * Walks the raw input beside the validated output (same shape: the schema only adds defaults and
 * drops unknown keys). Every key in `raw` missing from `parsed` is copied into `parsed` as it was
 * and reported in `warnings`. Unknown values are not walked into. Mutates `parsed`.
 */
export function keepUnknownKeys(raw: unknown, parsed: unknown, warnings: ScenarioProblem[], path = ''): void {
  if (Array.isArray(raw) && Array.isArray(parsed)) {
    const n = Math.min(raw.length, parsed.length);
    for (let i = 0; i < n; i++) keepUnknownKeys(raw[i], parsed[i], warnings, pathOf(path, i));
    return;
  }
  if (!isRecord(raw) || !isRecord(parsed)) return;
  const known = Object.keys(parsed);
  for (const [key, value] of Object.entries(raw)) {
    const p = pathOf(path, key);
    if (Object.hasOwn(parsed, key)) {
      keepUnknownKeys(value, parsed[key], warnings, p);
      continue;
    }
    // defineProperty, not assignment: a key named "__proto__" must stay a plain key.
    Object.defineProperty(parsed, key, { value, enumerable: true, writable: true, configurable: true });
    const guess = closestKey(key, known);
    warnings.push({ path: p, message: `unknown key "${key}" is kept but not used${guess ? `: did you mean \`${guess}\`?` : ''}` });
  }
}
