// The rollout date of the app (issue 16): the network "as of" a date. Not scenario data and not
// undoable (like the clock). `dateMs === null` means rollout view is off: the scenario is shown as
// written (every satellite with its own status, every gateway by its own inServiceDate).
//
// Contract shared by the rollout slider, the rollout charts/table, demo mode and the globe:
//   - anything may call `setDate(ms | null)`;
//   - the rollout host (engine side) answers each date with `figures` (null while computing:
//     never show a stale number labelled as the current date) and `statusMask` (one status byte
//     per satellite at that date, src-core/constellation/status.ts values) for the globe, with
//     `radiusScale` (drawn / propagated radius: raising satellites below their slot's orbit).
import { create } from 'zustand';
import type { RolloutFigures } from '../../../src-core/rollout';

export interface RolloutViewState {
  /** The date shown (UTC ms), or null when rollout view is off. */
  dateMs: number | null;
  /** Figures of `dateMs` once the engine has answered; null while computing or when off. */
  figures: RolloutFigures | null;
  /** Status byte per satellite at `dateMs` (planned / raising / operational); null when off or pending. */
  statusMask: Uint8Array | null;
  /** Drawn / propagated radius per satellite at `dateMs` (raising satellites at their interpolated altitude); null when off, pending or not sent. */
  radiusScale: Float32Array | null;
  setDate(dateMs: number | null): void;
  /** Called by the rollout host when the engine answers for `dateMs` (ignored if the date moved on). */
  setAnswer(dateMs: number, figures: RolloutFigures, statusMask: Uint8Array, radiusScale?: Float32Array | null): void;
}

export const useRollout = create<RolloutViewState>()((set, get) => ({
  dateMs: null,
  figures: null,
  statusMask: null,
  radiusScale: null,
  setDate: (dateMs) => {
    if (dateMs === get().dateMs) return;
    set({ dateMs, figures: null, statusMask: dateMs === null ? null : get().statusMask, radiusScale: dateMs === null ? null : get().radiusScale });
  },
  setAnswer: (dateMs, figures, statusMask, radiusScale = null) => {
    if (get().dateMs !== dateMs) return;
    set({ figures, statusMask, radiusScale });
  },
}));
