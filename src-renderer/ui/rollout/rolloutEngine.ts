// The rollout series and first-served queries run in an engine worker of their own: the same
// worker code and protocol as the app's engine (engine/worker.ts, host.ts), fed the same scenario
// and patches (syncEngineScenario), created on first use (the Rollout tab). A series date on the
// full constellation costs seconds of CPU, and the first one builds the whole constellation's
// coverage cache (tens of seconds on a loaded machine): on the app's one engine worker that would
// hold up the globe's per-frame positions and trip its 20 s hang watchdog. Here the watchdog allows
// a long first date, and the globe never waits for the charts.
import { EngineClient } from '../../engine/client';
import { syncEngineScenario } from '../../engine/instance';
import { appStore } from '../../state/store';

/** No message from the rollout worker for this long while a request is pending: restart it. */
export const ROLLOUT_HANG_TIMEOUT_MS = 180_000;

let client: EngineClient | null = null;

export function getRolloutEngine(): EngineClient {
  if (client) return client;
  client = new EngineClient({
    hangTimeoutMs: ROLLOUT_HANG_TIMEOUT_MS,
    onStatus(status, info) {
      if (status === 'error') appStore.getState().notify('error', `The rollout engine stopped: ${info.error?.message ?? 'unknown error'}`);
    },
  });
  syncEngineScenario(client);
  return client;
}
