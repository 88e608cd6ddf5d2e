// Layer switches and the legend of every colour scale on the globe. Colours come from the same
// palette modules the layers draw with (overlay/palette.ts, ground/palette.ts).
import { STATUS_NAMES } from '../../../src-core/constellation/types';
import { GATEWAY_STATUS_COLORS, PATH_COLOR, POP_COLOR, BACKHAUL_COLOR, SELECTED_LINK_COLOR, SELECTED_SATELLITE_COLOR } from '../../globe/ground/palette';
import { LAYER_LABELS, useGlobeView, type GlobeLayerName } from '../../globe/ground/viewStore';
import { FEEDER_BEAM_COLOR, FOOTPRINT_COLOR, IN_VIEW_BEAM_COLOR, LINK_RAMP, LOAD_RAMP, SEAM_COLOR, UNLOADED_LINK_COLOR, USER_BEAM_COLOR, cssColor, satelliteColor, shellColor } from '../../globe/overlay/palette';
import { usePlanning } from '../planning/planningStore';
import { useApp } from '../../state/store';
import { useScenarioInfo } from './engineHooks';
import './globe-ui.css';

const ORDER: readonly GlobeLayerName[] = ['satellites', 'links', 'footprints', 'feederBeams', 'userBeams', 'gateways', 'pops', 'labels', 'backhaul', 'path'];

const SWATCH: Partial<Record<GlobeLayerName, string>> = {
  footprints: cssColor(FOOTPRINT_COLOR),
  feederBeams: cssColor(FEEDER_BEAM_COLOR),
  userBeams: cssColor(USER_BEAM_COLOR),
  pops: POP_COLOR,
  backhaul: BACKHAUL_COLOR,
  path: PATH_COLOR,
};

export function LayersPanel() {
  const layers = useGlobeView((s) => s.layers);
  const setLayer = useGlobeView((s) => s.setLayer);
  const showFrame = useGlobeView((s) => s.showFrameTime);
  const setShowFrame = useGlobeView((s) => s.setShowFrameTime);
  const quality = useApp((s) => s.quality);
  const coloring = useGlobeView((s) => s.linkColoring);
  const setColoring = useGlobeView((s) => s.setLinkColoring);
  return (
    <div className="layers" data-testid="layers">
      <ul className="layers__list">
        {ORDER.map((n) => (
          <li key={n}>
            <label>
              <input type="checkbox" checked={layers[n]} onChange={(e) => setLayer(n, e.target.checked)} data-layer={n} />
              {SWATCH[n] && <span className="swatch swatch--line" style={{ background: SWATCH[n] }} />}
              {LAYER_LABELS[n]}
              {n === 'footprints' && <span className="muted"> ({quality === 'pretty' ? 'on' : 'off'} in {quality})</span>}
            </label>
            {n === 'links' && (
              <label className="layers__sub">
                colour by{' '}
                <select value={coloring} onChange={(e) => setColoring(e.target.value === 'load' ? 'load' : 'length')} data-testid="link-coloring" aria-label="Colour laser links by">
                  <option value="length">length</option>
                  <option value="load">routed load</option>
                </select>
              </label>
            )}
          </li>
        ))}
        <li className="layers__sep">
          <label>
            <input type="checkbox" checked={showFrame} onChange={(e) => setShowFrame(e.target.checked)} data-testid="show-frame-time" />
            Frame time in status bar
          </label>
        </li>
      </ul>
    </div>
  );
}

/** Compact demand figure: 3.0 B, 76.6 M, 12 k (people), or a cell count. */
const fmtWeight = (w: number, weighting: 'population' | 'cells', unit = true): string => {
  if (weighting === 'cells') return `${Math.round(w)}${unit ? ' cells' : ''}`;
  const v = w >= 1e9 ? `${(w / 1e9).toFixed(1)} B` : w >= 1e6 ? `${(w / 1e6).toFixed(w >= 1e8 ? 0 : 1)} M` : w >= 1e3 ? `${(w / 1e3).toFixed(0)} k` : `${Math.round(w)}`;
  return unit ? `${v} people` : v.replace(' ', '');
};

