// `validate <file>`: a scenario (ok, or every problem with its JSON path) or an element-set file
// (TLE / OMM JSON / XML / KVN: ok, or every unusable record with its line and reason; exit 1).
// With --at, element sets are also propagated there and their epoch age checked.
// Keys the schema does not know are listed as warnings (with a "did you mean"); they do not fail.
import { buildCatalog } from '../../../src-core/constellation';
import { importConstellation } from '../../../src-core/io/importConstellation';
import { detectFileKind } from '../../../src-core/scenario/detect';
import { parseScenario } from '../../../src-core/scenario/schema';
import type { ScenarioProblem } from '../../../src-core/scenario/schema';
import { importSites } from '../../../src-core/io';
import { CliError, clean, isSiteFile, printProblems, readText, rejectedProblem } from '../io';
import { slotMatchingJson, slotMatchingLines } from './slotMatching';

function printWarnings(path: string, warnings: readonly ScenarioProblem[]): void {
  if (warnings.length === 0) return;
  console.error(`warning: ${clean(path)}: ${warnings.length} unknown key${warnings.length > 1 ? 's' : ''} (kept in the file, not used):`);
  printProblems([...warnings]);
}

/** A gateway/PoP file: ok when every record is a usable site, else each rejected record with its row/feature/placemark. */
function validateSites(path: string, text: string, json: boolean): number {
  const r = importSites(text, path);
  const problems = r.rejected.map((x) => ({ path: x.where, message: x.message }));
  if (problems.length === 0 && r.gateways.length + r.pops.length === 0) problems.push({ path: '(file)', message: 'no gateway or PoP records found: add one row (CSV), Point feature (GeoJSON) or Placemark (KML) per site' });
  const ok = problems.length === 0;
  if (json) console.log(JSON.stringify({ ok, file: path, format: r.format, gateways: r.gateways.length, pops: r.pops.length, problems }, null, 2));
  else if (!ok) throw new CliError(`${path}: ${r.gateways.length} usable gateways and ${r.pops.length} PoPs, ${problems.length} problem${problems.length === 1 ? '' : 's'} (${r.format})`, problems);
  else console.log(`ok: ${clean(path)} — ${r.gateways.length} gateways and ${r.pops.length} PoPs (${r.format})`);
  return ok ? 0 : 1;
}

export function validateCommand(path: string, json: boolean, atMs?: number): number {
  const text = readText(path);
  if (isSiteFile(path, text)) return validateSites(path, text, json);
  const kind = detectFileKind(text, path);
  if (kind !== 'scenario') {
    const imp = importConstellation(text, { format: kind, ...(atMs === undefined ? {} : { analysisTimeMs: atMs }) });
    const problems = imp.rejected.map(rejectedProblem);
    const ok = problems.length === 0;
    if (json) console.log(JSON.stringify({ ok, file: path, format: imp.format, usable: imp.sets.length, problems, rejected: imp.rejected }, null, 2));
    else if (!ok) throw new CliError(`${path}: ${imp.sets.length} usable element set${imp.sets.length === 1 ? '' : 's'}, ${problems.length} problem${problems.length === 1 ? '' : 's'} (${imp.format})`, problems);
    else console.log(`ok: ${clean(path)} — ${imp.sets.length} element sets (${imp.format})`);
    return ok ? 0 : 1;
  }
  const r = parseScenario(text);
  if (!r.ok) {
    if (json) {
      console.log(JSON.stringify({ ok: false, file: path, problems: r.problems }, null, 2));
      return 1;
    }
    throw new CliError(`${path}: ${r.problems.length} problem${r.problems.length > 1 ? 's' : ''}`, r.problems);
  }
  // The schema is fine; element sets can still be unusable (bad checksums, decayed orbits).
  const built = buildCatalog(r.scenario);
  const s = r.scenario;
  const summary = { ok: built.problems.length === 0, file: path, name: s.name, satellites: built.catalog.count, shells: built.catalog.shells.length, gateways: s.gateways.length, pops: s.pops.length, problems: built.problems, warnings: r.warnings, slotMatching: slotMatchingJson(built.slotMatching) };
  if (!json) printWarnings(path, r.warnings);
  if (json) console.log(JSON.stringify(summary, null, 2));
  else if (built.problems.length) throw new CliError(`${path}: ${built.problems.length} element-set problem(s)`, built.problems);
  else {
    console.log(`ok: ${clean(path)} — "${clean(s.name)}": ${summary.satellites} satellites in ${summary.shells} shells, ${summary.gateways} gateways, ${summary.pops} PoPs`);
    for (const line of slotMatchingLines(built.slotMatching)) console.log(line);
  }
  return summary.ok ? 0 : 1;
}
