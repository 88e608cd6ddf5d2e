// Small helpers over plain JSON trees shared by scenario diff and merge: deep equality, and the
// path segments both print (`gateways[id=GW-SEA].latDeg`: list items with an id are named by it).

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** A list whose items are all objects with a string id (gateways, PoPs, shells, launches): matched by id, not position. */
export function isIdList(v: unknown): v is (JsonObject & { id: string })[] {
  return Array.isArray(v) && v.every((x) => isObject(x) && typeof x.id === 'string');
}

export function keyPath(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

export function idPath(parent: string, id: string): string {
  return `${parent}[id=${id}]`;
}

/** Items of an id list by id (first wins: duplicates are a validation error elsewhere). */
export function byId(list: readonly (JsonObject & { id: string })[]): Map<string, JsonObject & { id: string }> {
  const m = new Map<string, JsonObject & { id: string }>();
  for (const x of list) if (!m.has(x.id)) m.set(x.id, x);
  return m;
}
