// Ground objects in Cesium: gateway markers (coloured by status, selected ones ringed), PoP
// markers (a distinct diamond), decluttered labels, thin gateway -> PoP backhaul arcs, the
// selected ground point and the highlighted route (ground -> satellites -> lasers -> gateway ->
// PoP) drawn through the satellites' drawn positions, and the selected satellite: ringed (the ring
// ignores depth, hidden behind the Earth by an ellipsoid test), with its laser links to its
// neighbours as wider white lines under the overlay's mesh and its coverage footprint at the
// terminal mask as a thin white circle on the ground, all moved to the drawn position every frame
// (in lean quality, where the footprint layer is off, this is the one footprint shown).
//
// It follows the scenario and the selection it is given (`update`): gateway edits made anywhere
// (planning commands, undo) show up here without this layer knowing about them.
//
// Decisions (and why):
// - Markers ignore the depth buffer (disableDepthTestDistance = Infinity) so coarse globe tiles
//   never cut them, and are hidden on the far side of the Earth by a horizon test every frame
//   (a few dozen dot products).
// - Labels are DOM elements over both canvases (Cesium's and the three.js overlay), so the laser
//   mesh never runs across the text; positioned every frame, decluttered with a greedy screen-space
//   overlap test (selected first, then gateways, then PoPs) at most every DECLUTTER_MS while the
//   camera moves: hundreds of objects at most.
// - The path's satellite vertices are refreshed every frame from the constellation layer's last
//   drawn positions (one frame behind the overlay at most), so the line meets the dots while the
//   route itself is re-queried a few times per second by the caller.
import {
  BillboardCollection,
  Cartesian2,
  Cartesian3,
  Cartographic,
  Color,
  Ellipsoid,
  Material,
  Math as CesiumMath,
  PolylineCollection,
  SceneTransforms,
  type Billboard,
  type CesiumWidget,
  type Polyline,
} from '@cesium/engine';
import type { RouteOk } from '../../../src-core/network/route';
import type { Gateway, Pop } from '../../../src-core/scenario/schema';
import { gatewayInServiceAt } from '../../../src-core/constellation/status';
import { coverageHalfAngleRad } from '../../../src-core/frames/spherical';
import { EARTH_MEAN_RADIUS_KM, WGS84_A_KM, WGS84_B_KM } from '../../../src-core/units';
import { footprintRingEcef } from '../overlay/footprintRing';
import { hiddenByEllipsoid } from '../overlay/projection';
import { cartesianFromDegreesKm, kmToM, mToKm } from '../units';
import {
  BACKHAUL_COLOR,
  GATEWAY_SIZE_PX,
  GATEWAY_STATUS_COLORS,
  GROUND_POINT_COLOR,
  PATH_COLOR,
  PATH_OUTLINE_COLOR,
  POP_COLOR,
  POP_SIZE_PX,
  SELECTED_LINK_COLOR,
  SELECTED_RING_COLOR,
  SELECTED_SATELLITE_COLOR,
  type GatewayStatus,
} from './palette';
import './ground.css';

export type GroundPick = { kind: 'gateway'; id: string } | { kind: 'pop'; id: string };
export type GroundLayerName = 'gateways' | 'pops' | 'labels' | 'backhaul' | 'path';

export interface GroundLayerInput {
  gateways: readonly Gateway[];
  pops: readonly Pop[];
  /** Index of each gateway's PoP (scenario order; -1 none), e.g. from the engine's backhaul. */
  gatewayPop: (g: Gateway) => Pop | null;
  selectedGatewayIds: ReadonlySet<string>;
  selectedPopId: string | null;
  groundPoint: { latDeg: number; lonDeg: number; label?: string | undefined } | null;
  /** The route panel's ends that are places (marked like the ground point while its route is shown). */
  routeEnds?: readonly { latDeg: number; lonDeg: number; label?: string | undefined }[];
  /** Rollout view's date (UTC ms): gateways not in service then are drawn as planned, without backhaul. Null/absent: as written. */
  inServiceAtMs?: number | null;
}

