// Gateway planning, end to end through the engine worker's host code (createEngineHost, the same
// message handling the Web Worker runs): one gateway edit -> updated window figures (headline,
// per-cell figures, latency histogram), against a full recompute of the same scenario. Full
// Kuiper (3,236 satellites), 96 one-minute steps, H3 res-3 land grid, the default 16 gateways.
// The worker's evaluator takes back an edit from its log when the next edit is its exact inverse
// (undo, redo: coverage/evaluator.ts EditLog). So each add here is a new gateway (a new id) and
// each move goes to a new site; the removes are the undo of the add before them, and the last
// bench times undo on purpose.
import { createEngineHost } from '../../src-renderer/engine/host';
import type { ClientMessage, EngineRequestName, WorkerMessage } from '../../src-renderer/engine/protocol';
import type { CoverageSnapshot } from '../../src-renderer/engine/planningProtocol';
import type { LoadScenarioResult } from '../../src-renderer/engine/protocol';
import type { ScenarioPatch } from '../../src-core/session/patches';
import { defaultScenario } from '../../src-core/scenario/default';
import type { Gateway } from '../../src-core/scenario/schema';
import type { Bench } from './types';

const GROUP = 'planning: one gateway edit through the worker host (Kuiper, 96 steps, H3 res 3)';
const FULL = 'full recompute (coverageEvaluate, new evaluator)';

const scenario = defaultScenario();
const extra: Gateway = { ...scenario.gateways[0]!, id: 'gw-bench-chad', name: 'Bench (Chad)', latDeg: 12.1, lonDeg: 15.0, countryCode: 'TD', status: 'planned' };

function makeHost() {
  let id = 0;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const host = createEngineHost((m: WorkerMessage) => {
    if (m.type !== 'response') return;
    const w = waiting.get(m.id)!;
    waiting.delete(m.id);
    if (m.ok) w.resolve(m.result);
    else w.reject(new Error(m.error.message));
  });
  return <T>(name: EngineRequestName, payload: unknown): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const mid = ++id;
      waiting.set(mid, { resolve: resolve as (v: unknown) => void, reject });
      host.handle({ type: 'request', id: mid, name, payload } as ClientMessage);
    });
}

let request: ReturnType<typeof makeHost> | null = null;
let revision = 1;
let withExtra = false;
/** Suffix of the next added gateway's id, and of the moves' offsets: no edit repeats an earlier one. */
let serial = 0;
let extraId = extra.id;
let lastMs = 0;
let last: CoverageSnapshot | null = null;
const removeMs: number[] = [];

/** The default scenario's 4th gateway moved to a site it has not been at (so not an undo or redo). */
function moveToNewSite(): ScenarioPatch {
  const g0 = scenario.gateways[3]!;
  const d = 0.8 + 0.001 * serial++;
  return { op: 'gateway/update', id: g0.id, gateway: { ...g0, latDeg: g0.latDeg + d, lonDeg: g0.lonDeg + d } };
}

async function ready(): Promise<ReturnType<typeof makeHost>> {
  if (!request) {
    request = makeHost();
    await request('loadScenario', { scenario, revision });
    await request('coverageEvaluate', { revision });
  }
  return request;
}

/** One edit as the app sends it: typed patches, answered with the coverage figures. */
async function edit(req: ReturnType<typeof makeHost>, patches: ScenarioPatch[]): Promise<void> {
  const t0 = performance.now();
  const r = await req<LoadScenarioResult>('applyPatches', { baseRevision: revision, revision: ++revision, patches, withCoverage: true });
  lastMs = performance.now() - t0;
  last = r.coverage ?? null;
}

export const benches: Bench[] = [
  {
    name: FULL,
    group: GROUP,
    iterations: 2,
    fn: async () => {
      const req = makeHost();
      await req('loadScenario', { scenario, revision: 1 });
      await req('coverageEvaluate', { revision: 1 });
    },
  },
  {
    name: 'one gateway edit (applyPatches with coverage: add / remove alternately)',
    group: GROUP,
    baselineOf: FULL,
    iterations: 10,
    budget: { ms: 300 },
    fn: async () => {
      const req = await ready();
      withExtra = !withExtra;
      if (withExtra) extraId = `${extra.id}-${serial++}`;
      await edit(req, [withExtra ? { op: 'gateway/add', gateway: { ...extra, id: extraId } } : { op: 'gateway/remove', id: extraId }]);
    },
    measure: () => lastMs,
    notes: () => (last ? [`last edit: ${last.edits.added} added / ${last.edits.removed} removed; served ${last.headline.servedPct.toFixed(3)} %, p50 ${last.headline.p50LatencyMs.toFixed(2)} ms, p95 ${last.headline.p95LatencyMs.toFixed(2)} ms; worker compute ${last.computeMs.toFixed(0)} ms`] : []),
  },
  {
    name: 'move one gateway (applyPatches with coverage)',
    group: GROUP,
    baselineOf: FULL,
    iterations: 10,
    budget: { ms: 300 },
    fn: async () => {
      const req = await ready();
      if (withExtra) await edit(req, [{ op: 'gateway/remove', id: extraId }]);
      withExtra = false;
      await edit(req, [moveToNewSite()]);
    },
    measure: () => lastMs,
  },
  {
    // Delete an existing gateway, then Ctrl+Z: the undo (an insert at its index) is timed. A move
    // to a new site first (untimed) so that the delete is not the redo of the one before.
    name: 'undo of deleting an existing gateway (applyPatches: the insert back)',
    group: GROUP,
    baselineOf: FULL,
    iterations: 10,
    budget: { ms: 300 },
    fn: async () => {
      const req = await ready();
      await edit(req, [moveToNewSite()]);
      const g = scenario.gateways[8]!;
      await edit(req, [{ op: 'gateway/remove', id: g.id }]);
      removeMs.push(lastMs);
      await edit(req, [{ op: 'gateway/add', gateway: g, index: 8 }]);
      if (last?.mode !== 'incremental') throw new Error(`the undo re-routed in full (${last?.mode})`);
    },
    measure: () => lastMs,
    notes: () => [`the deletes before each undo (ms): ${removeMs.map((x) => x.toFixed(0)).join(', ')}`],
  },
];
