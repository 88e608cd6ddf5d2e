// window.__leo.rollout: the date shown and the engine's answer for it, for end-to-end tests (they
// wait on `answers` and compare the figures on screen with the engine's). Free of Vite-only
// imports so the Node-side tests type their page.evaluate calls against it.
import type { RolloutFigures } from '../../../src-core/rollout';
import { installLeoHooks } from '../../globe/hooks';
import { useRollout } from './rolloutStore';
import { rolloutAnswers } from './rolloutSync';

export interface RolloutHooks {
  state(): { dateMs: number | null; figures: RolloutFigures | null; maskLength: number; answers: number };
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
      return { dateMs: r.dateMs, figures: r.figures, maskLength: r.statusMask?.length ?? 0, answers: rolloutAnswers() };
    },
  };
  return () => {
    delete hooks.rollout;
  };
}
