// The live globe: wires the app-level engine client, the three.js constellation layer and the
// Cesium ground layer to the store, turns Cesium input into globe/events.ts events, and runs the
// 'select' tool's subscriber. Everything here follows the store; nothing here edits the scenario
// (gateway moves on dragEnd belong to the planning tools, which subscribe to the same events).
//
// Engine traffic per second while playing: positions snapshots (the layer, latest-wins), one
// gatewayLinks query at most every LINKS_INTERVAL_MS, and one routeToPop for a selected ground
// point at most every ROUTE_INTERVAL_MS. Each kind has at most one request in flight; a change
// while one is in flight marks it dirty and it is asked again when the answer arrives.
import { stopCameraInertia } from './camera';
import { attachCapacityLayer } from './capacity/capacityLayer';
import {
  Cartesian2,
  Cartesian3,
  Cartographic,
  Ellipsoid,
  KeyboardEventModifier,
  Math as CesiumMath,
  ScreenSpaceEventHandler,
  ScreenSpaceEventType,
  type CesiumWidget,
} from '@cesium/engine';
import type { RouteOk } from '../../src-core/network/route';
import type { Scenario } from '../../src-core/scenario/schema';
import { nearestAnalysisStep } from '../../src-core/coverage/evaluator';
import { utcMs } from '../../src-core/units';
import { getEngine, syncEngineScenario } from '../engine/instance';
import { laserNeighbours } from '../engine/neighbours';
import { NO_EVALUATOR } from '../engine/planningHost';
import { isDroppedResult } from '../engine/protocol';
import { selectedGatewayIds } from '../state/slices/selection';
import { appStore } from '../state/store';
import { planningStore } from '../ui/planning/planningStore';
import { endsKey, routeStore } from '../ui/route/routeStore';
import { useRollout } from '../ui/rollout/rolloutStore';
import { emitGlobe, onGlobe, type GlobePick, type GlobePointerEvent } from './events';
import { attachGroundLayer, type GroundLayerName } from './ground/groundLayer';
import { globeView, type GlobeLayerName } from './ground/viewStore';
import { installLeoHooks } from './hooks';
import { attachConstellationLayer, type FootprintRaster, type LayerName } from './overlay/constellationLayer';
import { kmToM } from './units';
import { isSoftwareRenderer } from './quality';

const LINKS_INTERVAL_MS = 500;
const ROUTE_INTERVAL_MS = 300;
/** A press on a gateway becomes a drag after this many CSS px of movement. */
const DRAG_THRESHOLD_PX = 3;

const OVERLAY_LAYERS: readonly LayerName[] = ['satellites', 'links', 'footprints', 'feederBeams', 'userBeams'];
const GROUND_LAYERS: readonly GroundLayerName[] = ['gateways', 'pops', 'labels', 'backhaul', 'path'];

export type { LiveHooks } from './hookTypes';


/** Set while a live globe exists: lets UI (search) move the camera. */
let flyTo: ((i: number) => void) | null = null;
export function flyToSatellite(i: number): void {
  flyTo?.(i);
}
let flyToPoint: ((latDeg: number, lonDeg: number, heightKm: number) => void) | null = null;
/** Flies the camera over a ground point (search results), `heightKm` above it. */
export function flyToLatLon(latDeg: number, lonDeg: number, heightKm = 6000): void {
  flyToPoint?.(latDeg, lonDeg, heightKm);
}
let drawnPosition: ((i: number) => [number, number, number] | null) | null = null;
/** ECEF km of satellite i as drawn now (interpolated), null without a live globe. */
export function satellitePositionEcefKm(i: number): [number, number, number] | null {
  return drawnPosition?.(i) ?? null;
}

function popOf(s: Scenario, backhaulPop: Int32Array | null, gIndex: number) {
  const g = s.gateways[gIndex]!;
  if (g.popId !== null) return s.pops.find((p) => p.id === g.popId) ?? null;
  const k = backhaulPop?.[gIndex];
  if (k !== undefined && k >= 0) return s.pops[k] ?? null;
  // Before the engine answered: nearest by a flat-earth proxy is good enough for a first draw.
  let best = null;
  let bestD = Infinity;
  for (const p of s.pops) {
    const d = (p.latDeg - g.latDeg) ** 2 + ((p.lonDeg - g.lonDeg) * Math.cos((g.latDeg * Math.PI) / 180)) ** 2;
    if (d < bestD) {
      bestD = d;
      best = p;
    }
  }
  return best;
}

