// Builds the satellite catalogue of a scenario: every Walker shell (planned satellites, synthetic
// NORAD numbers from 900000); then, when the scenario has Walker shells, the real element sets
// matched to their slots (slotMatch.ts: a set in its slot takes the planned satellite's place, sets
// still raising follow the Walker shells as "<shell> (raising)" groups); then the other imported
// element sets (TLE/OMM: all of them without Walker shells, else the unmatched ones), grouped into
// 'imported' shells by their shellId (or one "Imported" group), each split into the shells, planes and
// slots inferred from the elements (planes.ts), so imported catalogues get their +Grid lasers. Index i is the same satellite in
// `catalog` and `satrecs`. Never throws on bad data: unusable sets are skipped and reported;
// sets whose SGP4 initialisation fails are kept (the propagator flags them, positions NaN).
import type { SatRec } from 'satellite.js';
import type { Scenario } from '../scenario/schema';
import { parseIsoUtc } from '../units';
import { inferPlanesAndSlots } from './planes';
import { meanAltitudeKm, resolveElementSet, satrecFromElements, type ResolvedElementSet } from './elements';
import { matchElementSets, type MemberMatch, type ResolvedMember } from './slotMatch';
import { STATUS_CODES, type SatelliteCatalog, type ShellInfo } from './types';
import { walkerElements, walkerSatelliteName } from './walker';

/** First synthetic NORAD number given to planned Walker satellites. */
export const SYNTHETIC_NORAD_BASE = 900_000;
/** ShellInfo id of imported sets without a shellId. */
export const IMPORTED_SHELL_ID = 'imported';

/** A data problem found while building the catalogue; `path` is a scenario JSON path. */
export interface CatalogProblem {
  path: string;
  message: string;
}

/** How the real element sets matched the planned Walker slots (docs/ROLLOUT.md, "Slot matching"). */
export interface SlotMatchingSummary {
  /** Catalogue indices of the Walker slots a real satellite took (its name, NORAD id and SGP4 record). */
  inSlot: number[];
  /** Real satellites of a planned shell not yet in a free slot, with why (e.g. "35 km below its shell"). */
  raising: CatalogProblem[];
  /** Sets no planned shell fits, kept as imported satellites, with why. */
  unmatched: CatalogProblem[];
}

export interface BuiltCatalog {
  catalog: SatelliteCatalog;
  /** One initialised SatRec per catalogue index. */
  satrecs: SatRec[];
  problems: CatalogProblem[];
  /** Null unless the scenario has both Walker shells and usable element sets. */
  slotMatching: SlotMatchingSummary | null;
}

const SGP4_ERRORS: Record<number, string> = {
  1: 'mean eccentricity out of range',
  2: 'mean motion below zero',
  3: 'perturbed eccentricity out of range',
  4: 'semi-latus rectum below zero',
  5: 'epoch elements are sub-orbital',
  6: 'satellite has decayed',
};

/** Human text for a satellite.js SatRec error code. */
export function sgp4ErrorText(code: number): string {
  return SGP4_ERRORS[code] ?? `SGP4 error ${code}`;
}

/** The catalogue's columns while it is built (index i is one satellite in every column). */
class Columns {
  readonly satrecs: SatRec[] = [];
  readonly shellIndex: number[] = [];
  readonly plane: number[] = [];
  readonly slot: number[] = [];
  readonly status: number[] = [];
  readonly names: string[] = [];
  readonly noradIds: number[] = [];

  push(satrec: SatRec, shell: number, plane: number, slot: number, status: number, name: string, noradId: number): void {
    this.satrecs.push(satrec);
    this.shellIndex.push(shell);
    this.plane.push(plane);
    this.slot.push(slot);
    this.status.push(status);
    this.names.push(name);
    this.noradIds.push(noradId);
  }

  /** A real satellite takes planned satellite i's place (same shell, plane and slot). */
  replace(i: number, satrec: SatRec, status: number, name: string, noradId: number): void {
    this.satrecs[i] = satrec;
    this.status[i] = status;
    this.names[i] = name;
    this.noradIds[i] = noradId;
  }

