// Runs the gateway optimizer in a dedicated worker (engine/optimizerWorker.ts), one worker per run.
// Every chosen site is streamed into the planning store as it is found, so Cancel terminates the
// worker and keeps the sites found so far. Accepting is one undoable command.
import type { OptimizeRequest, OptimizeSummary, SuggestedSite } from '../../engine/optimizerHost';
import type { ClientMessage, OptimizerRequests, WorkerMessage } from '../../engine/protocol';
import { addGateways, placementProblem } from '../../state/gatewayCommands';
import { appStore } from '../../state/store';
import { planningStore, IDLE_RUN } from './planningStore';
import type { PlacementObjectiveKind } from '../../../src-core/planning/constraints';

let worker: Worker | null = null;

export function optimizerRunning(): boolean {
  return worker !== null;
}

const patchRun = (patch: Partial<ReturnType<typeof planningStore.getState>['optimizer']>): void =>
  planningStore.setState({ optimizer: { ...planningStore.getState().optimizer, ...patch } });

export function startOptimizer(opts: { add: number; importedSites: OptimizeRequest['importedSites']; stepFactor: number; objective: PlacementObjectiveKind; stopAtSaturation?: boolean }): void {
  cancelOptimizer(false);
  const { scenario, revision } = appStore.getState();
  planningStore.setState({ optimizer: { ...IDLE_RUN, status: 'running', add: opts.add, objective: opts.objective, revision, progress: { done: 0, total: 1, etaS: NaN, phase: 'starting' } } });
  const w = new Worker(new URL('../../engine/optimizerWorker.ts', import.meta.url), { type: 'module', name: 'leo-optimizer' });
  worker = w;
  const finish = (): void => {
    if (worker === w) worker = null;
    w.terminate();
  };
  // The app's one worker envelope (engine/protocol.ts): progress, one event per chosen site, then the response.
  w.onmessage = (e: MessageEvent<WorkerMessage>) => {
    if (worker !== w) return;
    const m = e.data;
    const run = planningStore.getState().optimizer;
    switch (m.type) {
      case 'ready':
        return;
      case 'progress':
        patchRun({ progress: { done: m.progress.done, total: m.progress.total, etaS: m.progress.etaS ?? NaN, phase: m.progress.phase ?? '' } });
        return;
      case 'event': {
        const site = m.event as SuggestedSite;
        const picked = new Set(run.picked);
        picked.add(site.rank);
        patchRun({ sites: [...run.sites, site], picked });
        return;
      }
      case 'response': {
        if (!m.ok) {
          patchRun({ status: 'error', progress: null, message: `The optimizer failed: ${m.error.message}` });
          finish();
          return;
        }
        const s = m.result as OptimizeSummary;
        patchRun({ status: 'done', summary: s, progress: null, message: runMessage(s, run.sites.length, run.add, run.objective) });
        finish();
        return;
      }
    }
  };
  w.onerror = (e) => {
    e.preventDefault();
    if (worker !== w) return;
    patchRun({ status: 'error', progress: null, message: `The optimizer worker failed: ${e.message || 'could not start'}` });
    finish();
  };
  // The objective travels in the scenario's planning settings (the worker passes them on as the constraints).
  const req: OptimizeRequest = { scenario: { ...scenario, planning: { ...scenario.planning, objective: opts.objective } }, add: opts.add, importedSites: opts.importedSites, stepFactor: opts.stepFactor, stopAtSaturation: opts.stopAtSaturation === true };
  const message: ClientMessage<keyof OptimizerRequests> = { type: 'request', id: 1, name: 'optimize', payload: req };
  w.postMessage(message);
}

/** The line under the run button once a run is done (where served demand saturated is said by the explanation). */
export function runMessage(s: OptimizeSummary, n: number, add: number, objective: PlacementObjectiveKind | undefined): string {
  const saturated = objective === 'served' && s.saturatedAfter !== null;
  if (s.exhausted && !saturated) return `Stopped after ${n} of ${add}: no remaining candidate ${objective === 'served' ? 'adds served Gbps' : 'improves coverage or latency'} (every further site would have zero marginal gain).`;
  const of = n < add ? ` of ${add}` : '';
  return `${n}${of} sites suggested from ${s.candidates.toLocaleString('en-US')} candidates${s.infeasibleAtStart ? ` (${s.infeasibleAtStart} ruled out by the constraints)` : ''} in ${(s.elapsedMs / 1000).toFixed(1)} s.`;
}

/** Terminate a running optimizer; the sites found so far stay in the list. */
export function cancelOptimizer(report = true): void {
  if (!worker) return;
  worker.terminate();
  worker = null;
  if (report) {
    const run = planningStore.getState().optimizer;
    patchRun({ status: 'cancelled', progress: null, message: `Cancelled: kept the ${run.sites.length} site${run.sites.length === 1 ? '' : 's'} found so far.` });
  }
}

/** Add the picked suggestions as ONE undoable command; sites that now break a constraint are skipped and reported. */
export function acceptSuggestions(which: 'picked' | 'all'): void {
  const run = planningStore.getState().optimizer;
  const sites = run.sites.filter((s) => which === 'all' || run.picked.has(s.rank));
  const st = appStore.getState();
  const placed = { ...st.scenario, gateways: [...st.scenario.gateways] };
  const ok = [];
  const skipped: string[] = [];
  for (const s of sites) {
    const why = placementProblem(placed, s.gateway);
    if (why) {
      skipped.push(`${s.gateway.name}: ${why}`);
      continue;
    }
    ok.push(s.gateway);
    placed.gateways.push(s.gateway);
  }
  if (ok.length > 0) st.execute(addGateways(ok, `Accept ${ok.length} suggested gateway${ok.length === 1 ? '' : 's'}`));
  planningStore.setState({ optimizer: IDLE_RUN });
  if (skipped.length > 0) st.notify('error', `${skipped.length} suggestion(s) skipped: they break the placement constraints now`, skipped.slice(0, 6));
  else st.notify('info', `Added ${ok.length} suggested gateway${ok.length === 1 ? '' : 's'}`);
}

export function rejectSuggestions(): void {
  cancelOptimizer(false);
  planningStore.setState({ optimizer: IDLE_RUN });
}
