// What changed between two scenarios, for review before a merge: gateways and PoPs added,
// removed, moved (great-circle km) or edited (field by field), and every other assumption path by
// path. Lists of items with ids (shells, launches) are matched by id; other lists compare whole.
import { greatCircleKm } from '../frames/spherical';
import { degToRad } from '../units';
import { byId, idPath, isIdList, isObject, jsonEqual, keyPath } from './jsonTree';
import type { Scenario } from './schema';

/** One value that differs; `before`/`after` undefined: the key or item is absent on that side. */
export interface FieldChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface SiteChange {
  kind: 'gateway' | 'pop';
  id: string;
  name: string;
  change: 'added' | 'removed' | 'edited';
  /** Great-circle distance between the old and new position, km (edited sites that moved). */
  movedKm?: number;
  /** Edited sites: each changed field (latDeg/lonDeg included). */
  fields: FieldChange[];
}

export interface ScenarioDiff {
  identical: boolean;
  sites: SiteChange[];
  /** Everything outside gateways and PoPs. */
  assumptions: FieldChange[];
}

/** Appends to `out` every path where `a` and `b` differ. */
export function diffTree(a: unknown, b: unknown, path: string, out: FieldChange[]): void {
  if (jsonEqual(a, b)) return;
  if (isObject(a) && isObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) diffTree(a[k], b[k], keyPath(path, k), out);
    return;
  }
  if (isIdList(a) && isIdList(b) && (a.length > 0 || b.length > 0)) {
    const ma = byId(a);
    const mb = byId(b);
    for (const id of new Set([...ma.keys(), ...mb.keys()])) diffTree(ma.get(id), mb.get(id), idPath(path, id), out);
    return;
  }
  out.push({ path: path || '(root)', ...(a === undefined ? {} : { before: a }), ...(b === undefined ? {} : { after: b }) });
}

type Site = { id: string; name: string; latDeg: number; lonDeg: number };

function diffSites(kind: SiteChange['kind'], a: readonly Site[], b: readonly Site[]): SiteChange[] {
  const before = new Map(a.map((s) => [s.id, s]));
  const after = new Map(b.map((s) => [s.id, s]));
  const out: SiteChange[] = [];
  for (const s of a) if (!after.has(s.id)) out.push({ kind, id: s.id, name: s.name, change: 'removed', fields: [] });
  for (const s of b) {
    const old = before.get(s.id);
    if (!old) {
      out.push({ kind, id: s.id, name: s.name, change: 'added', fields: [] });
      continue;
    }
    const fields: FieldChange[] = [];
    diffTree(old, s, '', fields);
    if (fields.length === 0) continue;
    const moved = old.latDeg !== s.latDeg || old.lonDeg !== s.lonDeg;
    const movedKm = moved ? greatCircleKm(degToRad(old.latDeg), degToRad(old.lonDeg), degToRad(s.latDeg), degToRad(s.lonDeg)) : undefined;
    out.push({ kind, id: s.id, name: s.name, change: 'edited', ...(movedKm === undefined ? {} : { movedKm }), fields });
  }
  return out;
}

export function diffScenarios(a: Scenario, b: Scenario): ScenarioDiff {
  const sites = [...diffSites('gateway', a.gateways, b.gateways), ...diffSites('pop', a.pops, b.pops)];
  const { gateways: _ga, pops: _pa, ...restA } = a;
  const { gateways: _gb, pops: _pb, ...restB } = b;
  const assumptions: FieldChange[] = [];
  diffTree(restA, restB, '', assumptions);
  return { identical: sites.length === 0 && assumptions.length === 0, sites, assumptions };
}

const show = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v).slice(0, 120));

/** The diff as lines a person reads (the CLI's text output). */
export function formatDiff(d: ScenarioDiff): string[] {
  if (d.identical) return ['no differences'];
  const lines: string[] = [];
  for (const s of d.sites) {
    const head = `${s.kind} ${s.id} "${s.name}": ${s.change}`;
    if (s.change !== 'edited') {
      lines.push(head);
      continue;
    }
    lines.push(s.movedKm === undefined ? head : `${head}, moved ${s.movedKm.toFixed(1)} km`);
    for (const f of s.fields) lines.push(`  ${f.path}: ${show(f.before)} -> ${show(f.after)}`);
  }
  if (d.assumptions.length) lines.push('assumptions:');
  for (const f of d.assumptions) lines.push(`  ${f.path}: ${show(f.before)} -> ${show(f.after)}`);
  return lines;
}
