// File › Import / Export / Compare / Merge: one function per menu command. Imports, Compare and
// Merge read a file through the bridge and open a dialog with a plan (plans.ts); nothing changes
// until the dialog's Import / Merge, which runs ONE undoable command (state/ioCommands.ts).
// Exports write through the bridge's saveExport (a download, or Electron's Save dialog).
import { exportSitesCsv, exportSitesGeoJson, exportSitesKml, MAX_CZML_SAMPLES, reportCsv } from '../../../src-core/io';
import { getBridge, type OpenFileRequest } from '../../platform/bridge';
import type { MenuCommand } from '../../platform/menu';
import { addSites, replaceConstellation, replaceScenario } from '../../state/ioCommands';
import { appStore } from '../../state/store';
import { planningStore } from '../planning/planningStore';
import { routeStore } from '../route/routeStore';
import { ExportCanceled, runExport } from './exportClient';
import { closeIoDialog, ioStore } from './ioStore';
import { applyMergeChoices, planCompare, planMerge, satelliteCount, ScenarioFileError, type Side } from './plans';

const ALL_FILES = { name: 'All files', extensions: ['*'] };
const FILES = {
  constellation: { title: 'Import constellation (TLE/OMM)', filters: [{ name: 'Element sets (TLE, OMM JSON/XML/KVN)', extensions: ['tle', 'txt', '3le', 'json', 'xml', 'kvn'] }, ALL_FILES] },
  sites: { title: 'Import gateways/PoPs (CSV, GeoJSON, KML)', filters: [{ name: 'Gateways and PoPs (CSV, GeoJSON, KML)', extensions: ['csv', 'geojson', 'json', 'kml'] }, ALL_FILES] },
  compare: { title: 'Compare with scenario', filters: [{ name: 'LEO Planner scenario', extensions: ['json'] }, ALL_FILES] },
  mergeBase: { title: 'Merge: pick the common base scenario (the version both started from)', filters: [{ name: 'LEO Planner scenario', extensions: ['json'] }, ALL_FILES] },
  mergeTheirs: { title: 'Merge: pick their scenario (merged into the open one)', filters: [{ name: 'LEO Planner scenario', extensions: ['json'] }, ALL_FILES] },
} satisfies Record<string, OpenFileRequest>;

/** CZML window defaults: about one orbit at 550 km, sampled every minute. */
export const CZML_DEFAULT_MINUTES = 96;
export const CZML_DEFAULT_STEP_S = 60;

const notify = (kind: 'info' | 'error', text: string, details?: readonly string[]) => appStore.getState().notify(kind, text, details);
const problemLines = (ps: readonly { path: string; message: string }[]) => ps.slice(0, 8).map((p) => `${p.path}: ${p.message}`);

/** "kuiper-gen1" from the scenario's name, for exported file names. */
export function fileStem(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'scenario';
}

async function openImport(kind: 'constellation' | 'sites'): Promise<void> {
  const file = await getBridge().openFile(FILES[kind]);
  if (file) await planImport(kind, file);
}

/**
 * A file dropped on the window that is an element-set or sites file (ui/files/drop.ts): the same
 * summary dialog as File › Import, nothing changes until its Import.
 */
export async function importDroppedFile(file: File, kind: 'element-sets' | 'sites'): Promise<void> {
  await planImport(kind === 'element-sets' ? 'constellation' : 'sites', { name: file.name, text: await file.text() });
}

const mb = (text: string): string => `${(text.length / 1e6).toFixed(1)} MB`;

/**
 * Parses the file in the I/O worker (the page keeps drawing; the busy bar shows the phase and
 * offers Cancel), then opens the summary dialog. The plan is checked against the scenario as it
 * was when parsing started; its Import applies the records to the scenario as it is then.
 */
