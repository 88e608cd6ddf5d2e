// The Capacity layer on the globe (docs/CAPACITY.md, "In the app"): utilisation colours on
// gateways (a ring around each marker), on their backhaul arcs to the PoP, and on the laser links
// (through the three.js overlay's per-link attribute: ConstellationLayer.setLinkUtilisation, no
// buffer rebuild), plus a legend on the globe. Colours: ui/capacity/palette.ts. Shown while the
// layer is on and a capacity view for the scenario on screen exists (capacitySync.ts asks for it).
import { Cartesian3, Color, Ellipsoid, Material, PointPrimitiveCollection, PolylineCollection, type CesiumWidget } from '@cesium/engine';
import type { CapacityView } from '../../engine/capacityHost';
import type { Scenario } from '../../../src-core/scenario/schema';
import { capacityStore } from '../../ui/capacity/capacityStore';
import { UTILISATION_STOPS, utilisationCss, utilisationGradientCss } from '../../ui/capacity/palette';
import { appStore } from '../../state/store';
import { useGlobeView } from '../ground/viewStore';
import type { ConstellationLayer } from '../overlay/constellationLayer';
import { cartesianFromDegreesKm, kmToM } from '../units';

/** Ring around a gateway marker (the marker itself is 12 px): diameter and ring width, px. */
const RING_PX = 22;
const RING_WIDTH_PX = 4;
/** Backhaul arcs: width px, lift above the ground (over the ground layer's 3 km arcs) and segments. */
const ARC_WIDTH_PX = 3;
const ARC_LIFT_KM = 4;
const ARC_SEGMENTS = 24;

/** A gateway -> PoP arc lifted above the ground. */
function arc(aLat: number, aLon: number, bLat: number, bLon: number): Cartesian3[] {
  const a = cartesianFromDegreesKm(aLon, aLat, 0);
  const b = cartesianFromDegreesKm(bLon, bLat, 0);
  const out: Cartesian3[] = [];
  for (let k = 0; k <= ARC_SEGMENTS; k++) {
    const p = Cartesian3.lerp(a, b, k / ARC_SEGMENTS, new Cartesian3());
    const surface = Ellipsoid.WGS84.scaleToGeodeticSurface(p, new Cartesian3());
    if (!surface) continue;
    const n = Ellipsoid.WGS84.geodeticSurfaceNormal(surface, new Cartesian3());
    out.push(Cartesian3.add(surface, Cartesian3.multiplyByScalar(n, kmToM(ARC_LIFT_KM), n), surface));
  }
  return out;
}

function createLegend(container: HTMLElement): HTMLDivElement {
  const el = document.createElement('div');
  el.className = 'cap-legend';
  el.dataset.testid = 'capacity-legend';
  el.dataset.globeHud = '';
  el.hidden = true;
  const title = document.createElement('div');
  title.textContent = 'Capacity use (gateways, backhaul, lasers)';
  const bar = document.createElement('div');
  bar.className = 'cap-legend__bar';
  bar.style.background = utilisationGradientCss();
  const ticks = document.createElement('div');
  ticks.className = 'cap-legend__ticks';
  for (const s of [UTILISATION_STOPS[0]!, UTILISATION_STOPS.at(-1)!]) {
    const t = document.createElement('span');
    t.textContent = s.label;
    ticks.append(t);
  }
  el.append(title, bar, ticks);
  container.append(el);
  return el;
}

/**
 * The view's gateways are the scenario's: all of them in order (the scenario as written), or, as
 * of a rollout date, those in service then (each still in the scenario).
 */
function viewMatches(view: CapacityView, scenario: Scenario): boolean {
  if (view.asOfDateMs === null) return view.gatewayIds.length === scenario.gateways.length && view.gatewayIds.every((id, i) => id === scenario.gateways[i]!.id);
  const ids = new Set(scenario.gateways.map((g) => g.id));
  return view.gatewayIds.every((id) => ids.has(id));
}

