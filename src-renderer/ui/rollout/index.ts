// Rollout view in the app (docs/ROLLOUT.md, "In the app"): the engine sync behind useRollout, the
// window.__leo.rollout hooks, and the bar on the globe (mounted by App.tsx).
import { getEngine } from '../../engine/instance';
import { installRolloutHooks } from './hooks';
import { installRolloutSync } from './rolloutSync';

/** Install once at start-up. Returns an uninstall function. */
export function installRollout(): () => void {
  const unsync = installRolloutSync(getEngine());
  const unhook = installRolloutHooks();
  return () => {
    unsync();
    unhook();
  };
}

export { RolloutBar } from './RolloutBar';
