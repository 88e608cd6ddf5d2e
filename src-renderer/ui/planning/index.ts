// Gateway planning in the app: registers the planning panels, keeps the live coverage figures in
// step with the scenario (engine worker), and runs the gateway tools on the globe's events:
// 'add-gateway' places a gateway where the user clicks (land only unless "allow sea", named after
// the nearest city with its region, "Aurora, US-CO", made unique among the gateways, checked
// against the placement constraints), and in 'select' a dragged gateway
// is moved by ONE undoable command on dragEnd. Delete/Backspace deletes the selected gateways.
import { getEngine } from '../../engine/instance';
import { onGlobe } from '../../globe/events';
import { uniqueName } from '../../../src-core/planning/names';
import { addGateway, gatewayAt, moveGateway, placementProblem } from '../../state/gatewayCommands';
import { appStore } from '../../state/store';
import { registerPanel } from '../panels/registry';
import { ConstraintsPanel } from './ConstraintsPanel';
import { Charts, CoveragePanel } from './CoveragePanel';
import { installCoverageSync } from './coverageSync';
import { GatewayPanel } from './GatewayPanel';
import { OptimizerPanel } from './OptimizerPanel';
import { planningStore } from './planningStore';

export function registerPlanningPanels(): void {
  registerPanel({ id: 'coverage', area: 'left', title: 'Coverage & latency', component: CoveragePanel, order: 20 });
  registerPanel({ id: 'gateways', area: 'left', title: 'Gateways', component: GatewayPanel, order: 30, defaultOpen: false });
  registerPanel({ id: 'optimizer', area: 'left', title: 'Suggest gateways', component: OptimizerPanel, order: 40, defaultOpen: false });
  registerPanel({ id: 'constraints', area: 'left', title: 'Constraints & window', component: ConstraintsPanel, order: 50, defaultOpen: false });
  registerPanel({ id: 'charts', area: 'right', title: 'Coverage charts', component: Charts, order: 20 });
}

async function placeGatewayAt(latDeg: number, lonDeg: number): Promise<void> {
  const st = appStore.getState();
  const info = await getEngine().request('describeSite', { latDeg, lonDeg });
  if (!info.isLand && !planningStore.getState().allowSea) {
    st.notify('error', `No gateway placed: ${latDeg.toFixed(2)}, ${lonDeg.toFixed(2)} is at sea. Tick "allow sea" to place offshore sites.`);
    return;
  }
  const scenario = appStore.getState().scenario;
  const name = info.siteName ?? info.nearestCity;
  const g = gatewayAt(scenario, { ...info, nearestCity: name === null ? null : uniqueName(name, scenario.gateways.map((x) => x.name)) });
  const why = placementProblem(scenario, g);
  if (why) {
    st.notify('error', `No gateway placed at ${g.name}: ${why}. Change the constraints to allow it.`);
    return;
  }
  appStore.getState().execute(addGateway(g));
  appStore.getState().select({ kind: 'gateway', id: g.id });
}

async function moveGatewayTo(id: string, latDeg: number, lonDeg: number): Promise<void> {
  const info = await getEngine().request('describeSite', { latDeg, lonDeg });
  const st = appStore.getState();
  const g = st.scenario.gateways.find((x) => x.id === id);
  if (!g) return;
  if (!info.isLand && !planningStore.getState().allowSea) {
    st.notify('error', `${g.name} not moved: the drop point is at sea. Tick "allow sea" to place offshore sites.`);
    return;
  }
  const lat = Math.round(latDeg * 1e4) / 1e4;
  const lon = Math.round(lonDeg * 1e4) / 1e4;
  const why = placementProblem(st.scenario, { latDeg: lat, lonDeg: lon, countryCode: info.countryCode }, id);
  if (why) {
    st.notify('error', `${g.name} not moved: ${why}.`);
    return;
  }
  st.execute(moveGateway(id, lat, lon, info.countryCode));
}

/** Install the planning behaviour (call once at start-up). Returns an uninstall function. */
export function installPlanning(): () => void {
  registerPlanningPanels();
  const unsubs: (() => void)[] = [];
  const fail = (e: unknown) => appStore.getState().notify('error', e instanceof Error ? e.message : String(e));
  unsubs.push(installCoverageSync(getEngine()));
  unsubs.push(
    onGlobe('click', (e) => {
      if (appStore.getState().globeTool !== 'add-gateway') return;
      if (e.latDeg === null || e.lonDeg === null) return;
      placeGatewayAt(e.latDeg, e.lonDeg).catch(fail);
    }),
  );
  unsubs.push(
    onGlobe('dragEnd', (e) => {
      if (appStore.getState().globeTool !== 'select') return;
      if (e.picked?.kind !== 'gateway' || e.latDeg === null || e.lonDeg === null) return;
      moveGatewayTo(e.picked.id, e.latDeg, e.lonDeg).catch(fail);
    }),
  );
  // Delete / Escape for gateways live in the shortcut table (ui/actions.ts).
  return () => unsubs.forEach((u) => u());
}
