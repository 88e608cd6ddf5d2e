// UI slice: panel visibility, rendering quality, and the live readouts of the status bar.
import type { StateCreator } from 'zustand';
import type { AppState } from '../store';
import type { GlobeTool } from '../../globe/events';

export type PanelArea = 'left' | 'right' | 'bottom';
export type QualitySetting = 'auto' | 'lean' | 'pretty';
export type Quality = 'lean' | 'pretty';
export type EngineStatus = 'not-started' | 'starting' | 'ready' | 'busy' | 'restarting' | 'failed';

export interface Notice {
  readonly id: number;
  readonly kind: 'info' | 'error';
  readonly text: string;
  readonly details?: readonly string[];
}

export type Dialog = 'about' | 'shortcuts' | null;

/** The open "unsaved changes" question (state/unsaved.ts owns its answer). */
export interface UnsavedPrompt {
  readonly action: 'new' | 'open' | 'close' | 'quit';
  /** The document's name as shown in the question. */
  readonly name: string;
}

export interface UiSlice {
  panels: Record<PanelArea, boolean>;
  /** The chosen tab of each tabbed area (ui/panels/registry.ts PANEL_TABS). */
  panelTab: Partial<Record<PanelArea, string>>;
  /** Sections the user expanded or collapsed, by panel id (others follow their defaultOpen). */
  panelOpen: Record<string, boolean>;
  setPanelTab(area: PanelArea, tab: string): void;
  setPanelOpen(id: string, open: boolean): void;
  /** What the user asked for. */
  qualitySetting: QualitySetting;
  /** What the globe runs with, and why (e.g. "auto: software WebGL (SwiftShader)"). */
  quality: Quality;
  qualityReason: string;
  webglRenderer: string;
  engineStatus: EngineStatus;
  /** Mean frame time over the last second; null until the globe has rendered. */
  frameMs: number | null;
  /** No frame drawn for a while: nothing on the globe changed (frames are drawn on request). */
  frameIdle: boolean;
  cursor: { latDeg: number; lonDeg: number } | null;
  notice: Notice | null;
  dialog: Dialog;
  unsavedPrompt: UnsavedPrompt | null;
  /** What a click on the globe does (see globe/events.ts). */
  globeTool: GlobeTool;
  setGlobeTool(t: GlobeTool): void;
  togglePanel(area: PanelArea): void;
  setQualitySetting(q: QualitySetting): void;
  setResolvedQuality(quality: Quality, reason: string, webglRenderer: string): void;
  setEngineStatus(s: EngineStatus): void;
  setFrameMs(ms: number | null): void;
  setFrameIdle(idle: boolean): void;
  setCursor(c: { latDeg: number; lonDeg: number } | null): void;
  notify(kind: Notice['kind'], text: string, details?: readonly string[]): void;
  dismissNotice(): void;
  openDialog(d: Dialog): void;
}

const QUALITY_KEY = 'leo.quality';

function isQualitySetting(v: string | null): v is QualitySetting {
  return v === 'auto' || v === 'lean' || v === 'pretty';
}

/** URL ?quality= wins (tests, bug reports), then the last choice made in the View menu. */
export function initialQualitySetting(): QualitySetting {
  // The store also runs under Node (unit tests), where there is no window.
  if (typeof window === 'undefined') return 'auto';
  const fromUrl = new URLSearchParams(window.location.search).get('quality');
  if (isQualitySetting(fromUrl)) return fromUrl;
  try {
    const saved = window.localStorage.getItem(QUALITY_KEY);
    if (isQualitySetting(saved)) return saved;
  } catch {
    // Storage can be unavailable (privacy modes, opaque origins); the default is fine.
  }
  return 'auto';
}

let noticeSeq = 0;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  panels: { left: true, right: true, bottom: true },
  panelTab: {},
  panelOpen: {},
  setPanelTab: (area, tab) => set({ panelTab: { ...get().panelTab, [area]: tab } }),
  setPanelOpen: (id, open) => set({ panelOpen: { ...get().panelOpen, [id]: open } }),
  qualitySetting: initialQualitySetting(),
  quality: 'lean',
  qualityReason: 'not yet decided',
  webglRenderer: '',
  engineStatus: 'not-started',
  frameMs: null,
  frameIdle: false,
  cursor: null,
  notice: null,
  dialog: null,
  unsavedPrompt: null,
  globeTool: 'select',
  setGlobeTool: (globeTool) => set({ globeTool }),
  togglePanel: (area) => set({ panels: { ...get().panels, [area]: !get().panels[area] } }),
  setQualitySetting(qualitySetting) {
    try {
      window.localStorage.setItem(QUALITY_KEY, qualitySetting);
    } catch {
      // Not persisted; still applied for this session.
    }
    set({ qualitySetting });
  },
  setResolvedQuality: (quality, qualityReason, webglRenderer) => set({ quality, qualityReason, webglRenderer }),
  setEngineStatus: (engineStatus) => set({ engineStatus }),
  setFrameMs: (frameMs) => set({ frameMs }),
  setFrameIdle: (frameIdle) => set({ frameIdle }),
  setCursor: (cursor) => set({ cursor }),
  notify: (kind, text, details) => set({ notice: details ? { id: ++noticeSeq, kind, text, details } : { id: ++noticeSeq, kind, text } }),
  dismissNotice: () => set({ notice: null }),
  openDialog: (dialog) => set({ dialog }),
});
