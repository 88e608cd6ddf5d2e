// EngineClient: the only door from the UI to the engine worker. Typed requests (protocol.ts) with
// promises, progress and cancel; transferred bulk arrays; revision-based stale dropping;
// latest-wins lanes for per-frame requests; error rebuilding; and crash/hang recovery (the worker
// is restarted and re-fed the current scenario, and the status callback says so).
//
// The Worker itself is behind a small factory (`WorkerFactory`) so the logic here runs in Node
// tests against a fake worker or the real host in-process; `spawnEngineWorker` is the browser one.
import {
  ENGINE_ERROR,
  EngineError,
  isDroppedResult,
  LATEST_WINS,
  SCENARIO_STATE_REQUESTS,
  type ClientMessage,
  type ConstellationTopology,
  type EngineRequest,
  type EngineRequestName,
  type EngineResponse,
  type LoadScenarioResult,
  type Progress,
  type SerializedError,
  type WorkerMessage,
} from './protocol';
import type { Scenario } from '../../src-core/scenario/schema';
import { applyPatches, type ScenarioPatch } from '../../src-core/session/patches';

export type EngineStatus = 'starting' | 'ready' | 'busy' | 'restarted' | 'error';

export interface EngineStatusInfo {
  /** Restarts so far (crash or hang). */
  restarts: number;
  /** Requests awaiting a response. */
  pending: number;
  /** Why the worker was restarted, or why the engine is unavailable. */
  error?: Error;
}

/**
 * One request's life as the client saw it: sent to the worker ('start'), then settled ('end':
 * answered, failed, or dropped as cancelled, superseded, stale or lost to a restart). Tests and
 * diagnostics wait on these (globe/hooks.ts), never on how long a UI state lasts.
 */
export interface EngineActivity {
  phase: 'start' | 'end';
  /** Request id (a re-sent scenario load after a restart gets a new one). */
  id: number;
  name: EngineRequestName;
  /** The scenario revision the request carries, when it carries one. */
  revision: number | null;
  /** 'end' only. */
  outcome?: 'ok' | 'error' | 'dropped';
  /** The client's clock (performance.now() in the browser). */
  atMs: number;
}

/** Callbacks a worker port reports into (bound to one worker generation by the client). */
export interface WorkerEvents {
  message(message: WorkerMessage): void;
  error(error: Error): void;
}

/** The part of a Worker the client uses. */
export interface EngineWorkerPort {
  postMessage(message: ClientMessage, transfer: Transferable[]): void;
  terminate(): void;
}

export type WorkerFactory = (events: WorkerEvents) => EngineWorkerPort;

export interface EngineClientOptions {
  /** Creates a worker; default: the bundled module worker (spawnEngineWorker). */
  spawn?: WorkerFactory;
  onStatus?: (status: EngineStatus, info: EngineStatusInfo) => void;
  /**
   * A worker that sends nothing (no response, no progress) for this long while requests are
   * pending is considered hung and restarted. Long tasks report progress well within it.
   * 0 disables hang detection. Default 20 s.
   */
  hangTimeoutMs?: number;
  /** More restarts than this within restartWindowMs: give up (status 'error'). Default 3 in 60 s. */
  maxRestarts?: number;
  restartWindowMs?: number;
  /** Clock for hang detection (tests inject a fake one). */
  now?: () => number;
}

export interface RequestOptions {
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /** Payload buffers to transfer (not copy) to the worker. */
  transfer?: Transferable[];
}

interface Entry {
  name: EngineRequestName;
  payload: unknown;
  opts: RequestOptions;
  resolve(value: unknown): void;
  reject(error: Error): void;
  /** Removes the abort listener. */
  detach(): void;
}

interface Lane {
  inFlight: number | null;
  queued: Entry | null;
}

/** The browser factory: the engine as a bundled ES module worker. */
export const spawnEngineWorker: WorkerFactory = (events) => {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'leo-engine' });
  worker.onmessage = (e: MessageEvent<WorkerMessage>) => events.message(e.data);
  worker.onerror = (e: ErrorEvent) => {
    // Handled here: keep it out of the page's uncaught-error log; the client restarts the worker.
    e.preventDefault();
    events.error(new Error(e.message ? `engine worker error: ${e.message}` : 'engine worker failed to start or crashed'));
  };
  worker.onmessageerror = () => events.error(new Error('engine worker sent a message that could not be deserialised'));
  return {
    postMessage: (message, transfer) => worker.postMessage(message, transfer),
    terminate: () => worker.terminate(),
  };
};

