// Files in the app (issue 15 §2): autosave and recovery after a simulated crash (a reload),
// Open Recent through the File System Access API, and drag and drop with the unsaved-changes
// question. Waits on the app's own events (window.__leo.files), never on delays.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
// Brings in window.__leo.files (ui/files/filesStore.ts augments LeoHooks).
import type { LoggedFilesEvent } from '../../src-renderer/ui/files/filesStore';
import { expect, test } from './fixtures';

const OUT = fileURLToPath(new URL('../../test-results/files/', import.meta.url));
const state = (page: Page) => page.evaluate(() => window.__leo!.state());
const menu = (page: Page, title: string) => page.getByRole('menubar').getByRole('menuitem', { name: title, exact: true });
const prompt = (page: Page) => page.getByRole('alertdialog', { name: 'Unsaved changes' });
const recovery = (page: Page) => page.getByRole('alertdialog', { name: 'Recover unsaved work' });
const toast = (page: Page) => page.locator('.toast');

async function edit(page: Page, name: string) {
  const field = page.getByTestId('scenario-name');
  await field.fill(name);
  await field.press('Enter');
  await expect(field).toHaveValue(name);
}

/** The newest autosave event of this page with seq > since (waits for it). */
async function autosaveEvent(page: Page, type: 'written' | 'cleared', since: number): Promise<{ seq: number; atMs?: number }> {
  const handle = await page.waitForFunction(
    ({ type, since }) => window.__leo?.files?.log(since).find((e: LoggedFilesEvent) => e.type === type) ?? null,
    { type, since },
  );
  return (await handle.jsonValue()) as { seq: number; atMs?: number };
}

const filesSeq = (page: Page) => page.evaluate(() => window.__leo?.files?.seq ?? 0);

/** The default scenario as JSON, renamed. */
async function scenarioText(page: Page, name: string): Promise<string> {
  await page.waitForFunction(() => typeof window.__leo?.live?.scenarioJson === 'function');
  const json = JSON.parse(await page.evaluate(() => window.__leo!.live!.scenarioJson())) as { name: string };
  json.name = name;
  return JSON.stringify(json);
}

/** A "simulated crash": the page goes without saving (Leave on the browser's unload question). */
async function crashAndRestart(page: Page) {
  page.once('dialog', (d) => void d.accept());
  await page.reload();
  await expect(menu(page, 'File')).toBeVisible();
}

async function shot(page: Page, name: string) {
  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: `${OUT}${name}.png` });
}

test.describe('autosave and recovery', () => {
  test('an edit is autosaved; after a crash recovery is offered and restores it, unsaved', async ({ app: page }) => {
    const since = await filesSeq(page);
    await edit(page, 'Autosaved study');
    const written = await autosaveEvent(page, 'written', since);
    expect(written.atMs).toBeGreaterThan(0);

    await crashAndRestart(page);
    await expect(recovery(page)).toBeVisible();
    await expect(recovery(page)).toContainText('Autosaved study');
    await expect(recovery(page)).toContainText('never saved to a file');
    await expect(page.getByTestId('recovery-time')).toHaveText(new Date(written.atMs!).toISOString().slice(0, 19).replace('T', ' ') + ' UTC');
    await shot(page, 'recovery-dialog');

    const before = await filesSeq(page);
    await recovery(page).getByRole('button', { name: 'Recover' }).click();
    await expect(recovery(page)).toHaveCount(0);
    await expect(page.getByTestId('scenario-name')).toHaveValue('Autosaved study');
    expect(await state(page)).toMatchObject({ scenarioName: 'Autosaved study', dirty: true, filePath: null });
    await expect(page.getByTestId('dirty-mark')).toBeVisible();
    // The recovered work is autosaved again under this window's document before the old one goes.
    await autosaveEvent(page, 'written', before);
  });

  test('Discard asks nothing more, and the next start offers nothing', async ({ app: page }) => {
    const original = await page.getByTestId('scenario-name').inputValue();
    const since = await filesSeq(page);
    await edit(page, 'Discarded study');
    await autosaveEvent(page, 'written', since);
    await crashAndRestart(page);
    await recovery(page).getByRole('button', { name: 'Discard' }).click();
    await expect(recovery(page)).toHaveCount(0);
    await expect(prompt(page)).toHaveCount(0);
    await expect(page.getByTestId('scenario-name')).toHaveValue(original);
    await crashAndRestart(page);
    await page.waitForFunction(() => window.__leo?.files?.log().some((e: LoggedFilesEvent) => e.type === 'recovery-checked'));
    expect(await page.evaluate(() => window.__leo!.files!.log().find((e: LoggedFilesEvent) => e.type === 'recovery-checked'))).toMatchObject({ offered: false });
    await expect(recovery(page)).toHaveCount(0);
  });

  test('undoing back to the saved state clears the autosave, so a restart offers nothing', async ({ app: page }) => {
    const since = await filesSeq(page);
    await edit(page, 'Undone study');
    await autosaveEvent(page, 'written', since);
    await page.keyboard.press('Control+z');
    await autosaveEvent(page, 'cleared', since);
    expect((await state(page)).dirty).toBe(false);
    await crashAndRestart(page);
    await page.waitForFunction(() => window.__leo?.files?.log().some((e: LoggedFilesEvent) => e.type === 'recovery-checked'));
    await expect(recovery(page)).toHaveCount(0);
  });
});

