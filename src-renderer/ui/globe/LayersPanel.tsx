// Layer switches and the legend of every colour scale on the globe. Colours come from the same
// palette modules the layers draw with (overlay/palette.ts, ground/palette.ts).
import { STATUS_NAMES } from '../../../src-core/constellation/types';
import { GATEWAY_STATUS_COLORS, PATH_COLOR, POP_COLOR, BACKHAUL_COLOR } from '../../globe/ground/palette';
import { LAYER_LABELS, useGlobeView, type GlobeLayerName } from '../../globe/ground/viewStore';
import { FEEDER_BEAM_COLOR, FOOTPRINT_COLOR, LINK_RAMP, SEAM_COLOR, USER_BEAM_COLOR, cssColor, satelliteColor, shellColor } from '../../globe/overlay/palette';
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

export function LegendPanel() {
  const info = useScenarioInfo();
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
      <h4 className="legend__title">Laser link length</h4>
      <div className="ramp" style={{ background: gradient }} role="img" aria-label={`Laser link colour from ${LINK_RAMP[0]!.lengthKm} to ${max} km`} />
      <div className="ramp__ticks">
        {LINK_RAMP.map((s) => (
          <span key={s.lengthKm} style={{ left: `${(100 * s.lengthKm) / max}%` }}>
            {s.lengthKm >= 1000 ? `${s.lengthKm / 1000}k` : s.lengthKm}
          </span>
        ))}
      </div>
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
          feeder beam · <span className="swatch swatch--line" style={{ background: cssColor(USER_BEAM_COLOR) }} /> user beam
        </li>
        <li>
          <span className="swatch swatch--line swatch--thick" style={{ background: PATH_COLOR }} />
          highlighted path
        </li>
      </ul>
    </div>
  );
}