/** Rebuild a worker-side error as an Error on this side (name, message and the worker's stack). */
export function rebuildError(e: SerializedError): Error {
  const err = new EngineError(e.name || 'Error', e.message);
  if (e.stack) err.stack = e.stack;
  return err;
}

export class EngineClient {
  private readonly spawn: WorkerFactory;
  private readonly hangTimeoutMs: number;
  private readonly maxRestarts: number;
  private readonly restartWindowMs: number;
  private readonly now: () => number;

  private port: EngineWorkerPort | null = null;
  /** Incremented per worker; events from older workers are ignored. */
  private generation = 0;
  private workerReady = false;
  private nextId = 1;
  private readonly pending = new Map<number, Entry>();
  private readonly lanes = new Map<EngineRequestName, Lane>();

  private currentRevision = -Infinity;
  private lastLoad: EngineRequest<'loadScenario'> | null = null;
  private loaded: LoadScenarioResult | null = null;
  /** The static topology the worker sent last (it sends none while the constellation is unchanged). */
  private topology: ConstellationTopology | null = null;
  private topologyCount = 0;
  /** Id of the re-feed loadScenario after a restart; status stays 'restarted' until it answers. */
  private refeedId: number | null = null;

  private restartTimes: number[] = [];
  private restartCount = 0;
  private lastError: Error | undefined;
  private dead = false;
  private disposed = false;
  private currentStatus: EngineStatus = 'starting';
  private lastActivity = 0;
  private watchdog: ReturnType<typeof setInterval> | null = null;

  private readonly statusListeners = new Set<(status: EngineStatus, info: EngineStatusInfo) => void>();
  private readonly loadedListeners = new Set<(info: LoadScenarioResult) => void>();
  private readonly activityListeners = new Set<(activity: EngineActivity) => void>();

  constructor(options: EngineClientOptions = {}) {
    this.spawn = options.spawn ?? spawnEngineWorker;
    this.hangTimeoutMs = options.hangTimeoutMs ?? 20_000;
    this.maxRestarts = options.maxRestarts ?? 3;
    this.restartWindowMs = options.restartWindowMs ?? 60_000;
    this.now = options.now ?? (() => performance.now());
    if (options.onStatus) this.statusListeners.add(options.onStatus);
    this.startWorker();
  }

  get status(): EngineStatus {
    return this.currentStatus;
  }
  /** The newest scenario revision sent; results for older revisions are dropped. */
  get revision(): number {
    return this.currentRevision;
  }
  /** The latest loaded scenario's static data (null before the first load answers). */
  get scenarioInfo(): LoadScenarioResult | null {
    return this.loaded;
  }
  get restarts(): number {
    return this.restartCount;
  }
  /** Responses that carried the static topology (a gateway edit must not add one). */
  get topologiesReceived(): number {
    return this.topologyCount;
  }

