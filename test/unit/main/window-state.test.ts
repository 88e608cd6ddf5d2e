import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  clampToDisplays,
  DEFAULT_WINDOW_STATE,
  loadWindowState,
  MIN_WINDOW_SIZE,
  parseWindowState,
  saveWindowState,
  type Rect,
  type WindowStateFs,
} from '../../../src-main/main/window-state';

const primary: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const right: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };
const realFs: WindowStateFs = { readFileSync, writeFileSync, renameSync, mkdirSync };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leo-winstate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('parseWindowState', () => {
  it('gives the defaults for a missing file', () => {
    expect(parseWindowState(undefined)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it.each(['', '{', 'null', '[]', '"text"', '42'])('gives the defaults for corrupt content %j', (text) => {
    expect(parseWindowState(text)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('keeps valid fields and drops invalid ones', () => {
    expect(parseWindowState(JSON.stringify({ x: 10, y: 20, width: 1000, height: 700, maximized: true }))).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
    // a position without its pair, a non-numeric size, a truthy-but-not-true flag
    expect(parseWindowState(JSON.stringify({ x: 10, width: 'wide', height: 700, maximized: 'yes' }))).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState(JSON.stringify({ x: 1e300, y: 0, width: -5, height: 700 }))).toEqual(DEFAULT_WINDOW_STATE);
  });
});

describe('clampToDisplays', () => {
  it('leaves a window that fits on a display alone', () => {
    const s = { x: 100, y: 50, width: 1200, height: 800, maximized: false };
    expect(clampToDisplays(s, [primary, right], primary)).toEqual(s);
  });

  it('keeps a window on the second monitor when that monitor is still there', () => {
    const s = { x: 2100, y: 100, width: 1600, height: 1000, maximized: false };
    expect(clampToDisplays(s, [primary, right], primary)).toEqual(s);
  });

  it('moves a window from an unplugged monitor to the centre of the primary display', () => {
    const s = { x: 2100, y: 100, width: 1600, height: 1000, maximized: true };
    expect(clampToDisplays(s, [primary], primary)).toEqual({ x: 160, y: 20, width: 1600, height: 1000, maximized: true });
  });

  it('pulls a half off-screen window fully onto its display', () => {
    const s = { x: -400, y: 900, width: 1200, height: 800, maximized: false };
    expect(clampToDisplays(s, [primary, right], primary)).toEqual({ x: 0, y: 240, width: 1200, height: 800, maximized: false });
  });

  it('shrinks a window larger than the display and enforces the minimum size', () => {
    const small: Rect = { x: 0, y: 0, width: 1280, height: 720 };
    expect(clampToDisplays({ x: 0, y: 0, width: 3000, height: 2000, maximized: false }, [small], small)).toEqual({ x: 0, y: 0, width: 1280, height: 720, maximized: false });
    expect(clampToDisplays({ width: 100, height: 100, maximized: false }, [primary], primary)).toEqual({ ...MIN_WINDOW_SIZE, maximized: false });
  });
});

describe('loadWindowState / saveWindowState', () => {
  it('round-trips through a real file and clamps on load', () => {
    const file = join(dir, 'window-state.json');
    const state = { x: 30, y: 40, width: 1300, height: 850, maximized: true };
    expect(saveWindowState(file, state, realFs, dir)).toBeNull();
    expect(loadWindowState(file, realFs, [primary], primary)).toEqual(state);
    expect(readdirSync(dir)).toEqual(['window-state.json']); // no temp file left behind
  });

  it('gives defaults when the file is missing or corrupt', () => {
    const file = join(dir, 'window-state.json');
    expect(loadWindowState(file, realFs, [primary], primary)).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(file, '{"width": 12');
    expect(loadWindowState(file, realFs, [primary], primary)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('writes a temp file and renames it over the target (atomic)', () => {
    const calls: string[] = [];
    const fs: WindowStateFs = {
      readFileSync: () => '',
      mkdirSync: () => calls.push('mkdir'),
      writeFileSync: (p) => calls.push(`write ${p}`),
      renameSync: (from, to) => calls.push(`rename ${from} -> ${to}`),
    };
    const file = join(dir, 'window-state.json');
    saveWindowState(file, DEFAULT_WINDOW_STATE, fs, dir);
    expect(calls).toHaveLength(3);
    const tmp = calls[1]!.slice('write '.length);
    expect(tmp).not.toBe(file);
    expect(tmp.startsWith(`${file}.`)).toBe(true);
    expect(calls[2]).toBe(`rename ${tmp} -> ${file}`);
  });

  it('keeps the old file when the write fails, and reports instead of throwing', () => {
    const file = join(dir, 'window-state.json');
    writeFileSync(file, JSON.stringify({ width: 1000, height: 700, maximized: false }));
    const failing: WindowStateFs = { ...realFs, writeFileSync: () => { throw new Error('ENOSPC: disk full'); } };
    const err = saveWindowState(file, { width: 1500, height: 900, maximized: true }, failing, dir);
    expect(err?.message).toMatch(/ENOSPC/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ width: 1000, height: 700, maximized: false });
  });
});
