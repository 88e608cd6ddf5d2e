// Three-way merge of scenarios (base, ours, theirs), as version control merges text but over the
// JSON tree: a value changed on one side only takes that side; changed the same way on both is
// fine; changed differently on both is a conflict (path, base, ours, theirs). Lists of items with
// ids (gateways, PoPs, shells, launches) merge item by item, so two people adding different
// gateways never conflict. The merged result is validated like any file that is opened.
import { byId, idPath, isIdList, isObject, jsonEqual, keyPath, type JsonObject } from './jsonTree';
import { validateScenario, type Scenario, type ScenarioProblem } from './schema';

export interface MergeConflict {
  path: string;
  base?: unknown;
  ours?: unknown;
  theirs?: unknown;
}

/**
 * How conflicts are settled: left open (ours kept in place, listed), all taken from one side, or
 * chosen per conflict (the app's Merge dialog: a function answering for each conflict's path).
 */
export type Resolution = 'none' | 'ours' | 'theirs' | ((conflict: MergeConflict) => 'ours' | 'theirs');

export type MergeResult =
  | { ok: true; scenario: Scenario; conflicts: MergeConflict[]; resolved: boolean }
  | { ok: false; conflicts: MergeConflict[]; problems: ScenarioProblem[] };

interface Ctx {
  conflicts: MergeConflict[];
  resolution: Resolution;
}

function conflict(base: unknown, ours: unknown, theirs: unknown, path: string, ctx: Ctx): unknown {
  const c: MergeConflict = { path: path || '(root)', ...(base === undefined ? {} : { base }), ...(ours === undefined ? {} : { ours }), ...(theirs === undefined ? {} : { theirs }) };
  ctx.conflicts.push(c);
  const side = typeof ctx.resolution === 'function' ? ctx.resolution(c) : ctx.resolution;
  return side === 'theirs' ? theirs : ours;
}

function mergeObjects(base: JsonObject | undefined, ours: JsonObject, theirs: JsonObject, path: string, ctx: Ctx): JsonObject {
  const out: JsonObject = {};
  for (const k of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
    const v = mergeValue(base?.[k], ours[k], theirs[k], keyPath(path, k), ctx);
    if (v !== undefined) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

type IdItem = JsonObject & { id: string };

function mergeIdLists(base: readonly IdItem[], ours: readonly IdItem[], theirs: readonly IdItem[], path: string, ctx: Ctx): unknown[] {
  const [b, o, t] = [byId(base), byId(ours), byId(theirs)];
  // Order: ours, then items only theirs added, in their order.
  const ids = [...o.keys(), ...[...t.keys()].filter((id) => !o.has(id) && !b.has(id))];
  const out: unknown[] = [];
  for (const id of ids) {
    const v = mergeValue(b.get(id), o.get(id), t.get(id), idPath(path, id), ctx);
    if (v !== undefined) out.push(v);
  }
  return out;
}

function mergeValue(base: unknown, ours: unknown, theirs: unknown, path: string, ctx: Ctx): unknown {
  if (jsonEqual(ours, theirs)) return ours;
  if (jsonEqual(base, ours)) return theirs;
  if (jsonEqual(base, theirs)) return ours;
  if (isObject(ours) && isObject(theirs) && (base === undefined || isObject(base))) return mergeObjects(base, ours, theirs, path, ctx);
  if (isIdList(ours) && isIdList(theirs) && (base === undefined || isIdList(base))) return mergeIdLists(base ?? [], ours, theirs, path, ctx);
  return conflict(base, ours, theirs, path, ctx);
}

/**
 * Merges `ours` and `theirs`, both changed from `base`. With resolution 'none', conflicts keep
 * ours in place and `resolved` is false; 'ours'/'theirs' settle every conflict from that side; a
 * function settles each conflict as it answers.
 */
export function mergeScenarios(base: Scenario, ours: Scenario, theirs: Scenario, resolution: Resolution = 'none'): MergeResult {
  const ctx: Ctx = { conflicts: [], resolution };
  const merged = mergeValue(base, ours, theirs, '', ctx);
  const r = validateScenario(merged);
  if (!r.ok) return { ok: false, conflicts: ctx.conflicts, problems: r.problems };
  return { ok: true, scenario: r.scenario, conflicts: ctx.conflicts, resolved: ctx.conflicts.length === 0 || resolution !== 'none' };
}