  onStatus(listener: (status: EngineStatus, info: EngineStatusInfo) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Every request sent and settled (see EngineActivity). */
  onActivity(listener: (activity: EngineActivity) => void): () => void {
    this.activityListeners.add(listener);
    return () => this.activityListeners.delete(listener);
  }

  /** Called whenever a scenario load for the current revision completes, including the re-feed after a restart. */
  onScenarioLoaded(listener: (info: LoadScenarioResult) => void): () => void {
    this.loadedListeners.add(listener);
    return () => this.loadedListeners.delete(listener);
  }

  loadScenario(scenario: Scenario, revision: number, opts: RequestOptions = {}): Promise<LoadScenarioResult> {
    return this.request('loadScenario', { scenario, revision }, opts);
  }

  /** The capacity model at the analysis step nearest `tUtcMs`, for scenario `revision`, optionally as of a rollout date (engine/capacityHost.ts). */
  capacity(revision: number, tUtcMs: number, asOfDateMs: number | null = null, opts: RequestOptions = {}): Promise<EngineResponse<'capacity'>> {
    return this.request('capacity', { revision, tUtcMs, asOfDateMs }, opts);
  }

  /**
   * Send typed patches that turn `baseRevision` (the revision last sent) into `revision`. Falls back
   * to nothing: the caller re-sends the whole scenario when this fails (PatchBaseError).
   */
  applyPatches(patches: ScenarioPatch[], baseRevision: number, revision: number, opts: RequestOptions = {}): Promise<LoadScenarioResult> {
    return this.request('applyPatches', { baseRevision, revision, patches, withCoverage: this.coverageWithPatches, withCapacityAtUtcMs: this.capacityWithPatches?.() ?? null }, opts);
  }

  /** While capacity is shown (capacitySync): the time whose capacity view every patch's answer should carry, or null for none. */
  capacityWithPatches: (() => number | null) | null = null;

  /** Ask for the coverage figures with every patch (set while the live coverage figures are shown: coverageSync). */
  coverageWithPatches = false;

  /** The revision the worker will hold once the requests sent so far are handled (null before any load). */
  get sentRevision(): number | null {
    return this.lastLoad ? this.lastLoad.revision : null;
  }

  /**
   * Send a typed request. Rejects with an Error named by ENGINE_ERROR for dropped results (aborted,
   * superseded, stale, restarted; see isDroppedResult) or with the worker's rebuilt error.
   */
  request<K extends EngineRequestName>(name: K, payload: EngineRequest<K>, opts: RequestOptions = {}): Promise<EngineResponse<K>> {
    return new Promise<EngineResponse<K>>((resolve, reject) => {
      if (this.dead) {
        reject(new EngineError(ENGINE_ERROR.unavailable, this.disposed ? 'the engine client was disposed' : `the engine is unavailable: ${this.lastError?.message ?? 'worker could not be started'}`));
        return;
      }
      if (opts.signal?.aborted) {
        reject(new EngineError(ENGINE_ERROR.aborted, `${name} was cancelled`));
        return;
      }
      if (name === 'loadScenario') {
        const load = payload as EngineRequest<'loadScenario'>;
        this.currentRevision = Math.max(this.currentRevision, load.revision);
        this.lastLoad = load;
      } else if (name === 'applyPatches') {
        // Keep the scenario the worker will hold, for the re-feed after a restart.
        const p = payload as EngineRequest<'applyPatches'>;
        this.currentRevision = Math.max(this.currentRevision, p.revision);
        if (this.lastLoad && this.lastLoad.revision === p.baseRevision) this.lastLoad = { scenario: applyPatches(this.lastLoad.scenario, p.patches), revision: p.revision };
      }
      const entry: Entry = { name, payload, opts, resolve: resolve as (v: unknown) => void, reject, detach: () => {} };
      if (LATEST_WINS.has(name)) {
        const lane = this.lane(name);
        if (lane.inFlight !== null) {
          // At most one in flight: park the newest, replacing (and rejecting) an older parked one.
          lane.queued?.reject(new EngineError(ENGINE_ERROR.superseded, `${name} was replaced by a newer request`));
          lane.queued?.detach();
          lane.queued = entry;
          this.watchAbort(entry, () => {
            if (lane.queued === entry) lane.queued = null;
          });
          return;
        }
      }
      this.send(entry);
    });
  }

  /** Terminate the worker and reject everything pending. The client cannot be used afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.dead = true;
    this.port?.terminate();
    this.port = null;
    this.generation++;
    this.rejectAll(() => new EngineError(ENGINE_ERROR.unavailable, 'the engine client was disposed'));
    this.stopWatchdog();
    this.statusListeners.clear();
    this.loadedListeners.clear();
    this.activityListeners.clear();
  }

  // ---------------------------------------------------------------- internals

  private lane(name: EngineRequestName): Lane {
    let lane = this.lanes.get(name);
    if (!lane) this.lanes.set(name, (lane = { inFlight: null, queued: null }));
    return lane;
  }

  private watchAbort(entry: Entry, onAbort: () => void): void {
    const signal = entry.opts.signal;
    if (!signal) return;
    const listener = () => {
      onAbort();
      entry.detach();
      entry.reject(new EngineError(ENGINE_ERROR.aborted, `${entry.name} was cancelled`));
    };
    signal.addEventListener('abort', listener, { once: true });
    entry.detach = () => signal.removeEventListener('abort', listener);
  }

  private startWorker(): void {
    const gen = ++this.generation;
    this.workerReady = false;
    try {
      this.port = this.spawn({
        message: (m) => {
          if (gen === this.generation) this.onMessage(m);
        },
        error: (e) => {
          if (gen === this.generation) this.restart(e);
        },
      });
    } catch (e) {
      this.port = null;
      this.giveUp(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    // A restart is announced once per restart, even if the status already read 'restarted'.
    this.setStatus(this.restartCount > 0 ? 'restarted' : 'starting', this.restartCount > 0);
  }

  private send(entry: Entry, id = this.nextId++): number {
    if (this.pending.size === 0) this.lastActivity = this.now();
    this.pending.set(id, entry);
    if (LATEST_WINS.has(entry.name)) this.lane(entry.name).inFlight = id;
    this.watchAbort(entry, () => {
      this.pending.delete(id);
      this.port?.postMessage({ type: 'cancel', id }, []);
      this.afterSettled(entry.name, id);
    });
    this.track(entry, id);
    try {
      this.port!.postMessage({ type: 'request', id, name: entry.name, payload: entry.payload }, entry.opts.transfer ?? []);
    } catch (e) {
      // DataCloneError and friends: the request never left.
      this.pending.delete(id);
      entry.detach();
      entry.reject(e instanceof Error ? e : new Error(String(e)));
      this.afterSettled(entry.name, id);
      return id;
    }
    this.ensureWatchdog();
    this.updateStatus();
    return id;
  }

  private onMessage(message: WorkerMessage): void {
    this.lastActivity = this.now();
    switch (message.type) {
      case 'ready':
        this.workerReady = true;
        this.updateStatus();
        return;
      case 'progress':
        this.pending.get(message.id)?.opts.onProgress?.(message.progress);
        return;
      case 'event':
        return; // the engine host streams no partial results

      case 'response': {
        const entry = this.pending.get(message.id);
        if (!entry) return; // cancelled or rejected on restart: nobody is waiting
        this.pending.delete(message.id);
        entry.detach();
        if (message.id === this.refeedId) this.refeedId = null;
        if (!message.ok) {
          entry.reject(rebuildError(message.error));
        } else {
          if (SCENARIO_STATE_REQUESTS.has(entry.name)) this.fillTopology(message.result as LoadScenarioResult);
          const result = message.result as { revision?: unknown };
          if (typeof result.revision === 'number' && result.revision < this.currentRevision) {
            entry.reject(new EngineError(ENGINE_ERROR.stale, `${entry.name} result for scenario revision ${result.revision} dropped (current ${this.currentRevision})`));
          } else {
            if (SCENARIO_STATE_REQUESTS.has(entry.name)) {
              this.loaded = message.result as LoadScenarioResult;
              for (const l of this.loadedListeners) l(this.loaded);
            }
            entry.resolve(message.result);
          }
        }
        this.afterSettled(entry.name, message.id);
        return;
      }
    }
  }

  /** The worker sends the topology only when it changed (also on a stale answer: keep it). */
  private fillTopology(result: LoadScenarioResult): void {
    const sent = result.topology as ConstellationTopology | null | undefined;
    if (sent === null) {
      if (this.topology) result.topology = this.topology;
    } else if (sent) {
      this.topology = sent;
      this.topologyCount++;
    }
  }

  /** Reports the request's start now and its end when it settles, whichever way it settles. */
  private track(entry: Entry, id: number): void {
    if (this.activityListeners.size === 0) return;
    const rev = (entry.payload as { revision?: unknown } | null)?.revision;
    const revision = typeof rev === 'number' ? rev : null;
    const emit = (a: EngineActivity) => {
      for (const l of this.activityListeners) l(a);
    };
    emit({ phase: 'start', id, name: entry.name, revision, atMs: this.now() });
    const { resolve, reject } = entry;
    let ended = false;
    const end = (outcome: 'ok' | 'error' | 'dropped') => {
      if (ended) return;
      ended = true;
      emit({ phase: 'end', id, name: entry.name, revision, outcome, atMs: this.now() });
    };
    entry.resolve = (v) => {
      end('ok');
      resolve(v);
    };
    entry.reject = (e) => {
      end(isDroppedResult(e) ? 'dropped' : 'error');
      reject(e);
    };
  }

  /** Bookkeeping after a request settles: free its latest-wins lane (sending the parked one) and refresh status. */
  private afterSettled(name: EngineRequestName, id: number): void {
    if (LATEST_WINS.has(name)) {
      const lane = this.lane(name);
      if (lane.inFlight === id) {
        lane.inFlight = null;
        const next = lane.queued;
        lane.queued = null;
        if (next && !this.dead) {
          next.detach();
          this.send(next);
        }
      }
    }
    if (this.pending.size === 0) this.stopWatchdog();
    this.updateStatus();
  }

  private restart(reason: Error): void {
    if (this.dead) return;
    this.lastError = reason;
    this.port?.terminate();
    this.port = null;
    const t = this.now();
    this.restartTimes = this.restartTimes.filter((x) => t - x < this.restartWindowMs);
    this.restartTimes.push(t);
    if (this.restartTimes.length > this.maxRestarts) {
      this.giveUp(new Error(`engine worker failed ${this.restartTimes.length} times within ${Math.round(this.restartWindowMs / 1000)} s; last: ${reason.message}`));
      return;
    }
    this.restartCount++;

    // A pending load of the current revision is answered by the re-feed; everything else was
    // computed by (or for) the dead worker and is rejected so callers can ask again.
    let refeed: Entry | null = null;
    for (const [id, entry] of this.pending) {
      const load = entry.name === 'loadScenario' ? (entry.payload as EngineRequest<'loadScenario'>) : null;
      if (load && load.revision === this.currentRevision && refeed === null) {
        refeed = entry;
        entry.detach();
        this.pending.delete(id);
      }
    }
    this.rejectAll(() => new EngineError(ENGINE_ERROR.restarted, `engine worker restarted (${reason.message})`));

    this.startWorker();
    if (!this.port) return;
    if (this.lastLoad) {
      const entry: Entry = refeed ?? {
        name: 'loadScenario',
        payload: this.lastLoad,
        opts: {},
        resolve: () => {},
        // The scenario itself may be what fails: keep the error for the status line.
        reject: (e) => {
          if (e.name !== ENGINE_ERROR.stale && e.name !== ENGINE_ERROR.restarted) this.lastError = e;
        },
        detach: () => {},
      };
      this.refeedId = this.send(entry);
    }
  }

  private giveUp(error: Error): void {
    this.dead = true;
    this.lastError = error;
    this.port?.terminate();
    this.port = null;
    this.generation++;
    this.rejectAll(() => new EngineError(ENGINE_ERROR.unavailable, `the engine is unavailable: ${error.message}`));
    this.stopWatchdog();
    this.setStatus('error');
  }

  private rejectAll(make: () => Error): void {
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (const lane of this.lanes.values()) {
      if (lane.queued) entries.push(lane.queued);
      lane.queued = null;
      lane.inFlight = null;
    }
    this.refeedId = null;
    for (const e of entries) {
      e.detach();
      e.reject(make());
    }
  }

  private ensureWatchdog(): void {
    if (this.watchdog !== null || this.hangTimeoutMs <= 0) return;
    this.watchdog = setInterval(() => {
      if (this.pending.size > 0 && this.now() - this.lastActivity > this.hangTimeoutMs) {
        this.restart(new Error(`engine worker stopped responding for ${Math.round(this.hangTimeoutMs / 1000)} s`));
      }
    }, Math.max(50, this.hangTimeoutMs / 4));
  }

  private stopWatchdog(): void {
    if (this.watchdog === null) return;
    clearInterval(this.watchdog);
    this.watchdog = null;
  }

  private updateStatus(): void {
    if (this.dead) return;
    if (this.refeedId !== null) return this.setStatus('restarted');
    if (!this.workerReady) return this.setStatus(this.restartCount > 0 ? 'restarted' : 'starting');
    for (const e of this.pending.values()) {
      // Per-frame requests would make the status flicker every frame: only real work is 'busy'.
      if (!LATEST_WINS.has(e.name)) return this.setStatus('busy');
    }
    this.setStatus('ready');
  }

  private setStatus(status: EngineStatus, force = false): void {
    if (status === this.currentStatus && !force) return;
    this.currentStatus = status;
    const info: EngineStatusInfo = { restarts: this.restartCount, pending: this.pending.size, ...(this.lastError ? { error: this.lastError } : {}) };
    for (const l of this.statusListeners) l(status, info);
  }
}
