// Entry of the dedicated optimizer worker (one per run; the client terminates it to cancel). It
// speaks the app's one worker envelope (protocol.ts): one `optimize` request, answered by
// `progress` messages, one `event` per chosen site, then the `response` with the summary.
import { runOptimizer } from './optimizerHost';
import { serializeError, type ClientMessage, type OptimizerRequests, type WorkerMessage } from './protocol';

const post = (m: WorkerMessage): void => self.postMessage(m);

self.addEventListener('message', (event: MessageEvent<ClientMessage<keyof OptimizerRequests>>) => {
  const m = event.data;
  if (m.type !== 'request') return; // cancel = the client terminates this worker
  const { id } = m;
  try {
    const summary = runOptimizer(m.payload as OptimizerRequests['optimize']['req'], (o) => {
      if (o.type === 'progress') post({ type: 'progress', id, progress: { done: o.done, total: o.total, etaS: o.etaS, phase: o.phase } });
      else if (o.type === 'chosen') post({ type: 'event', id, event: o.site });
    });
    post({ type: 'response', id, ok: true, result: summary });
  } catch (e) {
    post({ type: 'response', id, ok: false, error: serializeError(e) });
  }
});

post({ type: 'ready' });
