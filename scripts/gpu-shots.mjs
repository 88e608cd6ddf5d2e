// Screenshots of the app as a user with a GPU sees it (auto quality: pretty on hardware WebGL),
// 1440x900 as the app's window: the default view, x100 playback, a satellite selected, and zoomed
// onto it. Run by scripts/gpu-bench-device.sh shots; writes PNGs and a summary to $OUT.
/* global window, document */
import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { startServer } from './serve.mjs';

const out = process.env.OUT ?? '.';
const server = await startServer({ root: process.env.RENDER_ROOT, port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH,
  args: ['--no-sandbox', '--disable-background-networking', '--no-first-run', ...(process.env.RENDER_GL_ARGS ?? '').split(/\s+/).filter(Boolean)],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
const summary = [];
page.on('pageerror', (e) => summary.push(`pageerror: ${String(e).slice(0, 200)}`));
await page.goto(server.url);
await page.locator('body[data-globe-ready="true"]').waitFor({ state: 'attached', timeout: 120_000 });
await page.waitForFunction(() => (window.__leo?.live?.counts().linksDrawn ?? 0) > 0, null, { timeout: 120_000 });
await page.waitForTimeout(1500);
const info = () => page.evaluate(() => ({ globe: window.__leo.globe, stats: window.__leo.layerStats, time: window.__leo.live.time(), counts: window.__leo.live.counts() }));
const shot = async (name) => {
  await page.screenshot({ path: `${out}/${name}.png` });
  const i = await info();
  summary.push(`${name}: quality ${i.globe.quality}, ${i.globe.webglRenderer}; ${i.counts.satellites} sats, ${i.counts.linksDrawn} links drawn; footprints ${i.stats.footprintsDrawn} (${i.stats.footprintRaster}); layer JS ${i.stats.avgFrameJsMs.toFixed(2)} ms; time ${new Date(i.time.timeUtcMs).toISOString()} x${i.time.speed} ${i.time.playing ? 'playing' : 'paused'}`);
};
await shot('gpu-default');
await page.evaluate(() => document.activeElement?.blur());
await page.keyboard.press(']');
await page.keyboard.press('Space');
await page.waitForTimeout(3000);
await shot('gpu-playing');
await page.keyboard.press('Space');
await page.waitForTimeout(500);
const p = await page.evaluate(() => {
  for (let i = 0; i < 3236; i += 37) {
    const v = window.__leo.live.projectSatelliteViewport(i);
    if (v && v.x > 300 && v.x < 1000 && v.y > 150 && v.y < 750) return { i, ...v };
  }
  return null;
});
if (p) {
  await page.mouse.click(p.x, p.y);
  await page.waitForTimeout(1500);
  await shot('gpu-selected');
  await page.evaluate((i) => window.__leo.live.flyToSatellite(i), p.i);
  await page.waitForTimeout(5000);
  await shot('gpu-zoomed');
}
writeFileSync(`${out}/shots.txt`, summary.join('\n') + '\n');
console.log(summary.join('\n'));
await browser.close();
await server.close();
