// Runs one export or import plan in a dedicated worker (exportWorker.ts) and resolves with its
// result; the worker is terminated when it answers, or by cancelExport(). Its progress messages
// (the phase) are shown after the busy text.
import type { ClientMessage, WorkerMessage } from '../../engine/protocol';
import type { ExportRequests } from './exportWorker';
import { ioStore } from './ioStore';

let running: { worker: Worker; reject: (e: Error) => void } | null = null;

export class ExportCanceled extends Error {
  constructor() {
    super('Canceled');
    this.name = 'ExportCanceled';
  }
}

export function cancelExport(): void {
  if (!running) return;
  running.worker.terminate();
  running.reject(new ExportCanceled());
  running = null;
  ioStore.setState({ busy: null });
}

export function runExport<N extends keyof ExportRequests>(name: N, req: ExportRequests[N]['req'], busy: string): Promise<ExportRequests[N]['res']> {
  cancelExport();
  ioStore.setState({ busy });
  const worker = new Worker(new URL('./exportWorker.ts', import.meta.url), { type: 'module', name: 'leo-export' });
  return new Promise<ExportRequests[N]['res']>((resolve, reject) => {
    running = { worker, reject };
    const done = (): void => {
      worker.terminate();
      if (running?.worker === worker) running = null;
      ioStore.setState({ busy: null });
    };
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
      const m = e.data;
      if (m.type === 'progress' && running?.worker === worker) ioStore.setState({ busy: `${busy} ${m.progress.phase ?? `${m.progress.done} of ${m.progress.total}`}…` });
      if (m.type !== 'response') return;
      done();
      if (m.ok) resolve(m.result as ExportRequests[N]['res']);
      else reject(new Error(m.error.message));
    };
    worker.onerror = (e) => {
      done();
      reject(new Error(`the export worker failed: ${e.message}`));
    };
    const msg: ClientMessage<N> = { type: 'request', id: 1, name, payload: req };
    worker.postMessage(msg);
  });
}