export interface GroundLayer {
  update(input: GroundLayerInput): void;
  /** The highlighted route (null: none). */
  setPath(route: RouteOk | null): void;
  /**
   * The selected satellite (null: none), ringed at its drawn position, its laser links to
   * `neighbours`, and its coverage footprint at the terminal mask (null: no footprint).
   */
  setSelectedSatellite(index: number | null, neighbours: readonly number[], minElevationRad: number | null): void;
  /**
   * The selected satellite's marks as last placed (tests): the ring in window CSS px, the links
   * shown, and the footprint's half-angle (rad) and first point (degrees); null when hidden or none.
   */
  selectedSatelliteMarker(): { x: number; y: number; links: number; footprint: { halfAngleRad: number; latDeg: number; lonDeg: number } | null } | null;
  setVisible(name: GroundLayerName, on: boolean): void;
  /** What scene.pick finds at canvas CSS px (x, y) among the ground objects. */
  pick(x: number, y: number): GroundPick | null;
  /** Cheap screen-space hit test (no pick pass): the nearest marker within radiusPx. */
  hitTest(x: number, y: number, radiusPx?: number): GroundPick | null;
  /** Labels currently shown (tests of the declutter). */
  visibleLabels(): string[];
  /** Images in the marker billboards' texture atlas (tests: an edit adds none once its icon was packed). */
  markerImages(): number;
  /** The highlighted path as drawn (tests): hop ids, the space polyline's vertices, the number of fiber arcs; null when none. */
  drawnPath(): { hopIds: string[]; vertices: { latDeg: number; lonDeg: number; altKm: number }[]; backhaulArcs: number } | null;
  dispose(): void;
}

const DECLUTTER_MS = 200;
const BACKHAUL_LIFT_KM = 3;
const ARC_SEGMENTS = 24;
const LABEL_FONT = '12px system-ui, sans-serif';
const FOOTPRINT_SEGMENTS = 96;
/** The selected satellite's footprint: as high above the WGS84 surface as the overlay's rings. */
const FOOTPRINT_LIFT_KM = 2;

/**
 * A billboard image with the id it has in its collection's texture atlas. Cesium gives a canvas
 * without an id a fresh one (createGuid) for every billboard, so each new marker added another
 * copy of the same icon to the atlas (which never shrinks), was drawn only once the atlas had been
 * repacked after a frame, and that repack asked for one more whole frame (under software WebGL,
 * one more ~100 ms frame after every gateway edit, ahead of the heatmap's). With a stable id an
 * icon is packed once and a new marker is drawn in the very next frame.
 */
interface AtlasImage {
  id: string;
  canvas: HTMLCanvasElement;
}

/** A square canvas of `size` px, drawn by `draw` on first use and kept. */
function drawnOnce(size: number, draw: (g: CanvasRenderingContext2D) => void): () => HTMLCanvasElement {
  let canvas: HTMLCanvasElement | null = null;
  return () => {
    if (canvas) return canvas;
    canvas = document.createElement('canvas');
    canvas.width = canvas.height = size;
    draw(canvas.getContext('2d')!);
    return canvas;
  };
}

const GROUND_POINT_IMAGE_ID = 'leo-ground-point';
/** A searched place's or a route end's marker: a filled dot with a white edge. */
const groundPointIcon = drawnOnce(16, (g) => {
  g.beginPath();
  g.arc(8, 8, 5, 0, 2 * Math.PI);
  g.fillStyle = GROUND_POINT_COLOR;
  g.fill();
  g.lineWidth = 2;
  g.strokeStyle = '#fff';
  g.stroke();
});

const SELECTED_SATELLITE_IMAGE_ID = 'leo-selected-satellite';
/** The selected satellite's ring: white with a dark edge, so it reads over the globe and the mesh. */
const selectedSatelliteIcon = drawnOnce(26, (g) => {
  g.beginPath();
  g.arc(13, 13, 9, 0, 2 * Math.PI);
  g.lineWidth = 4.5;
  g.strokeStyle = 'rgba(0, 0, 0, 0.7)';
  g.stroke();
  g.lineWidth = 2.5;
  g.strokeStyle = SELECTED_SATELLITE_COLOR;
  g.stroke();
});

