// Demo mode (issue 16, point 4): D enters it full window with the panels hidden and large
// captions (date, operational satellites, population served); the tour advances on its own
// clock; with the rollout option (default on: the scenario has launches) it steps the app's
// rollout date from the first launch (captions: that date, the launch just passed, and, paused on
// a date, that date's figures from the rollout engine: in orbit / operational and served %, on the
// screenshot and in a rollout PNG still whose every frame had them) and turning it off puts back the date it found; Space pauses and resumes it, arrows step stops; a PNG still (decoded: size as chosen,
// not blank) and a short WebM (EBML header, DocType, every rendered frame counted in the file,
// duration on the tour's clock) are exported; Cancel stops an export without saving anything;
// bookmarks deleted (undoably) make the tour use built-in views. Waits on window.__leo.demo's
// events, never on delays. Screenshots in test-results/demo-*.png, exports beside them.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { LoggedDemoEvent } from '../../src-renderer/ui/demo/demoStore';
import type {} from '../../src-renderer/ui/rollout/hooks';
import { decodePng } from './png';
import { readWebm } from './webm';
import { expect, test, waitForGlobe } from './fixtures';

// A hang detector, not a speed check: software WebGL on a loaded 2-core machine (load ~21) took
// 9 minutes for the coverage evaluation, a 1080p still and 30 + 1 video frames at 1080p.
test.setTimeout(1_200_000);

const OUT = fileURLToPath(new URL('../../test-results/', import.meta.url));
/** Default scenario (Amazon Kuiper), all satellites operational. */
const KUIPER_SATELLITES = '3,236';
/** The default scenario's camera bookmarks (src-core/scenario/default.ts). */
const DEFAULT_BOOKMARKS = ['North America', 'Europe', 'Whole service band'];
/** The test's video: this many seconds of tour at 30 fps. */
const VIDEO_S = 1;
const VIDEO_FRAMES = 30;
/** The default scenario's first launch (KA-01, src-core/scenario/default.ts) and its caption. */
const FIRST_LAUNCH_DATE = '2025-04-28';
const FIRST_LAUNCH_CAPTION = 'Launch 1: Atlas V, 27 satellites';

async function seq(page: Page): Promise<number> {
  return page.evaluate(() => window.__leo!.demo!.seq);
}

/** Waits for the first demo event after `since` that matches, and returns it. */
async function nextEvent(page: Page, since: number, match: Partial<LoggedDemoEvent>, timeout = 300_000): Promise<LoggedDemoEvent> {
  const handle = await page.waitForFunction(
    ([s, m]) => window.__leo!.demo!.log(s).find((e) => Object.entries(m).every(([k, v]) => (e as Record<string, unknown>)[k] === v)) ?? null,
    [since, match] as const,
    { timeout, polling: 100 },
  );
  return (await handle.jsonValue()) as LoggedDemoEvent;
}

async function demoState(page: Page) {
  return page.evaluate(() => window.__leo!.demo!.state());
}

const fmtCount = (v: number): string => v.toLocaleString('en-US');

/**
 * Pauses the tour on the rollout date it shows, waits for the rollout engine's answer for that
 * date, and checks the captions are that date's: the date, in orbit / operational and served %
 * (numbers, not "—"). Returns the captions as shown.
 */
async function pausedRolloutCaptions(page: Page): Promise<{ date: string; satellites: string; served: string }> {
  const caption = (k: string) => page.locator(`[data-caption="${k}"] .demo__value`);
  const since = await seq(page);
  await page.keyboard.press('Space');
  await nextEvent(page, since, { type: 'pause' });
  const { rolloutDateMs } = await demoState(page);
  expect(rolloutDateMs).not.toBeNull();
  // The rollout engine's answer for the date the paused tour shows (the first date builds the whole
  // constellation's coverage cache: up to minutes under load).
  const answered = await page.waitForFunction(
    (d) => {
      const f = window.__leo!.rollout!.state().figures;
      return f && f.dateMs === d ? f : null;
    },
    rolloutDateMs,
    { timeout: 300_000, polling: 100 },
  );
  const f = (await answered.jsonValue())!;
  expect((await demoState(page)).rolloutDateMs, 'still paused on that date').toBe(rolloutDateMs);
  const shown = { date: new Date(rolloutDateMs!).toISOString().slice(0, 10), satellites: `${fmtCount(f.inOrbit)} / ${fmtCount(f.operational)}`, served: `${f.servedPct.toFixed(1)} %` };
  expect(f.inOrbit).toBeGreaterThan(0);
  expect(f.servedPct).toBeGreaterThanOrEqual(0);
  await expect(caption('date')).toHaveText(shown.date);
  await expect(caption('satellites')).toHaveText(shown.satellites);
  await expect(caption('served')).toHaveText(shown.served);
  return shown;
}

