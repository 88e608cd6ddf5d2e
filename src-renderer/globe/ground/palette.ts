// Colours and symbols of the ground objects (gateways, PoPs, backhaul, highlighted path), shared
// with the legend so both show the same values. CSS colour strings: Cesium and the DOM both read them.
export const GATEWAY_STATUS_COLORS = {
  live: '#4cc38a',
  planned: '#b0bec5',
} as const;
export type GatewayStatus = keyof typeof GATEWAY_STATUS_COLORS;

/** Ring drawn around selected gateways / the selected PoP. */
export const SELECTED_RING_COLOR = '#ffffff';
export const POP_COLOR = '#4ea1ff';
export const BACKHAUL_COLOR = 'rgba(78, 161, 255, 0.55)';
/** The highlighted ground -> satellites -> gateway -> PoP path. */
export const PATH_COLOR = '#ffee58';
export const PATH_OUTLINE_COLOR = '#000000';
export const GROUND_POINT_COLOR = '#ff5252';
/** The selected satellite's ring and its laser links to its neighbours. */
export const SELECTED_SATELLITE_COLOR = '#ffffff';
export const SELECTED_LINK_COLOR = 'rgba(255, 255, 255, 0.9)';

/** Marker sizes, CSS px. */
export const GATEWAY_SIZE_PX = 12;
export const POP_SIZE_PX = 12;
