// The planner's daily path: never losing work (the Save / Don't save / Cancel prompt before New
// and Open, the browser's unload guard, the unsaved mark in the title) and navigating the app
// (home view and zoom limit, readable defaults, charts, panels, shortcuts, dates).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test, waitForGlobe } from './fixtures';

const OUT = fileURLToPath(new URL('../../test-results/daily/', import.meta.url));

const state = (page: Page) => page.evaluate(() => window.__leo!.state());
const menu = (page: Page, title: string) => page.getByRole('menubar').getByRole('menuitem', { name: title, exact: true });

async function fileMenu(page: Page, item: 'New scenario' | 'Open…') {
  await menu(page, 'File').click();
  await page.getByRole('menuitem', { name: item }).click();
}

/** Renames the scenario: one undoable edit, so the document becomes dirty. */
async function edit(page: Page, name: string) {
  const field = page.getByTestId('scenario-name');
  await field.fill(name);
  await field.press('Enter');
  await expect(field).not.toBeFocused();
  await expect(field).toHaveValue(name);
}

const prompt = (page: Page) => page.getByRole('alertdialog', { name: 'Unsaved changes' });

async function expectClean(page: Page) {
  await expect(page.getByTestId('dirty-mark')).toHaveCount(0);
  await expect(page).toHaveTitle(/^[^•].* — LEO Planner$/);
  expect((await state(page)).dirty).toBe(false);
}

async function expectDirty(page: Page, name: string) {
  await expect(page.getByTestId('dirty-mark')).toBeVisible();
  await expect(page).toHaveTitle(`• ${name} — LEO Planner`);
  expect((await state(page)).dirty).toBe(true);
}

/** A scenario file to open: the default scenario under another name. */
async function scenarioFile(page: Page, name: string, fileName: string): Promise<string> {
  await page.waitForFunction(() => typeof window.__leo?.live?.scenarioJson === 'function');
  const json = JSON.parse(await page.evaluate(() => window.__leo!.live!.scenarioJson())) as { name: string };
  json.name = name;
  mkdirSync(OUT, { recursive: true });
  const path = `${OUT}${fileName}`;
  writeFileSync(path, JSON.stringify(json));
  return path;
}

test.describe('never lose work', () => {
  test('File › New with edits: Cancel keeps the edits and the undo history, Don\'t save starts a new scenario', async ({ app: page }) => {
    const original = await page.getByTestId('scenario-name').inputValue();
    await expectClean(page);
    await edit(page, 'Edited study');
    await expectDirty(page, 'Edited study');

    await fileMenu(page, 'New scenario');
    await expect(prompt(page)).toBeVisible();
    await expect(prompt(page)).toContainText('Save changes to “Edited study”?');
    await prompt(page).getByRole('button', { name: 'Cancel' }).click();
    await expect(prompt(page)).toHaveCount(0);
    await expect(page.getByTestId('scenario-name')).toHaveValue('Edited study');
    expect(await state(page)).toMatchObject({ scenarioName: 'Edited study', canUndo: true, dirty: true });

    // Undo back to the opened state clears the mark; redo sets it again.
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('scenario-name')).toHaveValue(original);
    await expectClean(page);
    await page.keyboard.press('Control+Shift+z');
    await expectDirty(page, 'Edited study');

    // Escape answers Cancel too.
    await fileMenu(page, 'New scenario');
    await expect(prompt(page)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(prompt(page)).toHaveCount(0);
    expect((await state(page)).scenarioName).toBe('Edited study');

    await fileMenu(page, 'New scenario');
    await prompt(page).getByRole('button', { name: "Don't save" }).click();
    await expect(page.getByTestId('scenario-name')).toHaveValue(original);
    expect(await state(page)).toMatchObject({ scenarioName: original, canUndo: false, dirty: false, filePath: null });
    await expectClean(page);

    // With nothing to lose there is no question.
    await fileMenu(page, 'New scenario');
    await expect(page.getByTestId('scenario-name')).toHaveValue(original);
    await expect(prompt(page)).toHaveCount(0);
  });

  test('File › New with edits: Save saves first, then starts the new scenario', async ({ app: page }) => {
    const original = await page.getByTestId('scenario-name').inputValue();
    await edit(page, 'Saved study');
    await fileMenu(page, 'New scenario');
    const download = page.waitForEvent('download');
    await prompt(page).getByRole('button', { name: 'Save', exact: true }).click();
    const d = await download;
    expect(d.suggestedFilename()).toBe('saved-study.json');
    const saved = JSON.parse(readFileSync(await d.path(), 'utf8')) as { name: string };
    expect(saved.name).toBe('Saved study');
    await expect(page.getByTestId('scenario-name')).toHaveValue(original);
    expect(await state(page)).toMatchObject({ scenarioName: original, canUndo: false, dirty: false, filePath: null });
  });

  test('File › Open with edits: Cancel keeps everything, Don\'t save opens, Save saves and then opens', async ({ app: page }) => {
    const first = await scenarioFile(page, 'Opened one', 'opened-one.json');
    const second = await scenarioFile(page, 'Opened two', 'opened-two.json');
    let choosers = 0;
    page.on('filechooser', () => choosers++);

    await edit(page, 'Work in progress');
    await fileMenu(page, 'Open…');
    await prompt(page).getByRole('button', { name: 'Cancel' }).click();
    await expect(prompt(page)).toHaveCount(0);
    // Cancel never reaches the file dialog, and the edit and its undo step are still there.
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+Shift+z');
    await expect(page.getByTestId('scenario-name')).toHaveValue('Work in progress');
    expect(choosers).toBe(0);
    expect(await state(page)).toMatchObject({ canUndo: true, dirty: true });

    await fileMenu(page, 'Open…');
    let chooser = page.waitForEvent('filechooser');
    await prompt(page).getByRole('button', { name: "Don't save" }).click();
    await (await chooser).setFiles(first);
    await expect(page.getByTestId('scenario-name')).toHaveValue('Opened one');
    expect(await state(page)).toMatchObject({ scenarioName: 'Opened one', canUndo: false, dirty: false, filePath: 'opened-one.json' });
    await expect(page.getByTestId('file-name')).toHaveText('opened-one.json');
    await expect(page).toHaveTitle('opened-one.json — LEO Planner');

    await edit(page, 'Opened one, edited');
    await expectDirty(page, 'opened-one.json');
    await fileMenu(page, 'Open…');
    const download = page.waitForEvent('download');
    chooser = page.waitForEvent('filechooser');
    await prompt(page).getByRole('button', { name: 'Save', exact: true }).click();
    const d = await download;
    expect((JSON.parse(readFileSync(await d.path(), 'utf8')) as { name: string }).name).toBe('Opened one, edited');
    await (await chooser).setFiles(second);
    await expect(page.getByTestId('scenario-name')).toHaveValue('Opened two');
    expect(await state(page)).toMatchObject({ scenarioName: 'Opened two', canUndo: false, dirty: false, filePath: 'opened-two.json' });
  });

  test('the browser asks before unloading only while there are unsaved changes', async ({ app: page }) => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.type());
      void d.dismiss(); // stay on the page
    });
    await edit(page, 'Unload guard');
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => dialogs).toEqual(['beforeunload']);
    expect(page.isClosed()).toBe(false);
    await expect(page.getByTestId('scenario-name')).toHaveValue('Unload guard');

    // Undone back to the saved state: nothing to lose, the page closes without a question.
    await page.keyboard.press('Control+z');
    await expectClean(page);
    const closed = page.waitForEvent('close');
    await page.close({ runBeforeUnload: true });
    await closed;
    expect(dialogs).toEqual(['beforeunload']);
  });
});
