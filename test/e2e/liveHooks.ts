// Types of the window.__leo hooks the live globe (src-renderer/globe/live.ts) and the constellation
// layer add, restated for the tests: importing those modules would pull Vite-only imports
// (shaders ?raw) into the Node typecheck. Keep in step with LiveHooks in globe/live.ts.
import type { RouteResult } from '../../src-core/network/route';

export interface LiveHooksForTests {
  counts(): { satellites: number; links: number; linksDrawn: number; gateways: number; pops: number; frames: number; revision: number };
  time(): { timeUtcMs: number; drawnTimeUtcMs: number; playing: boolean; speed: number };
  selection(): unknown;
  route(): { latDeg: number; lonDeg: number; tUtcMs: number; revision: number; result: RouteResult } | null;
  labels(): string[];
  satelliteName(i: number): string | null;
  satelliteMeta(i: number): { name: string; shellIndex: number; status: number } | null;
  scenarioJson(): string;
  setTime(utcMs: number): void;
  frameSource(): string;
  projectSatelliteViewport(i: number): { x: number; y: number } | null;
  simulateEngineCrash(): void;
  flyToSatellite(i: number): void;
}

export interface LayerHooksForTests {
  projectSatellite(i: number): { x: number; y: number } | null;
  pickSatellite(x: number, y: number): number;
  setLayerVisible(name: 'satellites' | 'links' | 'footprints' | 'feederBeams' | 'userBeams', visible: boolean): void;
  isLayerVisible(name: string): boolean;
  drawnPositionEcefKm(i: number): [number, number, number] | null;
}

export interface LayerStatsForTests {
  avgFrameJsMs: number;
  lastFrameJsMs: number;
  maxFrameJsMs: number;
  frames: number;
  activeLinks: number;
}

declare module '../../src-renderer/globe/hooks' {
  interface LeoHooks {
    live?: LiveHooksForTests;
    constellationLayer?: LayerHooksForTests;
    layerStats?: Readonly<LayerStatsForTests>;
  }
}