/** Legend of the link colours in load mode: the square-root ramp from 0 to the busiest link. */
function LinkLoadLegend() {
  const load = useGlobeView((s) => s.linkLoad);
  const status = usePlanning((s) => s.status);
  const gradient = `linear-gradient(to right, ${LOAD_RAMP.map((c, i) => `${cssColor(c)} ${(100 * i) / (LOAD_RAMP.length - 1)}%`).join(', ')})`;
  if (!load) {
    return (
      <>
        <h4 className="legend__title">Laser link routed load</h4>
        <p className="muted legend__note" data-testid="link-load-status">{status === 'error' ? 'coverage analysis failed: no load to show' : 'waiting for the coverage analysis…'}</p>
      </>
    );
  }
  if (load.linkCount === 0) {
    return (
      <>
        <h4 className="legend__title">Laser link routed load</h4>
        <p className="muted legend__note" data-testid="link-load-status">this scenario routes without laser links (bent pipe or ISLs off): links coloured by length</p>
      </>
    );
  }
  if (load.step < 0) {
    return (
      <>
        <h4 className="legend__title">Laser link routed load</h4>
        <p className="muted legend__note" data-testid="link-load-status">outside the analysis window: links coloured by length</p>
      </>
    );
  }
  const max = load.maxLinkLoad;
  // Ticks at fractions of the peak placed on the square-root scale the colours use.
  const ticks = [0, 0.0625, 0.25, 1];
  const stepTime = new Date(load.stepUtcMs).toISOString().slice(11, 16);
  return (
    <>
      <h4 className="legend__title">Laser link routed load</h4>
      <div className="ramp" style={{ background: gradient }} role="img" aria-label={`Laser link colour by routed load, 0 to ${fmtWeight(max, load.weighting)}, square-root scale`} />
      <div className="ramp__ticks">
        {ticks.map((f) => (
          <span key={f} style={{ left: `${100 * Math.sqrt(f)}%` }}>
            {f === 0 ? '0' : fmtWeight(f * max, load.weighting, false)}
          </span>
        ))}
      </div>
      <ul className="legend__items">
        <li>
          <span className="swatch swatch--line" style={{ background: cssColor(UNLOADED_LINK_COLOR) }} />
          no routed demand
        </li>
      </ul>
      <p className="muted legend__note" data-testid="link-load-status">
        demand {load.weighting === 'cells' ? '(cells)' : '(people)'} routed at the analysis step {stepTime} UTC; {load.loadedLinks} links carry {fmtWeight(load.servedWeight, load.weighting)} served
      </p>
    </>
  );
}

export function LegendPanel() {
  const info = useScenarioInfo();
  const coloring = useGlobeView((s) => s.linkColoring);
  // The links show load only in load mode once a load inside the analysis window has arrived.
  const loadShown = useGlobeView((s) => s.linkColoring === 'load' && s.linkLoad !== null && s.linkLoad.step >= 0 && s.linkLoad.linkCount > 0);
  const shells = info?.shells ?? [];
  const max = LINK_RAMP[LINK_RAMP.length - 1]!.lengthKm;
  const gradient = `linear-gradient(to right, ${LINK_RAMP.map((s) => `${cssColor(s.color)} ${(100 * s.lengthKm) / max}%`).join(', ')})`;
  return (
    <div className="legend" data-testid="legend">
      <h4 className="legend__title">Satellites by shell</h4>
      <ul className="legend__items">
        {shells.map((sh, i) => (
          <li key={sh.id}>
            <span className="swatch swatch--dot" style={{ background: cssColor(shellColor(i)) }} />
            {sh.name}
          </li>
        ))}
      </ul>
      <h4 className="legend__title">Status (shell 1)</h4>
      <ul className="legend__items legend__items--row">
        {STATUS_NAMES.map((st, k) => (
          <li key={st}>
            <span className="swatch swatch--dot" style={{ background: cssColor(satelliteColor(0, k)) }} />
            {st}
          </li>
        ))}
      </ul>
      {coloring === 'load' && <LinkLoadLegend />}
      {!loadShown && (
        <>
          <h4 className="legend__title">Laser link length</h4>
          <div className="ramp" style={{ background: gradient }} role="img" aria-label={`Laser link colour from ${LINK_RAMP[0]!.lengthKm} to ${max} km`} />
          <div className="ramp__ticks">
            {LINK_RAMP.map((s) => (
              <span key={s.lengthKm} style={{ left: `${(100 * s.lengthKm) / max}%` }}>
                {s.lengthKm >= 1000 ? `${s.lengthKm / 1000}k` : s.lengthKm}
              </span>
            ))}
          </div>
        </>
      )}
      <ul className="legend__items">
        <li>
          <span className="swatch swatch--dash" style={{ color: cssColor(SEAM_COLOR) }} />
          seam links (last plane → plane 0)
        </li>
      </ul>
      <h4 className="legend__title">Ground</h4>
      <ul className="legend__items">
        <li>
          <span className="swatch swatch--dot" style={{ background: GATEWAY_STATUS_COLORS.live }} />
          gateway, live
        </li>
        <li>
          <span className="swatch swatch--dot swatch--hollow" style={{ borderColor: GATEWAY_STATUS_COLORS.planned }} />
          gateway, planned
        </li>
        <li>
          <span className="swatch swatch--diamond" style={{ background: POP_COLOR }} />
          PoP
        </li>
        <li>
          <span className="swatch swatch--line" style={{ background: BACKHAUL_COLOR }} />
          backhaul (gateway → PoP)
        </li>
        <li>
          <span className="swatch swatch--line" style={{ background: cssColor(FEEDER_BEAM_COLOR) }} />
          feeder beam · <span className="swatch swatch--line" style={{ background: cssColor(USER_BEAM_COLOR) }} /> user beam (serving)
        </li>
        <li>
          <span className="swatch swatch--line" style={{ background: cssColor(IN_VIEW_BEAM_COLOR) }} />
          other satellites in view of the selected point
        </li>
        <li>
          <span className="swatch swatch--line swatch--thick" style={{ background: PATH_COLOR }} />
          highlighted path
        </li>
        <li>
          <span className="swatch swatch--dot swatch--hollow" style={{ borderColor: SELECTED_SATELLITE_COLOR }} />
          selected satellite · <span className="swatch swatch--line" style={{ background: SELECTED_LINK_COLOR }} /> its laser links and footprint
        </li>
      </ul>
    </div>
  );
}
