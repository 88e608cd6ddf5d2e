// window.__leo.rollout: the date shown and the engine's answer for it, for end-to-end tests (they
// wait on `answers` and compare the figures on screen with the engine's). Free of Vite-only
// imports so the Node-side tests type their page.evaluate calls against it.
import type { RolloutFigures } from '../../../src-core/rollout';
import { installLeoHooks } from '../../globe/hooks';
import { planningStore } from '../planning/planningStore';
import { useRollout } from './rolloutStore';
import { rolloutAnswers, rolloutCoverageAnswers } from './rolloutSync';

/** The Coverage panel's network in rollout view (planningStore.dated), as numbers. */
export interface RolloutCoverageState {
  /** The date the snapshot is for (null while the first answer computes). */
  dateMs: number | null;
  /** headline.servedPct (whole grid: the bar's "pop. served") and the service-area figure. */
  servedPct: number | null;
  areaServedPct: number | null;
  answers: number;
}

export interface RolloutHooks {
  state(): { dateMs: number | null; figures: RolloutFigures | null; maskLength: number; answers: number; coverage: RolloutCoverageState | null };
}

declare module '../../globe/hooks' {
  interface LeoHooks {
    rollout?: RolloutHooks;
  }
}

/** Installs window.__leo.rollout; returns its removal. */
export function installRolloutHooks(): () => void {
  const hooks = installLeoHooks();
  hooks.rollout = {
    state() {
      const r = useRollout.getState();
      const d = planningStore.getState().dated;
      const h = d?.snapshot?.headline;
      const coverage = d ? { dateMs: d.dateMs, servedPct: h?.servedPct ?? null, areaServedPct: h?.serviceArea.servedPct ?? null, answers: rolloutCoverageAnswers() } : null;
      return { dateMs: r.dateMs, figures: r.figures, maskLength: r.statusMask?.length ?? 0, answers: rolloutAnswers(), coverage };
    },
  };
  return () => {
    delete hooks.rollout;
  };
}
