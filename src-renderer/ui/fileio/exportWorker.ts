// Entry of the file I/O worker (one per export or import; the client terminates it when done or
// canceled): CZML and the Hypatia/ns-3 state are built off the main thread (propagating every
// satellite over the window takes seconds), and so are import plans (parsing 100k element sets
// takes seconds: the page must keep drawing). Speaks the app's worker envelope
// (engine/protocol.ts): one request, `progress` messages by phase, one response.
import { strToU8, zipSync } from 'fflate';
import { exportCzml, exportHypatia, type CzmlOptions } from '../../../src-core/io';
import type { Scenario } from '../../../src-core/scenario/schema';
import { serializeError, type ClientMessage, type Progress, type WorkerMessage } from '../../engine/protocol';
import { planConstellationImport, planSitesImport, WrongFileError, type ImportPlan } from './plans';

/** The export worker's requests: name -> request and response. */
export interface ExportRequests {
  czml: { req: { scenario: Scenario; options: CzmlOptions }; res: { text: string } };
  /** Hypatia's three files zipped; `problems` (and no zip) when the state cannot be written. */
  hypatia: { req: { scenario: Scenario }; res: { zip: Uint8Array | null; files: string[]; problems: string[] } };
  /**
   * The import summary of a file's text (plans.ts). `wrongFile`: the file is not of the kind
   * asked for (a scenario given as element sets).
   */
  importPlan: { req: { kind: 'constellation' | 'sites'; scenario: Scenario; fileName: string; text: string }; res: { plan: ImportPlan } | { wrongFile: string } };
}

/**
 * Phases of an import, reported as `progress` when each starts. The parsers (src-core/io) take
 * no progress callback, so progress is by phase: parse and check run as one call.
 */
export const IMPORT_PHASES = ['parsing and checking the records'] as const;

const post = (m: WorkerMessage, transfer: Transferable[] = []): void => self.postMessage(m, { transfer });

function importPlan(id: number, req: ExportRequests['importPlan']['req']): ExportRequests['importPlan']['res'] {
  const phase = (i: number): void => {
    const progress: Progress = { done: i, total: IMPORT_PHASES.length, phase: IMPORT_PHASES[i]! };
    post({ type: 'progress', id, progress });
  };
  phase(0);
  const { scenario, fileName, text } = req;
  try {
    return { plan: req.kind === 'constellation' ? planConstellationImport(scenario, fileName, text) : planSitesImport(scenario, fileName, text) };
  } catch (e) {
    if (e instanceof WrongFileError) return { wrongFile: e.message };
    throw e;
  }
}

function run(id: number, name: keyof ExportRequests, payload: unknown): { result: unknown; transfer: Transferable[] } {
  if (name === 'importPlan') return { result: importPlan(id, payload as ExportRequests['importPlan']['req']), transfer: [] };
  if (name === 'czml') {
    const { scenario, options } = payload as ExportRequests['czml']['req'];
    return { result: { text: JSON.stringify(exportCzml(scenario, options)) }, transfer: [] };
  }
  const { scenario } = payload as ExportRequests['hypatia']['req'];
  const h = exportHypatia(scenario);
  if (h.problems.length > 0) return { result: { zip: null, files: [], problems: h.problems }, transfer: [] };
  const zip = zipSync(Object.fromEntries(Object.entries(h.files).map(([file, text]) => [file, strToU8(text)])));
  return { result: { zip, files: Object.keys(h.files), problems: [] }, transfer: [zip.buffer] };
}

self.addEventListener('message', (event: MessageEvent<ClientMessage<keyof ExportRequests>>) => {
  const m = event.data;
  if (m.type !== 'request') return;
  try {
    const { result, transfer } = run(m.id, m.name, m.payload);
    post({ type: 'response', id: m.id, ok: true, result }, transfer);
  } catch (e) {
    post({ type: 'response', id: m.id, ok: false, error: serializeError(e) });
  }
});

post({ type: 'ready' });
