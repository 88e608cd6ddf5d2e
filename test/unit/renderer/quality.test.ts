// Rendering quality on the Cesium scene: "pretty" keeps every effect a GPU draws cheaply, "lean"
// (software WebGL) turns off what costs a CPU rasteriser a full-screen pass: MSAA, FXAA,
// atmospheres, fog, lighting, and the star field, sun and moon. Switching back restores them.
import type { CesiumWidget } from '@cesium/engine';
import { describe, expect, it } from 'vitest';
import { applyQuality, msaaSamplesFor, resolveQuality } from '../../../src-renderer/globe/quality';

/** The parts of a CesiumWidget that applyQuality writes, all "on" as Cesium creates them. */
function fakeViewer() {
  const scene = {
    msaaSamples: 4,
    postProcessStages: { fxaa: { enabled: true } },
    skyAtmosphere: { show: true },
    globe: { showGroundAtmosphere: true, enableLighting: true },
    fog: { enabled: true },
    skyBox: { show: true },
    sun: { show: true },
    moon: { show: true },
  };
  return { viewer: { scene } as unknown as CesiumWidget, scene };
}

const effects = (s: ReturnType<typeof fakeViewer>['scene']) => ({
  msaa: s.msaaSamples,
  fxaa: s.postProcessStages.fxaa.enabled,
  sky: s.skyAtmosphere.show,
  ground: s.globe.showGroundAtmosphere,
  lighting: s.globe.enableLighting,
  fog: s.fog.enabled,
  stars: s.skyBox.show,
  sun: s.sun.show,
  moon: s.moon.show,
});

describe('applyQuality', () => {
  it('lean turns off every full-screen effect, the star field, sun and moon included', () => {
    const { viewer, scene } = fakeViewer();
    applyQuality(viewer, 'lean');
    expect(effects(scene)).toEqual({ msaa: 1, fxaa: false, sky: false, ground: false, lighting: false, fog: false, stars: false, sun: false, moon: false });
  });

  it('pretty keeps (and after lean restores) all of them', () => {
    const { viewer, scene } = fakeViewer();
    applyQuality(viewer, 'pretty');
    const all = { msaa: msaaSamplesFor('pretty'), fxaa: true, sky: true, ground: true, lighting: true, fog: true, stars: true, sun: true, moon: true };
    expect(effects(scene)).toEqual(all);
    applyQuality(viewer, 'lean');
    applyQuality(viewer, 'pretty');
    expect(effects(scene)).toEqual(all);
  });

  it('auto picks lean for software WebGL and pretty for a GPU', () => {
    expect(resolveQuality('auto', 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)').quality).toBe('lean');
    expect(resolveQuality('auto', 'ANGLE (NVIDIA, NVIDIA H100 80GB HBM3)').quality).toBe('pretty');
  });
});