test.describe('Open Recent (File System Access)', () => {
  test.use({ filePickers: 'opfs' });

  test('Open adds the file; Open Recent reopens it; Save writes back to it; a deleted file leaves the list with a message', async ({ app: page }) => {
    const text = await scenarioText(page, 'Recent study');
    await page.evaluate(async (t) => {
      const root = await navigator.storage.getDirectory();
      const w = await (await root.getFileHandle('recent-study.leo.json', { create: true })).createWritable();
      await w.write(t);
      await w.close();
      localStorage.setItem('e2e.pick.open', 'recent-study.leo.json');
    }, text);

    await menu(page, 'File').click();
    await page.getByRole('menuitem', { name: 'Open…' }).click();
    await expect(page.getByTestId('scenario-name')).toHaveValue('Recent study');
    expect(await state(page)).toMatchObject({ filePath: 'recent-study.leo.json', dirty: false });

    // Save writes back to the same file, no dialog, no download.
    let downloads = 0;
    page.on('download', () => downloads++);
    await edit(page, 'Recent study, edited');
    await page.keyboard.press('Control+s');
    await expect(toast(page)).toContainText('Saved recent-study.leo.json');
    const onDisk = await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      return (JSON.parse(await (await (await root.getFileHandle('recent-study.leo.json')).getFile()).text()) as { name: string }).name;
    });
    expect(onDisk).toBe('Recent study, edited');
    expect(downloads).toBe(0);

    // A new scenario, then the file again from Open Recent (after a restart: the list is stored).
    await menu(page, 'File').click();
    await page.getByRole('menuitem', { name: 'New scenario' }).click();
    await expect(page.getByTestId('scenario-name')).not.toHaveValue('Recent study, edited');
    await crashAndRestart(page);
    await menu(page, 'File').click();
    await page.getByRole('menuitem', { name: 'Open Recent', exact: true }).click();
    const item = page.getByRole('menu', { name: 'Open Recent' }).getByRole('menuitem', { name: 'Open recent-study.leo.json' });
    await expect(item).toBeVisible();
    await shot(page, 'open-recent-menu');
    await item.click();
    await expect(page.getByTestId('scenario-name')).toHaveValue('Recent study, edited');
    expect(await state(page)).toMatchObject({ filePath: 'recent-study.leo.json', dirty: false });

    // The file goes away: a clear message, and the entry leaves the list.
    await page.evaluate(async () => (await navigator.storage.getDirectory()).removeEntry('recent-study.leo.json'));
    await menu(page, 'File').click();
    await page.getByRole('menuitem', { name: 'Open Recent', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Open recent-study.leo.json' }).click();
    await expect(page.getByRole('alert')).toContainText('Could not open recent-study.leo.json from Open Recent');
    await expect(page.getByRole('alert')).toContainText('It was removed from the list.');
    await menu(page, 'File').click();
    await page.getByRole('menuitem', { name: 'Open Recent', exact: true }).click();
    await expect(page.getByRole('menu', { name: 'Open Recent' }).getByRole('menuitem', { name: 'No recent files' })).toBeDisabled();
  });
});

