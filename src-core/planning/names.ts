// Gateway names that stay unique and readable: a generated name ("Aurora, US-IL", from the geo
// module's city labels) that is already taken gets " #2", " #3", ... (never parentheses, so
// names never nest). Case and surrounding spaces are ignored when comparing.

const key = (name: string): string => name.trim().toLowerCase();

/** `name`, or `name #k` with the smallest k >= 2 not in `taken`. */
export function uniqueName(name: string, taken: Iterable<string>): string {
  const set = new Set<string>();
  for (const t of taken) set.add(key(t));
  const base = name.trim();
  if (!set.has(key(base))) return base;
  for (let k = 2; ; k++) {
    const candidate = `${base} #${k}`;
    if (!set.has(key(candidate))) return candidate;
  }
}
