// Rollout view in the app (docs/ROLLOUT.md, "In the app"): the engine sync behind useRollout, the
// window.__leo.rollout hooks, and the bar on the globe (mounted by App.tsx).
import type { RolloutFigures } from '../../../src-core/rollout';
import { getEngine } from '../../engine/instance';
import { installLeoHooks } from '../../globe/hooks';
import { useRollout } from './rolloutStore';
import { installRolloutSync, rolloutAnswers } from './rolloutSync';

/** window.__leo.rollout: the date shown and the engine's answer for it (tests wait on `answers`). */
export interface RolloutHooks {
  state(): { dateMs: number | null; figures: RolloutFigures | null; maskLength: number; answers: number };
}

declare module '../../globe/hooks' {
  interface LeoHooks {
    rollout?: RolloutHooks;
  }
}

/** Install once at start-up. Returns an uninstall function. */
export function installRollout(): () => void {
  const unsync = installRolloutSync(getEngine());
  const hooks = installLeoHooks();
  hooks.rollout = {
    state() {
      const r = useRollout.getState();
      return { dateMs: r.dateMs, figures: r.figures, maskLength: r.statusMask?.length ?? 0, answers: rolloutAnswers() };
    },
  };
  return () => {
    unsync();
    delete hooks.rollout;
  };
}

export { RolloutBar } from './RolloutBar';
