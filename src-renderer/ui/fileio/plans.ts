// What File › Import, Compare and Merge would do, worked out before anything changes (pure: no
// store, no DOM, so unit tests drive it). The dialogs show a plan; only "Import" / "Merge" turns
// it into one undoable command (state/ioCommands.ts).
import { importConstellation, importSites, type ConstellationImport, type RejectReason, type SiteImport, type SiteProblem } from '../../../src-core/io';
import { greatCircleKm } from '../../../src-core/frames/spherical';
import { detectFileKind } from '../../../src-core/scenario/detect';
import { diffScenarios, type ScenarioDiff } from '../../../src-core/scenario/diff';
import { mergeScenarios, type MergeConflict } from '../../../src-core/scenario/merge';
import { parseScenario, validateScenario, type Scenario, type ScenarioProblem } from '../../../src-core/scenario/schema';
import { degToRad, parseIsoUtc } from '../../../src-core/units';

/** Readable names of the importer's rejection reasons. */
export const REJECT_REASON_TEXT: Record<RejectReason, string> = {
  checksum: 'bad checksum',
  field: 'bad field',
  sgp4: 'SGP4 failure or decayed',
  epoch: 'epoch far from the analysis time',
  duplicate: 'older set of a satellite listed again',
};

/** An imported gateway this close to an existing one is flagged as a likely duplicate (still added). */
export const NEAR_DUPLICATE_KM = 1;

/** Satellites a scenario asks for (Walker slots plus element sets; the catalogue's count). */
export function satelliteCount(s: Scenario): number {
  return s.constellation.shells.reduce((n, sh) => n + sh.planes * sh.satsPerPlane, 0) + s.constellation.elementSets.length;
}

export interface ConstellationPlan {
  kind: 'constellation';
  fileName: string;
  result: ConstellationImport;
  /** Rejections counted by reason, in REJECT_REASON_TEXT order. */
  byReason: { reason: RejectReason; count: number }[];
  satellitesBefore: number;
  /** The scenario after the import, or why it would be invalid (then Import is refused). */
  next: Scenario | null;
  problems: ScenarioProblem[];
}

export interface SitesPlan {
  kind: 'sites';
  fileName: string;
  result: SiteImport;
  /** Records refused because their id is already in the scenario. */
  duplicateIds: SiteProblem[];
  /** Imported gateways within NEAR_DUPLICATE_KM of an existing one (added all the same). */
  nearDuplicates: { id: string; name: string; existing: string; km: number }[];
  problems: ScenarioProblem[];
}

export type ImportPlan = ConstellationPlan | SitesPlan;

function validated(next: Scenario): { next: Scenario | null; problems: ScenarioProblem[] } {
  const r = validateScenario(next);
  return r.ok ? { next: r.scenario, problems: [] } : { next: null, problems: r.problems };
}

/** A scenario file is not an element file: say so instead of listing every line as a bad record. */
export class WrongFileError extends Error {}

/** The constellation import of `text`, checked at the scenario's analysis start. */
export function planConstellationImport(scenario: Scenario, fileName: string, text: string): ConstellationPlan {
  const kind = detectFileKind(text, fileName);
  if (kind === 'scenario') throw new WrongFileError(`${fileName} is a scenario file; open it with File › Open, or import element sets (TLE, OMM JSON/XML/KVN)`);
  const result = importConstellation(text, { format: kind, analysisTimeMs: parseIsoUtc(scenario.analysis.startUtc) });
  const byReason = (Object.keys(REJECT_REASON_TEXT) as RejectReason[])
    .map((reason) => ({ reason, count: result.rejected.filter((r) => r.reason === reason).length }))
    .filter((x) => x.count > 0);
  const checked = result.sets.length > 0 ? validated({ ...scenario, constellation: { ...scenario.constellation, shells: [], elementSets: result.sets } }) : { next: null, problems: [] };
  return { kind: 'constellation', fileName, result, byReason, satellitesBefore: satelliteCount(scenario), ...checked };
}

/** The gateway/PoP import of `text` (CSV, GeoJSON or KML by name or content). */
export function planSitesImport(scenario: Scenario, fileName: string, text: string): SitesPlan {
  const existingIds = new Set([...scenario.gateways.map((g) => g.id), ...scenario.pops.map((p) => p.id)]);
  const result = importSites(text, fileName, { existingIds });
  const duplicateIds = result.rejected.filter((r) => /is already used/.test(r.message));
  const nearDuplicates: SitesPlan['nearDuplicates'] = [];
  for (const g of result.gateways) {
    for (const e of scenario.gateways) {
      const km = greatCircleKm(degToRad(g.latDeg), degToRad(g.lonDeg), degToRad(e.latDeg), degToRad(e.lonDeg));
      if (km <= NEAR_DUPLICATE_KM) {
        nearDuplicates.push({ id: g.id, name: g.name, existing: e.name, km });
        break;
      }
    }
  }
  const added = result.gateways.length + result.pops.length;
  const { problems } = added > 0 ? validated({ ...scenario, pops: [...scenario.pops, ...result.pops], gateways: [...scenario.gateways, ...result.gateways] }) : { problems: [] };
  return { kind: 'sites', fileName, result, duplicateIds, nearDuplicates, problems };
}

/** A scenario file read for Compare or Merge; throws with the file's problems when it cannot be read. */
export function readScenarioText(fileName: string, text: string): Scenario {
  const r = parseScenario(text);
  if (!r.ok) throw new ScenarioFileError(fileName, r.problems);
  return r.scenario;
}

export class ScenarioFileError extends Error {
  constructor(
    readonly fileName: string,
    readonly problems: ScenarioProblem[],
  ) {
    super(`${fileName} is not a scenario this app can read`);
  }
}

export interface ComparePlan {
  fileName: string;
  /** From the open scenario (before) to the file (after). */
  diff: ScenarioDiff;
}

export function planCompare(open: Scenario, fileName: string, text: string): ComparePlan {
  return { fileName, diff: diffScenarios(open, readScenarioText(fileName, text)) };
}

export type Side = 'ours' | 'theirs';

export interface MergePlan {
  baseName: string;
  theirsName: string;
  base: Scenario;
  theirs: Scenario;
  conflicts: MergeConflict[];
}

/** The conflicts of merging `theirs` into the open scenario (ours) over `base`. */
export function planMerge(ours: Scenario, baseName: string, baseText: string, theirsName: string, theirsText: string): MergePlan {
  const base = readScenarioText(baseName, baseText);
  const theirs = readScenarioText(theirsName, theirsText);
  const r = mergeScenarios(base, ours, theirs, 'none');
  return { baseName, theirsName, base, theirs, conflicts: r.conflicts };
}

/** The merged scenario with each conflict settled as `choices` says (by path; ours when absent). */
export function applyMergeChoices(ours: Scenario, plan: MergePlan, choices: Readonly<Record<string, Side>>): { ok: true; scenario: Scenario } | { ok: false; problems: ScenarioProblem[] } {
  const r = mergeScenarios(plan.base, ours, plan.theirs, (c) => choices[c.path] ?? 'ours');
  return r.ok ? { ok: true, scenario: r.scenario } : { ok: false, problems: r.problems };
}
