// File > Export > Report (PDF)…: the planning report (docs/REPORT.md) of the scenario on screen,
// from the engine's current figures (the coverage panel's snapshot, the capacity section's view
// when it has one) and a still of the globe (demo mode's frame capture), written by
// src-core/report in the page and saved through the platform bridge. Offline, like every export:
// the report's font (DejaVu Sans) is a file bundled with the app, fetched from the app's origin.
import dejaVuBoldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import dejaVuUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import { writeReportPdf, type ReportCapacity, type ReportFonts, type ReportInput } from '../../../src-core/report';
import type { CoverageSnapshot } from '../../engine/planningProtocol';
import { getEngine } from '../../engine/instance';
import { getLiveViewer } from '../../globe/camera';
import { getBridge } from '../../platform/bridge';
import { appStore } from '../../state/store';
import { useCapacity } from '../capacity/capacityStore';
import { captureFrame, slug, toBlob } from '../demo/capture';
import { planningStore } from '../planning/planningStore';

/** Widest snapshot embedded, device px (the page shows it about 380 pt wide). */
const SNAPSHOT_MAX_W = 1600;

let running = false;

/** The figures of the scenario's current revision: now, or once the engine has them. */
function currentFigures(): Promise<CoverageSnapshot> {
  const ready = (): CoverageSnapshot | 'error' | null => {
    const p = planningStore.getState();
    if (p.status === 'error') return 'error';
    return p.status === 'ready' && p.current && p.current.revision === appStore.getState().revision ? p.current : null;
  };
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const r = ready();
      if (r === null) return false;
      if (r === 'error') reject(new Error(`the coverage figures could not be computed (${planningStore.getState().error ?? 'engine error'})`));
      else resolve(r);
      return true;
    };
    if (check()) return;
    const stop = planningStore.subscribe(() => {
      if (check()) stop();
    });
  });
}

function capacityOf(revision: number): ReportCapacity | undefined {
  const c = useCapacity.getState();
  const v = c.view;
  // A view as of a rollout date covers only the gateways in service then: not the scenario's figures.
  if (c.status !== 'ready' || !v || v.revision !== revision || v.step < 0 || v.asOfDateMs !== null) return undefined;
  return {
    scope: `at ${new Date(v.stepUtcMs).toISOString().slice(0, 16).replace('T', ' ')} UTC, the time shown`,
    demandGbps: v.demandGbps,
    servedGbps: v.servedGbps,
    unroutableGbps: v.unroutableGbps,
    bottleneck: v.bottleneck,
    gatewayGbps: v.gatewayGbps,
    gatewayUtilisation: v.gatewayUtilisation,
  };
}

/** A PNG of the globe as shown now, or why there is none. */
async function snapshot(): Promise<{ png?: Uint8Array; note?: string }> {
  const viewer = getLiveViewer();
  if (!viewer) return { note: 'No globe snapshot: the globe is not running (it needs WebGL).' };
  const k = Math.min(1, SNAPSHOT_MAX_W / Math.max(1, viewer.canvas.width));
  const out = document.createElement('canvas');
  out.width = Math.max(1, Math.round(viewer.canvas.width * k));
  out.height = Math.max(1, Math.round(viewer.canvas.height * k));
  await captureFrame(viewer, out, appStore.getState().timeUtcMs, () => false);
  return { png: new Uint8Array(await (await toBlob(out)).arrayBuffer()) };
}

let fontsLoaded: Promise<ReportFonts> | null = null;

/** DejaVu Sans, bundled with the app (a local asset: offline), fetched once. */
function reportFonts(): Promise<ReportFonts> {
  const get = async (url: string): Promise<Uint8Array> => {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`the report font ${url} could not be read (HTTP ${r.status})`);
    return new Uint8Array(await r.arrayBuffer());
  };
  fontsLoaded ??= Promise.all([get(dejaVuUrl), get(dejaVuBoldUrl)]).then(([regular, bold]) => ({ regular, bold }));
  fontsLoaded.catch(() => (fontsLoaded = null));
  return fontsLoaded;
}

async function buildInput(): Promise<ReportInput> {
  const snap = await currentFigures();
  const st = appStore.getState();
  const info = getEngine().scenarioInfo;
  const shot = await snapshot();
  const capacity = capacityOf(snap.revision);
  const h = snap.headline;
  return {
    scenario: st.scenario,
    figures: {
      satellites: info?.satelliteCount ?? 0,
      stepCount: snap.servedPctByStep.length,
      cellCount: snap.cells.servedPct.length,
      headline: { ...h, gatewayShare: snap.gatewayShare },
    },
    latencyHist: snap.latencyHist,
    servedPctByStep: snap.servedPctByStep,
    ...(capacity ? { capacity } : {}),
    ...(shot.png ? { snapshotPng: shot.png } : { snapshotNote: shot.note! }),
    producer: 'LEO Planner',
    fonts: await reportFonts(),
  };
}

/** Builds the report of the scenario on screen and offers it to save. One at a time. */
export async function exportReport(): Promise<void> {
  if (running) return;
  running = true;
  const st = appStore.getState();
  try {
    if (planningStore.getState().status !== 'ready') st.notify('info', 'Report: waiting for the coverage figures…');
    const input = await buildInput();
    const pdf = await writeReportPdf(input);
    const name = `${slug()}-report.pdf`;
    const saved = await getBridge().saveExport({ blob: new Blob([pdf as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), suggestedName: name });
    if (!saved) return;
    st.notify('info', `Exported ${saved.name} (${(pdf.length / 1024).toFixed(0)} KiB)`);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    st.notify('error', `Report not exported: ${msg}`);
  } finally {
    running = false;
  }
}
