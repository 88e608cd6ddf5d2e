// The status bar's rule for "Engine: working…": shown only after the engine has been busy for
// BUSY_SHOW_DELAY_MS without a break (driven by a fake clock, so it holds on any machine).
import { describe, expect, it } from 'vitest';
import { BUSY_SHOW_DELAY_MS, BusyIndicator, type Timers } from '../../../src-renderer/ui/busyIndicator';
import type { EngineStatus } from '../../../src-renderer/state/slices/ui';

function fakeClock() {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const api: Timers = {
    setTimeout: (fn, ms) => (timers.set(next, { at: now + ms, fn }), next++),
    clearTimeout: (h) => timers.delete(h as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= now) {
        timers.delete(id);
        t.fn();
      }
    }
  };
  return { api, advance };
}

describe('BusyIndicator', () => {
  it('a long task shows "busy" after the delay, and "ready" as soon as it ends', () => {
    const clock = fakeClock();
    const seen: EngineStatus[] = [];
    const b = new BusyIndicator((s) => seen.push(s), BUSY_SHOW_DELAY_MS, clock.api);
    b.update('ready');
    b.update('busy');
    expect(b.shown).toBe('ready');
    clock.advance(BUSY_SHOW_DELAY_MS - 1);
    expect(b.shown).toBe('ready');
    clock.advance(1);
    expect(b.shown).toBe('busy');
    b.update('ready');
    expect(seen).toEqual(['ready', 'busy', 'ready']);
  });

  it('short requests never show "busy", however many', () => {
    const clock = fakeClock();
    const seen: EngineStatus[] = [];
    const b = new BusyIndicator((s) => seen.push(s), BUSY_SHOW_DELAY_MS, clock.api);
    b.update('ready');
    for (let i = 0; i < 50; i++) {
      b.update('busy');
      clock.advance(BUSY_SHOW_DELAY_MS / 2);
      b.update('ready');
      clock.advance(BUSY_SHOW_DELAY_MS);
    }
    expect(seen).toEqual(['ready']);
  });

  it('other states show at once; a restart in the middle of work restarts the delay', () => {
    const clock = fakeClock();
    const b = new BusyIndicator(() => {}, BUSY_SHOW_DELAY_MS, clock.api);
    b.update('busy');
    clock.advance(400);
    b.update('restarting');
    expect(b.shown).toBe('restarting');
    b.update('busy');
    clock.advance(400);
    expect(b.shown).toBe('ready');
    clock.advance(100);
    expect(b.shown).toBe('busy');
    b.dispose();
  });
});