async function planImport(kind: 'constellation' | 'sites', file: { name: string; text: string }): Promise<void> {
  const scenario = appStore.getState().scenario;
  try {
    const r = await runExport('importPlan', { kind, scenario, fileName: file.name, text: file.text }, `Importing ${file.name} (${mb(file.text)}):`);
    if ('wrongFile' in r) notify('error', r.wrongFile);
    else ioStore.setState({ dialog: { kind: 'import', plan: r.plan } });
  } catch (e) {
    if (e instanceof ExportCanceled) notify('info', `Import of ${file.name} canceled; the scenario is unchanged`);
    else notify('error', `Import of ${file.name} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The import dialog's Import: one undo step; the dialog closes. */
export function confirmImport(): void {
  const d = ioStore.getState().dialog;
  if (d?.kind !== 'import') return;
  const { plan } = d;
  const s = appStore.getState();
  if (plan.kind === 'constellation') {
    const n = plan.result.sets.length;
    if (n === 0 || plan.problems.length > 0) return;
    s.execute(replaceConstellation(plan.result.sets, `Import ${n.toLocaleString('en-US')} satellites from ${plan.fileName}`));
    notify('info', `Imported ${n.toLocaleString('en-US')} satellites from ${plan.fileName}; ${plan.result.rejected.length} rejected`);
  } else {
    const { gateways, pops } = plan.result;
    if (gateways.length + pops.length === 0 || plan.problems.length > 0) return;
    s.execute(addSites(gateways, pops, `Import ${gateways.length} gateways and ${pops.length} PoPs from ${plan.fileName}`));
    notify('info', `Imported ${gateways.length} gateways and ${pops.length} PoPs from ${plan.fileName}; ${plan.result.rejected.length} rejected`);
  }
  closeIoDialog();
}

function scenarioFileFailed(e: unknown): void {
  if (e instanceof ScenarioFileError) notify('error', e.message, problemLines(e.problems));
  else throw e;
}

async function compareWith(): Promise<void> {
  const file = await getBridge().openFile(FILES.compare);
  if (!file) return;
  try {
    ioStore.setState({ dialog: { kind: 'compare', plan: planCompare(appStore.getState().scenario, file.name, file.text) } });
  } catch (e) {
    scenarioFileFailed(e);
  }
}

async function mergeWith(): Promise<void> {
  const base = await getBridge().openFile(FILES.mergeBase);
  if (!base) return;
  const theirs = await getBridge().openFile(FILES.mergeTheirs);
  if (!theirs) return;
  try {
    const plan = planMerge(appStore.getState().scenario, base.name, base.text, theirs.name, theirs.text);
    ioStore.setState({ dialog: { kind: 'merge', plan, choices: {}, problems: [] } });
  } catch (e) {
    scenarioFileFailed(e);
  }
}

export function chooseSide(path: string, side: Side): void {
  const d = ioStore.getState().dialog;
  if (d?.kind !== 'merge') return;
  ioStore.setState({ dialog: { ...d, choices: { ...d.choices, [path]: side }, problems: [] } });
}

/** The merge dialog's Merge: the merged scenario replaces the open one as one undo step. */
export function confirmMerge(): void {
  const d = ioStore.getState().dialog;
  if (d?.kind !== 'merge') return;
  const r = applyMergeChoices(appStore.getState().scenario, d.plan, d.choices);
  if (!r.ok) {
    ioStore.setState({ dialog: { ...d, problems: r.problems } });
    return;
  }
  appStore.getState().execute(replaceScenario(r.scenario, `Merge ${d.plan.theirsName}`));
  notify('info', `Merged ${d.plan.theirsName} (${d.plan.conflicts.length} conflict${d.plan.conflicts.length === 1 ? '' : 's'} settled)`);
  closeIoDialog();
}

async function saveText(text: string, type: string, suggestedName: string): Promise<void> {
  const saved = await getBridge().saveExport({ blob: new Blob([text], { type }), suggestedName });
  if (saved) notify('info', `Exported ${saved.name}`);
}

async function exportSites(format: 'csv' | 'geojson' | 'kml'): Promise<void> {
  const { scenario } = appStore.getState();
  const stem = `${fileStem(scenario.name)}-gateways`;
  if (format === 'csv') return saveText(exportSitesCsv(scenario.gateways, scenario.pops), 'text/csv', `${stem}.csv`);
  if (format === 'geojson') return saveText(exportSitesGeoJson(scenario.gateways, scenario.pops), 'application/geo+json', `${stem}.geojson`);
  return saveText(exportSitesKml(scenario.gateways, scenario.pops, scenario.name), 'application/vnd.google-earth.kml+xml', `${stem}.kml`);
}

/** The report CSV from the coverage figures on screen (the engine's, for this very revision). */
async function exportReportCsv(): Promise<void> {
  const { scenario, revision } = appStore.getState();
  const { current, grid } = planningStore.getState();
  if (!current || !grid || current.revision !== revision) {
    notify('error', 'The coverage figures for the current scenario are not ready yet: wait until the Coverage panel shows them, then export the report again.');
    return;
  }
  const text = reportCsv(scenario, {
    satellites: satelliteCount(scenario),
    stepCount: current.servedPctByStep.length,
    cellCount: grid.ids.length,
    headline: { ...current.headline, gatewayShare: current.gatewayShare },
  });
  return saveText(text, 'text/csv', `${fileStem(scenario.name)}-report.csv`);
}

function openCzmlDialog(): void {
  const withRoute = routeStore.getState().from !== null && routeStore.getState().to !== null;
  ioStore.setState({ dialog: { kind: 'czml', startUtcMs: appStore.getState().timeUtcMs, durationMin: CZML_DEFAULT_MINUTES, stepS: CZML_DEFAULT_STEP_S, withRoute } });
}

/** Position samples a CZML window writes (satellites x steps); over MAX_CZML_SAMPLES it is refused. */
export function czmlSamples(satellites: number, durationMin: number, stepS: number): number {
  return satellites * (Math.floor((durationMin * 60) / stepS) + 1);
}

function exportFailed(e: unknown): void {
  if (e instanceof ExportCanceled) notify('info', 'Export canceled; nothing was written');
  else notify('error', `Export failed: ${e instanceof Error ? e.message : String(e)}`);
}

/** The CZML dialog's Export. */
export async function confirmCzml(): Promise<void> {
  const d = ioStore.getState().dialog;
  if (d?.kind !== 'czml') return;
  const { scenario } = appStore.getState();
  const samples = czmlSamples(satelliteCount(scenario), d.durationMin, d.stepS);
  if (!(d.durationMin > 0 && d.stepS > 0) || samples > MAX_CZML_SAMPLES) return;
  const { from, to } = routeStore.getState();
  const path = d.withRoute && from && to ? { from: { latDeg: from.latDeg, lonDeg: from.lonDeg }, to: { latDeg: to.latDeg, lonDeg: to.lonDeg } } : undefined;
  closeIoDialog();
  try {
    const { text } = await runExport('czml', { scenario, options: { startMs: d.startUtcMs, durationS: d.durationMin * 60, stepS: d.stepS, ...(path ? { path } : {}) } }, 'Writing CZML…');
    await saveText(text, 'application/json', `${fileStem(scenario.name)}.czml`);
  } catch (e) {
    exportFailed(e);
  }
}

async function exportHypatiaZip(): Promise<void> {
  const { scenario } = appStore.getState();
  try {
    const r = await runExport('hypatia', { scenario }, 'Writing Hypatia/ns-3 state…');
    if (!r.zip) {
      notify('error', 'The Hypatia/ns-3 state cannot be written for this scenario', r.problems.slice(0, 8));
      return;
    }
    const saved = await getBridge().saveExport({ blob: new Blob([r.zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), suggestedName: `${fileStem(scenario.name)}-hypatia.zip` });
    if (saved) notify('info', `Exported ${saved.name} (${r.files.join(', ')})`);
  } catch (e) {
    exportFailed(e);
  }
}

const IO_RUNNERS: Partial<Record<MenuCommand, () => Promise<void> | void>> = {
  'file.import.constellation': () => openImport('constellation'),
  'file.import.sites': () => openImport('sites'),
  'file.export.sitesCsv': () => exportSites('csv'),
  'file.export.sitesGeoJson': () => exportSites('geojson'),
  'file.export.sitesKml': () => exportSites('kml'),
  'file.export.czml': openCzmlDialog,
  'file.export.hypatia': exportHypatiaZip,
  'file.export.reportCsv': exportReportCsv,
  'file.compare': compareWith,
  'file.merge': mergeWith,
};

/** Runs a File › Import / Export / Compare / Merge command; false when `command` is not one. */
export function runIoCommand(command: MenuCommand, fail: (e: unknown) => void): boolean {
  const run = IO_RUNNERS[command];
  if (!run) return false;
  Promise.resolve()
    .then(run)
    .catch(fail);
  return true;
}