async function animationFrames(page: Page, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
}

test('demo mode: captions, tour, pause, stills and video, cancel', async ({ app: page }) => {
  mkdirSync(OUT, { recursive: true });
  await waitForGlobe(page);

  // ---- enter with D: full window, panels hidden, captions
  let since = await seq(page);
  await page.locator('body').press('d');
  await nextEvent(page, since, { type: 'enter' });
  const demo = page.getByTestId('demo-mode');
  await expect(demo).toBeVisible();
  await expect(page.getByRole('menubar', { name: 'Application menu' })).toBeHidden();
  await expect(page.locator('.statusbar')).toBeHidden();
  const caption = (k: string) => page.locator(`[data-caption="${k}"] .demo__value`);

  // ---- the rollout tour: the rollout date starts at the first launch and steps on the tour clock
  const r0 = await demoState(page);
  expect(r0.rollout, 'the default scenario has launches: the rollout option is on').not.toBeNull();
  expect(r0.rolloutDateMs).toBe(r0.rollout!.fromMs);
  await expect(page.locator('[data-caption="date"] .demo__label')).toHaveText('Rollout date');
  await expect(caption('date')).toHaveText(FIRST_LAUNCH_DATE);
  await expect(page.getByTestId('demo-launch')).toHaveText(FIRST_LAUNCH_CAPTION);
  // "—" until the engine answers for the date shown; then that date's figures (in orbit / operational).
  await expect(caption('satellites')).toHaveText(/^(—|[\d,]+ \/ [\d,]+)$/);
  await expect(caption('served')).toHaveText(/^(—|\d{1,3}\.\d %)$/);
  const stepped = await page.waitForFunction(
    ([s, from]) => window.__leo!.demo!.log(s).find((e) => e.type === 'rollout-date' && e.dateMs > from) ?? null,
    [since, r0.rollout!.fromMs] as const,
    { timeout: 300_000, polling: 100 },
  );
  const nextDate = ((await stepped.jsonValue()) as { dateMs: number }).dateMs;
  expect(nextDate).toBeLessThanOrEqual(r0.rollout!.toMs);
  await expect(caption('date')).not.toHaveText(FIRST_LAUNCH_DATE);
  await expect(caption('date')).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
  const r1 = await demoState(page);
  expect(r1.rolloutDateMs).toBeGreaterThan(r0.rollout!.fromMs);
  // Paused on the tour's date: the engine's figures for it in the captions, on the screenshot and
  // in a rollout still (the export waits for them: none of its frames says "—").
  const shown = await pausedRolloutCaptions(page);
  await page.screenshot({ path: `${OUT}demo-rollout.png` });
  let since0 = await seq(page);
  const rolloutStill = page.waitForEvent('download', { timeout: 300_000 });
  await page.getByRole('button', { name: 'Export PNG' }).click();
  writeFileSync(`${OUT}demo-rollout-still.png`, readFileSync(await (await rolloutStill).path()));
  const rolloutStillEnd = await nextEvent(page, since0, { type: 'export-end', kind: 'png' });
  expect(rolloutStillEnd).toMatchObject({ outcome: 'saved', captions: { pendingFrames: 0, last: shown } });
  since0 = await seq(page);
  await page.keyboard.press('Space');
  await nextEvent(page, since0, { type: 'resume' });
  // Off: the captions go back to the app's time and live figures, the rollout date to the one found (none).
  await page.getByLabel('Rollout: first launch → full deployment').uncheck();
  await expect(page.locator('[data-caption="date"] .demo__label')).toHaveText('Date');
  const off = await demoState(page);
  expect([off.rollout, off.rolloutDateMs]).toEqual([null, null]);
  await expect(page.getByTestId('demo-launch')).toBeHidden();

  await expect(caption('date')).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
  await expect(caption('satellites')).toHaveText(KUIPER_SATELLITES, { timeout: 120_000 });
  // "—" while the engine computes coverage, then the figure; never anything else.
  await expect(caption('served')).toHaveText(/^(—|\d{1,3}\.\d %)$/);
  await expect(caption('served')).toHaveText(/^\d{1,3}\.\d %$/, { timeout: 400_000 });
  const st0 = await demoState(page);
  expect(st0, 'the default scenario\'s bookmarks are the tour').toMatchObject({ builtin: false, stops: DEFAULT_BOOKMARKS });
  await expect(page.getByTestId('demo-stop')).toContainText(DEFAULT_BOOKMARKS[0]);

  // ---- the tour advances by itself: the next stop is reached on the tour's clock
  const reached = await nextEvent(page, since, { type: 'stop', index: 1 });
  expect(reached.type === 'stop' && reached.name).toBe(st0.stops[1]);
  const dateBefore = await caption('date').textContent();

  // ---- Space pauses: neither the tour clock nor the app time moves over 20 frames; Space resumes
  since = await seq(page);
  await page.keyboard.press('Space');
  await nextEvent(page, since, { type: 'pause' });
  const paused = await demoState(page);
  const timePaused = await page.evaluate(() => window.__leo!.live!.time().timeUtcMs);
  await animationFrames(page, 20);
  expect((await demoState(page)).tourMs).toBe(paused.tourMs);
  expect(await page.evaluate(() => window.__leo!.live!.time().timeUtcMs)).toBe(timePaused);
  since = await seq(page);
  await page.keyboard.press('Space');
  await nextEvent(page, since, { type: 'resume' });
  const moved = await nextEvent(page, since, { type: 'frame' });
  expect((moved as { tourMs: number }).tourMs).toBeGreaterThan(paused.tourMs);
  // The date caption follows the app time the tour advances (simSpeed 120: minutes per stop).
  await expect(caption('date')).not.toHaveText(dateBefore!);

  // ---- arrows step between stops
  const before = (await demoState(page)).stopIndex;
  since = await seq(page);
  await page.keyboard.press('ArrowRight');
  const next = await nextEvent(page, since, { type: 'stop' });
  expect(next.type === 'stop' && next.index).toBe((before + 1) % st0.stops.length);

  // ---- screenshot of demo mode (looked at by hand: caption legibility)
  await page.screenshot({ path: `${OUT}demo-mode.png` });

  // ---- PNG still at 1920x1080
  await page.getByLabel('Still resolution').selectOption({ label: '1920×1080' });
  since = await seq(page);
  let download = page.waitForEvent('download', { timeout: 300_000 });
  await page.getByRole('button', { name: 'Export PNG' }).click();
  let file = await download;
  const stillEnd = await nextEvent(page, since, { type: 'export-end', kind: 'png' });
  expect(stillEnd).toMatchObject({ outcome: 'saved', width: 1920, height: 1080 });
  expect(file.suggestedFilename()).toMatch(/-1920x1080\.png$/);
  const pngBytes = readFileSync(await file.path());
  writeFileSync(`${OUT}demo-still.png`, pngBytes);
  const png = decodePng(pngBytes);
  expect([png.width, png.height]).toEqual([1920, 1080]);
  // Not blank: the globe's pixels vary, and the caption band holds white text.
  const lum = (x: number, y: number) => {
    const i = (y * png.width + x) * 4;
    return png.data[i]! + png.data[i + 1]! + png.data[i + 2]!;
  };
  const samples: number[] = [];
  for (let y = 100; y < 1000; y += 50) for (let x = 100; x < 1820; x += 50) samples.push(lum(x, y));
  const distinct = new Set(samples.map((v) => Math.round(v / 24))).size;
  expect(distinct, 'distinct brightness levels across the still').toBeGreaterThan(8);
  let white = 0;
  for (let y = 900; y < 1060; y++) for (let x = 60; x < 900; x++) if (lum(x, y) > 720) white++;
  expect(white, 'white caption pixels in the bottom-left band').toBeGreaterThan(500);

  // ---- WebM of the tour, VIDEO_S seconds
  await page.getByLabel('Video length (s)').fill(String(VIDEO_S));
  since = await seq(page);
  download = page.waitForEvent('download', { timeout: 600_000 });
  await page.getByRole('button', { name: 'Export WebM 1080p' }).click();
  await expect(page.getByTestId('demo-export')).toBeVisible();
  file = await download;
  const videoEnd = await nextEvent(page, since, { type: 'export-end', kind: 'webm' });
  expect(videoEnd).toMatchObject({ outcome: 'saved', width: 1920, height: 1080, frames: VIDEO_FRAMES });
  const webmBytes = readFileSync(await file.path());
  writeFileSync(`${OUT}demo-video.webm`, webmBytes);
  expect(webmBytes.length).toBeGreaterThan(0);
  const webm = readWebm(webmBytes);
  expect(webm.docType).toBe('webm');
  // Every frame the recorder rendered is in the file (the encoder queues, it never drops).
  expect(webm.frames, 'frames in the WebM').toBe(VIDEO_FRAMES);
  expect(webm.durationMs, 'duration: the tour clock\'s, not the wall clock\'s').toBeCloseTo(VIDEO_S * 1000, 0);
  await expect(page.getByTestId('demo-export')).toBeHidden();

  // ---- Cancel: a long video stops after its first frame, nothing is saved
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByLabel('Video length (s)').fill('60');
  since = await seq(page);
  await page.getByRole('button', { name: 'Export WebM 1080p' }).click();
  await nextEvent(page, since, { type: 'export-start', kind: 'webm' });
  const afterStart = await seq(page);
  await nextEvent(page, afterStart, { type: 'frame' });
  await page.getByTestId('demo-export').getByRole('button', { name: 'Cancel' }).click();
  const cancelled = await nextEvent(page, since, { type: 'export-end', kind: 'webm' });
  expect(cancelled.type === 'export-end' && cancelled.outcome).toBe('cancelled');
  expect(cancelled.type === 'export-end' && cancelled.frames).toBeLessThan(60 * 30);
  await expect(page.getByTestId('demo-export')).toBeHidden();
  await animationFrames(page, 5);
  expect(downloads).toBe(0);

  // ---- the rollout option back on: the date is set again; Esc leaves demo mode and puts back the date found (none)
  await page.getByLabel('Rollout: first launch → full deployment').check();
  expect((await demoState(page)).rolloutDateMs).not.toBeNull();
  since = await seq(page);
  await page.keyboard.press('Escape');
  await nextEvent(page, since, { type: 'leave' });
  await expect(demo).toBeHidden();
  expect((await demoState(page)).rolloutDateMs).toBeNull();
  await expect(page.getByRole('menubar', { name: 'Application menu' })).toBeVisible();

  // ---- bookmarks: delete them all (undoable), the tour says it uses built-in views; add one back
  await page.getByRole('tab', { name: 'Scenario' }).click();
  for (const name of DEFAULT_BOOKMARKS) await page.getByRole('button', { name: `Delete ${name}` }).click();
  await expect(page.getByText('No bookmarks yet')).toBeVisible();
  since = await seq(page);
  await page.getByRole('button', { name: 'Start demo mode' }).click();
  await nextEvent(page, since, { type: 'enter' });
  const st1 = await demoState(page);
  expect(st1.builtin).toBe(true);
  expect(st1.stops.length).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('demo-stop')).toContainText('no camera bookmarks');
  await page.screenshot({ path: `${OUT}demo-builtin.png` });
  since = await seq(page);
  await page.keyboard.press('Escape');
  await nextEvent(page, since, { type: 'leave' });
  await page.getByRole('button', { name: 'Bookmark this view' }).click();
  await expect(page.getByRole('list', { name: 'Camera bookmarks' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Rename View 1' })).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(page.getByText('No bookmarks yet')).toBeVisible();
});
