// `import <file> --into scenario.leo.json -o out.leo.json`: gateways/PoPs (CSV, GeoJSON, KML) or a
// constellation (TLE, OMM JSON/XML/KVN) added to a scenario, every rejected record listed.
// `export <scenario> --format csv|geojson|kml|czml|hypatia|report -o <path>`: see docs/IMPORT-EXPORT.md.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportCzml, exportHypatia, exportSitesCsv, exportSitesGeoJson, exportSitesKml, importConstellation, importSites, importSummary, reportCsv } from '../../../src-core/io';
import { validateScenario, type Scenario, type ScenarioProblem } from '../../../src-core/scenario/schema';
import { detectFileKind } from '../../../src-core/scenario/detect';
import { parseIsoUtc } from '../../../src-core/units';
import { CliError, clean, isSiteFile, loadInput, parseNumberArg, printProblems, readText, rejectedProblem } from '../io';
import { evaluateCoverage, reportFigures, withAnalysisOverrides } from './analyze';

type Values = Record<string, string | boolean | undefined>;

/** Write next to the target then rename, so a crash leaves the old file or the new one, never half. */
export function writeAtomic(path: string, text: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeFileSync(fd, text); // loops until every byte is written
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    throw new CliError(`cannot write "${path}": ${(e as Error).message}`);
  }
}

export function output(v: Values, what: string): string {
  const o = v.output;
  if (typeof o !== 'string' || o === '') throw new CliError(`${what} needs -o <path> (the file to write)`, [], 2);
  return o;
}

export function loadScenario(path: string): Scenario {
  const input = loadInput(path);
  if (input.kind !== 'scenario') throw new CliError(`${path} is not a scenario file (.leo.json); --into and export take a scenario`, [], 2);
  return input.scenario;
}

/** Print what was rejected (stderr) and the summary (stdout, or JSON). */
function report(json: boolean, summary: Record<string, unknown>, rejected: ScenarioProblem[]): void {
  if (json) {
    console.log(JSON.stringify({ ...summary, rejected }));
    return;
  }
  if (rejected.length > 0) {
    console.error(`${rejected.length} record${rejected.length === 1 ? '' : 's'} rejected:`);
    printProblems(rejected.slice(0, 50));
    if (rejected.length > 50) console.error(`  … and ${rejected.length - 50} more (use --json for all)`);
  }
  console.log(clean(String(summary.summary)));
}

function addFile(scenario: Scenario, file: string, text: string): { next: Scenario; summary: string; rejected: ScenarioProblem[]; added: number } {
  if (isSiteFile(file, text)) {
    const existingIds = new Set([...scenario.gateways.map((g) => g.id), ...scenario.pops.map((p) => p.id)]);
    const r = importSites(text, file, { existingIds });
    const rejected = r.rejected.map((x) => ({ path: x.where, message: x.message }));
    const added = r.gateways.length + r.pops.length;
    return { next: { ...scenario, gateways: [...scenario.gateways, ...r.gateways], pops: [...scenario.pops, ...r.pops] }, summary: `${r.gateways.length} gateways and ${r.pops.length} PoPs imported (${r.format}); ${rejected.length} rejected`, rejected, added };
  }
  const kind = detectFileKind(text, file);
  if (kind === 'scenario') throw new CliError(`${file} is a scenario; import takes gateways/PoPs (CSV, GeoJSON, KML) or element sets (TLE, OMM)`, [], 2);
  const r = importConstellation(text, { format: kind, analysisTimeMs: parseIsoUtc(scenario.analysis.startUtc) });
  const elementSets = [...scenario.constellation.elementSets, ...r.sets];
  return { next: { ...scenario, constellation: { ...scenario.constellation, elementSets } }, summary: importSummary(r), rejected: r.rejected.map(rejectedProblem), added: r.sets.length };
}

export function importCommand(file: string, v: Values): number {
  if (typeof v.into !== 'string') throw new CliError('import needs --into <scenario.leo.json> (the scenario to add to)', [], 2);
  const out = output(v, 'import');
  const { next, summary, rejected, added } = addFile(loadScenario(v.into), file, readText(file));
  if (added === 0) throw new CliError(`${file}: nothing usable to import`, rejected.slice(0, 50));
  const checked = validateScenario(next);
  if (!checked.ok) throw new CliError(`the scenario with ${file} added is not valid; nothing written`, checked.problems);
  writeAtomic(out, `${JSON.stringify(checked.scenario, null, 2)}\n`);
  report(v.json === true, { ok: true, output: out, added, summary: `${summary}; written to ${out}` }, rejected);
  return 0;
}

const FORMATS = ['csv', 'geojson', 'kml', 'czml', 'hypatia', 'report'] as const;
type ExportFormat = (typeof FORMATS)[number];

function latLon(flag: string, s: string | boolean | undefined): { latDeg: number; lonDeg: number } | undefined {
  if (typeof s !== 'string') return undefined;
  const [lat, lon] = s.split(',').map(Number);
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat!) > 90 || Math.abs(lon!) > 180) throw new CliError(`--${flag} "${s}" must be "lat,lon" in degrees`, [], 2);
  return { latDeg: lat!, lonDeg: lon! };
}

function czmlText(scenario: Scenario, v: Values): string {
  const s = withAnalysisOverrides(scenario, v);
  const from = latLon('from', v.from), to = latLon('to', v.to);
  if ((from === undefined) !== (to === undefined)) throw new CliError('a highlighted path needs both --from and --to ("lat,lon")', [], 2);
  try {
    return JSON.stringify(exportCzml(s, { startMs: parseIsoUtc(s.analysis.startUtc), durationS: s.analysis.durationS, stepS: s.analysis.stepS, ...(from && to ? { path: { from, to } } : {}) }));
  } catch (e) {
    if (e instanceof RangeError) throw new CliError(e.message, [], 2);
    throw e;
  }
}

function reportText(scenario: Scenario, v: Values): string {
  const s = withAnalysisOverrides(scenario, v);
  return reportCsv(s, reportFigures(evaluateCoverage(s, 'the scenario')));
}

export function exportCommand(path: string, v: Values): number {
  const format = v.format as ExportFormat | undefined;
  if (format === undefined || !FORMATS.includes(format)) throw new CliError(`export needs --format ${FORMATS.join('|')}`, [], 2);
  const out = output(v, 'export');
  const scenario = loadScenario(path);
  if (format === 'hypatia') {
    const h = exportHypatia(scenario);
    if (h.problems.length > 0) throw new CliError(`cannot write Hypatia state for ${path}`, h.problems.map((m) => ({ path: '(constellation)', message: m })));
    mkdirSync(out, { recursive: true });
    for (const [name, text] of Object.entries(h.files)) writeFileSync(join(out, name), text);
    console.log(`wrote ${Object.keys(h.files).join(', ')} to ${clean(out)}/`);
    return 0;
  }
  parseNumberArg('step', v.step as string | undefined, 1, { min: 0.001 });
  const text = format === 'csv' ? exportSitesCsv(scenario.gateways, scenario.pops)
    : format === 'geojson' ? exportSitesGeoJson(scenario.gateways, scenario.pops)
      : format === 'kml' ? exportSitesKml(scenario.gateways, scenario.pops, scenario.name)
        : format === 'czml' ? czmlText(scenario, v) : reportText(scenario, v);
  writeAtomic(out, text);
  console.log(`wrote ${format} to ${clean(out)}`);
  return 0;
}
