// Entry of the export worker (one per export; the client terminates it when done or canceled):
// CZML and the Hypatia/ns-3 state are built off the main thread (propagating every satellite over
// the window takes seconds). Speaks the app's worker envelope (engine/protocol.ts): one request,
// one response.
import { strToU8, zipSync } from 'fflate';
import { exportCzml, exportHypatia, type CzmlOptions } from '../../../src-core/io';
import type { Scenario } from '../../../src-core/scenario/schema';
import { serializeError, type ClientMessage, type WorkerMessage } from '../../engine/protocol';

/** The export worker's requests: name -> request and response. */
export interface ExportRequests {
  czml: { req: { scenario: Scenario; options: CzmlOptions }; res: { text: string } };
  /** Hypatia's three files zipped; `problems` (and no zip) when the state cannot be written. */
  hypatia: { req: { scenario: Scenario }; res: { zip: Uint8Array | null; files: string[]; problems: string[] } };
}

const post = (m: WorkerMessage, transfer: Transferable[] = []): void => self.postMessage(m, { transfer });

function run(name: keyof ExportRequests, payload: unknown): { result: unknown; transfer: Transferable[] } {
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
    const { result, transfer } = run(m.name, m.payload);
    post({ type: 'response', id: m.id, ok: true, result }, transfer);
  } catch (e) {
    post({ type: 'response', id: m.id, ok: false, error: serializeError(e) });
  }
});

post({ type: 'ready' });
