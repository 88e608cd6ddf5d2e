// The Capacity section of the Plan tab (docs/CAPACITY.md, "In the app"): served and demanded Gbps
// at the analysis step shown, the bottleneck, the cut by class, per-gateway utilisation (sortable;
// a click selects the gateway), unserved demand by region, and the capacity assumptions as
// undoable edits. The engine computes it only while the section is open (capacitySync.ts).
import { useState } from 'react';
import { BOTTLENECKS, type Bottleneck } from '../../../src-core/capacity';
import type { CapacityView } from '../../engine/capacityHost';
import { CAPACITY_FIELDS, capacityProblem, setCapacityAssumptions, type CapacityField } from '../../state/capacityCommands';
import { useApp } from '../../state/store';
import { formatUtc } from '../format';
import { useRollout } from '../rollout/rolloutStore';
import { useCapacity } from './capacityStore';
import { BOTTLENECK_TEXT, formatGbps, formatPct } from './format';
import { utilisationCss } from './palette';
import './capacity.css';

/** Regions listed in the section (the engine sends up to MAX_REGIONS). */
const REGIONS_SHOWN = 8;

function Assumptions() {
  const capacity = useApp((s) => s.scenario.capacity);
  const budgetMs = useApp((s) => s.scenario.routing.maxOneWayLatencyMs);
  const execute = useApp((s) => s.execute);
  const notify = useApp((s) => s.notify);
  const commit = (field: CapacityField, raw: string): void => {
    const v = Number(raw);
    const why = raw.trim() === '' ? `${field}: enter a number` : capacityProblem(field, v);
    if (why) notify('error', `Capacity not changed. ${why}.`);
    else execute(setCapacityAssumptions({ [field]: v }));
  };
  return (
    <fieldset className="cap-assumptions">
      <legend>Assumptions</legend>
      {CAPACITY_FIELDS.map(({ field, label, unit, step }) => (
        <label key={field}>
          {label} <span className="muted">{unit}</span>
          <input
            type="number"
            min={0}
            step={step}
            key={`${field}${capacity[field]}`}
            defaultValue={capacity[field]}
            onBlur={(e) => commit(field, e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
            data-testid={`cap-${field}`}
          />
        </label>
      ))}
      <p className="muted">Latency budget {budgetMs} ms (Constraints). Antennas and backhaul Gbps: per gateway.</p>
    </fieldset>
  );
}

function Headline({ v }: { v: CapacityView }) {
  const perGateway = new Map<Bottleneck, number>();
  for (const b of v.gatewayBottleneck) if (b !== 'none') perGateway.set(b, (perGateway.get(b) ?? 0) + 1);
  return (
    <>
      <dl className="kv cap-figures">
        <dt>Served</dt>
        <dd data-testid="capacity-served">{formatGbps(v.servedGbps)}</dd>
        <dt>Share of demand</dt>
        <dd data-testid="capacity-served-pct">{v.demandGbps > 0 ? formatPct(v.servedGbps / v.demandGbps) : '—'}</dd>
        <dt>Demand</dt>
        <dd data-testid="capacity-demand">{formatGbps(v.demandGbps)}</dd>
        <dt>No route</dt>
        <dd>{formatGbps(v.unroutableGbps)}</dd>
        <dt>Bottleneck</dt>
        <dd data-testid="capacity-bottleneck">{BOTTLENECK_TEXT[v.bottleneck]}</dd>
      </dl>
      <table className="cap-table" data-testid="capacity-cut">
        <thead>
          <tr><th>class</th><th title="Gbps of this class in the minimum cut">cut Gbps</th><th title="gateways limited by this class">gateways</th></tr>
        </thead>
        <tbody>
          {(['user-beam', 'laser', 'feeder', 'backhaul'] as const).map((b) => (
            <tr key={b}>
              <td>{BOTTLENECK_TEXT[b]}</td>
              <td>{v.cutGbps[b].toFixed(1)}</td>
              <td>{b === 'feeder' || b === 'backhaul' ? (perGateway.get(b) ?? 0) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

type SortKey = 'name' | 'gbps' | 'util' | 'bottleneck';

function GatewayTable({ v }: { v: CapacityView }) {
  const gateways = useApp((s) => s.scenario.gateways);
  const select = useApp((s) => s.select);
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'util', desc: true });
  const byId = new Map(gateways.map((g) => [g.id, g]));
  const rows = v.gatewayIds.map((id, i) => ({ id, i, name: byId.get(id)?.name ?? id, antennas: byId.get(id)?.antennas ?? 0 }));
  const val = (r: (typeof rows)[number]): number | string =>
    sort.key === 'name' ? r.name : sort.key === 'gbps' ? v.gatewayGbps[r.i]! : sort.key === 'util' ? v.gatewayUtilisation[r.i]! : BOTTLENECKS.indexOf(v.gatewayBottleneck[r.i]!);
  rows.sort((a, b) => {
    const x = val(a), y = val(b);
    const c = typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number);
    return (sort.desc ? -c : c) || a.i - b.i;
  });
  const sortButton = (key: SortKey, text: string, title: string) => (
    <button type="button" className="link" title={title} aria-pressed={sort.key === key} onClick={() => setSort({ key, desc: sort.key === key ? !sort.desc : key !== 'name' })}>
      {text}
      {sort.key === key ? (sort.desc ? ' ▾' : ' ▴') : ''}
    </button>
  );
  const ariaSort = (...keys: SortKey[]) => (keys.includes(sort.key) ? (sort.desc ? 'descending' : 'ascending') : 'none');
  // Three columns fit the 300 px side column: the name with its antennas and limit on a second
  // line, Gbps, and utilisation. Full names on hover; the inspector has every figure.
  return (
    <table className="cap-table cap-gateways" data-testid="capacity-gateways">
      <thead>
        <tr>
          <th aria-sort={ariaSort('name', 'bottleneck')}>
            {sortButton('name', 'gateway', 'sort by name')} · {sortButton('bottleneck', 'limit', 'sort by what limits the gateway')}
          </th>
          <th aria-sort={ariaSort('gbps')}>{sortButton('gbps', 'Gbps', 'Gbps through the gateway at this step')}</th>
          <th aria-sort={ariaSort('util')}>{sortButton('util', 'use', 'utilisation of min(backhaul, antennas in use x feeder Gbps)')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-gateway={r.id}>
            <td className="cap-gateways__name">
              <button type="button" className="link" title={r.name} onClick={() => select({ kind: 'gateway', id: r.id })}>
                {r.name}
              </button>
              <span className="cap-gateways__sub muted">
                {v.gatewayAntennasUsed[r.i]}/{r.antennas} ant. · <span data-testid="gateway-limit">{v.gatewayBottleneck[r.i] === 'none' ? '—' : v.gatewayBottleneck[r.i]}</span>
              </span>
            </td>
            <td>{v.gatewayGbps[r.i]!.toFixed(1)}</td>
            <td>
              <span className="cap-swatch" style={{ background: utilisationCss(v.gatewayUtilisation[r.i]!) }} />
              {formatPct(v.gatewayUtilisation[r.i]!)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Regions({ v }: { v: CapacityView }) {
  const list = v.unservedByRegion.filter((r) => r.unservedGbps > 0).slice(0, REGIONS_SHOWN);
  if (list.length === 0) return <p className="muted">Every region's demand is served.</p>;
  return (
    <table className="cap-table" data-testid="capacity-regions">
      <thead>
        <tr><th>unserved by region</th><th>demand</th><th>unserved</th></tr>
      </thead>
      <tbody>
        {list.map((r) => (
          <tr key={r.region}>
            <td>{r.region}</td>
            <td>{r.demandGbps.toFixed(1)}</td>
            <td>{r.unservedGbps.toFixed(1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LayerToggle() {
  const on = useCapacity((s) => s.layerOn);
  const setOn = useCapacity((s) => s.setLayerOn);
  return (
    <label className="cap-layer">
      <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} data-testid="capacity-layer" />
      Capacity layer: utilisation colours on gateways, backhaul and laser links
    </label>
  );
}

export function CapacityPanel() {
  const { status, view, message } = useCapacity();
  const revision = useApp((s) => s.revision);
  const asOf = useRollout((s) => s.dateMs);
  const fresh = view !== null && view.revision === revision && view.asOfDateMs === asOf;
  return (
    <div className="capacity" data-testid="capacity-panel">
      <p className="muted" data-testid="capacity-status">
        {message ??
          (view
            ? `Max flow at step ${view.step + 1}, ${formatUtc(view.stepUtcMs)} (${view.computeMs.toFixed(0)} ms)${fresh && status !== 'computing' ? '' : ' · updating…'}`
            : 'Computing…')}
      </p>
      {view && view.asOfDateMs !== null && (
        <p className="muted" data-testid="capacity-as-of">
          as of {formatUtc(view.asOfDateMs).slice(0, 10)}: the Rollout view's network (operational satellites, gateways in service)
        </p>
      )}
      <LayerToggle />
      {view && <Headline v={view} />}
      {view && <GatewayTable v={view} />}
      {view && <Regions v={view} />}
      <Assumptions />
    </div>
  );
}
