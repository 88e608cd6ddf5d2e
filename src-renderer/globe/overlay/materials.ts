// The overlay's shader materials: one three.js ShaderMaterial per GLSL program pair in shaders/
// (imported as text with Vite's ?raw), with the uniforms the programs declare. Colours come from
// palette.ts as sRGB floats passed straight through (no colour management), so the legend and the
// globe agree.
import { AdditiveBlending, AddEquation, CustomBlending, DoubleSide, NormalBlending, OneFactor, ShaderMaterial } from 'three';
import beamFrag from '../../../shaders/beam.frag.glsl?raw';
import beamVert from '../../../shaders/beam.vert.glsl?raw';
import footprintFrag from '../../../shaders/footprint.frag.glsl?raw';
import footprintVert from '../../../shaders/footprint.vert.glsl?raw';
import footprintRasterFrag from '../../../shaders/footprintRaster.frag.glsl?raw';
import footprintRasterVert from '../../../shaders/footprintRaster.vert.glsl?raw';
import islFrag from '../../../shaders/isl.frag.glsl?raw';
import islVert from '../../../shaders/isl.vert.glsl?raw';
import occluderFrag from '../../../shaders/occluder.frag.glsl?raw';
import occluderVert from '../../../shaders/occluder.vert.glsl?raw';
import satelliteFrag from '../../../shaders/satellite.frag.glsl?raw';
import satelliteVert from '../../../shaders/satellite.vert.glsl?raw';
import { EARTH_MEAN_RADIUS_KM } from '../../../src-core/units';
import { UTILISATION_STOPS } from '../../ui/capacity/palette';
import {
  BEAM_OPACITY,
  FOOTPRINT_COLOR,
  FOOTPRINT_OPACITY,
  LINK_OPACITY,
  LINK_RAMP,
  LOAD_RAMP,
  SEAM_COLOR,
  SEAM_DASH_KM,
  UNLOADED_LINK_ALPHA,
  UNLOADED_LINK_COLOR,
  type Rgb,
} from './palette';

const vec3 = (c: Rgb): Float32Array => Float32Array.from(c);

export function occluderMaterial(): ShaderMaterial {
  return new ShaderMaterial({
    vertexShader: occluderVert,
    fragmentShader: occluderFrag,
    uniforms: { uCameraKm: { value: new Float32Array(3) }, uRadiiKm: { value: new Float32Array(2) } },
    colorWrite: false,
    depthWrite: true,
    depthTest: true,
    side: DoubleSide, // the cap is built from the camera's side; winding does not matter
  });
}

export function satelliteMaterial(sizeDevicePx: number): ShaderMaterial {
  return new ShaderMaterial({
    vertexShader: satelliteVert,
    fragmentShader: satelliteFrag,
    uniforms: { uSizePx: { value: sizeDevicePx } },
    depthTest: true,
    depthWrite: true,
  });
}

export function islMaterial(): ShaderMaterial {
  return new ShaderMaterial({
    vertexShader: islVert,
    fragmentShader: islFrag,
    uniforms: {
      uRampColor: { value: Float32Array.from(LINK_RAMP.flatMap((s) => [...s.color])) },
      uRampKm: { value: Float32Array.from(LINK_RAMP.map((s) => s.lengthKm)) },
      uLoadMode: { value: 0 },
      uMaxLoad: { value: 0 },
      uLoadColor: { value: Float32Array.from(LOAD_RAMP.flatMap((c) => [...c])) },
      uUtilColor: { value: Float32Array.from(UTILISATION_STOPS.flatMap((st) => st.rgb.map((x) => x / 255))) },
      uUtilAt: { value: Float32Array.from(UTILISATION_STOPS.map((st) => st.at)) },
      uUnloadedColor: { value: vec3(UNLOADED_LINK_COLOR) },
      uUnloadedAlpha: { value: UNLOADED_LINK_ALPHA },
      uSeamColor: { value: vec3(SEAM_COLOR) },
      uDashKm: { value: SEAM_DASH_KM },
      uOpacity: { value: LINK_OPACITY },
    },
    transparent: true,
    depthTest: true,
    // Overlapping translucent lines: no depth writes, so the order among them does not matter.
    depthWrite: false,
    blending: NormalBlending,
  });
}

export function footprintMaterial(): ShaderMaterial {
  return new ShaderMaterial({
    vertexShader: footprintVert,
    fragmentShader: footprintFrag,
    uniforms: {
      uSatRel: { value: null },
      uSatRelWidth: { value: 1 },
      uChords: { value: 24 },
      uCameraKm: { value: new Float32Array(3) },
      uMinElevRad: { value: (35 * Math.PI) / 180 },
      uMeanRadiusKm: { value: EARTH_MEAN_RADIUS_KM },
      uEllipsoidKm: { value: new Float32Array(3) },
      uColor: { value: vec3(FOOTPRINT_COLOR) },
      uOpacity: { value: FOOTPRINT_OPACITY },
    },
    transparent: true,
    depthTest: true,
    depthWrite: false,
    // Additive: where rings overlap (dense coverage) the outlines get brighter instead of muddier.
    blending: AdditiveBlending,
  });
}

/** Footprints rasterised on the CPU (ringRaster.ts): one rectangle reading the ring count per pixel. */
export function footprintRasterMaterial(): ShaderMaterial {
  return new ShaderMaterial({
    vertexShader: footprintRasterVert,
    fragmentShader: footprintRasterFrag,
    uniforms: {
      uCounts: { value: null },
      uHeight: { value: 1 },
      uRect: { value: new Float32Array([-1, -1, 1, 1]) },
      uColor: { value: vec3(FOOTPRINT_COLOR) },
      uOpacity: { value: FOOTPRINT_OPACITY },
    },
    // Drawn in the opaque pass, before the satellites (which then cover it, as their depth
    // covers the line rings); the raster already left out what the Earth hides.
    transparent: false,
    depthTest: false,
    depthWrite: false,
    blending: CustomBlending,
    blendEquation: AddEquation,
    blendSrc: OneFactor,
    blendDst: OneFactor,
  });
}

export function beamMaterial(color: Rgb): ShaderMaterial {
  return new ShaderMaterial({
    vertexShader: beamVert,
    fragmentShader: beamFrag,
    uniforms: { uColor: { value: vec3(color) }, uOpacity: { value: BEAM_OPACITY } },
    transparent: true,
    depthTest: true,
    depthWrite: false,
    blending: NormalBlending,
  });
}
