// The gateway table: sort, filter (status), search (name, id, country), multi-select in sync with
// the globe selection (click, Shift/Ctrl+click), bulk delete / status change, and an attribute
// editor for the selection. Every change is an undoable command (state/gatewayCommands.ts).
import { useMemo, useState } from 'react';
import type { Gateway } from '../../../src-core/scenario/schema';
import { deleteGateways, updateGateways, type GatewayPatch } from '../../state/gatewayCommands';
import { selectedGatewayIds } from '../../state/slices/selection';
import { useApp, appStore } from '../../state/store';
import { usePlanning } from './planningStore';
import { IsoDateInput } from '../IsoDateInput';

type SortKey = 'name' | 'country' | 'status' | 'share';

export function selectGateways(ids: string[]): void {
  const s = appStore.getState();
  s.select(ids.length === 0 ? null : ids.length === 1 ? { kind: 'gateway', id: ids[0]! } : { kind: 'gateways', ids });
}

export function deleteSelectedGateways(): boolean {
  const s = appStore.getState();
  const ids = selectedGatewayIds(s.selection);
  if (ids.length === 0) return false;
  s.execute(deleteGateways(ids));
  s.select(null);
  return true;
}

function Editor({ gateways }: { gateways: Gateway[] }) {
  const pops = useApp((s) => s.scenario.pops);
  const execute = useApp((s) => s.execute);
  const ids = gateways.map((g) => g.id);
  const one = gateways.length === 1 ? gateways[0]! : null;
  const common = <K extends keyof Gateway>(k: K): Gateway[K] | '' => (gateways.every((g) => g[k] === gateways[0]![k]) ? gateways[0]![k] : '');
  const set = (patch: GatewayPatch) => execute(updateGateways(ids, patch));
  const num = (v: string, min: number, int = false): number | null => {
    const x = Number(v);
    return v.trim() !== '' && Number.isFinite(x) && x >= min && (!int || Number.isInteger(x)) ? x : null;
  };
  return (
    <div className="gw-editor" data-testid="gateway-editor">
      {one && (
        <label>
          Name
          <input type="text" value={one.name} onChange={(e) => e.target.value.trim() && set({ name: e.target.value })} />
        </label>
      )}
      <label>
        Min. elevation °
        <input type="number" min={0} max={90} step={1} defaultValue={String(common('minElevationDeg'))} key={`el${ids.join()}${String(common('minElevationDeg'))}`} onBlur={(e) => { const v = num(e.target.value, 0); if (v !== null && v <= 90) set({ minElevationDeg: v }); }} />
      </label>
      <label>
        Antennas
        <input type="number" min={1} step={1} defaultValue={String(common('antennas'))} key={`an${ids.join()}${String(common('antennas'))}`} onBlur={(e) => { const v = num(e.target.value, 1, true); if (v !== null) set({ antennas: v }); }} />
      </label>
      <label>
        Capacity Gbps
        <input type="number" min={1} step={10} defaultValue={String(common('capacityGbps'))} key={`ca${ids.join()}${String(common('capacityGbps'))}`} onBlur={(e) => { const v = num(e.target.value, 0.001); if (v !== null) set({ capacityGbps: v }); }} />
      </label>
      <label>
        PoP
        <select value={common('popId') === '' ? (gateways.every((g) => g.popId === null) ? '' : '?') : (common('popId') ?? '')} onChange={(e) => e.target.value !== '?' && set({ popId: e.target.value === '' ? null : e.target.value })}>
          <option value="">nearest (default)</option>
          {!gateways.every((g) => g.popId === gateways[0]!.popId) && <option value="?">(mixed)</option>}
          {pops.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select value={common('status')} onChange={(e) => (e.target.value === 'planned' || e.target.value === 'live') && set({ status: e.target.value })} data-testid="gateway-status">
          {common('status') === '' && <option value="">(mixed)</option>}
          <option value="planned">planned</option>
          <option value="live">live</option>
        </select>
      </label>
      <label>
        In service
        <IsoDateInput label="In service (UTC date)" testId="gateway-in-service" value={common('inServiceDate') || null} onCommit={(d) => set({ inServiceDate: d })} />
      </label>
    </div>
  );
}

export function GatewayPanel() {
  const gateways = useApp((s) => s.scenario.gateways);
  const selection = useApp((s) => s.selection);
  const execute = useApp((s) => s.execute);
  const current = usePlanning((s) => s.current);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<'all' | 'planned' | 'live'>('all');
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'name', dir: 1 });
  // A selection can outlive its gateways (undo of an add, delete): only existing ones count.
  const existing = new Set(gateways.map((g) => g.id));
  const selected = selectedGatewayIds(selection).filter((id) => existing.has(id));
  const selSet = new Set(selected);
  const shareOf = useMemo(() => {
    const m = new Map<string, number>();
    if (current) current.gatewayIds.forEach((id, i) => m.set(id, 100 * current.gatewayShare[i]!));
    return m;
  }, [current]);
  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    const list = gateways.filter((g) => (status === 'all' || g.status === status) && (!q || g.name.toLowerCase().includes(q) || g.id.toLowerCase().includes(q) || (g.countryCode ?? '').toLowerCase() === q));
    const val = (g: Gateway): string | number => (sort.key === 'name' ? g.name.toLowerCase() : sort.key === 'country' ? (g.countryCode ?? '') : sort.key === 'status' ? g.status : (shareOf.get(g.id) ?? -1));
    return list.slice().sort((a, b) => {
      const x = val(a), y = val(b);
      return (x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : 1) * sort.dir;
    });
  }, [gateways, query, status, sort, shareOf]);
  const [anchor, setAnchor] = useState<string | null>(null);
  const clickRow = (e: React.MouseEvent, id: string) => {
    if (e.shiftKey && anchor) {
      const a = rows.findIndex((r) => r.id === anchor), b = rows.findIndex((r) => r.id === id);
      if (a >= 0 && b >= 0) {
        const range = rows.slice(Math.min(a, b), Math.max(a, b) + 1).map((r) => r.id);
        return selectGateways([...new Set([...selected, ...range])]);
      }
    }
    setAnchor(id);
    if (e.ctrlKey || e.metaKey) return selectGateways(selSet.has(id) ? selected.filter((x) => x !== id) : [...selected, id]);
    selectGateways([id]);
  };
  const head = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
      <button type="button" onClick={() => setSort({ key, dir: sort.key === key ? ((-sort.dir) as 1 | -1) : 1 })}>
        {label}
        {sort.key === key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );
  const selGateways = gateways.filter((g) => selSet.has(g.id));
  // Names shared by two gateways (an older file, a hand edit) get their position beside them.
  const dupNames = useMemo(() => {
    const seen = new Map<string, number>();
    for (const g of gateways) seen.set(g.name.trim().toLowerCase(), (seen.get(g.name.trim().toLowerCase()) ?? 0) + 1);
    return new Set([...seen].filter(([, k]) => k > 1).map(([n]) => n));
  }, [gateways]);
  return (
    <div className="gw-panel">
      <div className="row">
        <input type="search" placeholder="Search name, id, country" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Search gateways" className="grow" />
        <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)} aria-label="Filter by status">
          <option value="all">all</option>
          <option value="planned">planned</option>
          <option value="live">live</option>
        </select>
      </div>
      <p className="muted small">
        <span data-testid="gateway-count">{gateways.length}</span> gateways{rows.length !== gateways.length ? `, ${rows.length} shown` : ''}
        {selected.length > 0 ? `, ${selected.length} selected` : ''}
      </p>
      <div className="gw-table-wrap">
        <table className="gw-table" data-testid="gateway-table" aria-multiselectable="true">
          <thead>
            <tr>
              {head('name', 'Name')}
              {head('country', 'CC')}
              {head('status', 'Status')}
              {head('share', 'Share %')}
            </tr>
          </thead>
          <tbody>
            {rows.map((g) => (
              <tr key={g.id} className={selSet.has(g.id) ? 'is-selected' : ''} aria-selected={selSet.has(g.id)} onClick={(e) => clickRow(e, g.id)} data-gateway={g.id}>
                <td title={`${g.name} · ${g.latDeg.toFixed(3)}°, ${g.lonDeg.toFixed(3)}°`}>
                  {g.name}
                  {dupNames.has(g.name.trim().toLowerCase()) && <span className="muted"> · {g.latDeg.toFixed(1)}°, {g.lonDeg.toFixed(1)}°</span>}
                </td>
                <td>{g.countryCode ?? '–'}</td>
                <td className={g.status === 'planned' ? 'muted' : ''}>{g.status}</td>
                <td className="num">{shareOf.has(g.id) ? shareOf.get(g.id)!.toFixed(1) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {selGateways.length > 0 && (
        <>
          <div className="row">
            <button type="button" className="btn btn--small btn--danger" onClick={deleteSelectedGateways} data-testid="delete-gateways">
              Delete {selected.length > 1 ? `${selected.length}` : ''}
            </button>
            <button type="button" className="btn btn--small" onClick={() => execute(updateGateways(selected, { status: 'live' }, `Mark ${selected.length} live`))}>
              Mark live
            </button>
            <button type="button" className="btn btn--small" onClick={() => execute(updateGateways(selected, { status: 'planned' }, `Mark ${selected.length} planned`))}>
              Mark planned
            </button>
          </div>
          <Editor gateways={selGateways} />
        </>
      )}
    </div>
  );
}
