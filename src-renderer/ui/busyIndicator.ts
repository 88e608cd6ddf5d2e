// When the status bar says the engine is working: only once it has been busy for a while. The
// rule lives here, apart from React, so a unit test can drive it with a fake clock; the e2e tests
// check the field against the engine's own status log instead of waiting for a UI state.
import type { EngineStatus } from '../state/slices/ui';

/**
 * How long the engine must stay busy before the bar says so. During playback the globe asks for
 * laser and feeder-beam state a few times a second, each answered in ~20 ms: shown at once, the
 * field would blink "working…" every half second. Long work (coverage, optimisation) still shows.
 */
export const BUSY_SHOW_DELAY_MS = 500;

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Follows the engine status and reports the status to show: 'busy' only after it has lasted
 * `delayMs` without a break; every other status at once. `onChange` is called when the shown
 * status changes.
 */
export class BusyIndicator {
  private engine: EngineStatus = 'not-started';
  private busyShown = false;
  private timer: unknown = null;

  constructor(
    private readonly onChange: (shown: EngineStatus) => void,
    private readonly delayMs = BUSY_SHOW_DELAY_MS,
    private readonly timers: Timers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) },
  ) {}

  get shown(): EngineStatus {
    return this.engine === 'busy' && !this.busyShown ? 'ready' : this.engine;
  }

  update(engine: EngineStatus): void {
    if (engine === this.engine) return;
    const before = this.shown;
    this.engine = engine;
    this.cancel();
    this.busyShown = false;
    if (engine === 'busy') {
      this.timer = this.timers.setTimeout(() => {
        this.timer = null;
        this.busyShown = true;
        this.onChange(this.shown);
      }, this.delayMs);
    }
    if (this.shown !== before) this.onChange(this.shown);
  }

  dispose(): void {
    this.cancel();
  }

  private cancel(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
