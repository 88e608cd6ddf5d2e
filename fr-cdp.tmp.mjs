import { chromium } from '@playwright/test';
const b = await chromium.connectOverCDP('http://127.0.0.1:' + (process.env.CDP_PORT ?? '9333'));
const pages = b.contexts().flatMap((c) => c.pages());
for (const p of pages) {
  console.log('page', p.url());
  const st = await p.evaluate(() => ({ ready: window.__leo?.isReady, renderer: window.__leo?.globe.webglRenderer, quality: window.__leo?.globe.quality,
    bar: document.querySelector('.statusbar')?.textContent, notice: document.querySelector('[data-testid=software-rendering-notice]')?.textContent ?? null,
    toast: document.querySelector('.toast')?.textContent ?? null, msg: document.querySelector('[data-testid=globe-message]')?.textContent ?? null }));
  console.log(JSON.stringify(st, null, 1));
  await p.screenshot({ path: process.env.SHOT ?? '/tmp/fr/page.png' });
}
await b.close().catch(() => {});
