// Build config for the three bundles: Electron main, preload (CommonJS: a sandboxed preload
// cannot be ESM) and the renderer (also served on its own for the browser fallback and e2e).
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { viteStaticCopy } from 'vite-plugin-static-copy';
import { resolve } from 'node:path';

const cesiumBuild = 'node_modules/cesium/Build/Cesium';
const CESIUM_BASE = 'cesium';

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
      react(),
      viteStaticCopy({
        targets: ['Workers', 'Assets', 'ThirdParty', 'Widgets'].map((d) => ({ src: `../${cesiumBuild}/${d}`, dest: CESIUM_BASE })),
      }),
    ],
    worker: { format: 'es' },
    // Cross-origin isolation in development too (ISOLATION_HEADERS in src-main/main/security-policy.ts).
    server: { headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } },
    build: {
      outDir: resolve('out/renderer'),
      minify: true,
      chunkSizeWarningLimit: 8000,
      rollupOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
  },
});
