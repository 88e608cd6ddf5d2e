// Dirty tracking and the unsaved-changes question (state/unsaved.ts) on the real store.
import { beforeEach, describe, expect, it } from 'vitest';
import { renameScenario } from '../../../src-renderer/state/commands';
import { builtinScenario } from '../../../src-renderer/state/builtinScenario';
import { appStore } from '../../../src-renderer/state/store';
import { answerUnsaved, askUnsaved, documentName, isDirty, windowTitle } from '../../../src-renderer/state/unsaved';

const s = () => appStore.getState();

beforeEach(() => s().loadScenario(builtinScenario(), null));

describe('unsaved changes', () => {
  it('an edit makes the document dirty; undoing back to the saved state clears it; saving clears it', () => {
    expect(isDirty(s())).toBe(false);
    s().execute(renameScenario('Edited'));
    expect(isDirty(s())).toBe(true);
    s().undo();
    expect(isDirty(s())).toBe(false);
    s().redo();
    expect(isDirty(s())).toBe(true);
    s().markSaved('/home/a/edited.json');
    expect(isDirty(s())).toBe(false);
    expect(documentName(s())).toBe('edited.json');
    // Undo after a save goes back to a state that differs from the file.
    s().undo();
    expect(isDirty(s())).toBe(true);
    expect(windowTitle(documentName(s()), isDirty(s()))).toBe('• edited.json — LEO Planner');
  });

  it('the question resolves with the answer and closes; a second question cancels the first', async () => {
    const first = askUnsaved('new');
    expect(s().unsavedPrompt).toEqual({ action: 'new', name: builtinScenario().name });
    const second = askUnsaved('open');
    await expect(first).resolves.toBe('cancel');
    expect(s().unsavedPrompt?.action).toBe('open');
    answerUnsaved('discard');
    await expect(second).resolves.toBe('discard');
    expect(s().unsavedPrompt).toBeNull();
  });
});
