// Build config for the three bundles: Electron main, preload (CommonJS: a sandboxed preload
// cannot be ESM) and the renderer (also served on its own for the browser fallback and e2e).
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin, Rollup } from 'vite';
import { viteStaticCopy } from 'vite-plugin-static-copy';
import { resolve } from 'node:path';

const cesiumBuild = 'node_modules/cesium/Build/Cesium';
const CESIUM_BASE = 'cesium';

/**
 * satellite.js 7 ships two WASM SGP4 runtimes (Emscripten, the .wasm inlined as base64) behind
 * dynamic imports of its private `#wasm-single-thread` / `#wasm-multi-thread` subpaths. The app
 * propagates with the JS sgp4 (src-core/orbit/propagator.ts) and never creates a WASM runtime,
 * yet Rollup emitted them as a 308 kB chunk of the page, and their Emscripten Node branches
 * (`import("node:module")`, `node:worker_threads`) caused 10 of the build's 14 warnings ("externalized for browser compatibility"). They resolve here to a module that
 * says so if anything ever calls it.
 */
function omitSatelliteWasm(): Plugin {
  const STUB = '\0leo:satellite-wasm-omitted';
  return {
    name: 'leo:omit-satellite-wasm',
    enforce: 'pre',
    resolveId(id, importer) {
      if ((id === '#wasm-single-thread' || id === '#wasm-multi-thread') && importer?.includes('satellite.js')) return STUB;
      return null;
    },
    load(id) {
      if (id !== STUB) return null;
      return 'export default function createWasmModule() { throw new Error("satellite.js WASM runtimes are not bundled with LEO Planner (electron.vite.config.ts omitSatelliteWasm): use the JS propagator"); }';
    },
  };
}

/**
 * The other 4 warnings: zod 4 writes prose comments that mention `@__PURE__` (util.js,
 * regexes.js); Rollup reads them as misplaced annotations, warns, and drops the comments. Code
 * and tree-shaking are unaffected (the comments annotate nothing), so only that warning, only
 * for zod, is silenced.
 */
function onwarn(warning: Rollup.RollupLog, warn: Rollup.LoggingFunction): void {
  if (warning.code === 'INVALID_ANNOTATION' && /[\\/]node_modules[\\/]zod[\\/]/.test(warning.id ?? '')) return;
  warn(warning);
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('src-main/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    base: './',
    publicDir: resolve('assets/public'),
    define: { CESIUM_BASE_URL: JSON.stringify(`./${CESIUM_BASE}/`) },
    plugins: [
      omitSatelliteWasm(),
      react(),
      viteStaticCopy({
        targets: ['Workers', 'Assets', 'ThirdParty', 'Widgets'].map((d) => ({ src: `../${cesiumBuild}/${d}`, dest: CESIUM_BASE })),
      }),
    ],
    worker: { format: 'es', plugins: () => [omitSatelliteWasm()], rollupOptions: { onwarn } },
    // Cross-origin isolation in development too (ISOLATION_HEADERS in src-main/main/security-policy.ts).
    server: { headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } },
    build: {
      outDir: resolve('out/renderer'),
      minify: true,
      chunkSizeWarningLimit: 8000,
      rollupOptions: { input: { index: resolve('src-renderer/index.html') }, onwarn },
    },
  },
});
