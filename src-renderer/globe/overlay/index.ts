// The three.js overlay of the globe: the constellation layer and the palette its legend shares.
export { attachConstellationLayer, OCCLUDER_DEPTH_KM } from './constellationLayer';
export type { ConstellationLayer, ConstellationLayerOptions, FeederBeam, GroundPoint, LayerName, LayerStats } from './constellationLayer';
export * from './palette';