  toCatalog(shells: ShellInfo[]): SatelliteCatalog {
    return {
      count: this.satrecs.length,
      shells,
      shellIndex: Int32Array.from(this.shellIndex),
      plane: Int32Array.from(this.plane),
      slot: Int32Array.from(this.slot),
      status: Uint8Array.from(this.status),
      names: this.names,
      noradIds: Int32Array.from(this.noradIds),
    };
  }
}

const setPath = (index: number): string => `constellation.elementSets[${index}]`;

/** Every Walker shell's planned satellites; returns the catalogue index of each shell's first satellite. */
function addWalkerShells(scenario: Scenario, epochMs: number, shells: ShellInfo[], cols: Columns): number[] {
  const first: number[] = [];
  let synthetic = SYNTHETIC_NORAD_BASE;
  scenario.constellation.shells.forEach((shell) => {
    const si = shells.length;
    first.push(cols.satrecs.length);
    shells.push({
      id: shell.id,
      name: shell.name,
      altitudeKm: shell.altitudeKm,
      inclinationDeg: shell.inclinationDeg,
      planes: shell.planes,
      satsPerPlane: shell.satsPerPlane,
      islEnabled: shell.islEnabled,
      kind: 'walker',
    });
    const code = STATUS_CODES[shell.status];
    for (const w of walkerElements(shell, epochMs)) {
      const id = synthetic++;
      cols.push(satrecFromElements(id, w.elements), si, w.plane, w.slot, code, walkerSatelliteName(shell.id, w.plane, w.slot, shell.planes, shell.satsPerPlane), id);
    }
  });
  return first;
}

