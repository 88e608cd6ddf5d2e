// Rendering quality: "pretty" (MSAA, FXAA, atmospheres, fog, sun lighting, star field, sun and
// moon) for real GPUs and "lean" for software WebGL, where the pretty settings run at about 1 fps.
// "auto" picks from the WebGL renderer string; the user can override it (View menu, ?quality=
// URL parameter). Lean also leaves out the star field (a full-screen cube-map pass: about a tenth
// of a SwiftShader frame of the default view, docs/BENCHMARKS.md "Twelfth session"), the sun and
// the moon; space is drawn black.
import type { CesiumWidget, SkyBox } from '@cesium/engine';
import type { Quality, QualitySetting } from '../state/slices/ui';

const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render driver|mesa offscreen/i;

export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_RENDERERS.test(renderer);
}

export function resolveQuality(setting: QualitySetting, renderer: string): { quality: Quality; reason: string } {
  if (setting !== 'auto') return { quality: setting, reason: 'chosen' };
  const m = /swiftshader|llvmpipe|softpipe/i.exec(renderer);
  return isSoftwareRenderer(renderer)
    ? { quality: 'lean', reason: `auto: software WebGL${m ? ` (${m[0]})` : ''}` }
    : { quality: 'pretty', reason: 'auto: hardware WebGL' };
}

export function msaaSamplesFor(q: Quality): number {
  return q === 'pretty' ? 4 : 1;
}

export function applyQuality(viewer: CesiumWidget, q: Quality): void {
  const pretty = q === 'pretty';
  const { scene } = viewer;
  scene.msaaSamples = msaaSamplesFor(q);
  scene.postProcessStages.fxaa.enabled = pretty;
  if (scene.skyAtmosphere) scene.skyAtmosphere.show = pretty;
  scene.globe.showGroundAtmosphere = pretty;
  scene.globe.enableLighting = pretty;
  scene.fog.enabled = pretty;
  // SkyBox.show is a documented property (getter/setter) that the 1.140 typings leave out.
  if (scene.skyBox) (scene.skyBox as SkyBox & { show: boolean }).show = pretty;
  if (scene.sun) scene.sun.show = pretty;
  if (scene.moon) scene.moon.show = pretty;
}
