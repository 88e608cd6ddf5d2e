// Builds the satellite catalogue of a scenario: every Walker shell (planned satellites, synthetic
// NORAD numbers from 900000) followed by the imported element sets (TLE/OMM), grouped into
// 'imported' shells by their shellId (or one "Imported" group), each split into the shells, planes and
// slots inferred from the elements (planes.ts), so imported catalogues get their +Grid lasers. Index i is the same satellite in
// `catalog` and `satrecs`. Never throws on bad data: unusable sets are skipped and reported;
// sets whose SGP4 initialisation fails are kept (the propagator flags them, positions NaN).
import type { SatRec } from 'satellite.js';
import type { ElementSet, Scenario } from '../scenario/schema';
import { parseIsoUtc } from '../units';
import { inferPlanesAndSlots } from './planes';
import { resolveElementSet, satrecFromElements, type ResolvedElementSet } from './elements';
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

export interface BuiltCatalog {
  catalog: SatelliteCatalog;
  /** One initialised SatRec per catalogue index. */
  satrecs: SatRec[];
  problems: CatalogProblem[];
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

/** Build the catalogue and SGP4 records of a (validated) scenario. */
export function buildCatalog(scenario: Scenario): BuiltCatalog {
  const epochMs = parseIsoUtc(scenario.epochUtc);
  const shells: ShellInfo[] = [];
  const satrecs: SatRec[] = [];
  const shellIndex: number[] = [];
  const plane: number[] = [];
  const slot: number[] = [];
  const status: number[] = [];
  const names: string[] = [];
  const noradIds: number[] = [];
  const problems: CatalogProblem[] = [];

  let synthetic = SYNTHETIC_NORAD_BASE;
  scenario.constellation.shells.forEach((shell) => {
    const si = shells.length;
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
      satrecs.push(satrecFromElements(id, w.elements));
      shellIndex.push(si);
      plane.push(w.plane);
      slot.push(w.slot);
      status.push(code);
      names.push(walkerSatelliteName(shell.id, w.plane, w.slot, shell.planes, shell.satsPerPlane));
      noradIds.push(id);
    }
  });

  // Imported sets, grouped by shellId in order of first appearance.
  const walkerIds = new Set(scenario.constellation.shells.map((s) => s.id));
  const groups = new Map<string, { index: number; resolved: ResolvedElementSet; set: ElementSet }[]>();
  scenario.constellation.elementSets.forEach((set, index) => {
    const path = `constellation.elementSets[${index}]`;
    let resolved: ResolvedElementSet;
    try {
      resolved = resolveElementSet(set);
    } catch (e) {
      problems.push({ path, message: `skipped: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    if (resolved.satrec.error !== 0) {
      problems.push({ path, message: `${resolved.name}: SGP4 could not initialise these elements (${sgp4ErrorText(resolved.satrec.error)}); the satellite is kept but has no position` });
    }
    const key = set.shellId ?? IMPORTED_SHELL_ID;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push({ index, resolved, set });
  });
  for (const [key, members] of groups) {
    const clash = walkerIds.has(key);
    // A Walker shell may share the id (launched satellites of a planned shell); keep ids unique.
    const baseId = clash ? `${key}:imported` : key;
    const baseName = key === IMPORTED_SHELL_ID ? 'Imported' : clash ? `${key} (imported)` : key;
    // Inferred shells, planes and slots (constellation/planes) give imported catalogues their +Grid.
    const inf = inferPlanesAndSlots(members.map((m) => m.resolved.satrec), epochMs);
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
    members.forEach((m, j) => {
      let si = inf.shell[j]!;
      if (si >= 0) si += first;
      else {
        if (unusableShell < 0) {
          unusableShell = shells.length;
          shells.push({ id: shells.length > first ? `${baseId}-unusable` : baseId, name: baseName, altitudeKm: Number.NaN, inclinationDeg: Number.NaN, planes: 0, satsPerPlane: 0, islEnabled: false, kind: 'imported' });
        }
        si = unusableShell;
      }
      satrecs.push(m.resolved.satrec);
      shellIndex.push(si);
      plane.push(inf.plane[j]!);
      slot.push(inf.slot[j]!);
      // Below its shell: raising (no traffic, no lasers) unless the set says it is not launched.
      status.push(inf.raising[j] && m.set.status === 'operational' ? STATUS_CODES.raising : STATUS_CODES[m.set.status]);
      names.push(m.resolved.name);
      noradIds.push(m.resolved.noradId);
    });
  }

  const catalog: SatelliteCatalog = {
    count: satrecs.length,
    shells,
    shellIndex: Int32Array.from(shellIndex),
    plane: Int32Array.from(plane),
    slot: Int32Array.from(slot),
    status: Uint8Array.from(status),
    names,
    noradIds: Int32Array.from(noradIds),
  };
  return { catalog, satrecs, problems };
}