/** The element sets SGP4 can be set up from (others reported as skipped), in scenario order. */
function resolveSets(scenario: Scenario, problems: CatalogProblem[]): ResolvedMember[] {
  const out: ResolvedMember[] = [];
  scenario.constellation.elementSets.forEach((set, index) => {
    let resolved: ResolvedElementSet;
    try {
      resolved = resolveElementSet(set);
    } catch (e) {
      problems.push({ path: setPath(index), message: `skipped: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    if (resolved.satrec.error !== 0) {
      problems.push({ path: setPath(index), message: `${resolved.name}: SGP4 could not initialise these elements (${sgp4ErrorText(resolved.satrec.error)}); the satellite is kept but has no position` });
    }
    out.push({ index, resolved, set });
  });
  return out;
}

/**
 * Real satellites matched to the Walker slots: those in a slot replace the planned satellite there,
 * those raising are appended as one "<shell> (raising)" group per Walker shell (no grid, no lasers).
 * Returns the summary and the sets left for the imported groups.
 */
function addMatchedSets(scenario: Scenario, epochMs: number, walkerFirst: readonly number[], shells: ShellInfo[], cols: Columns, members: ResolvedMember[]): { summary: SlotMatchingSummary; rest: ResolvedMember[] } {
  const walker = scenario.constellation.shells;
  const { matches, others } = matchElementSets(members, walker, epochMs);
  const summary: SlotMatchingSummary = { inSlot: [], raising: [], unmatched: [] };
  const unmatched: ResolvedMember[] = [];
  const raisingBy = new Map<number, MemberMatch[]>();
  for (const m of matches) {
    const { resolved, set, index } = m.member;
    if (m.status === 'operational') {
      const i = walkerFirst[m.shell]! + m.plane * walker[m.shell]!.satsPerPlane + m.slot;
      cols.replace(i, resolved.satrec, STATUS_CODES[set.status], resolved.name, resolved.noradId);
      summary.inSlot.push(i);
    } else if (m.status === 'raising') {
      const plane = m.plane >= 0 ? `, plane ${m.plane}` : '';
      summary.raising.push({ path: setPath(index), message: `${resolved.name} (${walker[m.shell]!.id}${plane}): ${m.reason}` });
      let g = raisingBy.get(m.shell);
      if (!g) raisingBy.set(m.shell, (g = []));
      g.push(m);
    } else {
      summary.unmatched.push({ path: setPath(index), message: `${resolved.name}: ${m.reason}; kept as an imported satellite` });
      unmatched.push(m.member);
    }
  }
  for (const [w, group] of [...raisingBy].sort((a, b) => a[0] - b[0])) {
    const sh = walker[w]!;
    const si = shells.length;
    const alts = group.map((m) => meanAltitudeKm(m.member.resolved.satrec));
    shells.push({ id: `${sh.id}:raising`, name: `${sh.name} (raising)`, altitudeKm: alts.reduce((a, b) => a + b, 0) / alts.length, inclinationDeg: sh.inclinationDeg, planes: 0, satsPerPlane: 0, islEnabled: false, kind: 'imported' });
    for (const m of group) {
      const { resolved, set } = m.member;
      cols.push(resolved.satrec, si, m.plane, -1, set.status === 'operational' ? STATUS_CODES.raising : STATUS_CODES[set.status], resolved.name, resolved.noradId);
    }
  }
  const rest = [...others, ...unmatched].sort((a, b) => a.index - b.index);
  return { summary, rest };
}

/** Imported sets, grouped by shellId in order of first appearance, each with its inferred shells, planes and slots. */
function addImportedGroups(scenario: Scenario, epochMs: number, shells: ShellInfo[], cols: Columns, members: readonly ResolvedMember[]): void {
  const walkerIds = new Set(scenario.constellation.shells.map((s) => s.id));
  const groups = new Map<string, ResolvedMember[]>();
  for (const m of members) {
    const key = m.set.shellId ?? IMPORTED_SHELL_ID;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(m);
  }
  for (const [key, group] of groups) {
    const clash = walkerIds.has(key);
    // A Walker shell may share the id (launched satellites of a planned shell); keep ids unique.
    const baseId = clash ? `${key}:imported` : key;
    const baseName = key === IMPORTED_SHELL_ID ? 'Imported' : clash ? `${key} (imported)` : key;
    // Inferred shells, planes and slots (constellation/planes) give imported catalogues their +Grid.
    const inf = inferPlanesAndSlots(group.map((m) => m.resolved.satrec), epochMs);
    const first = shells.length;
    const multi = inf.shells.length > 1;
    inf.shells.forEach((sh, k) => shells.push({
      id: multi ? `${baseId}-${k + 1}` : baseId,
      name: multi ? `${baseName} ${k + 1}` : baseName,
      altitudeKm: sh.altitudeKm,
      inclinationDeg: sh.inclinationDeg,
      planes: sh.planes,
      satsPerPlane: sh.satsPerPlane,
      phasingF: sh.phasingF,
      raanSpreadDeg: 360,
      islEnabled: sh.planes > 0,
      kind: 'imported',
    }));
    let unusableShell = -1;
    group.forEach((m, j) => {
      let si = inf.shell[j]!;
      if (si >= 0) si += first;
      else {
        if (unusableShell < 0) {
          unusableShell = shells.length;
          shells.push({ id: shells.length > first ? `${baseId}-unusable` : baseId, name: baseName, altitudeKm: Number.NaN, inclinationDeg: Number.NaN, planes: 0, satsPerPlane: 0, islEnabled: false, kind: 'imported' });
        }
        si = unusableShell;
      }
      // Below its shell: raising (no traffic, no lasers) unless the set says it is not launched.
      const status = inf.raising[j] && m.set.status === 'operational' ? STATUS_CODES.raising : STATUS_CODES[m.set.status];
      cols.push(m.resolved.satrec, si, inf.plane[j]!, inf.slot[j]!, status, m.resolved.name, m.resolved.noradId);
    });
  }
}

/** Build the catalogue and SGP4 records of a (validated) scenario. */
export function buildCatalog(scenario: Scenario): BuiltCatalog {
  const epochMs = parseIsoUtc(scenario.epochUtc);
  const shells: ShellInfo[] = [];
  const cols = new Columns();
  const problems: CatalogProblem[] = [];
  const walkerFirst = addWalkerShells(scenario, epochMs, shells, cols);
  let imported = resolveSets(scenario, problems);
  let slotMatching: SlotMatchingSummary | null = null;
  if (walkerFirst.length > 0 && imported.length > 0) {
    const matched = addMatchedSets(scenario, epochMs, walkerFirst, shells, cols, imported);
    slotMatching = matched.summary;
    imported = matched.rest;
  }
  addImportedGroups(scenario, epochMs, shells, cols, imported);
  return { catalog: cols.toCatalog(shells), satrecs: cols.satrecs, problems, slotMatching };
}
