// What the globe shows (layer switches, frame-time readout) and the live engine answers the
// globe fetched for the current time (gateway links, the selected ground point's route). A small
// store of its own: view toggles are not scenario data (no undo), and the inspector reads the same
// answers the globe draws, so both always agree.
import { create } from 'zustand';
import type { RouteResult } from '../../../src-core/network/route';
import type { GatewayLinksResult } from '../../engine/protocol';
import type { LinkLoadResult } from '../../engine/planningProtocol';
import type { LayerName } from '../overlay/constellationLayer';
import type { GroundLayerName } from './groundLayer';

export type GlobeLayerName = LayerName | GroundLayerName;

export const LAYER_LABELS: Record<GlobeLayerName, string> = {
  satellites: 'Satellites',
  links: 'Laser links',
  footprints: 'Footprints',
  feederBeams: 'Feeder beams',
  userBeams: 'User beam',
  gateways: 'Gateways',
  pops: 'PoPs',
  labels: 'Labels',
  backhaul: 'Backhaul',
  path: 'Highlighted path',
};

/** What colours the laser links: their length, or the demand routed over them (coverage analysis). */
export type LinkColoring = 'length' | 'load';

/** The link load drawn (legend): LinkLoadResult without the per-link array. */
export type LinkLoadInfo = Omit<LinkLoadResult, 'linkLoad'>;

export interface GlobeViewState {
  layers: Record<GlobeLayerName, boolean>;
  /** True once the user switched footprints; until then they follow the quality (on in pretty, off in lean). */
  footprintsChosen: boolean;
  showFrameTime: boolean;
  linkColoring: LinkColoring;
  /** The load the links show (load colouring), null while none has been computed. */
  linkLoad: LinkLoadInfo | null;
  gatewayLinks: GatewayLinksResult | null;
  /** The selected ground point's route at `tUtcMs` (null: no ground selection or not computed yet). */
  route: { latDeg: number; lonDeg: number; tUtcMs: number; revision: number; result: RouteResult } | null;
  setLayer(name: GlobeLayerName, on: boolean): void;
  setShowFrameTime(on: boolean): void;
  setLinkColoring(c: LinkColoring): void;
}

export const useGlobeView = create<GlobeViewState>()((set, get) => ({
  layers: { satellites: true, links: true, footprints: false, feederBeams: true, userBeams: true, gateways: true, pops: true, labels: true, backhaul: true, path: true },
  footprintsChosen: false,
  showFrameTime: true,
  linkColoring: 'length',
  linkLoad: null,
  gatewayLinks: null,
  route: null,
  setLayer: (name, on) => set({ layers: { ...get().layers, [name]: on }, ...(name === 'footprints' ? { footprintsChosen: true } : {}) }),
  setShowFrameTime: (showFrameTime) => set({ showFrameTime }),
  setLinkColoring: (linkColoring) => set({ linkColoring }),
}));

export const globeView = useGlobeView;
