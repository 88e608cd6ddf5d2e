// Never lose work on close or quit: the decision logic between Electron's window `close` /
// app `before-quit` events and the page's Save / Don't save / Cancel prompt. Pure (Electron is
// injected) so the unit tests drive every path.
//
// Flow: a close (or a quit, which closes the window) while the document is dirty is prevented
// and the page is asked (CLOSE_REQUEST_EVENT); the page shows its prompt, saves if asked to, and
// answers. Proceed closes the window, or quits when a quit started it; Cancel keeps everything.
// When the page cannot answer (its renderer crashed or hangs), a native dialog offers
// Don't save / Cancel: saving needs the page, but the user must still be able to close.
import type { CloseReason } from '../preload/api';

export interface CloseGuardHost {
  isDirty(): boolean;
  /** Sends the close request to the page; false when it has no live, responsive page. */
  askPage(reason: CloseReason): boolean;
  /** Native fallback: resolves true when the user chose to close without saving. */
  confirmDiscard(reason: CloseReason): Promise<boolean>;
  closeWindow(): void;
  quitApp(): void;
}

export interface CloseGuard {
  /** From app 'before-quit': the next window close is part of a quit. */
  onBeforeQuit(): void;
  /** From the window's 'close' event. */
  onClose(event: { preventDefault(): void }): void;
  /** The page's answer; false when no request was pending (the answer is ignored). */
  answer(proceed: boolean): boolean;
  /** True while the page has been asked and has not answered. */
  readonly pending: CloseReason | null;
}

export function createCloseGuard(host: CloseGuardHost): CloseGuard {
  let quitting = false;
  let pending: CloseReason | null = null;
  // Who was asked: the page (answers through answer()) or the native fallback dialog.
  let asked: 'page' | 'native' = 'page';
  // Set once the user agreed: the close (or quit) we then start must go through.
  let allowed = false;

  const proceed = (reason: CloseReason): void => {
    allowed = true;
    if (reason === 'quit') host.quitApp();
    else host.closeWindow();
  };

  const cancel = (): void => {
    quitting = false;
  };

  return {
    get pending() {
      return pending;
    },
    onBeforeQuit() {
      quitting = true;
    },
    onClose(event) {
      if (allowed || !host.isDirty()) return;
      event.preventDefault();
      const reason: CloseReason = quitting ? 'quit' : 'close';
      if (pending !== null) {
        // The prompt is already up; a quit while it is open upgrades the request.
        if (reason === 'quit') pending = 'quit';
        return;
      }
      pending = reason;
      asked = host.askPage(reason) ? 'page' : 'native';
      if (asked === 'page') return;
      void host.confirmDiscard(reason).then(
        (discard) => {
          const r = pending ?? reason;
          pending = null;
          if (discard) proceed(r);
          else cancel();
        },
        () => {
          pending = null;
          cancel();
        },
      );
    },
    answer(ok) {
      if (pending === null || asked !== 'page') return false;
      const reason = pending;
      pending = null;
      if (ok) proceed(reason);
      else cancel();
      return true;
    },
  };
}
