// A page fixture that fails the test on any console error, uncaught exception or request to a
// host other than the local test server: the app is offline by design. With
// LEO_E2E_CPU_THROTTLE=N (scripts/e2e.mjs, its throttled pass) every page runs with Chromium's
// CPU throttling at N x slower, so a test that assumes a fast machine fails here first.
import { test as base, expect, type Page } from '@playwright/test';
// Brings in the app's `window.__leo` declaration (globe/hooks.ts augments Window).
export type { LeoHooks } from '../../src-renderer/globe/hooks';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The CPU slow-down factor of this run (1: none), from LEO_E2E_CPU_THROTTLE. */
export function cpuThrottleRate(): number {
  const raw = process.env.LEO_E2E_CPU_THROTTLE;
  if (raw === undefined || raw === '') return 1;
  const rate = Number(raw);
  if (!Number.isFinite(rate) || rate < 1) throw new Error(`LEO_E2E_CPU_THROTTLE must be a number >= 1 (the CPU slow-down factor), got "${raw}"`);
  return rate;
}

/**
 * Slows the page's main thread down by cpuThrottleRate() (Chromium DevTools' CPU throttling,
 * Emulation.setCPUThrottlingRate). Workers are not throttled: the engine then answers relatively
 * sooner, which is the other half of what a timing assumption can get wrong.
 */
export async function applyCpuThrottle(page: Page): Promise<void> {
  const rate = cpuThrottleRate();
  if (rate === 1) return;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

export interface Guard {
  requests: string[];
  foreign: string[];
  errors: string[];
}

/**
 * How the page's File System Access pickers behave. Playwright cannot answer the browser's own
 * pickers (microsoft/playwright#8850), so by default they are removed and the app falls back to
 * its file input and downloads, which Playwright drives. 'opfs' replaces them with stand-ins
 * that hand out real FileSystemFileHandles from the origin-private file system: the file named
 * by localStorage 'e2e.pick.open' for Open, 'e2e.pick.save' (or the suggested name) for Save.
 */
export type FilePickers = 'input' | 'opfs';

function installFilePickers(mode: FilePickers): void {
  const set = (name: string, value: unknown) => Object.defineProperty(window, name, { value, configurable: true, writable: true });
  if (mode === 'input') {
    set('showOpenFilePicker', undefined);
    set('showSaveFilePicker', undefined);
    return;
  }
  const root = () => navigator.storage.getDirectory();
  const abort = () => new DOMException('The user aborted a request.', 'AbortError');
  set('showOpenFilePicker', async () => {
    const name = localStorage.getItem('e2e.pick.open');
    if (!name) throw abort();
    return [await (await root()).getFileHandle(name)];
  });
  set('showSaveFilePicker', async (opts?: { suggestedName?: string }) => {
    const name = localStorage.getItem('e2e.pick.save') ?? opts?.suggestedName;
    if (!name) throw abort();
    return (await root()).getFileHandle(name, { create: true });
  });
}

export const test = base.extend<{ guard: Guard; app: Page; filePickers: FilePickers }>({
  filePickers: ['input', { option: true }],
  guard: async ({ page }, use) => {
    const guard: Guard = { requests: [], foreign: [], errors: [] };
    page.on('request', (r) => {
      const url = r.url();
      guard.requests.push(url);
      const u = new URL(url);
      if (u.protocol === 'data:' || u.protocol === 'blob:') return;
      if (!LOCAL_HOSTS.has(u.hostname)) guard.foreign.push(url);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') guard.errors.push(`console.error: ${m.text()}`);
    });
    page.on('pageerror', (e) => guard.errors.push(`uncaught: ${e.message}`));
    await use(guard);
    expect(guard.foreign, 'requests that left localhost').toEqual([]);
    expect(guard.errors, 'console errors and uncaught exceptions').toEqual([]);
  },
  app: async ({ page, guard, filePickers }, use) => {
    const url = process.env.LEO_E2E_URL;
    if (!url) throw new Error('LEO_E2E_URL is not set: run through test/e2e/playwright.config.ts (its globalSetup starts the server)');
    void guard;
    await page.addInitScript(installFilePickers, filePickers);
    await applyCpuThrottle(page);
    await page.goto(url);
    await expect(page.getByRole('menubar', { name: 'Application menu' })).toBeVisible();
    await use(page);
  },
});

export { expect };

/** Waits for the app's readiness signal (globe tiles loaded after a render), never a sleep. */
export async function waitForGlobe(page: Page): Promise<void> {
  await page.locator('body[data-globe-ready="true"]').waitFor({ state: 'attached', timeout: 150_000 });
}

/** Camera movements ended so far (Cesium's moveEnd: the view stood still for half a second). */
export function cameraMoves(page: Page): Promise<number> {
  return page.evaluate(() => window.__leo!.globe.cameraMoves);
}

/**
 * Waits until a camera movement after `moves` (cameraMoves before it started) has ended and no
 * other is under way: Cesium's moveEnd, never a sleep. A wait that times out says where the
 * camera is, whether it is still moving and whether the render loop had to recover.
 */
export async function cameraSettled(page: Page, moves: number): Promise<void> {
  try {
    await page.waitForFunction((m) => window.__leo!.globe.cameraMoves > m && !window.__leo!.globe.cameraMoving, moves, { timeout: 60_000 });
  } catch (e) {
    const g = await page.evaluate(() => {
      const { cameraMoves, cameraMoving, renderRecoveries } = window.__leo!.globe;
      return { cameraMoves, cameraMoving, renderRecoveries, camera: window.__leo!.camera() };
    });
    throw new Error(`camera did not come to rest after move ${moves}: ${JSON.stringify(g)}`, { cause: e });
  }
}

/** Opens a left-panel section (Plan tab) by its title, if it is collapsed; its controls are hidden until then. */
export async function openSection(page: Page, title: string): Promise<void> {
  const plan = page.getByRole('tab', { name: 'Plan' });
  if ((await plan.count()) > 0 && (await plan.getAttribute('aria-selected')) !== 'true') await plan.click();
  const header = page.getByRole('button', { name: title, exact: true });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  await expect(header).toHaveAttribute('aria-expanded', 'true');
}
