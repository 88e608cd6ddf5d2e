// Test doubles at the worker boundary of EngineClient (and only there: the engine itself is real).
// - ManualWorker: records what the client posts and lets a test answer, fail, or crash by hand,
//   so ordering (stale results, latest-wins) is explicit.
// - inProcessEngine: the real engine host (src-renderer/engine/host.ts) behind a port that copies
//   every message with structuredClone and its transfer list, like postMessage does, and
//   delivers it on a later macrotask, like a real worker.
import type { EngineWorkerPort, WorkerEvents, WorkerFactory } from '../../../src-renderer/engine/client';
import { createEngineHost } from '../../../src-renderer/engine/host';
import type { ClientMessage, SerializedError, WorkerMessage } from '../../../src-renderer/engine/protocol';

export class ManualWorker implements EngineWorkerPort {
  readonly sent: ClientMessage[] = [];
  terminated = false;
  constructor(readonly events: WorkerEvents) {}

  postMessage(message: ClientMessage): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }

  requests(name?: string): Extract<ClientMessage, { type: 'request' }>[] {
    return this.sent.filter((m): m is Extract<ClientMessage, { type: 'request' }> => m.type === 'request' && (name === undefined || m.name === name));
  }
  ready(): void {
    this.events.message({ type: 'ready' });
  }
  respond(id: number, result: unknown): void {
    this.events.message({ type: 'response', id, ok: true, result });
  }
  fail(id: number, error: SerializedError): void {
    this.events.message({ type: 'response', id, ok: false, error });
  }
  progress(id: number, done: number, total: number): void {
    this.events.message({ type: 'progress', id, progress: { done, total } });
  }
  crash(message = 'boom'): void {
    this.events.error(new Error(message));
  }
}

export function manualWorkers(): { workers: ManualWorker[]; spawn: WorkerFactory } {
  const workers: ManualWorker[] = [];
  return {
    workers,
    spawn: (events) => {
      const w = new ManualWorker(events);
      workers.push(w);
      return w;
    },
  };
}

/** The real engine host in-process, with postMessage semantics (structured clone + transfer, async delivery). */
export function inProcessEngine(log?: { transfers: ArrayBuffer[][] }): WorkerFactory {
  return (events) => {
    let alive = true;
    const host = createEngineHost((message: WorkerMessage, transfer: Transferable[]) => {
      log?.transfers.push(transfer as ArrayBuffer[]);
      const copy = structuredClone(message, { transfer });
      setTimeout(() => alive && events.message(copy), 0);
    });
    setTimeout(() => alive && events.message({ type: 'ready' }), 0);
    return {
      postMessage(message, transfer) {
        const copy = structuredClone(message, { transfer });
        setTimeout(() => alive && host.handle(copy), 0);
      },
      terminate() {
        alive = false;
      },
    };
  };
}
