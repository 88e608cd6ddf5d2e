// Rollout in the app (docs/ROLLOUT.md, "In the app" and "Planning the rollout in the app"): the
// rollout view (date sync behind useRollout, window.__leo.rollout, the bar mounted by App.tsx) and the Rollout tab
// of the left column (launch schedule, charts, "when does service reach this point?"), the engine
// sync behind the charts (on an engine worker of its own: rolloutEngine.ts), the first-served globe
// tool, and window.__leo.rolloutPlan for tests.
import { installLeoHooks } from '../../globe/hooks';
import { registerPanel } from '../panels/registry';
import { ChartsPanel } from './ChartsPanel';
import { FirstServedPanel } from './FirstServedPanel';
import { installFirstServed } from './firstServed';
import { getRolloutEngine } from './rolloutEngine';
import { installRolloutPlanSync } from './rolloutPlanSync';
import { ROLLOUT_CHARTS_PANEL, ROLLOUT_FIRST_SERVED_PANEL, ROLLOUT_SCHEDULE_PANEL, ROLLOUT_TAB, rolloutPlanStore } from './rolloutPlanStore';
import { SchedulePanel } from './SchedulePanel';
import { useRollout } from './rolloutStore';
import { installRolloutHooks } from './hooks';
import { installRolloutSync } from './rolloutSync';
import './rollout.css';

/** Install once at start-up. Returns an uninstall function. */
export function installRolloutPlan(): () => void {
  const tab = ROLLOUT_TAB;
  const unregister = [
    registerPanel({ id: ROLLOUT_SCHEDULE_PANEL, area: 'left', title: 'Launch schedule', component: SchedulePanel, order: 10, tab }),
    registerPanel({ id: ROLLOUT_CHARTS_PANEL, area: 'left', title: 'Rollout charts', component: ChartsPanel, order: 20, tab }),
    registerPanel({ id: ROLLOUT_FIRST_SERVED_PANEL, area: 'left', title: 'When does service reach a point?', component: FirstServedPanel, order: 30, tab }),
  ];
  const unsync = [installRolloutPlanSync(getRolloutEngine), installFirstServed(getRolloutEngine)];
  installLeoHooks().rolloutPlan = {
    state: () => {
      const { status, progress, series, firstServed, message } = rolloutPlanStore.getState();
      return { status, progress, series, firstServed, message };
    },
    dateMs: () => useRollout.getState().dateMs,
  };
  return () => {
    unsync.forEach((u) => u());
    unregister.forEach((u) => u());
  };
}

/** Rollout view (the date on the globe and the bar): install once at start-up. Returns an uninstall function. */
export function installRollout(): () => void {
  const unsync = installRolloutSync(getRolloutEngine);
  const unhook = installRolloutHooks();
  return () => {
    unsync();
    unhook();
  };
}

export { RolloutBar } from './RolloutBar';
