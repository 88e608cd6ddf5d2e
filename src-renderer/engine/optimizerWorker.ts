// Entry of the dedicated optimizer worker (one per run; the client terminates it to cancel).
import { runOptimizer, type OptimizeRequest, type OptimizerMessage } from './optimizerHost';

const post = (m: OptimizerMessage): void => self.postMessage(m);

self.addEventListener('message', (event: MessageEvent<OptimizeRequest>) => {
  try {
    runOptimizer(event.data, post);
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
});