export function attachCapacityLayer(viewer: CesiumWidget, links: Pick<ConstellationLayer, 'setLinkUtilisation'>): () => void {
  const scene = viewer.scene;
  const rings = scene.primitives.add(new PointPrimitiveCollection()) as PointPrimitiveCollection;
  const arcs = scene.primitives.add(new PolylineCollection()) as PolylineCollection;
  const legend = createLegend(viewer.container as HTMLElement);
  let linksColoured = false;
  // Rings ignore depth (coarse globe tiles would cut them, as the ground layer's markers); rings on
  // the far side of the Earth are hidden by a facing test every frame (a few dozen dot products).
  const up = new Cartesian3();
  const toCamera = new Cartesian3();
  const onPreRender = (): void => {
    const cam = scene.camera.positionWC;
    for (let i = 0; i < rings.length; i++) {
      const r = rings.get(i);
      Ellipsoid.WGS84.geodeticSurfaceNormal(r.position, up);
      const facing = Cartesian3.dot(up, Cartesian3.subtract(cam, r.position, toCamera)) > 0;
      if (r.show !== facing) r.show = facing;
    }
  };
  scene.preRender.addEventListener(onPreRender);

  const draw = (v: CapacityView, s: Scenario): void => {
    rings.removeAll();
    arcs.removeAll();
    // By id: as of a rollout date the view lists only the gateways in service then.
    const byId = new Map(s.gateways.map((g) => [g.id, g]));
    v.gatewayIds.forEach((id, i) => {
      const g = byId.get(id)!;
      const color = Color.fromCssColorString(utilisationCss(v.gatewayUtilisation[i]!));
      rings.add({ position: cartesianFromDegreesKm(g.lonDeg, g.latDeg, 0), pixelSize: RING_PX, color: Color.TRANSPARENT, outlineColor: color, outlineWidth: RING_WIDTH_PX, disableDepthTestDistance: Number.POSITIVE_INFINITY });
      const pop = s.pops[v.gatewayPop[i]!];
      if (pop) arcs.add({ positions: arc(g.latDeg, g.lonDeg, pop.latDeg, pop.lonDeg), width: ARC_WIDTH_PX, material: Material.fromType('Color', { color }) });
    });
    links.setLinkUtilisation(v.linkUtilisation);
    linksColoured = true;
  };

  const clear = (): void => {
    rings.removeAll();
    arcs.removeAll();
    if (linksColoured) links.setLinkUtilisation(null);
    linksColoured = false;
  };

  const update = (): void => {
    const { layerOn, view } = capacityStore.getState();
    const { scenario, revision } = appStore.getState();
    legend.hidden = !layerOn;
    // Keep the last drawn colours while a newer view is computed; drop them if the gateways changed.
    if (layerOn && view && viewMatches(view, scenario)) {
      if (view.revision === revision || !linksColoured) draw(view, scenario);
    } else clear();
    // For tests and tools: how many gateway rings are drawn, and for which network.
    legend.dataset.rings = String(rings.length);
    legend.dataset.asOfMs = view?.asOfDateMs == null ? '' : String(view.asOfDateMs);
    scene.requestRender();
  };

  const unsubs = [
    capacityStore.subscribe((c, p) => {
      // The layer replaces the routed-load link colouring while it is on (both use the same attribute).
      if (c.layerOn && !p.layerOn && useGlobeView.getState().linkColoring === 'load') useGlobeView.getState().setLinkColoring('length');
      if (c.layerOn !== p.layerOn || c.view !== p.view) update();
    }),
    appStore.subscribe((s, p) => {
      if (s.scenario.gateways !== p.scenario.gateways || s.scenario.pops !== p.scenario.pops) update();
    }),
  ];
  update();
  return () => {
    unsubs.forEach((u) => u());
    legend.remove();
    if (!viewer.isDestroyed()) {
      scene.preRender.removeEventListener(onPreRender);
      scene.primitives.remove(rings);
      scene.primitives.remove(arcs);
    }
  };
}