function icon(kind: 'gateway' | 'pop', color: string, selected: boolean, hollow: boolean): HTMLCanvasElement {
  const size = 32;
  const c = document.createElement('canvas');
  c.width = c.height = size;
  const g = c.getContext('2d')!;
  const m = size / 2;
  if (selected) {
    g.beginPath();
    g.arc(m, m, 14, 0, 2 * Math.PI);
    g.strokeStyle = SELECTED_RING_COLOR;
    g.lineWidth = 3;
    g.stroke();
  }
  g.beginPath();
  if (kind === 'gateway') g.arc(m, m, 8, 0, 2 * Math.PI);
  else {
    g.moveTo(m, m - 10);
    g.lineTo(m + 10, m);
    g.lineTo(m, m + 10);
    g.lineTo(m - 10, m);
    g.closePath();
  }
  g.lineWidth = 2.5;
  g.strokeStyle = '#0d1117';
  if (hollow) {
    g.fillStyle = 'rgba(13,17,23,0.6)';
    g.fill();
    g.stroke();
    g.lineWidth = 2;
    g.strokeStyle = color;
    g.stroke();
  } else {
    g.fillStyle = color;
    g.fill();
    g.stroke();
  }
  return c;
}

interface DomLabel {
  el: HTMLSpanElement;
  show: boolean;
  text: string;
}

/** Elements drawn over the globe (legends, controls, search): no label is placed under them. */
export const HUD_SELECTOR = '[data-globe-hud]';

interface Marker {
  pick: GroundPick;
  billboard: Billboard;
  label: DomLabel;
  world: Cartesian3;
  priority: number;
  textWidthPx: number;
}

