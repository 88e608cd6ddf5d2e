// The app shell in a browser: the globe renders offline with real imagery, the layout and
// status bar are there, and scenario edits go through the undo stack (keyboard and menu).
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { decodePng, meanColor } from './png';
import { expect, test, waitForGlobe } from './fixtures';

const SCREENSHOT = fileURLToPath(new URL('../../test-results/shell.png', import.meta.url));

/** Points inside the default view (centred on 15N 15E). */
const OCEAN = { name: 'Gulf of Guinea / Atlantic', latDeg: -5, lonDeg: -10 };
const LAND = { name: 'Sahara (Libya)', latDeg: 25, lonDeg: 15 };

async function project(page: Page, p: { latDeg: number; lonDeg: number }) {
  const r = await page.evaluate(([lat, lon]) => window.__leo?.projectLatLon(lat!, lon!) ?? null, [p.latDeg, p.lonDeg]);
  expect(r, 'projectLatLon returns a point once the globe exists').not.toBeNull();
  expect(r!.visible, `${p.latDeg},${p.lonDeg} is on the visible side of the globe`).toBe(true);
  return r!;
}

test('globe renders offline: ocean is blue, land is land-coloured, no network, no errors', async ({ app: page, guard }) => {
  const t0 = Date.now();
  await waitForGlobe(page);
  const readyMs = Date.now() - t0;

  const hooks = await page.evaluate(() => ({ tiles: window.__leo!.globe.tilesLoaded, borders: window.__leo!.globe.bordersLoaded, ready: window.__leo!.isReady, renderer: window.__leo!.globe.webglRenderer, quality: window.__leo!.globe.quality }));
  expect(hooks.ready).toBe(true);
  expect(hooks.borders).toBe(true);
  // SwiftShader is software WebGL, so "auto" must have chosen the lean settings.
  expect(hooks.renderer).toMatch(/swiftshader/i);
  expect(hooks.quality).toBe('lean');
  await expect(page.locator('[data-field="quality"]')).toContainText('lean');
  await expect(page.locator('[data-field="frame"]')).toContainText(/\d+(\.\d)? ms/);
  // Frames are drawn on request: once everything has loaded and nothing moves, the globe stops
  // drawing (no CPU or GPU spent on an unchanged picture) and the status bar says so. Drawing
  // every animation frame, it never would.
  await expect(page.locator('[data-field="frame"]')).toContainText('idle', { timeout: 120_000 });

  const ocean = await project(page, OCEAN);
  const land = await project(page, LAND);
  const png = await page.screenshot();
  mkdirSync(fileURLToPath(new URL('../../test-results/', import.meta.url)), { recursive: true });
  writeFileSync(SCREENSHOT, png);
  const img = decodePng(png);
  expect([img.width, img.height]).toEqual([1280, 720]);

  const sea = meanColor(img, ocean.x, ocean.y);
  const sand = meanColor(img, land.x, land.y);
  const summary = `globe ready after ${readyMs} ms; ocean rgb(${[sea.r, sea.g, sea.b].map(Math.round)}), land rgb(${[sand.r, sand.g, sand.b].map(Math.round)}); ${guard.requests.length} requests, all local`;
  test.info().annotations.push({ type: 'globe', description: summary });
  console.log(summary);
  // Natural Earth II: deep blue sea; the Sahara is tan (red > blue by a wide margin).
  expect(sea.b, `ocean pixel ${JSON.stringify(sea)} is bluish`).toBeGreaterThan(sea.r + 20);
  expect(sea.b).toBeGreaterThan(sea.g);
  expect(sand.r, `land pixel ${JSON.stringify(sand)} is land-coloured`).toBeGreaterThan(sand.b + 30);
  expect(sand.r + sand.g + sand.b, 'land is lit, not black').toBeGreaterThan(200);

  // The cursor readout follows the mouse over the globe.
  await page.mouse.move(land.x, land.y);
  await expect(page.locator('[data-field="cursor"]')).toContainText(/2\d\.\d\d°N 1\d\.\d\d°E/);

  // Layout: the slots are there.
  await expect(page.getByRole('complementary', { name: 'Left panels' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Right panels' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Bottom panels' })).toBeVisible();
  await expect(page.locator('[data-field="engine"]')).toBeVisible();

  // Every request went to the local server (the fixture fails the test otherwise) and the
  // imagery really came from Cesium's bundled Natural Earth II tiles.
  expect(guard.requests.some((u) => u.includes('/cesium/Assets/Textures/NaturalEarthII/'))).toBe(true);
});

