/// <reference types="vite/client" />

/** Defined by electron.vite.config.ts: where Cesium's Workers/Assets/Widgets are served from. */
declare const CESIUM_BASE_URL: string;