test.describe('drag and drop', () => {
  async function drop(page: Page, name: string, text: string) {
    const dt = await page.evaluateHandle(({ name, text }) => {
      const d = new DataTransfer();
      d.items.add(new File([text], name, { type: 'application/json' }));
      return d;
    }, { name, text });
    await page.dispatchEvent('main.slot--globe', 'dragover', { dataTransfer: dt });
    await page.dispatchEvent('main.slot--globe', 'drop', { dataTransfer: dt });
  }

  test('a dropped scenario opens, asking first when there are unsaved changes; an element-set file opens File › Import\'s summary', async ({ app: page }) => {
    const text = await scenarioText(page, 'Dropped study');
    await drop(page, 'dropped.leo.json', text);
    await expect(page.getByTestId('scenario-name')).toHaveValue('Dropped study');
    expect(await state(page)).toMatchObject({ filePath: 'dropped.leo.json', dirty: false });

    await edit(page, 'Work in progress');
    await drop(page, 'dropped.leo.json', text.replace('Dropped study', 'Dropped again'));
    await expect(prompt(page)).toBeVisible();
    await prompt(page).getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('scenario-name')).toHaveValue('Work in progress');
    expect(await state(page)).toMatchObject({ dirty: true, canUndo: true });

    await drop(page, 'dropped.leo.json', text.replace('Dropped study', 'Dropped again'));
    await prompt(page).getByRole('button', { name: "Don't save" }).click();
    await expect(page.getByTestId('scenario-name')).toHaveValue('Dropped again');

    const tle = 'ISS (ZARYA)\n1 25544U 98067A   24001.50000000  .00016717  00000-0  10270-3 0  9009\n2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.49815304 12349\n';
    await drop(page, 'stations.tle', tle);
    // The same summary as File › Import; nothing changes until its Import (Cancel here).
    await expect(page.getByTestId('import-read')).toHaveText('1');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('scenario-name')).toHaveValue('Dropped again');

    await drop(page, 'broken.leo.json', '{"formatVersion": 2, "constellation": ');
    await expect(page.getByRole('alert')).toContainText('Could not open broken.leo.json');
    await expect(page.getByTestId('scenario-name')).toHaveValue('Dropped again');

    // No file handle here (no File System Access): Save falls back to a download.
    const download = page.waitForEvent('download');
    await page.keyboard.press('Control+s');
    expect((await download).suggestedFilename()).toMatch(/^dropped-again.*\.json$/);
    await expect(toast(page)).toContainText('Downloaded');
  });
});

test.describe('drag and drop with a file handle (File System Access)', () => {
  test.use({ filePickers: 'opfs' });

  test('a file dropped with its handle is saved back in place: no picker, no download', async ({ app: page }) => {
    // Playwright cannot drag a real file from the desktop, so the browser's source of handles is
    // the one stand-in: DataTransferItem.getAsFileSystemHandle() answers with the real OPFS handle
    // of the file dropped (Chromium's own handle type); the app's drop, open and save code is real.
    const text = await scenarioText(page, 'Dropped with handle');
    await page.evaluate(async (t) => {
      const root = await navigator.storage.getDirectory();
      const handle = await root.getFileHandle('dropped-handle.leo.json', { create: true });
      const w = await handle.createWritable();
      await w.write(t);
      await w.close();
      Object.defineProperty(DataTransferItem.prototype, 'getAsFileSystemHandle', { configurable: true, value: () => Promise.resolve(handle) });
      // Save must not ask where: a picker call would fail the test.
      Object.defineProperty(window, 'showSaveFilePicker', { configurable: true, value: () => Promise.reject(new Error('Save asked for a file: not saved in place')) });
    }, text);
    const dt = await page.evaluateHandle((t) => {
      const d = new DataTransfer();
      d.items.add(new File([t], 'dropped-handle.leo.json', { type: 'application/json' }));
      return d;
    }, text);
    await page.dispatchEvent('main.slot--globe', 'dragover', { dataTransfer: dt });
    await page.dispatchEvent('main.slot--globe', 'drop', { dataTransfer: dt });
    await expect(page.getByTestId('scenario-name')).toHaveValue('Dropped with handle');

    let downloads = 0;
    page.on('download', () => downloads++);
    await edit(page, 'Dropped, edited, saved in place');
    await page.keyboard.press('Control+s');
    await expect(toast(page)).toContainText('Saved dropped-handle.leo.json');
    const onDisk = await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      return (JSON.parse(await (await (await root.getFileHandle('dropped-handle.leo.json')).getFile()).text()) as { name: string }).name;
    });
    expect(onDisk).toBe('Dropped, edited, saved in place');
    expect(downloads).toBe(0);
  });
});
