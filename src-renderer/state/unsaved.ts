// Unsaved changes: what counts as dirty, the title that shows it, and the one prompt every path
// that would discard the scenario goes through (File › New, File › Open, closing the window,
// quitting). The prompt is a promise answered by the in-page dialog (ui/Overlays.tsx).
//
// Dirty is a reference comparison with the scenario as last opened or saved: commands return
// new objects and undo restores the exact `before` reference, so undoing back to the saved
// state clears the mark, while any edit that changes something sets it.
import type { AppState } from './store';
import { appStore } from './store';

export type DiscardAction = 'new' | 'open' | 'close' | 'quit';
export type UnsavedChoice = 'save' | 'discard' | 'cancel';

export const isDirty = (s: Pick<AppState, 'scenario' | 'savedScenario'>): boolean => s.scenario !== s.savedScenario;

/** The document's display name: the file it came from, or the scenario's name before a first save. */
export function documentName(s: Pick<AppState, 'filePath' | 'scenario'>): string {
  if (s.filePath) return s.filePath.split(/[\\/]/).pop() || s.filePath;
  return s.scenario.name;
}

/** "• walker.json — LEO Planner" while there are unsaved changes, "walker.json — LEO Planner" otherwise. */
export function windowTitle(name: string, dirty: boolean): string {
  return `${dirty ? '• ' : ''}${name} — LEO Planner`;
}

let answer: ((choice: UnsavedChoice) => void) | null = null;

/**
 * Shows the Save / Don't save / Cancel prompt for `action` and resolves with the choice. A second
 * prompt while one is open cancels the first (only one question is on screen at a time).
 */
export function askUnsaved(action: DiscardAction): Promise<UnsavedChoice> {
  answer?.('cancel');
  return new Promise((resolve) => {
    answer = resolve;
    appStore.setState({ unsavedPrompt: { action, name: documentName(appStore.getState()) } });
  });
}

/** Called by the dialog's buttons (and Escape, as Cancel). */
export function answerUnsaved(choice: UnsavedChoice): void {
  const resolve = answer;
  answer = null;
  appStore.setState({ unsavedPrompt: null });
  resolve?.(choice);
}
