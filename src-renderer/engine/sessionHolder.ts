// The worker's one EngineSession (src-core/session) and the revision it holds. Requests that read
// derived state name the revision they were made for: `at` answers now when the session holds it,
// fails as stale when it has moved past it, and otherwise waits for the loadScenario /
// applyPatches message that brings it (the renderer may post a coverage request before the
// patches of the same edit; messages are handled in order, so the wait is short).
import { EngineSession } from '../../src-core/session/session';
import type { ScenarioPatch } from '../../src-core/session/patches';
import type { Scenario } from '../../src-core/scenario/schema';
import { geoDemandSource } from '../../src-core/geo';
import { ENGINE_ERROR, EngineError } from './protocol';

interface Waiter {
  revision: number;
  resolve(s: EngineSession): void;
  reject(e: Error): void;
}

export class SessionHolder {
  private current: EngineSession | null = null;
  private waiters: Waiter[] = [];

  get session(): EngineSession | null {
    return this.current;
  }

  /** A whole scenario (first load, open, restart re-feed): nodes with equal inputs are kept. */
  load(scenario: Scenario, revision: number): EngineSession {
    if (this.current) this.current.replace(scenario, revision);
    else this.current = new EngineSession(scenario, { demand: geoDemandSource, revision });
    this.settle();
    return this.current;
  }

  /** Typed patches on top of `baseRevision`. */
  patch(baseRevision: number, revision: number, patches: readonly ScenarioPatch[]): EngineSession {
    const s = this.current;
    if (!s || s.revision !== baseRevision) throw new EngineError(ENGINE_ERROR.patchBase, `patches for revision ${baseRevision}, the engine holds ${s ? s.revision : 'no scenario'}; send the whole scenario`);
    s.apply(patches, revision);
    this.settle();
    return s;
  }

  /** The session once it holds `revision` exactly (see the header). */
  at(revision: number): Promise<EngineSession> {
    const s = this.current;
    if (s && s.revision === revision) return Promise.resolve(s);
    if (s && s.revision > revision) return Promise.reject(stale(revision, s.revision));
    return new Promise((resolve, reject) => this.waiters.push({ revision, resolve, reject }));
  }

  /** The session holding `revision` now, or a NoScenario / stale error (per-frame requests never wait). */
  now(revision: number): EngineSession {
    const s = this.current;
    if (!s) throw new EngineError(ENGINE_ERROR.noScenario, 'no scenario is loaded in the engine worker');
    if (s.revision !== revision) throw stale(revision, s.revision);
    return s;
  }

  private settle(): void {
    const s = this.current!;
    const keep: Waiter[] = [];
    for (const w of this.waiters) {
      if (w.revision === s.revision) w.resolve(s);
      else if (w.revision < s.revision) w.reject(stale(w.revision, s.revision));
      else keep.push(w);
    }
    this.waiters = keep;
  }
}

function stale(asked: number, held: number): EngineError {
  return new EngineError(ENGINE_ERROR.stale, `request for scenario revision ${asked}, worker holds ${held}`);
}
