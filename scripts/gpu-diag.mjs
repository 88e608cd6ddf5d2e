// On the GPU machine, after gpu-bench-device.sh unpacked /tmp/g/stage: opens the app with the GPU
// flags, isolated (as served) and with COOP/COEP stripped, and reports console errors, crashes and
// whether the globe became ready.
/* global window, document, crossOriginIsolated -- page.evaluate callbacks run in the page */
import { chromium } from '@playwright/test';
import { startServer } from './serve.mjs';
const args = (process.env.RENDER_GL_ARGS ?? '').split(' ').filter(Boolean);
const server = await startServer({ root: '/tmp/g/stage/renderer', port: 0 });
for (const strip of [false, true]) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH, args: ['--no-sandbox', ...args] });
  browser.on('disconnected', () => console.log('browser disconnected'));
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on('console', (m) => { if (m.type() !== 'debug' && m.type() !== 'log') console.log(`[${strip ? 'plain' : 'isolated'}] console ${m.type()}: ${m.text().slice(0, 300)}`); });
  page.on('pageerror', (e) => console.log(`[${strip ? 'plain' : 'isolated'}] pageerror ${e.message}`));
  page.on('crash', () => console.log(`[${strip ? 'plain' : 'isolated'}] PAGE CRASHED`));
  if (strip) {
    await page.route('**/*', async (route) => {
      const r = await route.fetch();
      const h = { ...r.headers() };
      delete h['cross-origin-opener-policy'];
      delete h['cross-origin-embedder-policy'];
      await route.fulfill({ response: r, headers: h });
    });
  }
  const t0 = Date.now();
  try {
    await page.goto(`${server.url}?quality=lean`);
    console.log('isolated?', await page.evaluate(() => crossOriginIsolated), 'renderer', await page.evaluate(() => { const gl = document.createElement('canvas').getContext('webgl2'); const d = gl?.getExtension('WEBGL_debug_renderer_info'); return d ? gl.getParameter(d.UNMASKED_RENDERER_WEBGL) : 'none'; }));
    await page.locator('body[data-globe-ready="true"]').waitFor({ state: 'attached', timeout: 45000 });
    console.log(`[${strip ? 'plain' : 'isolated'}] ready in ${Date.now() - t0} ms`, JSON.stringify(await page.evaluate(() => window.__leo?.layerStats && { frames: window.__leo.layerStats.frames, raster: window.__leo.layerStats.footprintRaster })));
  } catch (e) {
    console.log(`[${strip ? 'plain' : 'isolated'}] FAILED after ${Date.now() - t0} ms: ${e.message.split('\n')[0]}`);
  }
  await browser.close().catch(() => {});
}
await server.close();
