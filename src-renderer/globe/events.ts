// The globe's interaction bus: GlobeView turns Cesium screen-space input into these events;
// capabilities (selection/inspector, gateway editing) subscribe. The active tool decides who acts:
// 'select' (default: pick satellites, gateways, ground points; drag gateways to move them) or
// 'add-gateway' (a click on the globe places a gateway) or 'first-served' (a click asks when
// service first reaches that point: ui/rollout).
export type GlobePick =
  | { kind: 'satellite'; index: number }
  | { kind: 'gateway'; id: string }
  | { kind: 'pop'; id: string }
  | null;

export interface GlobePointerEvent {
  /** Ground point under the pointer (WGS84 degrees), null when the pointer is off the globe. */
  latDeg: number | null;
  lonDeg: number | null;
  /** Canvas CSS pixels. */
  x: number;
  y: number;
  picked: GlobePick;
  shiftKey: boolean;
  ctrlKey: boolean;
}

export type GlobeTool = 'select' | 'add-gateway' | 'first-served';

export interface GlobeEventMap {
  click: GlobePointerEvent;
  dragStart: GlobePointerEvent;
  drag: GlobePointerEvent;
  dragEnd: GlobePointerEvent;
  move: GlobePointerEvent;
  /** Right click (no drag): the context menu's place and what is under it. */
  contextMenu: GlobePointerEvent;
}

type Listener<K extends keyof GlobeEventMap> = (e: GlobeEventMap[K]) => void;
const listeners: { [K in keyof GlobeEventMap]: Set<Listener<K>> } = { click: new Set(), dragStart: new Set(), drag: new Set(), dragEnd: new Set(), move: new Set(), contextMenu: new Set() };

export function onGlobe<K extends keyof GlobeEventMap>(type: K, fn: Listener<K>): () => void {
  listeners[type].add(fn);
  return () => listeners[type].delete(fn);
}

export function emitGlobe<K extends keyof GlobeEventMap>(type: K, e: GlobeEventMap[K]): void {
  for (const fn of listeners[type]) fn(e);
}
