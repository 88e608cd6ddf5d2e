// The app's one EngineClient: the globe, the inspector and the planning panels all talk to the
// same worker (one scenario copy, one propagator). Created lazily on first use; the status
// callback feeds the status bar, and a restart (crash or hang) is announced once the worker has
// been re-fed the scenario.
import { attachEngineProbe } from '../globe/hooks';
import { appStore } from '../state/store';
import { EngineClient, type EngineStatus } from './client';
import { ENGINE_ERROR } from './protocol';

let engine: EngineClient | null = null;

function mapStatus(s: EngineStatus): 'starting' | 'ready' | 'busy' | 'restarting' | 'failed' {
  switch (s) {
    case 'restarted':
      return 'restarting';
    case 'error':
      return 'failed';
    default:
      return s;
  }
}

export function getEngine(): EngineClient {
  if (engine) return engine;
  let wasRestarting = false;
  engine = new EngineClient({
    onStatus(status, info) {
      const st = appStore.getState();
      st.setEngineStatus(mapStatus(status));
      if (status === 'restarted') wasRestarting = true;
      else if (wasRestarting && (status === 'ready' || status === 'busy')) {
        wasRestarting = false;
        st.notify('info', `Engine restarted, scenario re-loaded${info.error ? ` (${info.error.message})` : ''}`);
      } else if (status === 'error') {
        st.notify('error', `The engine stopped: ${info.error?.message ?? 'unknown error'}`);
      }
    },
  });
  appStore.getState().setEngineStatus(mapStatus(engine.status));
  // window.__leo.engine: the engine's own events, for tests that wait on the engine.
  attachEngineProbe(engine);
  return engine;
}

/**
 * Keeps the worker's scenario equal to the store's (every edit, undo, redo, open). An edit, undo or
 * redo sends the history's typed patches on top of the revision sent before; anything else (the
 * first load, opening a file, a patch the worker could not apply) sends the whole scenario.
 * Returns an unsubscribe.
 */
export function syncEngineScenario(client: EngineClient): () => void {
  const report = (e: unknown): void => {
    if (e instanceof Error && (e.name === 'StaleResultError' || e.name === 'EngineRestartedError' || e.name === 'SupersededError')) return;
    appStore.getState().notify('error', `The engine could not load the scenario: ${e instanceof Error ? e.message : String(e)}`);
  };
  const load = (): void => {
    const { scenario, revision } = appStore.getState();
    client.loadScenario(scenario, revision).catch(report);
  };
  const send = (): void => {
    const { lastChange, revision } = appStore.getState();
    const base = client.sentRevision;
    const patchable = lastChange.revision === revision && base === revision - 1 && !lastChange.patches.some((p) => p.op === 'scenario/replace');
    if (!patchable) return load();
    client.applyPatches(lastChange.patches.slice(), base, revision).catch((e: unknown) => {
      // The worker held another revision (a restart raced the edit): send the whole scenario.
      if (e instanceof Error && e.name === ENGINE_ERROR.patchBase) {
        if (appStore.getState().revision === revision) load();
        return;
      }
      report(e);
    });
  };
  if (client.revision !== appStore.getState().revision) load();
  return appStore.subscribe((s, prev) => {
    if (s.scenario !== prev.scenario || s.revision !== prev.revision) send();
  });
}