export function attachGroundLayer(viewer: CesiumWidget, satPositionEcefKm: (i: number) => readonly [number, number, number] | null): GroundLayer {
  const { scene, camera } = viewer;
  const billboards = scene.primitives.add(new BillboardCollection({ scene })) as BillboardCollection;
  const labelBox = document.createElement('div');
  labelBox.className = 'ground-labels';
  labelBox.dataset.testid = 'ground-labels';
  Object.assign(labelBox.style, { position: 'absolute', inset: '0', pointerEvents: 'none', overflow: 'hidden' });
  viewer.container.appendChild(labelBox);
  const lines = scene.primitives.add(new PolylineCollection()) as PolylineCollection;
  const pathLines = scene.primitives.add(new PolylineCollection()) as PolylineCollection;
  const satLines = scene.primitives.add(new PolylineCollection()) as PolylineCollection;
  const satBillboards = scene.primitives.add(new BillboardCollection({ scene })) as BillboardCollection;
  const visible: Record<GroundLayerName, boolean> = { gateways: true, pops: true, labels: true, backhaul: true, path: true };

  const iconCache = new Map<string, HTMLCanvasElement>();
  /** An icon and its atlas id (see AtlasImage). */
  const iconFor = (kind: 'gateway' | 'pop', color: string, selected: boolean, hollow: boolean): AtlasImage => {
    const id = `${kind}|${color}|${selected}|${hollow}`;
    let c = iconCache.get(id);
    if (!c) iconCache.set(id, (c = icon(kind, color, selected, hollow)));
    return { id, canvas: c };
  };
  // Every icon variant is packed into the atlases up front, on hidden billboards that are never
  // shown, so even the first marker of a variant (the first selected planned gateway, a route
  // end) is drawn in the first frame after the edit, with no repack and no extra frame.
  const variants: AtlasImage[] = [
    ...(['live', 'planned'] as const).flatMap((st) => [false, true].map((sel) => iconFor('gateway', GATEWAY_STATUS_COLORS[st], sel, st === 'planned'))),
    ...[false, true].map((sel) => iconFor('pop', POP_COLOR, sel, false)),
    { id: GROUND_POINT_IMAGE_ID, canvas: groundPointIcon() },
  ];
  for (const v of variants) billboards.add({ position: Cartesian3.UNIT_X, show: false }).setImage(v.id, v.canvas);
  satBillboards.add({ position: Cartesian3.UNIT_X, show: false }).setImage(SELECTED_SATELLITE_IMAGE_ID, selectedSatelliteIcon());
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = LABEL_FONT;

  let markers: Marker[] = [];
  let groundMarkers: Billboard[] = [];
  let pointLabels: { el: HTMLSpanElement; marker: Billboard }[] = [];
  let lastInput: GroundLayerInput | null = null;
  let path: RouteOk | null = null;
  let spacePath: Polyline | null = null;
  let lastDeclutter = 0;
  let declutterDirty = true;
  /** A frame asked for when a declutter had to wait (frames are drawn on request: none may follow). */
  let declutterTimer: ReturnType<typeof setTimeout> | null = null;
  let selSat: {
    index: number;
    neighbours: readonly number[];
    ring: Billboard;
    links: Polyline[];
    footprint: Polyline | null;
    minElevationRad: number;
    halfAngleRad: number;
    /** ECEF km the marks were last placed at (null: not yet). */
    drawnAt: [number, number, number] | null;
  } | null = null;

  // A polyline destroys its material with itself (removeAll), so every polyline gets its own.
  const pathMaterial = () =>
    Material.fromType('PolylineOutline', {
      color: Color.fromCssColorString(PATH_COLOR),
      outlineColor: Color.fromCssColorString(PATH_OUTLINE_COLOR),
      outlineWidth: 1.5,
    });
  const backhaulMaterial = () => Material.fromType('Color', { color: Color.fromCssColorString(BACKHAUL_COLOR) });

  /** Great-circle arc between two ground points, lifted a little (linear interpolation of unit vectors, renormalised). */
  function arc(aLat: number, aLon: number, bLat: number, bLon: number): Cartesian3[] {
    const a = cartesianFromDegreesKm(aLon, aLat, 0);
    const b = cartesianFromDegreesKm(bLon, bLat, 0);
    const out: Cartesian3[] = [];
    const lift = kmToM(BACKHAUL_LIFT_KM);
    for (let k = 0; k <= ARC_SEGMENTS; k++) {
      const t = k / ARC_SEGMENTS;
      const p = Cartesian3.lerp(a, b, t, new Cartesian3());
      const surface = Ellipsoid.WGS84.scaleToGeodeticSurface(p, new Cartesian3());
      if (!surface) continue;
      const n = Ellipsoid.WGS84.geodeticSurfaceNormal(surface, new Cartesian3());
      out.push(Cartesian3.add(surface, Cartesian3.multiplyByScalar(n, lift, n), surface));
    }
    return out;
  }

  /**
   * What is drawn for each gateway and PoP, by `kind:id`, with the key of the inputs it was drawn
   * from: an update re-creates only the markers, labels and backhaul arcs whose inputs changed
   * (adding one gateway adds one billboard and one arc; re-adding all of them re-packs the
   * billboard atlas and rewrites every arc, 100+ ms under software WebGL).
   */
  let drawn = new Map<string, { key: string; marker: Marker; line: Polyline | null }>();

  function dropDrawn(d: { marker: Marker; line: Polyline | null }): void {
    billboards.remove(d.marker.billboard);
    d.marker.label.el.remove();
    if (d.line) lines.remove(d.line);
  }

  function rebuild(input: GroundLayerInput): void {
    const next = new Map<string, { key: string; marker: Marker; line: Polyline | null }>();
    const mk = (pick: GroundPick, latDeg: number, lonDeg: number, name: string, image: AtlasImage, sizePx: number, priority: number): Marker => {
      const world = cartesianFromDegreesKm(lonDeg, latDeg, 0);
      const billboard = billboards.add({ position: world, width: sizePx * (32 / 20), height: sizePx * (32 / 20), id: pick, disableDepthTestDistance: Number.POSITIVE_INFINITY });
      billboard.setImage(image.id, image.canvas);
      const el = document.createElement('span');
      el.className = `ground-label ground-label--${pick.kind}${priority === 0 ? ' is-selected' : ''}`;
      el.textContent = name;
      el.style.display = 'none';
      labelBox.appendChild(el);
      const label: DomLabel = { el, show: false, text: name };
      return { pick, billboard, label, world, priority, textWidthPx: measure.measureText(name).width + 6 };
    };
    /** Keeps what was drawn for `id` when `key` is unchanged, else draws it anew. */
    const place = (id: string, key: string, draw: () => { marker: Marker; line: Polyline | null }): void => {
      const old = drawn.get(id);
      if (old && old.key === key) {
        drawn.delete(id);
        next.set(id, old);
        return;
      }
      next.set(id, { key, ...draw() });
    };
    for (const g of input.gateways) {
      const sel = input.selectedGatewayIds.has(g.id);
      const outOfService = input.inServiceAtMs != null && !gatewayInServiceAt(g, input.inServiceAtMs);
      const status: GatewayStatus = g.status === 'planned' || outOfService ? 'planned' : 'live';
      const pop = outOfService ? null : input.gatewayPop(g);
      const key = `${g.latDeg}|${g.lonDeg}|${g.name}|${status}|${sel}|${pop ? `${pop.latDeg}|${pop.lonDeg}` : '-'}`;
      place(`gateway:${g.id}`, key, () => ({
        marker: mk({ kind: 'gateway', id: g.id }, g.latDeg, g.lonDeg, g.name, iconFor('gateway', GATEWAY_STATUS_COLORS[status], sel, status === 'planned'), GATEWAY_SIZE_PX, sel ? 0 : 1),
        line: pop ? lines.add({ positions: arc(g.latDeg, g.lonDeg, pop.latDeg, pop.lonDeg), width: sel ? 2.5 : 1.5, material: backhaulMaterial(), show: visible.backhaul }) : null,
      }));
    }
    for (const p of input.pops) {
      const sel = input.selectedPopId === p.id;
      place(`pop:${p.id}`, `${p.latDeg}|${p.lonDeg}|${p.name}|${sel}`, () => ({ marker: mk({ kind: 'pop', id: p.id }, p.latDeg, p.lonDeg, p.name, iconFor('pop', POP_COLOR, sel, false), POP_SIZE_PX, sel ? 0 : 2), line: null }));
    }
    for (const d of drawn.values()) dropDrawn(d);
    drawn = next;
    markers = [...next.values()].map((d) => d.marker);

    for (const m of groundMarkers) billboards.remove(m);
    for (const p of pointLabels) p.el.remove();
    groundMarkers = [];
    pointLabels = [];
    for (const gp of [input.groundPoint, ...(input.routeEnds ?? [])]) {
      if (!gp) continue;
      const marker = billboards.add({ position: cartesianFromDegreesKm(gp.lonDeg, gp.latDeg, 0), width: 16, height: 16, disableDepthTestDistance: Number.POSITIVE_INFINITY });
      marker.setImage(GROUND_POINT_IMAGE_ID, groundPointIcon());
      groundMarkers.push(marker);
      // A named place (search, route end) carries its name; always shown, above the declutter.
      if (gp.label) {
        const el = document.createElement('span');
        el.className = 'ground-label ground-label--place is-selected';
        el.textContent = gp.label;
        labelBox.appendChild(el);
        pointLabels.push({ el, marker });
      }
    }
    declutterDirty = true;
    scene.requestRender();
  }

  const scratchNormal = new Cartesian3();
  /** Where labels may not go: the boxes of the elements marked data-globe-hud (see HUD_SELECTOR), in canvas pixels. */
  const hudRoot = viewer.container.parentElement ?? viewer.container;
  const hudBoxes = (canvasRect: DOMRect): { x0: number; y0: number; x1: number; y1: number }[] =>
    [...hudRoot.querySelectorAll<HTMLElement>(HUD_SELECTOR)]
      .map((el) => el.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => ({ x0: r.left - canvasRect.left, y0: r.top - canvasRect.top, x1: r.right - canvasRect.left, y1: r.bottom - canvasRect.top }));
  // A legend shown or hidden (or a HUD element added) moves the free space: declutter again.
  const hudObserver = new MutationObserver(() => {
    declutterDirty = true;
    scene.requestRender();
  });
  hudObserver.observe(hudRoot, { subtree: true, childList: true, attributes: true, attributeFilter: ['hidden'] });

  const scratchToCam = new Cartesian3();
  const facesCamera = (world: Cartesian3): boolean => {
    const n = Ellipsoid.WGS84.geodeticSurfaceNormal(world, scratchNormal);
    return Cartesian3.dot(n, Cartesian3.subtract(camera.positionWC, world, scratchToCam)) > 0;
  };

  function declutter(): void {
    const rect = scene.canvas.getBoundingClientRect();
    // Legends, controls and the search field over the globe block labels like placed labels do.
    const placed: { x0: number; y0: number; x1: number; y1: number }[] = hudBoxes(rect);
    const order = markers.slice().sort((a, b) => a.priority - b.priority);
    for (const m of order) {
      const kindOn = m.pick.kind === 'gateway' ? visible.gateways : visible.pops;
      let show = false;
      if (visible.labels && kindOn && m.billboard.show) {
        const win = SceneTransforms.worldToWindowCoordinates(scene, m.world);
        if (win && win.x >= 0 && win.y >= 0 && win.x < rect.width && win.y < rect.height) {
          const box = { x0: win.x + 9, y0: win.y - 9, x1: win.x + 13 + m.textWidthPx, y1: win.y + 9 };
          show = !placed.some((p) => box.x0 < p.x1 && box.x1 > p.x0 && box.y0 < p.y1 && box.y1 > p.y0);
          if (show) placed.push(box);
          // Markers of other objects also block labels (but a label may sit next to its own marker).
        }
      }
      if (m.label.show !== show) {
        m.label.show = show;
        m.label.el.style.display = show ? '' : 'none';
      }
    }
  }

  /** Moves the shown labels to their markers (every frame: the camera may move between declutters). */
  function placeLabels(): void {
    for (const p of pointLabels) {
      const win = p.marker.show ? SceneTransforms.worldToWindowCoordinates(scene, p.marker.position) : undefined;
      p.el.style.display = win ? '' : 'none';
      if (win) p.el.style.transform = `translate(${Math.round(win.x + 11)}px, ${Math.round(win.y - 8)}px)`;
    }
    for (const m of markers) {
      if (!m.label.show) continue;
      const win = SceneTransforms.worldToWindowCoordinates(scene, m.world);
      if (!win) continue;
      m.label.el.style.transform = `translate(${Math.round(win.x + 11)}px, ${Math.round(win.y - 8)}px)`;
    }
  }

  function updatePathPositions(): void {
    if (!path || !spacePath) return;
    const pts: Cartesian3[] = [];
    for (const h of path.hops) {
      // PoPs are reached over fiber (the backhaul arcs), not through the space path; a reversed
      // route (PoP -> ...) starts with one.
      if (h.kind === 'pop') continue;
      if (h.kind === 'satellite') {
        const p = satPositionEcefKm(h.index);
        if (p) {
          pts.push(Cartesian3.fromElements(kmToM(p[0]), kmToM(p[1]), kmToM(p[2]), new Cartesian3()));
          continue;
        }
      }
      pts.push(cartesianFromDegreesKm(h.lonDeg, h.latDeg, h.altKm, new Cartesian3()));
    }
    if (pts.length >= 2) spacePath.positions = pts;
  }

  const toWorld = (p: readonly number[]): Cartesian3 => Cartesian3.fromElements(kmToM(p[0]!), kmToM(p[1]!), kmToM(p[2]!));
  /**
   * Moves the selected satellite's marks to the drawn positions. The ring's horizon test runs every
   * frame (the camera moves); links and footprint are rebuilt only when the positions moved.
   */
  function updateSelectedSatellite(): void {
    if (!selSat) return;
    const p = satPositionEcefKm(selSat.index);
    const c = camera.positionWC;
    selSat.ring.show = p !== null && !hiddenByEllipsoid(mToKm(c.x), mToKm(c.y), mToKm(c.z), p[0], p[1], p[2], WGS84_A_KM, WGS84_B_KM);
    if (!p) {
      for (const line of selSat.links) line.show = false;
      if (selSat.footprint) selSat.footprint.show = false;
      selSat.drawnAt = null;
      return;
    }
    const last = selSat.drawnAt;
    if (last && p[0] === last[0] && p[1] === last[1] && p[2] === last[2]) return;
    selSat.drawnAt = [p[0], p[1], p[2]];
    const at = toWorld(p);
    selSat.ring.position = at;
    selSat.links.forEach((line, k) => {
      const other = satPositionEcefKm(selSat!.neighbours[k]!);
      line.show = other !== null;
      if (other) line.positions = [at, toWorld(other)];
    });
    if (selSat.footprint) {
      const lam = coverageHalfAngleRad(Math.hypot(p[0], p[1], p[2]) - EARTH_MEAN_RADIUS_KM, selSat.minElevationRad);
      selSat.footprint.show = lam > 0;
      selSat.halfAngleRad = lam;
      if (lam > 0) selSat.footprint.positions = footprintRingEcef(p, lam, FOOTPRINT_SEGMENTS, FOOTPRINT_LIFT_KM).map(toWorld);
    }
  }

  const onPreRender = () => {
    let moved = false;
    for (const m of markers) {
      const kindOn = m.pick.kind === 'gateway' ? visible.gateways : visible.pops;
      const show = kindOn && facesCamera(m.world);
      if (m.billboard.show !== show) {
        m.billboard.show = show;
        moved = true;
      }
    }
    for (const gm of groundMarkers) gm.show = facesCamera(gm.position);
    const now = performance.now();
    if ((declutterDirty || moved) && now - lastDeclutter > DECLUTTER_MS) {
      lastDeclutter = now;
      declutterDirty = false;
      declutter();
    } else if (declutterDirty || moved) {
      // Too soon after the last one: declutter in a frame asked for when the wait is over, so a
      // camera that stops (no more frames drawn) still ends with its labels sorted out.
      declutterDirty = true;
      declutterTimer ??= setTimeout(() => {
        declutterTimer = null;
        if (!scene.isDestroyed()) scene.requestRender();
      }, DECLUTTER_MS - (now - lastDeclutter) + 1);
    }
    placeLabels();
    updatePathPositions();
    updateSelectedSatellite();
  };
  scene.preRender.addEventListener(onPreRender);
  const offCamera = camera.changed.addEventListener(() => {
    declutterDirty = true;
  });
  camera.percentageChanged = 0.01;

  const layer: GroundLayer = {
    update(input) {
      lastInput = input;
      rebuild(input);
    },
    setPath(route) {
      path = route;
      pathLines.removeAll();
      spacePath = null;
      if (route && visible.path) {
        spacePath = pathLines.add({ positions: [Cartesian3.ZERO, Cartesian3.UNIT_X], width: 4, material: pathMaterial() });
        for (const sg of route.segments) {
          if (sg.kind !== 'backhaul') continue;
          const a = route.hops[sg.from]!;
          const b = route.hops[sg.to]!;
          pathLines.add({ positions: arc(a.latDeg, a.lonDeg, b.latDeg, b.lonDeg), width: 4, material: pathMaterial() });
        }
        updatePathPositions();
      }
      scene.requestRender();
    },
    setSelectedSatellite(index, neighbours, minElevationRad) {
      satBillboards.removeAll();
      satLines.removeAll();
      selSat = null;
      if (index !== null) {
        const ring = satBillboards.add({ position: Cartesian3.UNIT_X, width: 26, height: 26, disableDepthTestDistance: Number.POSITIVE_INFINITY, show: false });
        ring.setImage(SELECTED_SATELLITE_IMAGE_ID, selectedSatelliteIcon());
        const links = neighbours.map(() =>
          satLines.add({ positions: [Cartesian3.ZERO, Cartesian3.UNIT_X], width: 2.5, material: Material.fromType('Color', { color: Color.fromCssColorString(SELECTED_LINK_COLOR) }), show: false }),
        );
        const footprint =
          minElevationRad === null
            ? null
            : satLines.add({ positions: [Cartesian3.ZERO, Cartesian3.UNIT_X], loop: true, width: 1.5, material: Material.fromType('Color', { color: Color.fromCssColorString(SELECTED_LINK_COLOR) }), show: false });
        selSat = { index, neighbours: neighbours.slice(), ring, links, footprint, minElevationRad: minElevationRad ?? 0, halfAngleRad: NaN, drawnAt: null };
        updateSelectedSatellite();
      }
      scene.requestRender();
    },
    selectedSatelliteMarker() {
      if (!selSat?.ring.show) return null;
      const win = SceneTransforms.worldToWindowCoordinates(scene, selSat.ring.position);
      if (!win) return null;
      const rect = scene.canvas.getBoundingClientRect();
      const fp = selSat.footprint?.show ? Cartographic.fromCartesian(selSat.footprint.positions[0]!) : null;
      return {
        x: rect.left + win.x,
        y: rect.top + win.y,
        links: selSat.links.filter((l) => l.show).length,
        footprint: fp ? { halfAngleRad: selSat.halfAngleRad, latDeg: CesiumMath.toDegrees(fp.latitude), lonDeg: CesiumMath.toDegrees(fp.longitude) } : null,
      };
    },
    setVisible(name, on) {
      if (visible[name] === on) return;
      visible[name] = on;
      if (name === 'backhaul') for (let i = 0; i < lines.length; i++) lines.get(i).show = on;
      if (name === 'path') layer.setPath(path);
      if (lastInput && name !== 'path' && name !== 'backhaul') declutterDirty = true;
      scene.requestRender();
    },
    pick(x, y) {
      // drillPick, not pick: a heatmap cell or a border line at the same spot can be in front of
      // a marker in the pick pass; the marker must still win.
      // Markers re-created by an update are drawn after the others, so the pick order says nothing
      // about which marker the user meant: of those hit, the one whose centre is nearest the click wins.
      const picked: unknown[] = scene.drillPick(new Cartesian2(x, y), 8, 5, 5);
      const hits: GroundPick[] = [];
      for (const p of picked) {
        const id = (p as { id?: unknown } | undefined)?.id as GroundPick | undefined;
        if (id && typeof id === 'object' && (id.kind === 'gateway' || id.kind === 'pop') && typeof id.id === 'string') hits.push(id);
      }
      if (hits.length < 2) return hits[0] ?? null;
      let best = hits[0]!;
      let bestD2 = Infinity;
      for (const m of markers) {
        if (!hits.some((h) => h.kind === m.pick.kind && h.id === m.pick.id)) continue;
        const win = SceneTransforms.worldToWindowCoordinates(scene, m.world);
        const d2 = win ? (win.x - x) ** 2 + (win.y - y) ** 2 : Infinity;
        if (d2 < bestD2) {
          bestD2 = d2;
          best = m.pick;
        }
      }
      return best;
    },
    hitTest(x, y, radiusPx = 10) {
      let best: GroundPick | null = null;
      let bestD2 = radiusPx * radiusPx;
      for (const m of markers) {
        if (!m.billboard.show) continue;
        const win = SceneTransforms.worldToWindowCoordinates(scene, m.world);
        if (!win) continue;
        const d2 = (win.x - x) ** 2 + (win.y - y) ** 2;
        if (d2 <= bestD2) {
          bestD2 = d2;
          best = m.pick;
        }
      }
      return best;
    },
    visibleLabels: () => markers.filter((m) => m.label.show).map((m) => m.label.text),
    // textureAtlas is Cesium's (marked private, not in the typings); numberOfImages is its count.
    markerImages: () => (billboards as unknown as { textureAtlas: { numberOfImages: number } }).textureAtlas.numberOfImages,
    drawnPath() {
      if (!path || !spacePath) return null;
      const vertices = spacePath.positions.map((p) => {
        const c = Cartographic.fromCartesian(p);
        return { latDeg: CesiumMath.toDegrees(c.latitude), lonDeg: CesiumMath.toDegrees(c.longitude), altKm: mToKm(c.height) };
      });
      return { hopIds: path.hops.map((h) => h.id), vertices, backhaulArcs: pathLines.length - 1 };
    },
    dispose() {
      scene.preRender.removeEventListener(onPreRender);
      if (declutterTimer !== null) clearTimeout(declutterTimer);
      offCamera();
      for (const p of [billboards, lines, pathLines, satLines, satBillboards]) scene.primitives.remove(p);
      labelBox.remove();
      hudObserver.disconnect();
    },
  };
  return layer;
}