export function attachLiveGlobe(viewer: CesiumWidget): () => void {
  const store = appStore;
  const client = getEngine();
  const { scene, camera } = viewer;
  const unsubs: (() => void)[] = [];
  unsubs.push(syncEngineScenario(client));

  // Footprints follow the quality until the user switches them.
  const applyQualityDefault = () => {
    const v = globeView.getState();
    if (!v.footprintsChosen) globeView.setState({ layers: { ...v.layers, footprints: store.getState().quality === 'pretty' } });
  };
  applyQualityDefault();
  // Software WebGL (SwiftShader, llvmpipe): footprint rings are walked on the CPU, where a line
  // primitive costs ~1.2 us of the software rasteriser's setup (overlay/ringRaster.ts). Real GPUs
  // draw them as GL lines at any quality: there the walk would only add main-thread JavaScript.
  const footprintRaster: FootprintRaster = isSoftwareRenderer(store.getState().webglRenderer) ? 'cpu' : 'gpu';

  const layers0 = globeView.getState().layers;
  const layer = attachConstellationLayer(viewer, client, {
    visible: Object.fromEntries(OVERLAY_LAYERS.map((n) => [n, layers0[n]])),
    initialTimeUtcMs: store.getState().timeUtcMs,
    onError: (e) => store.getState().notify('error', `Satellite positions: ${e.message}`),
    footprintRaster,
  });
  unsubs.push(
    store.subscribe((s, p) => {
      if (s.quality === p.quality) return;
      applyQualityDefault();
    }),
  );
  const ground = attachGroundLayer(viewer, (i) => layer.drawnPositionEcefKm(i));
  unsubs.push(attachCapacityLayer(viewer, layer));

  const applyLayers = (l: Record<GlobeLayerName, boolean>) => {
    for (const n of OVERLAY_LAYERS) layer.setLayerVisible(n, l[n]);
    for (const n of GROUND_LAYERS) ground.setVisible(n, l[n]);
  };
  applyLayers(layers0);
  unsubs.push(globeView.subscribe((v, p) => v.layers !== p.layers && applyLayers(v.layers)));

  // ---- ground objects follow the scenario and the selection
  const refreshGround = () => {
    const { scenario, selection } = store.getState();
    const links = globeView.getState().gatewayLinks;
    const bp = links && links.revision === store.getState().revision ? links.popIndex : null;
    ground.update({
      gateways: scenario.gateways,
      pops: scenario.pops,
      gatewayPop: (g) => popOf(scenario, bp, scenario.gateways.indexOf(g)),
      selectedGatewayIds: new Set(selectedGatewayIds(selection)),
      selectedPopId: selection?.kind === 'pop' ? selection.id : null,
      groundPoint: selection?.kind === 'ground' ? { latDeg: selection.latDeg, lonDeg: selection.lonDeg, label: selection.label } : null,
      routeEnds: selection?.kind === 'route' ? routeEndMarks() : [],
      inServiceAtMs: useRollout.getState().dateMs,
    });
  };
  const routeEndMarks = () => {
    const { from, to } = routeStore.getState();
    return [from, to].filter((e) => e?.end.kind === 'point').map((e) => ({ latDeg: e!.latDeg, lonDeg: e!.lonDeg, label: e!.label }));
  };
  refreshGround();
  unsubs.push(store.subscribe((s, p) => (s.scenario !== p.scenario || s.selection !== p.selection) && refreshGround()));
  // Rollout view (ui/rollout): the date's status mask on the satellites, in-service gateways on the ground.
  const applyRollout = () => {
    const r = useRollout.getState();
    layer.setRolloutStatus(r.dateMs === null ? null : r.statusMask, r.radiusScale);
  };
  applyRollout();
  unsubs.push(
    useRollout.subscribe((r, p) => {
      if (r.statusMask !== p.statusMask || r.radiusScale !== p.radiusScale || r.dateMs !== p.dateMs) applyRollout();
      if (r.dateMs !== p.dateMs) refreshGround();
    }),
  );
  // The selected satellite: ringed on the globe, with its laser links (the loaded topology's) and
  // its coverage footprint at the terminal mask.
  let neighboursOf = laserNeighbours(client.scenarioInfo);
  const refreshSelectedSatellite = () => {
    const sel = store.getState().selection;
    const i = sel?.kind === 'satellite' ? sel.index : null;
    const mask = client.scenarioInfo?.terminalMinElevationDeg;
    ground.setSelectedSatellite(i, i === null ? [] : neighboursOf(i), mask === undefined ? null : (mask * Math.PI) / 180);
  };
  refreshSelectedSatellite();
  unsubs.push(store.subscribe((s, p) => s.selection !== p.selection && refreshSelectedSatellite()));
  unsubs.push(
    client.onScenarioLoaded((info) => {
      neighboursOf = laserNeighbours(info);
      refreshSelectedSatellite();
    }),
  );

  // ---- time
  unsubs.push(
    store.subscribe((s, p) => {
      if (s.timeUtcMs !== p.timeUtcMs) {
        layer.setTime(s.timeUtcMs);
        links.poke();
        route.poke();
        load.poke();
      }
    }),
  );

  /** A throttled, one-in-flight engine query that re-runs when poked while busy. */
  function throttled(intervalMs: number, run: () => Promise<void> | null) {
    let busy = false;
    let dirty = false;
    let last = -Infinity;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poke = (): void => {
      if (busy) {
        dirty = true;
        return;
      }
      const wait = last + intervalMs - performance.now();
      if (wait > 0) {
        timer ??= setTimeout(() => {
          timer = null;
          poke();
        }, wait);
        return;
      }
      const p = run();
      if (!p) return;
      busy = true;
      dirty = false;
      last = performance.now();
      void p.finally(() => {
        busy = false;
        if (dirty) poke();
      });
    };
    return { poke, dispose: () => timer && clearTimeout(timer) };
  }

  // Camera flights (search, routes) that have not finished: a test waits for none before looking.
  let flights = 0;
  const fly = (destination: Cartesian3) => {
    flights++;
    const done = () => void (flights = Math.max(0, flights - 1));
    stopCameraInertia();
    camera.flyTo({ destination, duration: 1.2, complete: done, cancel: done });
  };

  const engineHasCurrentScenario = () => client.scenarioInfo !== null && client.scenarioInfo.revision === store.getState().revision;

  const links = throttled(LINKS_INTERVAL_MS, () => {
    if (!engineHasCurrentScenario()) return null;
    const { revision, timeUtcMs } = store.getState();
    return client.request('gatewayLinks', { revision, tUtcMs: timeUtcMs }).then(
      (res) => {
        if (res.revision !== store.getState().revision) return;
        const hadPops = globeView.getState().gatewayLinks?.revision === res.revision;
        globeView.setState({ gatewayLinks: res });
        if (!hadPops) refreshGround();
        const gws = store.getState().scenario.gateways;
        const beams = [];
        for (let i = 0; i < res.satDirect.length; i++) {
          const g = gws[res.satGateway[i]!];
          if (res.satDirect[i] && g) beams.push({ latDeg: g.latDeg, lonDeg: g.lonDeg, altKm: g.altitudeKm, satIndex: i });
        }
        layer.setFeederBeams(beams);
      },
      (e: unknown) => {
        if (!isDroppedResult(e) && !(e instanceof Error && e.name === 'NoScenarioError')) console.warn('gatewayLinks failed', e);
      },
    );
  });

  let terminalAt = '';
  const setTerminal = (p: { latDeg: number; lonDeg: number } | null): void => {
    const key = p ? `${p.latDeg},${p.lonDeg}` : '';
    if (key === terminalAt) return;
    terminalAt = key;
    layer.setUserTerminal(p);
  };
  /** Highlights `ok` and draws the user beam from `terminal` to the path's first (or, atEnd, last) satellite. */
  const showPath = (ok: RouteOk | null, terminal: { latDeg: number; lonDeg: number } | null, atEnd = false) => {
    ground.setPath(ok);
    const sats = ok?.hops.filter((h) => h.kind === 'satellite') ?? [];
    const sat = atEnd ? sats[sats.length - 1] : sats[0];
    layer.setUserBeams(sat && terminal ? terminal : null, sat && terminal ? [sat.index] : []);
  };
  const route = throttled(ROUTE_INTERVAL_MS, () => {
    const sel = store.getState().selection;
    if (sel?.kind === 'route') return routeEnds();
    if (routeStore.getState().result) routeStore.setState({ result: null });
    if (sel?.kind !== 'ground') {
      if (globeView.getState().route) globeView.setState({ route: null });
      ground.setPath(null);
      layer.setUserBeams(null, []);
      setTerminal(null);
      return null;
    }
    setTerminal({ latDeg: sel.latDeg, lonDeg: sel.lonDeg });
    if (!engineHasCurrentScenario()) return null;
    const { revision, timeUtcMs } = store.getState();
    const from = { latDeg: sel.latDeg, lonDeg: sel.lonDeg };
    return client.request('routeToPop', { revision, tUtcMs: timeUtcMs, from }).then(
      (res) => {
        const cur = store.getState().selection;
        if (res.revision !== store.getState().revision || cur?.kind !== 'ground' || cur.latDeg !== from.latDeg || cur.lonDeg !== from.lonDeg) return;
        globeView.setState({ route: { ...from, tUtcMs: res.tUtcMs, revision: res.revision, result: res.route } });
        showPath(res.route.ok ? res.route : null, from);
      },
      (e: unknown) => {
        if (!isDroppedResult(e)) store.getState().notify('error', `Route: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
  });
  /** The route panel's route (selection {kind: 'route'}): from its first end to its second. */
  const routeEnds = (): Promise<void> | null => {
    if (globeView.getState().route) globeView.setState({ route: null });
    const { from, to } = routeStore.getState();
    if (!from || !to) {
      showPath(null, null);
      setTerminal(null);
      return null;
    }
    // The user terminal (beams) at the first end that is a place; a gateway or PoP end has its own marker.
    const terminal = from.end.kind === 'point' ? { latDeg: from.latDeg, lonDeg: from.lonDeg } : to.end.kind === 'point' ? { latDeg: to.latDeg, lonDeg: to.lonDeg } : null;
    setTerminal(terminal);
    if (!engineHasCurrentScenario()) return null;
    const { revision, timeUtcMs } = store.getState();
    const key = endsKey(from, to);
    return client.request('routeEnds', { revision, tUtcMs: timeUtcMs, from: from.end, to: to.end }).then(
      (res) => {
        const r = routeStore.getState();
        if (res.revision !== store.getState().revision || store.getState().selection?.kind !== 'route' || endsKey(r.from, r.to) !== key) return;
        routeStore.setState({ result: { key, tUtcMs: res.tUtcMs, revision: res.revision, result: res.route } });
        showPath(res.route.ok ? res.route : null, terminal, from.end.kind !== 'point');
      },
      (e: unknown) => {
        if (!isDroppedResult(e)) store.getState().notify('error', `Route: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
  };
  /** Flies the camera to show the whole route: above the great-circle midpoint of its ends, high enough for both. */
  const frameRoute = () => {
    const { from, to } = routeStore.getState();
    if (!from || !to) return;
    const a = Cartesian3.fromDegrees(from.lonDeg, from.latDeg, 0);
    const b = Cartesian3.fromDegrees(to.lonDeg, to.latDeg, 0);
    Cartesian3.normalize(a, a);
    Cartesian3.normalize(b, b);
    const angle = Math.acos(Math.max(-1, Math.min(1, Cartesian3.dot(a, b))));
    const mid = Cartesian3.add(a, b, new Cartesian3());
    if (Cartesian3.magnitude(mid) < 1e-6) return; // antipodal ends: no midpoint to look down on
    const c = Cartographic.fromCartesian(Cartesian3.multiplyByScalar(Cartesian3.normalize(mid, mid), 6371e3, mid));
    const heightKm = Math.min(14000, Math.max(2000, angle * 6371 * 0.75));
    fly(Cartesian3.fromRadians(c.longitude, c.latitude, kmToM(heightKm)));
  };
  unsubs.push(
    routeStore.subscribe((v, p) => {
      if ((v.from !== p.from || v.to !== p.to) && store.getState().selection?.kind === 'route') {
        route.poke();
        refreshGround();
        frameRoute();
      }
    }),
    store.subscribe((s, p) => {
      if (s.selection !== p.selection && s.selection?.kind === 'route' && p.selection?.kind !== 'route') frameRoute();
    }),
  );
  // Links coloured by routed load: the coverage evaluator's demand routing at the analysis step
  // nearest the displayed time, asked for once the evaluator holds the current gateways.
  let loadShown = '';
  const load = throttled(LINKS_INTERVAL_MS, () => {
    if (globeView.getState().linkColoring !== 'load') {
      if (loadShown) {
        loadShown = '';
        layer.setLinkLoad(null, 0);
        globeView.setState({ linkLoad: null });
      }
      return null;
    }
    const { revision, timeUtcMs } = store.getState();
    const cov = planningStore.getState().current;
    if (!engineHasCurrentScenario() || cov?.revision !== revision) return null;
    // Same step as on screen: nothing to ask (time moves every frame, the step once a minute).
    if (loadShown === `${revision}:${nearestAnalysisStep(timeUtcMs, cov.startUtcMs, cov.stepS, cov.servedPctByStep.length)}`) return null;
    return client.request('coverageLinkLoad', { revision, tUtcMs: timeUtcMs }).then(
      (res) => {
        if (res.revision !== store.getState().revision || globeView.getState().linkColoring !== 'load') return;
        const { linkLoad, ...info } = res;
        loadShown = `${res.revision}:${res.step}`;
        layer.setLinkLoad(res.step >= 0 ? linkLoad : null, res.maxLinkLoad);
        globeView.setState({ linkLoad: info });
      },
      (e: unknown) => {
        if (!isDroppedResult(e) && !(e instanceof Error && e.name === NO_EVALUATOR)) console.warn('coverageLinkLoad failed', e);
      },
    );
  });
  unsubs.push(
    globeView.subscribe((v, p) => {
      if (v.linkColoring !== p.linkColoring) load.poke();
    }),
    planningStore.subscribe((v, p) => {
      if (v.current !== p.current) {
        loadShown = ''; // new gateways: new load even at the same step
        load.poke();
      }
    }),
  );
  unsubs.push(links.dispose, route.dispose, load.dispose);
  unsubs.push(
    store.subscribe((s, p) => {
      if (s.selection !== p.selection) route.poke();
    }),
  );
  unsubs.push(
    client.onScenarioLoaded(() => {
      links.poke();
      route.poke();
    }),
  );
  links.poke();
  route.poke();

  // ---- input -> globe events
  const scratchCarto = new Cartographic();
  const toEvent = (pos: Cartesian2, picked: GlobePick | (() => GlobePick), mods: { shift: boolean; ctrl: boolean }): GlobePointerEvent => {
    const p = camera.pickEllipsoid(pos, Ellipsoid.WGS84);
    let latDeg: number | null = null;
    let lonDeg: number | null = null;
    if (p) {
      const c = Cartographic.fromCartesian(p, Ellipsoid.WGS84, scratchCarto);
      latDeg = CesiumMath.toDegrees(c.latitude);
      lonDeg = CesiumMath.toDegrees(c.longitude);
    }
    if (typeof picked !== 'function') return { latDeg, lonDeg, x: pos.x, y: pos.y, picked, shiftKey: mods.shift, ctrlKey: mods.ctrl };
    // Picked on first read: a click with the add-gateway tool never reads it, and the pick pass
    // costs up to 8 renders of the scene (100+ ms under software WebGL) before the click is handled.
    let memo: { value: GlobePick } | null = null;
    return {
      latDeg,
      lonDeg,
      x: pos.x,
      y: pos.y,
      get picked(): GlobePick {
        memo ??= { value: picked() };
        return memo.value;
      },
      shiftKey: mods.shift,
      ctrlKey: mods.ctrl,
    };
  };
  const pickAt = (pos: Cartesian2): GlobePick => {
    const g = ground.pick(pos.x, pos.y);
    if (g) return g;
    const i = layer.pickSatellite(pos.x, pos.y);
    return i >= 0 ? { kind: 'satellite', index: i } : null;
  };

  let drag: { id: string; x: number; y: number; started: boolean; mods: { shift: boolean; ctrl: boolean } } | null = null;
  let suppressClick = false;
  let movePending: { pos: Cartesian2; mods: { shift: boolean; ctrl: boolean } } | null = null;
  let moveRaf = 0;
  const controller = scene.screenSpaceCameraController;
  const endDrag = (pos: Cartesian2 | null) => {
    if (!drag) return;
    if (drag.started && pos) {
      emitGlobe('dragEnd', toEvent(pos, { kind: 'gateway', id: drag.id }, drag.mods));
      suppressClick = true;
    }
    drag = null;
    controller.enableInputs = true;
  };

  const handler = new ScreenSpaceEventHandler(scene.canvas);
  const modifiers: [KeyboardEventModifier | undefined, { shift: boolean; ctrl: boolean }][] = [
    [undefined, { shift: false, ctrl: false }],
    [KeyboardEventModifier.SHIFT, { shift: true, ctrl: false }],
    [KeyboardEventModifier.CTRL, { shift: false, ctrl: true }],
  ];
  for (const [mod, mods] of modifiers) {
    handler.setInputAction(
      (e: ScreenSpaceEventHandler.PositionedEvent) => {
        suppressClick = false;
        // Only the select tool drags gateways: no pick pass on a press with another tool.
        if (store.getState().globeTool !== 'select') return;
        const g = ground.pick(e.position.x, e.position.y);
        if (g?.kind === 'gateway') {
          drag = { id: g.id, x: e.position.x, y: e.position.y, started: false, mods };
          controller.enableInputs = false;
        }
      },
      ScreenSpaceEventType.LEFT_DOWN,
      mod,
    );
    handler.setInputAction((e: ScreenSpaceEventHandler.PositionedEvent) => endDrag(e.position), ScreenSpaceEventType.LEFT_UP, mod);
    handler.setInputAction(
      (e: ScreenSpaceEventHandler.PositionedEvent) => {
        if (suppressClick) {
          suppressClick = false;
          return;
        }
        const pos = Cartesian2.clone(e.position);
        emitGlobe('click', toEvent(pos, () => pickAt(pos), mods));
      },
      ScreenSpaceEventType.LEFT_CLICK,
      mod,
    );
    handler.setInputAction(
      (e: ScreenSpaceEventHandler.MotionEvent) => {
        const pos = e.endPosition;
        if (drag) {
          if (!drag.started && Math.hypot(pos.x - drag.x, pos.y - drag.y) >= DRAG_THRESHOLD_PX) {
            drag.started = true;
            emitGlobe('dragStart', toEvent(new Cartesian2(drag.x, drag.y), { kind: 'gateway', id: drag.id }, mods));
          }
          if (drag.started) emitGlobe('drag', toEvent(pos, { kind: 'gateway', id: drag.id }, mods));
          return;
        }
        // Hover: once per animation frame, screen-space hit test only (no pick pass per mouse move).
        movePending = { pos: Cartesian2.clone(pos), mods };
        if (!moveRaf)
          moveRaf = requestAnimationFrame(() => {
            moveRaf = 0;
            const m = movePending;
            movePending = null;
            if (!m) return;
            const g = ground.hitTest(m.pos.x, m.pos.y);
            scene.canvas.style.cursor = g ? 'pointer' : '';
            emitGlobe('move', toEvent(m.pos, g, m.mods));
          });
      },
      ScreenSpaceEventType.MOUSE_MOVE,
      mod,
    );
  }
  // Right click (Cesium fires it only without a drag, which zooms): the context menu.
  handler.setInputAction((e: ScreenSpaceEventHandler.PositionedEvent) => {
    const pos = Cartesian2.clone(e.position);
    emitGlobe('contextMenu', toEvent(pos, () => pickAt(pos), { shift: false, ctrl: false }));
  }, ScreenSpaceEventType.RIGHT_CLICK);
  const noNativeMenu = (e: MouseEvent) => e.preventDefault();
  scene.canvas.addEventListener('contextmenu', noNativeMenu);
  // A release outside the canvas still ends a drag.
  const onWindowUp = () => {
    if (drag) endDrag(null);
  };
  window.addEventListener('pointerup', onWindowUp);

  // ---- the 'select' tool
  unsubs.push(
    onGlobe('click', (e) => {
      const s = store.getState();
      if (s.globeTool !== 'select') return;
      const p = e.picked;
      if (p?.kind === 'satellite') return s.select({ kind: 'satellite', index: p.index });
      if (p?.kind === 'pop') return s.select({ kind: 'pop', id: p.id });
      if (p?.kind === 'gateway') {
        if (e.shiftKey || e.ctrlKey) {
          const ids = selectedGatewayIds(s.selection);
          const next = ids.includes(p.id) ? ids.filter((x) => x !== p.id) : [...ids, p.id];
          if (next.length === 0) return s.select(null);
          return s.select(next.length === 1 ? { kind: 'gateway', id: next[0]! } : { kind: 'gateways', ids: next });
        }
        return s.select({ kind: 'gateway', id: p.id });
      }
      if (e.latDeg !== null && e.lonDeg !== null) return s.select({ kind: 'ground', latDeg: e.latDeg, lonDeg: e.lonDeg });
      s.select(null);
    }),
  );

  // ---- camera: fly to a satellite (search)
  flyTo = (i) => {
    const p = layer.drawnPositionEcefKm(i);
    if (!p) return;
    const dir = Cartesian3.normalize(new Cartesian3(p[0], p[1], p[2]), new Cartesian3());
    const r = Math.hypot(p[0], p[1], p[2]);
    const dest = Cartesian3.multiplyByScalar(dir, kmToM(r + 4000), new Cartesian3());
    stopCameraInertia();
    camera.flyTo({ destination: dest, duration: 1.2 });
  };

  // ---- camera: fly to a place (search), looking straight down from a regional height
  flyToPoint = (latDeg, lonDeg, heightKm) => {
    fly(Cartesian3.fromDegrees(lonDeg, latDeg, kmToM(heightKm)));
  };

  drawnPosition = (i) => layer.drawnPositionEcefKm(i);

  // ---- test/debug hooks
  const hooks = installLeoHooks();
  hooks.live = {
    counts: () => {
      // Frames are drawn on request (globe.ts): a test that polls for more drawn frames asks for them.
      scene.requestRender();
      const st = layer.stats;
      const s = store.getState().scenario;
      return { satellites: st.satellites, links: st.links, linksDrawn: st.activeLinks, gateways: s.gateways.length, pops: s.pops.length, frames: st.frames, revision: st.revision, buffersBuilt: st.buffersBuilt, markerImages: ground.markerImages() };
    },
    time: () => {
      const s = store.getState();
      return { timeUtcMs: s.timeUtcMs, drawnTimeUtcMs: layer.stats.timeUtcMs, playing: s.playing, speed: s.speed };
    },
    selection: () => store.getState().selection,
    route: () => globeView.getState().route,
    routeEnds: () => {
      const r = routeStore.getState();
      return { from: r.from, to: r.to, result: r.result };
    },
    drawnPath: () => ground.drawnPath(),
    labels: () => ground.visibleLabels(),
    satelliteName: (i) => client.scenarioInfo?.topology.names[i] ?? null,
    satelliteMeta(i) {
      const t = client.scenarioInfo?.topology;
      if (!t || !(i >= 0 && i < t.names.length)) return null;
      return { name: t.names[i]!, shellIndex: t.shellIndex[i]!, status: t.status[i]! };
    },
    scenarioJson: () => JSON.stringify(store.getState().scenario),
    setTime: (ms) => store.getState().setTime(utcMs(ms)),
    frameSource: () => layer.stats.source,
    projectSatelliteViewport(i) {
      const p = layer.projectSatellite(i);
      if (!p) return null;
      const rect = scene.canvas.getBoundingClientRect();
      return { x: rect.left + p.x, y: rect.top + p.y };
    },
    simulateEngineCrash() {
      (client as unknown as { restart(e: Error): void }).restart(new Error('simulated crash (test hook)'));
    },
    flyToSatellite: (i) => flyTo?.(i),
    flyToLatLon: (latDeg, lonDeg, heightKm) => flyToPoint?.(latDeg, lonDeg, heightKm),
    cameraFlights: () => flights,
    selectedSatelliteMarker: () => ground.selectedSatelliteMarker(),
  };

  return () => {
    for (const u of unsubs) u();
    if (moveRaf) cancelAnimationFrame(moveRaf);
    window.removeEventListener('pointerup', onWindowUp);
    scene.canvas.removeEventListener('contextmenu', noNativeMenu);
    handler.destroy();
    controller.enableInputs = true;
    flyTo = null;
    flyToPoint = null;
    drawnPosition = null;
    if (hooks.live) delete hooks.live;
    ground.dispose();
    layer.dispose();
  };
}
