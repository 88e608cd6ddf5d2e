// Which Chromium flags give hardware WebGL on this machine? Tries each candidate set in turn,
// prints the unmasked WebGL renderer it gets, saves chrome://gpu's text for each to $OUT (if
// set), and writes the first set whose renderer is not a software one to the file named by the
// first argument. Used by scripts/gpu-bench-device.sh; needs CHROMIUM_PATH and @playwright/test.
/* global document */
import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const UNCAP = ['--disable-gpu-vsync', '--disable-frame-rate-limit'];
const candidates = [
  ['--use-angle=vulkan', '--enable-features=Vulkan', '--disable-vulkan-surface', '--ignore-gpu-blocklist'],
  ['--use-gl=angle', '--use-angle=gl-egl', '--ignore-gpu-blocklist'],
  ['--use-gl=egl', '--ignore-gpu-blocklist'],
];
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software/i;
const out = process.argv[2] ?? 'gl-args.txt';
let chosen = '';
for (const [i, flags] of candidates.entries()) {
  const args = ['--no-sandbox', '--disable-background-networking', '--no-first-run', ...flags, ...UNCAP];
  let renderer = '';
  try {
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH, args, timeout: 60_000 });
    const page = await browser.newPage();
    renderer = await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      if (!gl) return 'no WebGL2';
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    });
    if (process.env.OUT) {
      await page.goto('chrome://gpu');
      await page.waitForTimeout(1500);
      const text = await page.evaluate(() => {
        const root = document.querySelector('info-view')?.shadowRoot;
        return root ? [...root.children].filter((e) => e.tagName !== 'STYLE').map((e) => e.innerText).join('\n') : document.body.innerText;
      });
      writeFileSync(`${process.env.OUT}/chrome-gpu-${i}.txt`, text);
    }
    await browser.close();
  } catch (e) {
    renderer = `launch failed: ${String(e).split('\n').slice(0, 4).join(' | ')}`;
  }
  console.log(`candidate ${i}: ${flags.join(' ')} -> ${renderer}`);
  if (!chosen && renderer && !SOFTWARE.test(renderer) && !/failed|no WebGL/.test(renderer)) chosen = [...flags, ...UNCAP].join(' ');
}
writeFileSync(out, chosen);
console.log(chosen ? `chosen: ${chosen}` : 'no hardware WebGL with any candidate');
process.exit(chosen ? 0 : 3);