test('renaming the scenario is undoable with the keyboard', async ({ app: page }) => {
  const name = page.getByTestId('scenario-name');
  const original = await name.inputValue();
  const state = () => page.evaluate(() => window.__leo!.state());
  const rev0 = (await state()).revision;

  await name.fill('Polar shell study');
  await name.press('Enter');
  await expect(name).not.toBeFocused();
  expect(await state()).toMatchObject({ scenarioName: 'Polar shell study', revision: rev0 + 1, canUndo: true, canRedo: false });
  await expect(page.getByTestId('history')).toContainText('Rename scenario');

  await page.keyboard.press('Control+z');
  await expect(name).toHaveValue(original);
  expect(await state()).toMatchObject({ scenarioName: original, revision: rev0 + 2, canUndo: false, canRedo: true });

  await page.keyboard.press('Control+Shift+z');
  await expect(name).toHaveValue('Polar shell study');

  await page.keyboard.press('Control+z');
  await expect(name).toHaveValue(original);
  await page.keyboard.press('Control+y');
  await expect(name).toHaveValue('Polar shell study');
  expect((await state()).revision).toBe(rev0 + 5);

  // Inside the text field, Ctrl+Z is the field's own undo, not the scenario's.
  await name.click();
  await name.press('End');
  await name.pressSequentially(' v2');
  await name.press('Control+z');
  expect((await state()).scenarioName).toBe('Polar shell study');
  await name.press('Escape');
  await expect(name).toHaveValue('Polar shell study');
});

test('the in-page menu drives undo/redo, quality and panels', async ({ app: page }) => {
  const name = page.getByTestId('scenario-name');
  const original = await name.inputValue();
  const menu = (title: string) => page.getByRole('menubar').getByRole('menuitem', { name: title, exact: true });

  await menu('Edit').click();
  await expect(page.getByRole('menuitem', { name: 'Undo', exact: true })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);

  await name.fill('Menu test');
  await name.press('Enter');

  await menu('Edit').click();
  await page.getByRole('menuitem', { name: 'Undo Rename scenario' }).click();
  await expect(name).toHaveValue(original);
  await menu('Edit').click();
  await page.getByRole('menuitem', { name: 'Redo Rename scenario' }).click();
  await expect(name).toHaveValue('Menu test');

  // View > Inspector hides the right slot, and again shows it.
  await menu('View').click();
  await page.getByRole('menuitemcheckbox', { name: 'Inspector' }).click();
  await expect(page.getByRole('complementary', { name: 'Right panels' })).toHaveCount(0);
  await menu('View').click();
  await page.getByRole('menuitemcheckbox', { name: 'Inspector' }).click();
  await expect(page.getByRole('complementary', { name: 'Right panels' })).toBeVisible();

  // View > Quality: the choice shows in the status bar once the globe applies it.
  await waitForGlobe(page);
  await menu('View').click();
  await page.getByRole('menuitemcheckbox', { name: 'Quality: pretty' }).click();
  await expect(page.locator('[data-field="quality"]')).toContainText('pretty (chosen)');
  await menu('View').click();
  await page.getByRole('menuitemcheckbox', { name: 'Quality: automatic' }).click();
  await expect(page.locator('[data-field="quality"]')).toContainText('lean (auto');

  // Help > Keyboard shortcuts opens a dialog; Escape closes it.
  await menu('Help').click();
  await page.getByRole('menuitem', { name: 'Keyboard shortcuts' }).click();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
