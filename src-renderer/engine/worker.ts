// Entry of the engine Web Worker (bundled by Vite from `new Worker(new URL('./worker.ts', ...))`
// in client.ts). Only wiring: the protocol logic lives in host.ts so it can run in-process in tests.
import { createEngineHost } from './host';
import type { ClientMessage } from './protocol';

const host = createEngineHost((message, transfer) => self.postMessage(message, { transfer }));

self.addEventListener('message', (event: MessageEvent<ClientMessage>) => host.handle(event.data));

// Tell the client the script loaded (module workers fail silently until their first message otherwise).
self.postMessage({ type: 'ready' });
