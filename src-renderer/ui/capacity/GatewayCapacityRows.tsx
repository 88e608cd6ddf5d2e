// Capacity rows of a gateway's inspector: the antenna count (editable, one undoable command), the
// Gbps it carries and its utilisation at the step shown, what limits it (the min cut at this
// gateway: its feeders or its backhaul) and each antenna's satellite and load. Rendered inside
// the inspector's <dl>. Figures come from the capacity view, computed while capacity is shown.
import type { Gateway } from '../../../src-core/scenario/schema';
import { updateGateways } from '../../state/gatewayCommands';
import { useApp } from '../../state/store';
import { useScenarioInfo } from '../globe/engineHooks';
import { panelPlace } from '../panels/registry';
import { CAPACITY_PANEL_ID, useCapacity } from './capacityStore';
import { formatGbps, formatPct } from './format';
import { utilisationCss } from './palette';
import { isoDayUtc } from '../format';

const LIMIT_TEXT = { feeder: 'its antennas (feeder links)', backhaul: 'its backhaul', none: 'nothing here (spare capacity)' } as const;

function AntennaInput({ g }: { g: Gateway }) {
  const execute = useApp((s) => s.execute);
  const notify = useApp((s) => s.notify);
  const commit = (raw: string): void => {
    const v = Number(raw);
    if (!Number.isInteger(v) || v < 1) notify('error', `Antennas of ${g.name} not changed: "${raw}" is not a whole number of at least 1.`);
    else if (v !== g.antennas) execute(updateGateways([g.id], { antennas: v }));
  };
  return (
    <input
      type="number"
      min={1}
      step={1}
      className="inspector__num"
      key={`${g.id}:${g.antennas}`}
      defaultValue={g.antennas}
      onBlur={(e) => commit(e.target.value)}
      onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
      aria-label="Antennas"
      data-testid="inspector-antennas"
    />
  );
}

/** Capacity is computed only while shown: one click brings the Capacity section into view, open (it then asks for it). */
function ShowCapacity() {
  const setPanelOpen = useApp((s) => s.setPanelOpen);
  const setPanelTab = useApp((s) => s.setPanelTab);
  return (
    <button
      type="button"
      className="btn btn--small"
      title="Capacity is computed while the Capacity section, the Capacity layer or the served-demand heatmap is shown"
      onClick={() => {
        const place = panelPlace(CAPACITY_PANEL_ID);
        if (place?.tab !== undefined) setPanelTab(place.area, place.tab);
        setPanelOpen(CAPACITY_PANEL_ID, true);
      }}
      data-testid="inspector-show-capacity"
    >
      Show capacity
    </button>
  );
}

export function GatewayCapacityRows({ gateway: g, index }: { gateway: Gateway; index: number }) {
  const view = useCapacity((s) => s.view);
  const feederGbps = useApp((s) => s.scenario.capacity.feederGbpsPerAntenna);
  const revision = useApp((s) => s.revision);
  const info = useScenarioInfo();
  // The view's row for this gateway: its scenario index, or, as of a rollout date (only gateways in service then), found by id.
  const gi = view && view.revision === revision ? (view.gatewayIds[index] === g.id ? index : view.gatewayIds.indexOf(g.id)) : -1;
  const v = gi >= 0 ? view : null;
  const notInService = view !== null && view.revision === revision && view.asOfDateMs !== null && gi < 0;
  const limit = v?.gatewayBottleneck[gi];
  return (
    <>
      <dt>Antennas</dt>
      <dd>
        <AntennaInput g={g} />
        {v && <span className="muted"> {v.gatewayAntennasUsed[gi]} tracking</span>}
      </dd>
      <dt>Carries</dt>
      <dd data-testid="inspector-capacity">
        {v ? (
          <>
            <span className="cap-swatch" style={{ background: utilisationCss(v.gatewayUtilisation[gi]!) }} />
            {formatGbps(v.gatewayGbps[gi]!)} · {formatPct(v.gatewayUtilisation[gi]!)}
          </>
        ) : notInService ? (
          <span className="muted">not in service as of {isoDayUtc(view.asOfDateMs!)}</span>
        ) : (
          <ShowCapacity />
        )}
      </dd>
      {v && (
        <>
          <dt>Limited by</dt>
          <dd data-testid="inspector-bottleneck">{limit === 'feeder' || limit === 'backhaul' ? LIMIT_TEXT[limit] : LIMIT_TEXT.none}</dd>
          <dt>Antenna load</dt>
          <dd>
            <ul className="list list--short" data-testid="inspector-antenna-list">
              {Array.from({ length: v.antennaOff[gi + 1]! - v.antennaOff[gi]! }, (_, k) => {
                const a = v.antennaOff[gi]! + k;
                const u = feederGbps > 0 ? v.antennaGbps[a]! / feederGbps : 0;
                return (
                  <li key={k}>
                    <span className="cap-swatch" style={{ background: utilisationCss(u) }} />
                    {info?.topology.names[v.antennaSat[a]!] ?? `#${v.antennaSat[a]}`} · {v.antennaGbps[a]!.toFixed(1)} Gbps ({formatPct(u)})
                  </li>
                );
              })}
            </ul>
          </dd>
        </>
      )}
    </>
  );
}
